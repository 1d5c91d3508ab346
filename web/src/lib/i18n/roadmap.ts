/**
 * Texts of the roadmap screens (programme, roadmap, anti-risk programmes,
 * progress, comments, history, the analytical report). The words of the domain
 * itself (statuses, directions, report headings) come from shared/roadmap's
 * labels, so the report and the screens say the same thing.
 */
import {
  INDICATOR_DIRECTION_LABELS_RU,
  INDICATOR_STATE_LABELS_RU,
  MEASURE_STATUS_LABELS_RU,
  PRIORITY_DIRECTION_LABELS_RU,
  RESOURCE_LEVEL_LABELS_RU,
  SMART_ISSUE_LABELS_RU,
  RISK_FACTORS,
  type ChangeEntry,
  type HistoryAction,
  type HistoryEntry,
  type TargetKind,
} from '@opora/shared';
import { plural } from './plural';

const measuresW = {
  one: 'мероприятие',
  few: 'мероприятия',
  many: 'мероприятий',
  other: 'мероприятия',
};
const indicatorsW = {
  one: 'показатель',
  few: 'показателя',
  many: 'показателей',
  other: 'показателя',
};
const commentsW = {
  one: 'комментарий',
  few: 'комментария',
  many: 'комментариев',
  other: 'комментария',
};
const conflictsW = { one: 'поле', few: 'поля', many: 'полей', other: 'поля' };

const dateFmt = new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long', year: 'numeric' });

/** «1 сентября 2031 г.» from YYYY-MM-DD; '—' when empty. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return dateFmt.format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** A number with a decimal comma. */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return String(Math.round(n * 1000) / 1000).replace('.', ',');
}

const TARGET_LABELS: Record<TargetKind, string> = {
  roadmap: 'дорожная карта',
  problem: 'проблема',
  task: 'задача',
  indicator: 'показатель',
  measure: 'мероприятие',
  direction: 'приоритетное направление',
  resource: 'внешний ресурс',
  report: 'аналитическая справка',
  comment: 'комментарий',
};

/** Targets as the object of a history sentence («изменил(а) проблему …»). */
const TARGET_OBJECTS: Record<TargetKind, string> = {
  roadmap: 'дорожную карту',
  problem: 'проблему',
  task: 'задачу',
  indicator: 'показатель',
  measure: 'мероприятие',
  direction: 'приоритетное направление',
  resource: 'внешний ресурс',
  report: 'аналитическую справку',
  comment: 'комментарий',
};

const ACTION_LABELS: Record<HistoryAction, string> = {
  create: 'добавил(а)',
  update: 'изменил(а)',
  delete: 'удалил(а)',
  move: 'переместил(а)',
  edit_text: 'отредактировал(а)',
  resolve: 'закрыл(а)',
  reopen: 'открыл(а) снова',
};

const day = /* @__PURE__ */ new Intl.DateTimeFormat('ru', { dateStyle: 'long' });

/**
 * One history entry as a sentence: «изменил(а) мероприятие «Семинар», статус:
 * Выполнено». `target` names the kind, `field` the field, `value` words a
 * field's new value (codes become their Russian labels; dates are spelled out).
 * Shared by the roadmap's and the tutoring plan's histories.
 */
export function changeSentence(
  h: ChangeEntry,
  target: string,
  field: (f: string) => string,
  value: (h: ChangeEntry) => string | null,
): string {
  let out = `${ACTION_LABELS[h.action] ?? h.action} ${target}${h.label ? ` «${h.label}»` : ''}`;
  const name = h.field ? field(h.field) : '';
  const v = h.field ? value(h) : null;
  if (name) out += `, ${name}${v ? `: ${v}` : ''}`;
  else if (v) out += `: ${v}`;
  return out;
}

/** A value as a person reads it: dates spelled out, yes/no, numbers and texts as they are. */
export function plainValue(v: string | number | boolean | null): string | null {
  if (v === null || v === '') return null;
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    return day.format(new Date(`${v}T12:00:00`));
  return typeof v === 'number' ? String(v).replace('.', ',') : v;
}

/** A set's member added or removed (`-code` removes), named by `name`. */
export function memberChange(v: string, name: (code: string) => string): string {
  return v.startsWith('-') ? `убрано «${name(v.slice(1))}»` : `добавлено «${name(v)}»`;
}

const labelOf = <K extends string>(labels: Record<K, string>, code: string): string =>
  (labels as Record<string, string>)[code] ?? code;

