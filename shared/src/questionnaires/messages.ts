/**
 * Every user-facing string the questionnaire modules produce (engine issues,
 * statuses, risk levels, wave kinds), in one place so the app's message
 * catalogue can map or override them. Form wording lives in the form
 * definitions (`forms/*.ts`); nothing else in `questionnaires/` holds Russian text.
 */

/** Codes of the issues the engine reports at a question. */
export type IssueCode =
  | 'required'
  | 'conflict'
  | 'wrongType'
  | 'unknownOption'
  | 'numberMin'
  | 'numberMax'
  | 'integer'
  | 'scaleRange'
  | 'tooLong'
  | 'pattern'
  | 'dateFormat'
  | 'dateMin'
  | 'dateMax'
  | 'minSelected'
  | 'maxSelected'
  | 'exclusive'
  | 'minRows'
  | 'maxRows'
  | 'constraint';

/** Parameters interpolated into a message (`{min}` etc.). */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Russian templates of the engine's issues; `{name}` is replaced by a parameter. */
export const ISSUE_MESSAGES: Readonly<Record<IssueCode, string>> = {
  required: 'Ответьте на этот вопрос',
  conflict: 'Два разных ответа: выберите один',
  wrongType: 'Ответ не подходит к этому вопросу',
  unknownOption: 'Такого варианта ответа нет',
  numberMin: 'Значение не может быть меньше {min}',
  numberMax: 'Значение не может быть больше {max}',
  integer: 'Введите целое число',
  scaleRange: 'Выберите значение от {min} до {max}',
  tooLong: 'Не более {max} символов',
  pattern: '{message}',
  dateFormat: 'Введите дату в формате ДД.ММ.ГГГГ',
  dateMin: 'Дата не может быть раньше {min}',
  dateMax: 'Дата не может быть позже {max}',
  minSelected: 'Выберите не менее {min}',
  maxSelected: 'Выберите не более {max}',
  exclusive: 'Вариант «{label}» нельзя сочетать с другими',
  minRows: 'Добавьте не менее {min} строк',
  maxRows: 'Не более {max} строк',
  constraint: '{message}',
};

/** Fills `{name}` placeholders of a template. */
export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    params[name] === undefined ? m : String(params[name]),
  );
}

/** The Russian text of an issue. */
export function issueMessage(code: IssueCode, params: MessageParams = {}): string {
  return formatMessage(ISSUE_MESSAGES[code], params);
}

/** Shown at a question with two concurrent answers (issue 4). */
export const CONFLICT_TITLE = 'Два разных ответа';

/** Labels of the questionnaire statuses. */
export const STATUS_LABELS = {
  draft: 'Заполняется',
  submitted: 'На проверке',
  returned: 'Возвращена на доработку',
  accepted: 'Принята',
} as const;

/** Labels of the status actions. */
export const STATUS_ACTION_LABELS = {
  submit: 'Отправить на проверку',
  return: 'Вернуть на доработку',
  accept: 'Принять',
  reopen: 'Продолжить заполнение',
} as const;

/** Labels of risk levels. */
export const RISK_LEVEL_LABELS = {
  high: 'высокий',
  medium: 'средний',
  low: 'низкий',
  unknown: 'недостаточно данных',
} as const;

/** Labels of monitoring wave kinds. */
export const WAVE_KIND_LABELS = {
  entry: 'Входной мониторинг',
  mid: 'Промежуточный мониторинг',
  final: 'Итоговый мониторинг',
} as const;

/** Labels of yes/no answers. */
export const YES_NO_LABELS = { yes: 'Да', no: 'Нет' } as const;
