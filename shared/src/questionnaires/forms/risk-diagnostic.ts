/**
 * «Диагностика факторов риска»: the school's self-diagnosis of the ten risk
 * factors of the federal 500+ programme (seed 001: the ФИОКО toolkit built on
 * TALIS, PISA and НИКО approaches; DOMAIN.md lists the ten). Filled by the school
 * team (director, deputy, coordinator) once per monitoring wave. One section per
 * factor, each with several questions; `risk-profile.ts` turns the answers into
 * a level per factor.
 *
 * Version history: v1 → v2 renamed `st_load` to `st_overload` (the wording now
 * names 1.5 rates), removed `ar_repeat` (repeat-year counts came from the
 * municipal statistics instead) and merged the answer «примерно половина» of
 * `pa_meetings` into «от трети до половины».
 */
import type { FormDefinition } from '../form.ts';
import { answer, answerAbove, notMoreThan, options, scale5 } from './helpers.ts';

const perStudents = (q: string) =>
  ({ op: 'percent', part: answer(q), whole: answer('students_total') }) as const;
const perTeachers = (q: string) =>
  ({ op: 'percent', part: answer(q), whole: answer('teachers_total') }) as const;

const STUDENTS_MSG = 'Не может быть больше общего числа обучающихся';
const TEACHERS_MSG = 'Не может быть больше общего числа педагогов';

/** A count within the school's students. */
const withinStudents = (q: string) => [
  { check: notMoreThan(q, 'students_total'), message: STUDENTS_MSG },
];
/** A count within the school's teachers. */
const withinTeachers = (q: string) => [
  { check: notMoreThan(q, 'teachers_total'), message: TEACHERS_MSG },
];

