/**
 * Enumerations and the Russian catalogue of the tutor-support document
 * (программа тьюторского сопровождения, seeds 000 and 003), in one place so the
 * app's message catalogue can map them. Code uses the English keys.
 */

/** Network models (seed 003, section 3: горизонтальная, вертикальная, смешанная). */
export const PARTNERSHIP_MODELS = ['horizontal', 'vertical', 'mixed'] as const;
/** A network model. */
export type PartnershipModel = (typeof PARTNERSHIP_MODELS)[number];

/** Lifecycle of a partnership agreement. */
export const AGREEMENT_STATUSES = ['draft', 'signed', 'active', 'completed', 'terminated'] as const;
/** Status of an agreement. */
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Which school provides a clause. */
export const CLAUSE_PROVIDERS = ['leader', 'participant', 'both'] as const;
/** Provider of a clause. */
export type ClauseProvider = (typeof CLAUSE_PROVIDERS)[number];

/** Stages of the programme (seed 000: организационный, основной, аналитический этап). */
export const PROGRAM_STAGES = ['organizational', 'main', 'analytical'] as const;
/** A stage. */
export type ProgramStage = (typeof PROGRAM_STAGES)[number];

/** Kinds of joint events (seed 000: seminars, master classes, open lessons, internships, methodical associations…). */
export const EVENT_TYPES = [
  'seminar',
  'master_class',
  'open_lesson',
  'internship',
  'methodical_association',
  'methodical_day',
  'consultation',
  'webinar',
  'round_table',
  'course',
  'student_event',
  'parent_event',
  'other',
] as const;
/** Kind of an event. */
export type EventType = (typeof EVENT_TYPES)[number];

/** The priorities of the matrix (seed 003: Приоритет 1–4). */
export const PRIORITIES = [1, 2, 3, 4] as const;
/** A priority of the matrix. */
export type Priority = (typeof PRIORITIES)[number];

/** A clause of the catalogue. */
export interface ClauseDefinition {
  code: string;
  provider: ClauseProvider;
  /** Short Russian title for the checklist. */
  title: string;
  /** Wording as in the seed. */
  text: string;
  /** Where it comes from. */
  source: 'seed000' | 'seed003';
}

/**
 * Agreement clauses: what each side provides. The first seven are the clauses of
 * seed 000's partnership agreement («СОШ №1» — the leader, «СОШ №2» — the
 * participant); the rest are the directions of cooperation of seed 003, section 3.
 */