function roadmapValue(h: ChangeEntry): string | null {
  const v = h.value;
  switch (h.field) {
    case 'values':
      return typeof v === 'number' ? `добавлено ${plainValue(v)}` : 'одно значение удалено';
    case 'evidence':
      return typeof v === 'string' ? `добавлено «${v}»` : 'одно подтверждение удалено';
    case 'factors':
      return typeof v === 'string'
        ? memberChange(v, (id) => RISK_FACTORS.find((f) => f.id === id)?.title ?? id)
        : null;
    case 'directions':
      return typeof v === 'string'
        ? memberChange(v, (c) => labelOf(PRIORITY_DIRECTION_LABELS_RU, c))
        : null;
    case 'status':
      return typeof v === 'string' ? labelOf(MEASURE_STATUS_LABELS_RU, v) : null;
    case 'direction':
      return typeof v === 'string' ? labelOf(INDICATOR_DIRECTION_LABELS_RU, v) : null;
    case 'level':
      return typeof v === 'string' ? labelOf(RESOURCE_LEVEL_LABELS_RU, v) : null;
    default:
      return plainValue(v);
  }
}

/** A roadmap history entry as a sentence. */
function describeRoadmapChange(h: HistoryEntry): string {
  // Report sections and priority directions are stored by key; show their words.
  const label =
    h.targetKind === 'report'
      ? ''
      : h.targetKind === 'direction'
        ? labelOf(PRIORITY_DIRECTION_LABELS_RU, h.label)
        : h.label;
  return changeSentence(
    { ...h, label },
    TARGET_OBJECTS[h.targetKind] ?? h.targetKind,
    (f) => (f === 'text' ? '' : (FIELD_LABELS[f] ?? f)),
    roadmapValue,
  );
}

const FIELD_LABELS: Record<string, string> = {
  title: 'название',
  description: 'описание',
  goal: 'цель',
  analysis: 'подходы к анализу',
  criteriaQualitative: 'качественные критерии',
  criteriaQuantitative: 'количественные критерии',
  text: 'текст',
  name: 'название',
  method: 'способ сбора данных',
  unit: 'единица измерения',
  baseline: 'базовое значение',
  target: 'целевое значение',
  targetDate: 'срок достижения',
  direction: 'направление',
  values: 'значения',
  start: 'начало',
  end: 'окончание',
  responsible: 'ответственный',
  status: 'статус',
  evidence: 'подтверждения',
  factors: 'факторы риска',
  directions: 'приоритетные направления',
  level: 'уровень',
  url: 'ссылка',
  periodStart: 'начало срока',
  periodEnd: 'окончание срока',
  resolved: 'закрыт',
  conclusion: 'вывод',
};