/** «Диагностика факторов риска» (the risk-profile questionnaire). */
export const riskDiagnosticForm: FormDefinition = {
  id: 'risk_diagnostic',
  version: 2,
  title: 'Диагностика факторов риска учебной неуспешности',
  description:
    'Самодиагностика школы по десяти факторам риска проекта «500+». Заполняет школьная команда: директор, заместитель директора, координатор. Ответы определяют рисковый профиль школы.',
  respondent: 'school_team',
  sections: [
    {
      id: 'general',
      title: 'Общие сведения о школе',
      questions: [
        {
          id: 'students_total',
          type: 'number',
          text: 'Общее количество обучающихся',
          unit: 'чел.',
          integer: true,
          min: 1,
          max: 5000,
          required: true,
        },
        {
          id: 'teachers_total',
          type: 'number',
          text: 'Количество педагогических работников, включая совместителей',
          unit: 'чел.',
          integer: true,
          min: 1,
          max: 500,
          required: true,
        },
        {
          id: 'settlement',
          type: 'single',
          text: 'Тип населённого пункта',
          options: options(
            ['city', 'Город'],
            ['town', 'Посёлок городского типа'],
            ['village', 'Село, деревня'],
          ),
          required: true,
        },
        {
          id: 'distance_center',
          type: 'number',
          text: 'Расстояние до районного центра',
          unit: 'км',
          min: 0,
          max: 2000,
          relevant: { op: 'in', q: 'settlement', values: ['town', 'village'] },
        },
      ],
    },
    {
      id: 'low_equipment',
      title: 'Оснащение школы',
      questions: [
        {
          id: 'eq_internet',
          type: 'single',
          text: 'Доступ к интернету в учебных кабинетах',
          options: options(
            ['stable', 'Стабильный доступ во всех кабинетах'],
            ['partial', 'Доступ только в части кабинетов или с перебоями'],
            ['none', 'В учебных кабинетах доступа нет'],
          ),
          required: true,
        },
        {
          id: 'eq_computers',
          type: 'number',
          text: 'Сколько компьютеров, ноутбуков и планшетов доступно обучающимся на уроках?',
          unit: 'шт.',
          integer: true,
          min: 0,
          max: 5000,
          required: true,
        },
        {
          id: 'eq_facilities',
          type: 'multi',
          text: 'Что из перечисленного есть в школе и используется на уроках?',
          options: options(
            ['science_labs', 'Оборудованные кабинеты физики, химии, биологии', 1],
            ['projectors', 'Интерактивные доски или проекторы в большинстве кабинетов', 1],
            ['library', 'Библиотека с современной учебной литературой', 1],
            ['gym', 'Спортивный зал', 1],
            ['workshops', 'Мастерские или кабинет технологии', 1],
            ['none', 'Ничего из перечисленного', 0],
          ).map((o) => (o.value === 'none' ? { ...o, exclusive: true } : o)),
          required: true,
        },
        {
          id: 'eq_textbooks',
          type: 'single',
          text: 'Обеспеченность обучающихся учебниками',
          options: options(
            ['full', 'Все обучающиеся обеспечены'],
            ['some_missing', 'Не хватает отдельных учебников'],
            ['lacking', 'Учебников не хватает по многим предметам'],
          ),
          required: true,
        },
        scale5(
          'eq_building',
          'Оцените состояние здания и учебных помещений',
          'требуется капитальный ремонт',
          'отличное',
          { required: true },
        ),
      ],
    },
    {
      id: 'teacher_shortage',
      title: 'Кадровое обеспечение',
      questions: [
        {
          id: 'st_vacancies',
          type: 'number',
          text: 'Количество незакрытых вакансий педагогов на начало учебного года',
          unit: 'шт.',
          integer: true,
          min: 0,
          max: 100,
          required: true,
        },
        {
          id: 'st_not_by_profile',
          type: 'yesNo',
          text: 'Есть ли предметы, которые ведут учителя без профильного образования?',
          required: true,
        },
        {
          id: 'st_overload',
          type: 'number',
          text: 'Количество учителей с нагрузкой более 1,5 ставки',
          unit: 'чел.',
          integer: true,
          min: 0,
          required: true,
          constraints: withinTeachers('st_overload'),
        },
        {
          id: 'st_over55',
          type: 'number',
          text: 'Количество педагогов в возрасте старше 55 лет',
          unit: 'чел.',
          integer: true,
          min: 0,
          required: true,
          constraints: withinTeachers('st_over55'),
        },
      ],
    },
    {
      id: 'teacher_competence',
      title: 'Предметная и методическая компетентность педагогов',
      questions: [
        {
          id: 'tc_category',
          type: 'number',
          text: 'Количество педагогов с высшей или первой квалификационной категорией',
          unit: 'чел.',
          integer: true,
          min: 0,
          required: true,
          constraints: withinTeachers('tc_category'),
        },
        {
          id: 'tc_deficit_diagnostics',
          type: 'single',
          text: 'Проводилась ли за последние два года диагностика профессиональных дефицитов педагогов?',
          options: options(
            ['all', 'Да, для всех педагогов'],
            ['some', 'Да, для части педагогов'],
            ['no', 'Нет'],
          ),
          required: true,
        },
        scale5(
          'tc_formative',
          'Насколько уверенно педагоги, по оценке администрации, владеют приёмами формирующего оценивания?',
          'совсем не владеют',
          'владеют уверенно',
          { required: true },
        ),
        {
          id: 'tc_low_subjects',
          type: 'multi',
          text: 'По каким предметам средние результаты ВПР или ОГЭ школы ниже региональных?',
          options: options(
            ['russian', 'Русский язык', 1],
            ['math', 'Математика', 1],
            ['science', 'Естественно-научные предметы', 1],
            ['social', 'История, обществознание', 1],
            ['foreign', 'Иностранный язык', 1],
            ['none', 'Ни по одному предмету', 0],
          ).map((o) => (o.value === 'none' ? { ...o, exclusive: true } : o)),
          required: true,
        },
        {
          id: 'tc_vpr_objectivity',
          type: 'single',
          text: 'Попадала ли школа за последние два года в список школ с признаками необъективных результатов ВПР?',
          options: options(['yes', 'Да'], ['no', 'Нет'], ['unknown', 'Нет сведений']),
        },
      ],
    },
    {
      id: 'low_adaptivity',
      title: 'Адаптивность учебного процесса',
      questions: [
        {
          id: 'ad_differentiation',
          type: 'single',
          text: 'Как часто на уроках используются разноуровневые задания?',
          options: options(
            ['most', 'На большинстве уроков'],
            ['sometimes', 'Иногда'],
            ['rarely', 'Редко или никогда'],
          ),
          required: true,
        },
        {
          id: 'ad_routes',
          type: 'yesNo',
          text: 'Разработаны ли индивидуальные образовательные маршруты для обучающихся с трудностями в обучении?',
          required: true,
        },
        {
          id: 'ad_formative_practice',
          type: 'single',
          text: 'Используют ли учителя формирующее оценивание (критерии, обратная связь, самооценка обучающихся)?',
          options: options(
            ['system', 'Системно, большинство учителей'],
            ['some', 'Отдельные учителя'],
            ['no', 'Практически не используют'],
          ),
          required: true,
        },
        {
          id: 'ad_results_use',
          type: 'single',
          text: 'Как используются результаты ВПР и диагностических работ?',
          options: options(
            ['adjust', 'Для корректировки рабочих программ и планов уроков'],
            ['discuss', 'Обсуждаются на методических объединениях, но работа не меняется'],
            ['report', 'Только для отчётов'],
          ),
          required: true,
        },
      ],
    },
    {
      id: 'no_inschool_pd',
      title: 'Внутришкольная система повышения квалификации',
      questions: [
        {
          id: 'pd_associations',
          type: 'yesNo',
          text: 'Работают ли в школе методические объединения, которые собираются не реже раза в четверть?',
          required: true,
        },
        {
          id: 'pd_lesson_visits',
          type: 'single',
          text: 'Как часто учителя посещают уроки коллег с последующим обсуждением?',
          options: options(
            ['quarterly', 'Не реже раза в четверть'],
            ['yearly', 'Один-два раза в год'],
            ['never', 'Практически никогда'],
          ),
          required: true,
        },
        {
          id: 'pd_mentoring',
          type: 'yesNo',
          text: 'Действует ли система наставничества для молодых педагогов и педагогов, испытывающих трудности?',
          required: true,
        },
        {
          id: 'pd_plan',
          type: 'yesNo',
          text: 'Есть ли план профессионального развития педагогов, составленный по выявленным дефицитам?',
          required: true,
        },
        {
          id: 'pd_courses',
          type: 'number',
          text: 'Сколько педагогов прошли курсы повышения квалификации за последние три года?',
          unit: 'чел.',
          integer: true,
          min: 0,
          required: true,
          constraints: withinTeachers('pd_courses'),
        },
      ],
    },
    {
      id: 'students_at_risk',
      title: 'Обучающиеся с рисками учебной неуспешности',
      questions: [
        {
          id: 'ar_failing',
          type: 'number',
          text: 'Сколько обучающихся по итогам прошлого учебного года имели неудовлетворительные отметки или академическую задолженность?',
          unit: 'чел.',
          integer: true,
          min: 0,
          required: true,
          constraints: withinStudents('ar_failing'),
        },
        {
          id: 'ar_vpr_twos',
          type: 'number',
          text: 'Доля работ ВПР с отметкой «2» в прошлом году',
          unit: '%',
          min: 0,
          max: 100,
          required: true,
        },
        {
          id: 'ar_diagnostics',
          type: 'yesNo',
          text: 'Выясняются ли причины трудностей каждого такого обучающегося (предметная диагностика)?',
          help: 'По итогам диагностики составляется картина проблем по предмету в каждом классе; на её основе корректируется методика работы учителя.',
          relevant: answerAbove('ar_failing', 0),
          required: true,
        },
        {
          id: 'ar_support',
          type: 'multi',
          text: 'Какие формы поддержки обучающихся с трудностями в обучении используются?',
          options: options(
            ['extra_lessons', 'Дополнительные занятия во внеурочное время', 1],
            ['individual_tasks', 'Индивидуальные задания на повторение материала', 1],
            ['tutoring', 'Тьюторское сопровождение', 1],
            ['psychologist', 'Консультации педагога-психолога', 1],
            ['peer', 'Взаимообучение, помощь одноклассников', 1],
            ['none', 'Не используются', 0],
          ).map((o) => (o.value === 'none' ? { ...o, exclusive: true } : o)),
          relevant: answerAbove('ar_failing', 0),
          required: true,
        },
        {
          id: 'ar_psychologist',
          type: 'yesNo',
          text: 'Есть ли в школе педагог-психолог (в штате или по договору)?',
          required: true,
        },
      ],
    },
    {
      id: 'disabilities_inclusion',
      title: 'Обучающиеся с ОВЗ',
      questions: [
        {
          id: 'ovz_count',
          type: 'number',
          text: 'Количество обучающихся с ограниченными возможностями здоровья',
          unit: 'чел.',
          integer: true,
          min: 0,
          required: true,
          constraints: withinStudents('ovz_count'),
        },
        {
          id: 'ovz_programs',
          type: 'single',
          text: 'Разработаны ли адаптированные образовательные программы для всех обучающихся с ОВЗ?',
          options: options(
            ['all', 'Да, для всех'],
            ['some', 'Для части обучающихся'],
            ['none', 'Нет'],
          ),
          relevant: answerAbove('ovz_count', 0),
          required: true,
        },
        {
          id: 'ovz_specialists',
          type: 'multi',
          text: 'Какие специалисты работают с обучающимися с ОВЗ?',
          options: options(
            ['psychologist', 'Педагог-психолог', 1],
            ['speech', 'Учитель-логопед', 1],
            ['defectologist', 'Учитель-дефектолог', 1],
            ['tutor', 'Тьютор', 1],
            ['social', 'Социальный педагог', 1],
            ['none', 'Никто из перечисленных', 0],
          ).map((o) => (o.value === 'none' ? { ...o, exclusive: true } : o)),
          relevant: answerAbove('ovz_count', 0),
          required: true,
        },
        {
          id: 'ovz_environment',
          type: 'single',
          text: 'Насколько доступна среда школы для обучающихся с ОВЗ (пандусы, оборудованные места, специальные средства обучения)?',
          options: options(
            ['full', 'Доступна полностью'],
            ['partial', 'Доступна частично'],
            ['none', 'Не приспособлена'],
          ),
          relevant: answerAbove('ovz_count', 0),
          required: true,
        },
        {
          id: 'ovz_training',
          type: 'yesNo',
          text: 'Прошли ли учителя, работающие с обучающимися с ОВЗ, обучение по инклюзивному образованию?',
          relevant: answerAbove('ovz_count', 0),
          required: true,
        },
      ],
    },
    {
      id: 'school_climate',
      title: 'Школьная образовательная и воспитательная среда',
      questions: [
        scale5(
          'cl_safety',
          'Насколько обучающиеся чувствуют себя в школе в безопасности (по данным опросов)?',
          'совсем не чувствуют',
          'полностью',
          { required: true },
        ),
        {
          id: 'cl_bullying',
          type: 'single',
          text: 'Как часто в школе выявляются случаи травли (буллинга)?',
          options: options(
            ['never', 'Не выявляются'],
            ['rare', 'Единичные случаи'],
            ['regular', 'Регулярно'],
          ),
          required: true,
        },
        {
          id: 'cl_registered',
          type: 'number',
          text: 'Количество обучающихся, состоящих на внутришкольном учёте или на учёте в КДН и ЗП',
          unit: 'чел.',
          integer: true,
          min: 0,
          required: true,
          constraints: withinStudents('cl_registered'),
        },
        {
          id: 'cl_extracurricular',
          type: 'single',
          text: 'Какая доля обучающихся занята во внеурочной деятельности и дополнительном образовании?',
          options: options(
            ['most', 'Более 70 %'],
            ['half', 'От 30 до 70 %'],
            ['few', 'Менее 30 %'],
          ),
          required: true,
        },
        {
          id: 'cl_rules',
          type: 'yesNo',
          text: 'Приняты ли правила поведения, выработанные вместе с обучающимися и родителями, и соблюдаются ли они?',
          required: true,
        },
      ],
    },
    {
      id: 'parent_involvement',
      title: 'Вовлечённость родителей',
      questions: [
        {
          id: 'pa_meetings',
          type: 'single',
          text: 'Какая доля родителей обычно приходит на родительские собрания?',
          options: options(
            ['most', 'Больше половины'],
            ['third', 'От трети до половины'],
            ['few', 'Меньше трети'],
          ),
          required: true,
        },
        {
          id: 'pa_governance',
          type: 'yesNo',
          text: 'Участвуют ли родители в управлении школой (управляющий совет, родительский комитет) на деле, а не формально?',
          required: true,
        },
        {
          id: 'pa_channels',
          type: 'multi',
          text: 'Как школа информирует родителей об успеваемости детей и о жизни школы?',
          help: 'Отметьте все способы, которыми школа пользуется регулярно.',
          options: options(
            ['ejournal', 'Электронный журнал и дневник', 1],
            ['messengers', 'Чаты в мессенджерах', 1],
            ['website', 'Сайт и страницы школы в социальных сетях', 1],
            ['meetings', 'Индивидуальные встречи с учителями', 1],
            ['printed', 'Памятки, буклеты, стенды', 1],
          ),
          required: true,
        },
        {
          id: 'pa_events',
          type: 'number',
          text: 'Сколько совместных с родителями мероприятий проведено за прошлый учебный год?',
          unit: 'шт.',
          integer: true,
          min: 0,
          max: 500,
          required: true,
        },
        scale5(
          'pa_interest',
          'Насколько родители, по оценке классных руководителей, интересуются учёбой детей?',
          'совсем не интересуются',
          'очень интересуются',
          { required: true },
        ),
      ],
    },
    {
      id: 'low_motivation',
      title: 'Учебная мотивация обучающихся',
      questions: [
        scale5(
          'mo_interest',
          'Насколько обучающимся, по результатам опроса, интересно учиться?',
          'совсем не интересно',
          'очень интересно',
          { required: true },
        ),
        {
          id: 'mo_olympiad',
          type: 'number',
          text: 'Сколько обучающихся участвовали в школьном этапе всероссийской олимпиады школьников?',
          unit: 'чел.',
          integer: true,
          min: 0,
          required: true,
          constraints: withinStudents('mo_olympiad'),
        },
        {
          id: 'mo_absences',
          type: 'single',
          text: 'Пропуски уроков без уважительной причины',
          options: options(
            ['rare', 'Единичные случаи'],
            ['some_classes', 'Есть в отдельных классах'],
            ['common', 'Распространены'],
          ),
          required: true,
        },
        {
          id: 'mo_projects',
          type: 'yesNo',
          text: 'Вовлечены ли обучающиеся в проектную и учебно-исследовательскую деятельность?',
          required: true,
        },
        {
          id: 'mo_career',
          type: 'yesNo',
          text: 'Ведётся ли профориентационная работа, связанная с учебными предметами?',
          required: true,
        },
      ],
    },
    {
      id: 'closing',
      title: 'Заключение',
      questions: [
        {
          id: 'main_reasons',
          type: 'longText',
          text: 'Что, по мнению школьной команды, сильнее всего влияет на образовательные результаты школы?',
          maxLength: 4000,
        },
        {
          id: 'filled_by',
          type: 'shortText',
          text: 'Кто заполнял анкету (должности участников школьной команды)',
          maxLength: 300,
          required: true,
        },
        {
          id: 'filled_on',
          type: 'date',
          text: 'Дата заполнения',
          min: '2020-01-01',
          required: true,
        },
      ],
    },
  ],
  computed: [
    {
      id: 'computers_per_100',
      label: 'Компьютеров на 100 обучающихся',
      expr: perStudents('eq_computers'),
      decimals: 1,
    },
    {
      id: 'overload_share',
      label: 'Доля учителей с нагрузкой более 1,5 ставки',
      expr: perTeachers('st_overload'),
      unit: '%',
      decimals: 0,
    },
    {
      id: 'over55_share',
      label: 'Доля педагогов старше 55 лет',
      expr: perTeachers('st_over55'),
      unit: '%',
      decimals: 0,
    },
    {
      id: 'category_share',
      label: 'Доля педагогов высшей и первой категории',
      expr: perTeachers('tc_category'),
      unit: '%',
      decimals: 0,
    },
    {
      id: 'courses_share',
      label: 'Доля педагогов, прошедших курсы за три года',
      expr: perTeachers('pd_courses'),
      unit: '%',
      decimals: 0,
    },
    {
      id: 'failing_share',
      label: 'Доля обучающихся с неудовлетворительными отметками',
      expr: perStudents('ar_failing'),
      unit: '%',
      decimals: 1,
    },
    {
      id: 'ovz_share',
      label: 'Доля обучающихся с ОВЗ',
      expr: perStudents('ovz_count'),
      unit: '%',
      decimals: 1,
    },
    {
      id: 'registered_share',
      label: 'Доля обучающихся на профилактическом учёте',
      expr: perStudents('cl_registered'),
      unit: '%',
      decimals: 1,
    },
    {
      id: 'olympiad_share',
      label: 'Доля участников школьного этапа ВсОШ',
      expr: perStudents('mo_olympiad'),
      unit: '%',
      decimals: 0,
    },
  ],
  migrations: [
    {
      from: 1,
      ops: [
        { op: 'rename', from: 'st_load', to: 'st_overload' },
        { op: 'remove', id: 'ar_repeat' },
        { op: 'recode', id: 'pa_meetings', map: { about_half: 'third' } },
      ],
    },
  ],
};