export const AGREEMENT_CLAUSES: readonly ClauseDefinition[] = [
  {
    code: 'director_consulting',
    provider: 'leader',
    title: 'Консультирование директора',
    text: 'Директор школы-лидера оказывает консультационную помощь директору школы-участника в разработке и принятии управленческих решений по повышению качества обучения и воспитания, коррекции процесса управления и переводу школы в эффективный режим работы.',
    source: 'seed000',
  },
  {
    code: 'deputy_assessment',
    provider: 'leader',
    title: 'Помощь заместителю директора в оценке результатов',
    text: 'Консультации заместителю директора по учебной работе по контролю качества результатов обучающихся и подготовке к оценочным процедурам (ВПР, КДР, НИКО, ОГЭ, ЕГЭ).',
    source: 'seed000',
  },
  {
    code: 'teacher_tutors',
    provider: 'leader',
    title: 'Педагоги-тьюторы для учителей',
    text: 'Педагоги-тьюторы консультируют учителей по эффективным методам и приёмам обучения трудным вопросам и темам конкретных предметов.',
    source: 'seed000',
  },
  {
    code: 'shared_equipment',
    provider: 'leader',
    title: 'Совместное использование оборудования',
    text: 'Информационно-техническая помощь в использовании оборудования школы-лидера для лабораторных работ и исследовательской деятельности обучающихся.',
    source: 'seed000',
  },
  {
    code: 'mentors',
    provider: 'leader',
    title: 'Наставники для учителей',
    text: 'За учителями школы-участника закрепляются наставники — учителя высшей или первой категории — для методической помощи в подготовке, проведении и анализе уроков и внеурочных занятий.',
    source: 'seed000',
  },
  {
    code: 'joint_seminars',
    provider: 'both',
    title: 'Совместные модельные семинары',
    text: 'Совместные модельные семинары по отработке управленческих моделей, педагогических технологий и методик работы с учащимися с разной готовностью к оценочным процедурам.',
    source: 'seed000',
  },
  {
    code: 'joint_associations',
    provider: 'both',
    title: 'Совместные методические объединения',
    text: 'Совместные методические объединения и сетевые сообщества для обмена успешными педагогическими практиками.',
    source: 'seed000',
  },
  {
    code: 'joint_curricula',
    provider: 'both',
    title: 'Совместная разработка программ',
    text: 'Совместная разработка и реализация учебных планов, планов внеурочной деятельности, образовательных программ.',
    source: 'seed003',
  },
  {
    code: 'joint_assessment_tools',
    provider: 'both',
    title: 'Совместная разработка форм оценки',
    text: 'Совместная разработка форм диагностики и контроля, оценки качества образовательных результатов школьников.',
    source: 'seed003',
  },
  {
    code: 'teacher_development',
    provider: 'leader',
    title: 'Повышение квалификации педагогов',
    text: 'Общие методические дни, консультации, семинары, стажировки, наставничество и другие формы повышения квалификации педагогов.',
    source: 'seed003',
  },
  {
    code: 'admin_development',
    provider: 'leader',
    title: 'Повышение квалификации администрации',
    text: 'Консультации, семинары, экспертиза документов, корректировка плана внутришкольного контроля, стажировки для администрации.',
    source: 'seed003',
  },
  {
    code: 'joint_councils',
    provider: 'both',
    title: 'Совместные педсоветы и родительские собрания',
    text: 'Совместные педагогические советы, заседания органов государственно-общественного управления и родительские собрания.',
    source: 'seed003',
  },
  {
    code: 'joint_student_events',
    provider: 'both',
    title: 'Совместные мероприятия с детьми',
    text: 'Совместные мероприятия с детьми: конкурсы, встречи, олимпиады, соревнования, проекты.',
    source: 'seed003',
  },
  {
    code: 'attestation_expertise',
    provider: 'both',
    title: 'Единые подходы к аттестации педагогов',
    text: 'Выработка единых подходов к экспертизе профессиональной компетентности при аттестации педагогов.',
    source: 'seed003',
  },
  {
    code: 'shared_resources',
    provider: 'leader',
    title: 'Совместное использование ресурсов',
    text: 'Пользование библиотекой, компьютерным классом, учебными лабораториями, спортивным залом, оборудованием, автобусом и др.',
    source: 'seed003',
  },
  {
    code: 'infrastructure',
    provider: 'both',
    title: 'Улучшение инфраструктуры и уклада школы',
    text: 'Разработка комплекса мер по улучшению школьной инфраструктуры и среды, уклада школы.',
    source: 'seed003',
  },
];

/** Titles and goals of the matrix priorities (seed 003). */
export const PRIORITY_LABELS_RU: Record<Priority, { title: string; goal: string }> = {
  1: {
    title: 'Организационно-управленческие механизмы',
    goal: 'Совершенствование организационно-управленческих решений по обеспечению эффективной работы школ с низкими результатами обучения',
  },
  2: {
    title: 'Профессиональное развитие педагогических кадров',
    goal: 'Создание условий для развития профессиональных компетенций педагогов для улучшения качества преподавания и сопровождения учащихся с разными образовательными потребностями',
  },
  3: {
    title: 'Организация деятельности с учащимися',
    goal: 'Развитие и совершенствование системы мероприятий, направленных на улучшение учебных и внеучебных результатов учащихся',
  },
  4: {
    title: 'Организация деятельности с родительской общественностью и местным сообществом',
    goal: 'Вовлечение родителей (законных представителей) в решение задач функционирования и развития общеобразовательных организаций',
  },
};

/** A row of the matrix «планируемые действия · дефициты ШНР · возможности ШВР». */
export interface MatrixTemplateRow {
  priority: Priority;
  task: string;
  action: string;
  deficit: string;
  capability: string;
}

