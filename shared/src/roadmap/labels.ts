/**
 * Russian user-facing text of the roadmap module, in one place so the app's
 * message catalogue can map it. Code uses the English keys; screens and the
 * report look the words up here.
 */
import type {
  IndicatorDirection,
  IndicatorState,
  MeasureStatus,
  PriorityDirection,
  ResourceLevel,
} from './types.ts';

/** Priority directions of change (seed 000: "Выделить приоритетные направления изменений (2-4)"). */
export const PRIORITY_DIRECTION_LABELS_RU: Record<PriorityDirection, string> = {
  subject_results: 'Предметные результаты',
  assessment: 'Оценивание и учёт результатов',
  parents: 'Партнёрство с родителями',
  professional_growth: 'Поддержка профессионального развития',
  other: 'Другое направление',
};

/** Measure statuses. */
export const MEASURE_STATUS_LABELS_RU: Record<MeasureStatus, string> = {
  planned: 'Запланировано',
  in_progress: 'Выполняется',
  done: 'Выполнено',
  cancelled: 'Отменено',
};

/** Indicator directions. */
export const INDICATOR_DIRECTION_LABELS_RU: Record<IndicatorDirection, string> = {
  higher_is_better: 'Чем больше, тем лучше',
  lower_is_better: 'Чем меньше, тем лучше',
};

/** Indicator progress states. */
export const INDICATOR_STATE_LABELS_RU: Record<IndicatorState, string> = {
  reached: 'Цель достигнута',
  on_track: 'По плану',
  behind: 'Отстаёт',
  no_data: 'Нет данных',
  not_set: 'Не заданы базовое и целевое значения',
};

/** Levels of external resources. */
export const RESOURCE_LEVEL_LABELS_RU: Record<ResourceLevel, string> = {
  municipal: 'Муниципальный',
  regional: 'Региональный',
  federal: 'Федеральный',
  partner: 'Школа-партнёр, сетевое взаимодействие',
  other: 'Другое',
};

/** Messages of the SMART check. */
export const SMART_ISSUE_LABELS_RU = {
  empty: 'Цель не сформулирована',
  no_number: 'В цели нет измеримого значения (числа, процента)',
  no_date: 'В цели не указан срок достижения',
} as const;

/** Words of the analytical report (аналитическая справка, seed 004). */
export const REPORT_LABELS_RU = {
  title: 'Аналитическая справка о реализации программы перехода школы в эффективный режим работы',
  general: 'Общие сведения',
  school: 'Образовательная организация',
  year: 'Год',
  period: 'Срок реализации',
  generatedOn: 'Дата формирования',
  problemCount: 'Ключевых проблем',
  directions: 'Приоритетные направления',
  noDirections: 'Приоритетные направления не выбраны',
  directionsCount: 'Выбрано направлений: {n} (рекомендуется от 2 до 4)',
  problems: 'Ключевые проблемы и факторы риска',
  problem: 'Проблема',
  factors: 'Факторы риска',
  goal: 'Цель',
  smart: 'Проверка цели (SMART)',
  smartOk: 'Цель измерима и определена во времени',
  tasks: 'Задачи',
  indicators: 'Показатели',
  indicator: 'Показатель',
  unit: 'Ед. изм.',
  baseline: 'Базовое значение',
  target: 'Целевое значение',
  latest: 'Текущее значение',
  latestDate: 'Дата измерения',
  state: 'Состояние',
  method: 'Способ сбора данных',
  measures: 'План мероприятий',
  measure: 'Мероприятие',
  periodCol: 'Сроки',
  responsible: 'Ответственный',
  status: 'Статус',
  late: 'Просрочено',
  evidence: 'Подтверждающие материалы',
  analysis: 'Подходы к анализу результатов',
  criteriaQualitative: 'Качественные критерии успеха',
  criteriaQuantitative: 'Количественные критерии успеха',
  problemConclusion: 'Выводы по проблеме',
  execution: 'Выполнение плана мероприятий',
  total: 'Всего',
  done: 'Выполнено',
  inProgress: 'Выполняется',
  planned: 'Запланировано',
  cancelled: 'Отменено',
  lateCount: 'Просрочено',
  indicatorsProgress: 'Достижение показателей',
  resources: 'Внешние ресурсы',
  noResources: 'Внешние ресурсы не указаны',
  conclusions: 'Выводы',
  decisions: 'Управленческие решения и обоснование принимаемых мер',
  notFilled: 'не заполнено',
  noValue: '—',
  unlinked: 'Проблемы, не связанные с факторами риска',
} as const;

/** Title of an anti-risk programme for a factor. */
export function antiRiskTitleRu(factorTitle: string): string {
  return `Антирисковая программа: ${factorTitle}`;
}