/** The catalogue. */
export const tr = {
  tabs: {
    label: 'Разделы дорожной карты',
    plan: 'Программа и дорожная карта',
    progress: 'Прогресс',
    antiRisk: 'Антирисковые программы',
    comments: 'Комментарии',
    history: 'История изменений',
    report: 'Аналитическая справка',
  },
  readOnly: 'Только чтение: у вас нет права менять эту дорожную карту.',
  savedLocally: 'Изменения сохраняются на устройстве сразу и отправляются при связи.',
  loading: 'Загрузка дорожной карты…',
  /** Shown while the last saved view is on screen, read-only, before the document loads. */
  loadingLive: 'Загрузка…',
  general: {
    title: 'Общие сведения',
    name: 'Название программы',
    periodStart: 'Начало реализации',
    periodEnd: 'Окончание реализации',
  },
  directions: {
    title: 'Приоритетные направления',
    hint: 'Выберите от 2 до 4 направлений.',
    countWarning: (n: number) => `Выбрано: ${n}. Рекомендуется от 2 до 4 направлений.`,
    labels: PRIORITY_DIRECTION_LABELS_RU,
    otherTitle: 'Своё направление',
    addOther: 'Добавить своё направление',
    remove: (title: string) => `Убрать направление «${title}»`,
  },
  problems: {
    title: 'Ключевые проблемы',
    empty: 'Ключевые проблемы ещё не добавлены.',
    newTitle: 'Новая ключевая проблема',
    add: 'Добавить проблему',
    heading: (n: number, title: string) => `Проблема ${n}. ${title || 'без названия'}`,
    expand: 'Развернуть',
    collapse: 'Свернуть',
    titleField: 'Формулировка проблемы',
    description: 'Описание (причины, данные диагностики)',
    factors: 'Факторы риска, на которые направлена работа',
    directions: 'Приоритетные направления проблемы',
    goal: 'Цель (SMART: конкретная, измеримая, достижимая, реалистичная, со сроком)',
    smartOk: 'Цель измерима и определена во времени.',
    smartIssues: SMART_ISSUE_LABELS_RU,
    tasks: 'Задачи',
    task: (n: number) => `Задача ${n}`,
    newTask: 'Новая задача',
    addTask: 'Добавить задачу',
    analysis: 'Подходы к анализу текущих значений',
    criteriaQualitative: 'Качественные критерии успеха',
    criteriaQuantitative: 'Количественные критерии успеха',
    cycle: 'Полнота управленческого цикла',
    cycleParts: {
      goalAndTasks: 'а) цель и задачи',
      indicators: 'б) показатели',
      dataCollection: 'в) способ сбора данных',
      measures: 'г) план мероприятий',
      analysisAndCriteria: 'д) анализ и критерии успеха',
    },
    filled: 'заполнено',
    missing: 'не заполнено',
    counts: (m: number, i: number) =>
      `${m} ${plural(m, measuresW)}, ${i} ${plural(i, indicatorsW)}`,
    delete: 'Удалить проблему',
    deleteConfirm: (title: string) =>
      `Удалить проблему «${title || 'без названия'}» со всеми задачами, показателями и мероприятиями? Это изменение получат все участники.`,
  },
  tasks: {
    delete: (n: number) => `Удалить задачу ${n}`,
    deleteConfirm: (n: number) => `Удалить задачу ${n}?`,
  },
  indicators: {
    title: 'Показатели',
    heading: (n: number, name: string) => `Показатель ${n}. ${name || 'без названия'}`,
    newName: 'Новый показатель',
    add: 'Добавить показатель',
    name: 'Название показателя',
    method: 'Способ сбора данных',
    unit: 'Единица измерения',
    baseline: 'Базовое значение',
    target: 'Целевое значение',
    targetDate: 'Срок достижения цели',
    direction: 'Направление',
    directions: INDICATOR_DIRECTION_LABELS_RU,
    states: INDICATOR_STATE_LABELS_RU,
    values: 'Значения по датам',
    noValues: 'Значения ещё не вносились.',
    valueDate: 'Дата измерения',
    value: 'Значение',
    valueNote: 'Примечание',
    addValue: 'Добавить значение',
    valueBy: (name: string) => `внёс(ла) ${name}`,
    deleteValue: (date: string) => `Удалить значение от ${date}`,
    deleteValueConfirm: 'Удалить это значение показателя?',
    delete: 'Удалить показатель',
    deleteConfirm: (name: string) =>
      `Удалить показатель «${name || 'без названия'}» со всеми значениями?`,
    badNumber: 'Введите число, например 42 или 3,5.',
    badDate: 'Укажите дату.',
  },
  measures: {
    title: 'План мероприятий',
    heading: (n: number, title: string) => `Мероприятие ${n}. ${title || 'без названия'}`,
    newTitle: 'Новое мероприятие',
    add: 'Добавить мероприятие',
    name: 'Название мероприятия',
    description: 'Содержание',
    start: 'Начало',
    end: 'Окончание',
    responsible: 'Ответственный',
    status: 'Статус',
    statuses: MEASURE_STATUS_LABELS_RU,
    late: (days: number) =>
      `Просрочено на ${days} ${plural(days, { one: 'день', few: 'дня', many: 'дней', other: 'дня' })}`,
    evidence: 'Подтверждающие материалы',
    noEvidence: 'Материалы не приложены.',
    evidenceKind: 'Вид',
    evidenceKinds: { note: 'Заметка', link: 'Ссылка на документ' },
    evidenceText: 'Описание',
    evidenceUrl: 'Адрес ссылки',
    addEvidence: 'Приложить',
    removeEvidence: (text: string) => `Убрать материал «${text}»`,
    removeEvidenceConfirm: 'Убрать этот подтверждающий материал?',
    delete: 'Удалить мероприятие',
    deleteConfirm: (title: string) => `Удалить мероприятие «${title || 'без названия'}»?`,
    emptyText: 'Заполните описание или ссылку.',
  },
  resources: {
    title: 'Внешние ресурсы',
    empty: 'Внешние ресурсы не указаны.',
    newTitle: 'Новый ресурс',
    add: 'Добавить ресурс',
    name: 'Ресурс',
    description: 'Как используется',
    level: 'Уровень',
    levels: RESOURCE_LEVEL_LABELS_RU,
    url: 'Ссылка',
    heading: (n: number, title: string) => `Ресурс ${n}. ${title || 'без названия'}`,
    delete: 'Удалить ресурс',
    deleteConfirm: (title: string) => `Удалить внешний ресурс «${title || 'без названия'}»?`,
  },
  conflict: {
    title: 'Одновременное изменение на разных устройствах',
    explain: 'Выберите значение, которое нужно оставить:',
    by: (name: string, when: string) => `${name}, ${when}`,
    keep: (value: string) => `Оставить «${value}»`,
    banner: (n: number) =>
      `${n} ${plural(n, conflictsW)} изменены одновременно на разных устройствах — выберите, какое значение оставить.`,
    empty: 'пусто',
    mergeTexts: 'Объединить варианты',
    show: 'Показать',
    variants: 'Варианты текста, написанные одновременно:',
  },
  comments: {
    title: 'Комментарии',
    toggle: (n: number) => (n === 0 ? 'Комментировать' : `Комментарии (${n})`),
    write: 'Комментировать',
    writeFor: (what: string) => `Комментировать: ${what}`,
    newLabel: (what: string) => `Комментарий: ${what}`,
    add: 'Отправить комментарий',
    resolve: 'Отметить решённым',
    reopen: 'Открыть снова',
    resolved: 'решён',
    empty: 'Комментариев нет.',
    openCount: (n: number) => `${n} ${plural(n, commentsW)} ждут ответа`,
    onTarget: (kind: TargetKind, label: string) =>
      `${TARGET_LABELS[kind]}${label ? ` «${label}»` : ''}`,
    deletedTarget: 'элемент удалён',
    emptyText: 'Напишите текст комментария.',
    showResolved: 'Показать решённые',
    whole: 'дорожная карта в целом',
  },
  history: {
    title: 'История изменений',
    empty: 'Изменений пока нет.',
    describe: describeRoadmapChange,
    field: (field: string) => FIELD_LABELS[field] ?? field,
    more: 'Показать ещё',
    someone: 'Участник',
  },
  progress: {
    title: 'Прогресс',
    measures: 'Мероприятия',
    indicators: 'Показатели',
    measureCounts: (total: number, done: number, late: number) =>
      `Всего ${total}: выполнено ${done}, просрочено ${late}`,
    indicatorCounts: (total: number, reached: number, onTrack: number, behind: number) =>
      `Всего ${total}: достигнуто ${reached}, по плану ${onTrack}, отстаёт ${behind}`,
    legend: {
      done: 'выполнено',
      inProgress: 'выполняется',
      planned: 'запланировано',
      cancelled: 'отменено',
      late: 'просрочено',
      reached: 'цель достигнута',
      onTrack: 'по плану',
      behind: 'отстаёт',
      noData: 'нет данных',
    },
    lateList: 'Просроченные мероприятия',
    noLate: 'Просроченных мероприятий нет.',
    chartLabel: (name: string, state: string) => `График показателя «${name}»: ${state}`,
    chartBaseline: 'базовое',
    chartTarget: 'цель',
    chartExpected: 'ожидаемое',
  },
  antiRisk: {
    title: 'Антирисковые программы',
    hint: 'Программа по каждому фактору риска — это проблемы дорожной карты, связанные с ним. Изменения вносятся в дорожную карту.',
    empty: 'Проблемы ещё не связаны с факторами риска.',
    noProblems: 'Проблемы для этого фактора не добавлены.',
    unlinked: 'Проблемы без фактора риска',
    openProblem: (title: string) => `Открыть проблему «${title || 'без названия'}»`,
    showEmpty: 'Показывать факторы без проблем',
  },
  report: {
    open: 'Открыть аналитическую справку',
    print: 'Печать / сохранить в PDF',
    back: 'К дорожной карте',
    conclusionHint: 'Вывод пишется вручную и сохраняется в дорожной карте.',
    notRoadmap: 'Аналитическая справка есть только у дорожной карты.',
    empty: 'не заполнено',
  },
  errors: {
    generic: 'Не удалось сохранить изменение. Обновите страницу и попробуйте снова.',
    emptyTitle: 'Введите название.',
    otherTitle: 'Введите название своего направления.',
  },
  unknownUser: 'участник',
  cancel: 'Отмена',
  save: 'Сохранить',
} as const;