/** Rows of seed 003's table, offered to prefill a new programme's matrix. */
export const MATRIX_TEMPLATE_RU: readonly MatrixTemplateRow[] = [
  {
    priority: 1,
    task: 'Создание организационных условий для реализации программы перевода школы в эффективный режим работы',
    action:
      'Разработка программы повышения качества образования, в т.ч. используя возможности школы-лидера',
    deficit:
      'Необходимость помощи в разработке и реализации программы перехода школы в эффективный режим работы',
    capability:
      'Опыт разработки и реализации современных программ, понимание своих сильных сторон и возможностей',
  },
  {
    priority: 1,
    task: 'Развитие и координация сетевого взаимодействия образовательных организаций',
    action:
      'Организация сетевого взаимодействия (наставничества) школ для взаимообучения и профессионального развития администрации и педагогов',
    deficit:
      'Отсутствие эффективных в создавшихся условиях образцов и практик обучения и воспитания',
    capability: 'Наличие комплекса условий',
  },
  {
    priority: 2,
    task: 'Оказание методической поддержки и повышение квалификации педагогических работников',
    action: 'Помощь в разработке программ по учебным предметам с учётом новых предметных концепций',
    deficit: 'Программы не соответствуют современным требованиям',
    capability: 'Наличие обновлённых программ',
  },
  {
    priority: 2,
    task: 'Оказание методической поддержки и повышение квалификации педагогических работников',
    action:
      'Циклы практико-ориентированных семинаров для учителей-предметников на базе школы-лидера',
    deficit:
      'Недостаточный уровень квалификации педагогов, дефициты в формировании и оценке результатов, в использовании современных образовательных технологий',
    capability: 'Наличие кадровых, методических, материально-технических условий',
  },
  {
    priority: 3,
    task: 'Формирование у учащихся ценности образования и учебных результатов',
    action: 'График уроков учителей школы-лидера и уроков на её базе для учащихся школы-участника',
    deficit: 'Дефициты в формировании результатов и их оценке',
    capability: 'Наличие кадровых и материально-технических условий',
  },
  {
    priority: 3,
    task: 'Создание благоприятных условий для самореализации учащихся',
    action:
      'Метапредметные олимпиады, конкурсы, интеллектуальные игры, конференции по проектной деятельности',
    deficit: 'Отсутствие мотивирующей образовательной среды, материально-технических условий',
    capability: 'Наличие материально-технических условий',
  },
  {
    priority: 4,
    task: 'Развитие государственно-общественного характера управления',
    action:
      'Родительские клубы, собрания, управляющие советы, просветительские мероприятия для родителей на базе школы-лидера',
    deficit:
      'Низкий уровень доверия к школе, отсутствие положительного имиджа, недостаток «переговорных» площадок',
    capability: 'Наличие современной материально-технической базы',
  },
];

/** Russian labels of the enumerations. */
export const TUTORING_LABELS_RU = {
  model: {
    horizontal: 'Горизонтальная',
    vertical: 'Вертикальная',
    mixed: 'Смешанная',
  } satisfies Record<PartnershipModel, string>,
  status: {
    draft: 'Проект',
    signed: 'Подписано',
    active: 'Действует',
    completed: 'Завершено',
    terminated: 'Расторгнуто',
  } satisfies Record<AgreementStatus, string>,
  provider: {
    leader: 'Школа-лидер',
    participant: 'Школа-участник',
    both: 'Обе школы',
  } satisfies Record<ClauseProvider, string>,
  stage: {
    organizational: 'Организационный этап',
    main: 'Основной этап',
    analytical: 'Аналитический этап',
  } satisfies Record<ProgramStage, string>,
  eventType: {
    seminar: 'Семинар',
    master_class: 'Мастер-класс',
    open_lesson: 'Открытый урок',
    internship: 'Стажировка',
    methodical_association: 'Заседание методического объединения',
    methodical_day: 'Методический день',
    consultation: 'Консультация',
    webinar: 'Вебинар',
    round_table: 'Круглый стол',
    course: 'Курс повышения квалификации',
    student_event: 'Мероприятие для учащихся',
    parent_event: 'Мероприятие для родителей',
    other: 'Другое',
  } satisfies Record<EventType, string>,
  essayTitle: 'Мы – одна команда!',
  matrixColumns: {
    action: 'Планируемые действия',
    deficit: 'Дефициты школы с низкими результатами',
    capability: 'Возможности школы-лидера',
  },
} as const;
