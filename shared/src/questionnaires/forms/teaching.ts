/**
 * «Качество преподавания и организации учебного процесса»: entry-monitoring
 * questionnaire filled by the school team (deputy director for teaching, seed 000)
 * about the school's teaching: lesson practice,
 * assessment (diagnostic and formative, seed 001 п. 2.4) and professional
 * development, with a table of completed courses.
 */
import type { FormDefinition } from '../form.ts';
import { isYes, options, scale5 } from './helpers.ts';

/** «Качество преподавания и организации учебного процесса». */
export const teachingForm: FormDefinition = {
  id: 'teaching',
  version: 1,
  title: 'Качество преподавания и организации учебного процесса',
  description:
    'Анкета о преподавании в школе: организация урока, оценивание, работа с обучающимися с трудностями в обучении, профессиональное развитие педагогов. Заполняет заместитель директора вместе с руководителями методических объединений.',
  respondent: 'school_team',
  sections: [
    {
      id: 'observation',
      title: 'Посещение уроков',
      questions: [
        {
          id: 't_lessons_observed',
          type: 'number',
          text: 'Сколько уроков посетили администрация и методисты за период?',
          unit: 'шт.',
          integer: true,
          min: 0,
          max: 2000,
          required: true,
        },
        scale5(
          't_observed_quality',
          'Как вы в целом оцениваете качество посещённых уроков?',
          'низкое',
          'высокое',
          {
            relevant: {
              op: 'cmp',
              cmp: 'gt',
              a: { op: 'answer', q: 't_lessons_observed' },
              b: { op: 'const', value: 0 },
            },
            required: true,
          },
        ),
        {
          id: 't_weak_subjects',
          type: 'multi',
          text: 'По каким предметам качество преподавания вызывает наибольшие опасения?',
          options: options(
            ['primary', 'Начальные классы'],
            ['russian', 'Русский язык и литература'],
            ['math', 'Математика'],
            ['science', 'Физика, химия, биология'],
            ['social', 'История, обществознание, география'],
            ['foreign', 'Иностранный язык'],
            ['none', 'Опасений нет'],
          ).map((o) => (o.value === 'none' ? { ...o, exclusive: true } : o)),
          required: true,
        },
      ],
    },
    {
      id: 'lesson',
      title: 'Урок',
      questions: [
        scale5(
          't_goals',
          'Насколько часто учителя формулируют цели урока вместе с обучающимися?',
          'никогда',
          'на каждом уроке',
          { required: true },
        ),
        {
          id: 't_differentiation',
          type: 'single',
          text: 'Как учителя чаще всего работают с обучающимися разного уровня подготовки?',
          options: options(
            ['levels', 'Разноуровневые задания на большинстве уроков', 2],
            ['groups', 'Групповая работа с распределением ролей', 2],
            ['extra', 'Только дополнительные занятия после уроков', 1],
            ['same', 'Все выполняют одинаковые задания', 0],
          ),
          required: true,
        },
        {
          id: 't_digital',
          type: 'multi',
          text: 'Какие цифровые ресурсы учителя используют на уроках и при подготовке к ГИА?',
          options: options(
            ['resh', 'Российская электронная школа'],
            ['uchi', 'Учи.ру'],
            ['reshu', 'Решу ЕГЭ / Решу ОГЭ'],
            ['globallab', 'ГлобалЛаб'],
            ['sferum', 'Сферум'],
            ['none', 'Не используют'],
          ).map((o) => (o.value === 'none' ? { ...o, exclusive: true } : o)),
        },
      ],
    },
    {
      id: 'assessment',
      title: 'Оценивание',
      questions: [
        {
          id: 't_formative',
          type: 'yesNo',
          text: 'Используют ли учителя приёмы формирующего оценивания (критерии, обратная связь, самооценка)?',
          required: true,
          yesScore: 1,
          noScore: 0,
        },
        {
          id: 't_formative_forms',
          type: 'multi',
          text: 'Какие приёмы формирующего оценивания используются?',
          relevant: isYes('t_formative'),
          options: options(
            ['criteria', 'Критерии оценивания, известные заранее'],
            ['feedback', 'Развёрнутая письменная или устная обратная связь'],
            ['self', 'Самооценка и взаимооценка'],
            ['exit', 'Листы самоконтроля, «выходные билеты»'],
          ),
          required: true,
        },
        {
          id: 't_vpr_analysis',
          type: 'yesNo',
          text: 'Анализируются ли результаты ВПР по каждому заданию с корректировкой рабочих программ?',
          required: true,
          yesScore: 1,
          noScore: 0,
        },
      ],
    },
    {
      id: 'development',
      title: 'Профессиональное развитие',
      questions: [
        {
          id: 't_courses',
          type: 'table',
          text: 'Курсы повышения квалификации педагогов школы за период',
          addLabel: 'Добавить курс',
          maxRows: 200,
          columns: [
            { id: 'teacher', type: 'shortText', text: 'Педагог', required: true, maxLength: 200 },
            {
              id: 'title',
              type: 'shortText',
              text: 'Название курса',
              required: true,
              maxLength: 300,
            },
            {
              id: 'hours',
              type: 'number',
              text: 'Объём',
              unit: 'ч',
              integer: true,
              min: 1,
              max: 1000,
            },
            {
              id: 'year',
              type: 'number',
              text: 'Год',
              integer: true,
              min: 2015,
              max: 2100,
              required: true,
            },
          ],
        },
        {
          id: 't_deficits',
          type: 'multi',
          text: 'В чём педагогам школы больше всего нужна методическая помощь?',
          options: options(
            ['low_results', 'Работа с обучающимися с низкими результатами'],
            ['motivation', 'Повышение учебной мотивации'],
            ['ovz', 'Обучение детей с ОВЗ'],
            ['assessment', 'Формирующее оценивание'],
            ['gia', 'Подготовка к ГИА'],
            ['literacy', 'Функциональная грамотность'],
          ),
        },
        {
          id: 't_mentor',
          type: 'yesNo',
          text: 'Закреплены ли наставники (в том числе из школы-лидера) за учителями, которым нужна помощь?',
          required: true,
        },
        {
          id: 't_difficulties',
          type: 'longText',
          text: 'С какими трудностями учителя сталкиваются при работе с обучающимися с низкими результатами?',
          maxLength: 4000,
        },
      ],
    },
  ],
  computed: [
    {
      id: 'teaching_score',
      label: 'Балл практик преподавания',
      expr: {
        op: 'sum',
        of: [
          { op: 'score', q: 't_differentiation' },
          { op: 'score', q: 't_formative' },
          { op: 'score', q: 't_vpr_analysis' },
          { op: 'answer', q: 't_goals' },
        ],
      },
    },
  ],
};
