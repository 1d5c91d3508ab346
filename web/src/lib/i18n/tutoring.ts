/**
 * Texts of the tutor-support screens (partnership agreement, programme,
 * events, mentors, the priority matrix, the essay). The enumerations' words come
 * from shared/tutoring's catalogue so documents and screens agree.
 */
import {
  PRIORITY_LABELS_RU,
  TUTORING_LABELS_RU,
  type ChangeEntry,
  type Priority,
  type TutoringHistoryEntry,
  type TutoringTargetKind,
} from '@opora/shared';
import { plural } from './plural';
import { changeSentence, memberChange, plainValue } from './roadmap';

const TARGETS: Record<TutoringTargetKind, string> = {
  agreement: 'соглашение',
  clause: 'пункт соглашения',
  goal: 'цель программы',
  task: 'задачу',
  action: 'действие',
  event: 'мероприятие',
  mentor: 'пару наставник — учитель',
  matrix: 'строку матрицы',
  essay: 'эссе',
};

const FIELDS: Record<string, string> = {
  model: 'модель',
  status: 'статус',
  number: 'номер',
  signedOn: 'дата подписания',
  startDate: 'начало действия',
  endDate: 'окончание действия',
  included: 'включён',
  note: 'уточнение',
  provider: 'кто обеспечивает',
  // The whole text of the target: nothing to add after its name.
  text: '',
  goal: '',
  merge: 'варианты объединены',
  stage: 'этап',
  period: 'сроки',
  responsible: 'ответственный',
  done: 'выполнено',
  type: 'вид',
  date: 'дата',
  title: 'тема',
  notes: 'итоги, заметки',
  participants: 'участники',
  mentor: 'наставник',
  teacher: 'учитель',
  subject: 'предмет',
  since: 'с какой даты',
  focus: 'над каким дефицитом работают',
  priority: 'приоритет',
  task: 'задача',
  action: 'планируемые действия',
  deficit: 'дефициты',
  capability: 'возможности школы-лидера',
  essay: '',
};

function tutoringValue(h: ChangeEntry): string | null {
  const v = h.value;
  const word = (labels: Record<string, string>): string | null =>
    typeof v === 'string' ? (labels[v] ?? v) : null;
  switch (h.field) {
    case 'model':
      return word(TUTORING_LABELS_RU.model);
    case 'status':
      return word(TUTORING_LABELS_RU.status);
    case 'stage':
      return word(TUTORING_LABELS_RU.stage);
    case 'type':
      return word(TUTORING_LABELS_RU.eventType);
    case 'participants':
      return typeof v === 'string' ? memberChange(v, (name) => name) : null;
    case 'priority':
      return typeof v === 'number' && v in PRIORITY_LABELS_RU
        ? `${v}. ${PRIORITY_LABELS_RU[v as Priority].title}`
        : plainValue(v);
    default:
      return plainValue(v);
  }
}

/** A tutoring plan's history entry as a sentence. */
function describeTutoringChange(h: TutoringHistoryEntry): string {
  // A priority's own goal is stored under the priority's number.
  const target =
    h.targetKind === 'goal' && h.targetId !== ''
      ? `цель приоритета ${h.targetId}`
      : TARGETS[h.targetKind];
  return changeSentence(h, target, (f) => FIELDS[f] ?? f, tutoringValue);
}

const events = {
  one: 'мероприятие',
  few: 'мероприятия',
  many: 'мероприятий',
  other: 'мероприятия',
};

