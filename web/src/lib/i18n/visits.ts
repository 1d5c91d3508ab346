/**
 * Texts of the curator's visit reports, interviews and the curator's home, in
 * Russian. Labels of criteria a–e, levels, step states and checklist items come
 * from shared/src/visits/messages.ts, so the app and the dashboards agree.
 */
import {
  CRITERION_LABELS,
  CRITERION_LEVEL_LABELS,
  INTERVIEW_PURPOSE_LABELS,
  STEP_STATE_LABELS,
  STEP_TARGET_LABELS,
  VISIT_KIND_LABELS,
  VISIT_STATUS_LABELS,
} from '@opora/shared/visits/messages';
import { plural } from './plural';

const dayFormat = new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long', year: 'numeric' });

/** «12 марта 2026 г.» for `2026-03-12` ('' for an empty or bad date). */
export function formatDay(date: string | null): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return '';
  return dayFormat.format(new Date(`${date}T12:00:00Z`));
}

const changes = { one: 'изменение', few: 'изменения', many: 'изменений', other: 'изменения' };
const questionnaires = { one: 'анкета', few: 'анкеты', many: 'анкет', other: 'анкеты' };
const steps = { one: 'шаг', few: 'шага', many: 'шагов', other: 'шага' };

/** The catalogue of visits. */
export const tv = {
  kinds: VISIT_KIND_LABELS,
  statuses: VISIT_STATUS_LABELS,
  purposes: INTERVIEW_PURPOSE_LABELS,
  criteria: CRITERION_LABELS,
  levels: CRITERION_LEVEL_LABELS,
  stepStates: STEP_STATE_LABELS,
  stepTargets: STEP_TARGET_LABELS,
  title: (kind: keyof typeof VISIT_KIND_LABELS, date: string | null) =>
    date ? `${VISIT_KIND_LABELS[kind]} ${formatDay(date)}` : VISIT_KIND_LABELS[kind],
  editor: {
    empty: 'Отчёт о посещении ещё не заполнен на этом устройстве.',
    start: 'Начать отчёт',
    general: 'Посещение',
    kind: 'Вид',
    date: 'Дата',
    status: 'Состояние',
    purpose: 'Цель собеседования',
    participants: 'Участники',
    participantName: 'ФИО',
    participantRole: 'Должность',
    addParticipant: 'Добавить участника',
    removeParticipant: (name: string) => `Убрать участника: ${name}`,
    noParticipants: 'Участники не указаны.',
    observations: 'Что увидели',
    observationsHint: 'Уроки, занятия, встречи с командой школы.',
    evaluation: 'Экспертная оценка программы',
    evaluationHint:
      'Для каждой ключевой проблемы программы — полный управленческий цикл (критерии а–д).',
    level: 'Оценка',
    notEvaluated: 'Не оценено',
    comment: 'Комментарий',
    changesSeen: 'Изменения в школе',
    changesSeenHint: 'Что изменилось со времени прошлого посещения.',
    steps: 'Согласованные шаги',
    stepsHint:
      'Куратор предлагает шаги, школа принимает или отклоняет их. Принятый шаг становится мероприятием или комментарием дорожной карты.',
    noSteps: 'Шагов пока нет.',
    stepText: 'Что сделать',
    stepOwner: 'Ответственный в школе',
    stepDue: 'Срок',
    stepBecomes: 'В дорожной карте станет',
    addStep: 'Добавить шаг',
    stepDueOn: (d: string) => `срок: ${formatDay(d)}`,
    stepOwnerIs: (o: string) => `ответственный: ${o}`,
    accept: 'Принять',
    decline: 'Отклонить',
    declineReason: 'Почему школа отклоняет шаг',
    declineConfirm: 'Отклонить',
    cancel: 'Отмена',
    markDone: 'Отметить выполненным',
    reopen: 'Вернуть на решение',
    removeStep: 'Удалить шаг',
    removeStepConfirm: 'Удалить этот шаг из отчёта? Это действие нельзя отменить.',
    declinedBecause: (r: string) => `Причина: ${r}`,
    linked: 'Внесено в дорожную карту',
    openRoadmap: 'Открыть дорожную карту',
    roadmapProblem: 'Шаги, согласованные с куратором',
    roadmapUnavailable:
      'Шаг принят. Внести его в дорожную карту вы не можете: нет права её менять.',
    onlySchoolDecides: 'Принять или отклонить шаг может координатор школы.',
    conflict: 'Значение изменили одновременно на двух устройствах. Выберите верное:',
    pick: (v: string) => `Оставить «${v}»`,
    readOnly: 'Только чтение: у вас нет права менять этот отчёт.',
    savedLocally: 'Изменения сохраняются на устройстве сразу и отправляются при связи.',
    required: 'Заполните поле.',
    failed: 'Не удалось сохранить изменение. Попробуйте ещё раз.',
  },
  create: {
    title: 'Новое посещение',
    kind: 'Вид',
    date: 'Дата',
    status: 'Состояние',
    submit: 'Создать отчёт',
    creating: 'Создаём…',
    badDate: 'Укажите дату посещения.',
    curatorRole: 'куратор',
  },
  school: {
    visits: 'Посещения и собеседования',
    none: 'Посещений пока не было.',
    checklist: 'Что проверить при посещении',
    checklistEmpty: 'Всё в порядке: ничего срочного к следующему посещению.',
  },
  home: {
    title: 'Мои школы',
    pending: (n: number) => `${n} ${plural(n, changes)} не отправлено`,
    refused: (n: number) => `${n} ${plural(n, changes)} отклонено сервером`,
    nothingPending: 'всё отправлено',
    questionnairesOpen: (n: number) => `${n} ${plural(n, questionnaires)} не сдано`,
    lastContact: (d: string) => `Последнее посещение: ${d}`,
    noContact: 'Посещений ещё не было',
    nextVisit: (d: string) => `Следующее посещение: ${d}`,
    noNextVisit: 'Следующее посещение не запланировано',
    stepsOpen: (n: number) => `${n} ${plural(n, steps)} ждут решения школы`,
    checklist: 'Чек-лист посещения',
    openSchool: 'Открыть школу',
    transfer: 'Передать файлом',
  },
};
