/**
 * Russian texts of curator visits and interviews (собеседования): labels of the
 * criteria a–e of seed 001, levels, step states, and the visit checklist.
 */

/** Kinds of a visit report. */
export const VISIT_KIND_LABELS = {
  visit: 'Посещение школы',
  interview: 'Собеседование с директором',
} as const;

/** Where a visit stands. */
export const VISIT_STATUS_LABELS = {
  planned: 'Запланировано',
  done: 'Проведено',
  cancelled: 'Отменено',
} as const;

/** Why an interview is held (seed 004, «Собеседование с директорами с целью …»). */
export const INTERVIEW_PURPOSE_LABELS = {
  agreeIndicators: 'Согласование показателей программы перехода (ППЭРР, АРП)',
  findCauses: 'Выявление причин низких результатов, согласование планов',
  reviewCorrections: 'Анализ внесённых корректив',
  other: 'Другое',
} as const;

/**
 * The management-cycle criteria an expert checks for each key problem of the
 * programme (seed 001, section 2.2, items а–д).
 */
export const CRITERION_LABELS = {
  a: 'а) Цели и задачи по решению проблемы',
  b: 'б) Измеримые показатели продвижения к цели, не стимулирующие негативных действий',
  c: 'в) Система сбора данных для расчёта показателей',
  d: 'г) План мероприятий, направленных на решение проблемы',
  e: 'д) Подходы к анализу значений показателей и критерии того, что меры дали результат',
} as const;

/** How well a criterion is met. */
export const CRITERION_LEVEL_LABELS = {
  met: 'Соответствует',
  partly: 'Частично соответствует',
  notMet: 'Не соответствует',
} as const;

/** Where an agreed next step stands. */
export const STEP_STATE_LABELS = {
  proposed: 'Предложено, ждёт решения школы',
  accepted: 'Принято школой',
  declined: 'Отклонено школой',
  done: 'Выполнено',
} as const;

/** What an accepted step becomes in the roadmap. */
export const STEP_TARGET_LABELS = {
  measure: 'Мероприятие дорожной карты',
  comment: 'Комментарий к дорожной карте',
} as const;

/** Texts of the visit checklist items. */
export const CHECKLIST_TEXT = {
  collectQuestionnaire: 'Собрать анкету',
  startQuestionnaire: 'Анкета не начата',
  reviewLateMeasure: 'Обсудить просроченное мероприятие',
  reviewDueMeasure: 'Проверить мероприятие со сроком до визита',
  stepAwaitingSchool: 'Шаг ждёт решения школы',
  stepInProgress: 'Проверить выполнение согласованного шага',
  recheckCriterion: 'Повторно оценить критерий',
  filled: (filled: number, total: number): string => `заполнено ${filled} из ${total}`,
  dueOn: (date: string): string => `срок ${date}`,
} as const;