/** The catalogue. */
export const tt = {
  labels: TUTORING_LABELS_RU,
  priorities: PRIORITY_LABELS_RU,
  loading: 'Загрузка плана…',
  readOnly: 'Только чтение: у вас нет права менять этот план.',
  savedLocally: 'Изменения сохраняются на устройстве сразу и отправляются при связи.',
  partners: (leader: string, school: string) =>
    `Школа-лидер: ${leader}. Школа-участник: ${school}.`,
  sections: {
    label: 'Разделы плана',
    agreement: 'Соглашение',
    program: 'Программа',
    events: 'Мероприятия',
    mentors: 'Наставники',
    matrix: 'Матрица приоритетов',
    essay: 'Эссе',
    history: 'История изменений',
  },
  history: {
    describe: describeTutoringChange,
  },
  agreement: {
    title: 'Партнёрское соглашение',
    model: 'Модель сетевого взаимодействия',
    status: 'Статус соглашения',
    number: 'Номер соглашения',
    signedOn: 'Дата подписания',
    startDate: 'Начало действия',
    endDate: 'Окончание действия',
    clauses: 'Что обеспечивает каждая сторона',
    clausesHint: 'Отметьте пункты, включённые в соглашение.',
    provider: (p: string) => `Обеспечивает: ${p}`,
    note: (title: string) => `Уточнение: ${title}`,
    customText: 'Свой пункт соглашения',
    customProvider: 'Кто обеспечивает',
    addCustom: 'Добавить пункт',
    deleteCustom: 'Удалить пункт',
    deleteCustomConfirm: 'Удалить этот пункт соглашения?',
    included: (n: number, total: number) => `Включено пунктов: ${n} из ${total}`,
  },
  program: {
    title: 'Программа тьюторского сопровождения',
    goal: 'Цель программы',
    tasks: 'Задачи',
    task: (n: number) => `Задача ${n}`,
    newTask: 'Новая задача',
    addTask: 'Добавить задачу',
    deleteTask: (n: number) => `Удалить задачу ${n}`,
    deleteTaskConfirm: (n: number) => `Удалить задачу ${n}?`,
    actions: 'Действия по этапам',
    action: (n: number) => `Действие ${n}`,
    actionText: 'Содержание действия',
    period: 'Сроки',
    responsible: 'Ответственный',
    done: 'Выполнено',
    stage: 'Этап',
    newAction: (stage: string) => `Новое действие: ${stage}`,
    addAction: 'Добавить действие',
    deleteAction: 'Удалить действие',
    deleteActionConfirm: 'Удалить это действие?',
    noActions: 'Действий пока нет.',
  },
  events: {
    title: 'Совместные мероприятия',
    count: (n: number, done: number) => `${n} ${plural(n, events)}, проведено ${done}`,
    empty: 'Мероприятия ещё не запланированы.',
    heading: (type: string, title: string) => `${type}${title ? `: ${title}` : ''}`,
    type: 'Вид мероприятия',
    name: 'Тема',
    date: 'Дата',
    stage: 'Этап',
    done: 'Проведено',
    notes: 'Итоги, заметки',
    participants: 'Участники',
    noParticipants: 'Участники не указаны.',
    participantName: 'ФИО участника',
    participantRole: 'Должность',
    side: 'Школа',
    sides: { leader: 'школа-лидер', participant: 'школа-участник', other: 'другое' },
    addParticipant: 'Добавить участника',
    removeParticipant: (name: string) => `Убрать участника ${name}`,
    removeParticipantConfirm: (name: string) => `Убрать участника ${name} из мероприятия?`,
    newTitle: 'Тема нового мероприятия',
    add: 'Добавить мероприятие',
    delete: 'Удалить мероприятие',
    deleteConfirm: 'Удалить это мероприятие?',
    nameRequired: 'Введите ФИО участника.',
  },
  mentors: {
    title: 'Наставники и учителя',
    empty: 'Пары наставник — учитель ещё не назначены.',
    heading: (mentor: string, teacher: string) => `${mentor || '—'} → ${teacher || '—'}`,
    mentor: 'Наставник (школа-лидер)',
    teacher: 'Учитель (школа-участник)',
    subject: 'Предмет',
    since: 'С какой даты',
    focus: 'Над каким дефицитом работают',
    add: 'Назначить пару',
    delete: 'Удалить пару',
    deleteConfirm: 'Удалить эту пару наставник — учитель?',
    required: 'Укажите наставника и учителя.',
  },
  matrix: {
    title: 'Матрица приоритетов (планируемые действия · дефициты · возможности)',
    priority: (n: Priority) => `Приоритет ${n}. ${PRIORITY_LABELS_RU[n].title}`,
    goal: 'Цель приоритета',
    task: 'Задача',
    row: (n: number) => `Строка ${n}`,
    empty: 'Строк нет.',
    addRow: 'Добавить строку',
    fromTemplate: 'Заполнить по образцу',
    fromTemplateHint: 'Добавит строки из образца программы тьюторского сопровождения.',
    deleteRow: 'Удалить строку',
    deleteRowConfirm: 'Удалить эту строку матрицы?',
  },
  essay: {
    title: 'Эссе «Мы – одна команда!»',
    label: 'Текст эссе',
    hint: 'Пишут обе школы вместе; правки разных людей объединяются.',
  },
  conflict: {
    title: 'Одновременное изменение на разных устройствах',
    keep: (v: string) => `Оставить «${v}»`,
    merge: 'Объединить варианты',
    variants: 'Варианты текста, написанные одновременно:',
    otherPerson: 'другой участник',
    yes: 'да',
    no: 'нет',
  },
  error: 'Не удалось сохранить изменение. Обновите страницу и попробуйте снова.',
} as const;
