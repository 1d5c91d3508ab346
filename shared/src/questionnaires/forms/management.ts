/**
 * «Качество управления»: entry-monitoring questionnaire on how the school is
 * managed (seed 000), with the management-cycle criteria of seed 001 (goals,
 * measurable indicators, data collection, plan of measures, analysis) and the
 * 2–4 priority directions of seed 000. Filled by the director.
 */
import type { FormDefinition } from '../form.ts';
import { isYes, options, scale5 } from './helpers.ts';

/** The four priority directions of a transition programme (seed 000). */
export const PRIORITY_DIRECTION_OPTIONS = options(
  ['subject_results', 'Предметные результаты'],
  ['assessment', 'Оценивание и учёт результатов'],
  ['parents', 'Партнёрство с родителями'],
  ['professional_growth', 'Поддержка профессионального развития педагогов'],
);

/** «Качество управления». */
export const managementForm: FormDefinition = {
  id: 'management',
  version: 1,
  title: 'Качество управления',
  description:
    'Анкета мониторинга качества управления школой: стратегия и программа перехода в эффективный режим работы, внутренняя система оценки качества, кадры, партнёрство.',
  respondent: 'director',
  sections: [
    {
      id: 'strategy',
      title: 'Стратегия и программа',
      questions: [
        {
          id: 'mg_program',
          type: 'yesNo',
          text: 'Утверждена ли программа перехода школы в эффективный режим работы?',
          required: true,
          yesScore: 2,
          noScore: 0,
        },
        {
          id: 'mg_program_date',
          type: 'date',
          text: 'Дата утверждения программы',
          relevant: isYes('mg_program'),
          required: true,
        },
        {
          id: 'mg_cycle',
          type: 'multi',
          text: 'Что содержит программа по каждой ключевой проблеме?',
          help: 'Критерии управленческого цикла: цели и задачи, измеримые показатели, способ сбора данных, план мероприятий, критерии успеха.',
          relevant: isYes('mg_program'),
          options: options(
            ['goals', 'Цели и задачи', 1],
            ['indicators', 'Измеримые показатели', 1],
            ['data', 'Способ сбора данных для показателей', 1],
            ['plan', 'План мероприятий со сроками и ответственными', 1],
            ['criteria', 'Критерии успеха и подходы к анализу', 1],
          ),
          required: true,
        },
        {
          id: 'mg_priorities',
          type: 'multi',
          text: 'Приоритетные направления изменений',
          options: PRIORITY_DIRECTION_OPTIONS,
          minSelected: 2,
          maxSelected: 4,
          required: true,
        },
        scale5(
          'mg_smart',
          'Насколько цель программы конкретна, измерима и определена во времени?',
          'совсем нет',
          'полностью',
          {
            relevant: isYes('mg_program'),
          },
        ),
      ],
    },
    {
      id: 'vsoko',
      title: 'Внутренняя система оценки качества',
      questions: [
        {
          id: 'mg_vsoko',
          type: 'yesNo',
          text: 'Действует ли положение о внутренней системе оценки качества образования (ВСОКО)?',
          required: true,
          yesScore: 1,
          noScore: 0,
        },
        {
          id: 'mg_data_use',
          type: 'single',
          text: 'Как администрация использует результаты оценочных процедур (ВПР, КДР, НИКО, ОГЭ, ЕГЭ)?',
          options: options(
            ['decisions', 'Принимает управленческие решения и отслеживает их выполнение', 2],
            ['discuss', 'Обсуждает на педсовете', 1],
            ['archive', 'Результаты собираются, но не анализируются', 0],
          ),
          required: true,
        },
        {
          id: 'mg_objectivity',
          type: 'yesNo',
          text: 'Привлекаются ли независимые наблюдатели и независимая проверка работ при внутренних оценочных процедурах?',
          required: true,
          yesScore: 1,
          noScore: 0,
        },
      ],
    },
    {
      id: 'staff',
      title: 'Управление кадрами',
      questions: [
        {
          id: 'mg_team',
          type: 'yesNo',
          text: 'Создана ли рабочая группа (школьная команда) по реализации программы?',
          required: true,
          yesScore: 1,
          noScore: 0,
        },
        {
          id: 'mg_team_size',
          type: 'number',
          text: 'Сколько человек в школьной команде?',
          unit: 'чел.',
          integer: true,
          min: 2,
          max: 100,
          relevant: isYes('mg_team'),
          required: true,
        },
        {
          id: 'mg_incentives',
          type: 'single',
          text: 'Учитываются ли в стимулирующих выплатах результаты работы с обучающимися с трудностями в обучении?',
          options: options(['yes', 'Да', 1], ['no', 'Нет', 0], ['planned', 'Планируется', 0]),
          required: true,
        },
      ],
    },
    {
      id: 'partnership',
      title: 'Партнёрство и внешняя поддержка',
      questions: [
        {
          id: 'mg_agreement',
          type: 'yesNo',
          text: 'Заключено ли партнёрское соглашение со школой-лидером?',
          required: true,
          yesScore: 1,
          noScore: 0,
        },
        {
          id: 'mg_leader_name',
          type: 'shortText',
          text: 'Название школы-лидера',
          relevant: isYes('mg_agreement'),
          required: true,
          maxLength: 300,
        },
        {
          id: 'mg_agreement_date',
          type: 'date',
          text: 'Дата заключения соглашения',
          relevant: isYes('mg_agreement'),
        },
        scale5(
          'mg_municipal_support',
          'Оцените поддержку школы со стороны муниципального органа управления образованием',
          'поддержки нет',
          'постоянная и действенная',
          { required: true },
        ),
        {
          id: 'mg_comment',
          type: 'longText',
          text: 'Какие управленческие решения за последний период дали наибольший эффект?',
          maxLength: 4000,
        },
      ],
    },
  ],
  computed: [
    {
      id: 'management_score',
      label: 'Балл качества управления',
      expr: {
        op: 'sum',
        of: [
          'mg_program',
          'mg_cycle',
          'mg_vsoko',
          'mg_data_use',
          'mg_objectivity',
          'mg_team',
          'mg_incentives',
          'mg_agreement',
        ].map((q) => ({ op: 'score', q }) as const),
      },
    },
  ],
};
