/**
 * «Анкета для школ-участников проекта»: monitoring of how the transition
 * programme works in a participant school (seed 000, «Мониторинг
 * эффективности реализации программ перевода школ в эффективный режим
 * функционирования»). Covers priorities, progress of measures, support from the
 * leader school and the curator, and exam dynamics against the regional average.
 */
import type { FormDefinition } from '../form.ts';
import { answer, isYes, options, scale5 } from './helpers.ts';
import { PRIORITY_DIRECTION_OPTIONS } from './management.ts';

/** Exams whose school average is compared with the region's (seed 000). */
export const EXAM_OPTIONS = options(
  ['oge_russian', 'ОГЭ, русский язык'],
  ['oge_math', 'ОГЭ, математика'],
  ['ege_russian', 'ЕГЭ, русский язык'],
  ['ege_math', 'ЕГЭ, математика (профильная)'],
);

/** «Анкета для школ-участников проекта». */
export const programmeParticipantForm: FormDefinition = {
  id: 'programme_participant',
  version: 1,
  title: 'Анкета для школ-участников проекта',
  description:
    'Мониторинг эффективности реализации программы перехода школы в эффективный режим работы.',
  respondent: 'school_team',
  sections: [
    {
      id: 'programme',
      title: 'Программа перехода',
      questions: [
        {
          id: 'pp_priorities',
          type: 'multi',
          text: 'Приоритетные направления программы',
          options: PRIORITY_DIRECTION_OPTIONS,
          minSelected: 2,
          maxSelected: 4,
          required: true,
        },
        {
          id: 'pp_goal',
          type: 'shortText',
          text: 'Цель программы',
          maxLength: 500,
          required: true,
        },
        {
          id: 'pp_measures_planned',
          type: 'number',
          text: 'Сколько мероприятий запланировано в дорожной карте на текущий период?',
          unit: 'шт.',
          integer: true,
          min: 0,
          max: 500,
          required: true,
        },
        {
          id: 'pp_measures_done',
          type: 'number',
          text: 'Сколько из них выполнено?',
          unit: 'шт.',
          integer: true,
          min: 0,
          max: 500,
          required: true,
          constraints: [
            {
              check: {
                op: 'cmp',
                cmp: 'lte',
                a: answer('pp_measures_done'),
                b: answer('pp_measures_planned'),
              },
              message: 'Выполнено не может быть больше, чем запланировано',
            },
          ],
        },
        {
          id: 'pp_roadmap_changed',
          type: 'yesNo',
          text: 'Корректировалась ли дорожная карта в текущем периоде?',
          required: true,
        },
        {
          id: 'pp_roadmap_changes',
          type: 'longText',
          text: 'Что изменено в дорожной карте и почему?',
          relevant: isYes('pp_roadmap_changed'),
          required: true,
          maxLength: 4000,
        },
      ],
    },
    {
      id: 'support',
      title: 'Поддержка школы',
      questions: [
        {
          id: 'pp_agreement',
          type: 'yesNo',
          text: 'Заключено ли партнёрское соглашение со школой-лидером?',
          required: true,
        },
        {
          id: 'pp_leader_forms',
          type: 'multi',
          text: 'Какие формы поддержки школы-лидера использовались?',
          relevant: isYes('pp_agreement'),
          options: options(
            ['director_consulting', 'Консультации директора по управленческим решениям'],
            ['deputy_consulting', 'Консультации заместителя по контролю качества результатов'],
            ['tutors', 'Консультации педагогов-тьюторов по трудным темам'],
            ['mentors', 'Наставники из числа учителей высшей и первой категории'],
            ['seminars', 'Совместные модельные семинары'],
            ['open_lessons', 'Открытые уроки и мастер-классы'],
            ['equipment', 'Использование оборудования школы-лидера для лабораторных работ'],
            ['joint_mo', 'Совместные методические объединения и сетевые сообщества'],
          ),
          required: true,
        },
        scale5(
          'pp_leader_usefulness',
          'Насколько полезна поддержка школы-лидера?',
          'бесполезна',
          'очень полезна',
          {
            relevant: isYes('pp_agreement'),
            required: true,
          },
        ),
        {
          id: 'pp_curator_visits',
          type: 'number',
          text: 'Сколько раз куратор посетил школу за период?',
          unit: 'раз',
          integer: true,
          min: 0,
          max: 100,
          required: true,
        },
        scale5(
          'pp_curator_usefulness',
          'Насколько полезны консультации куратора?',
          'бесполезны',
          'очень полезны',
          {
            relevant: {
              op: 'cmp',
              cmp: 'gt',
              a: answer('pp_curator_visits'),
              b: { op: 'const', value: 0 },
            },
            required: true,
          },
        ),
        {
          id: 'pp_courses',
          type: 'number',
          text: 'Сколько педагогов прошли курсы повышения квалификации по программам проекта за период?',
          unit: 'чел.',
          integer: true,
          min: 0,
          max: 500,
        },
      ],
    },
    {
      id: 'results',
      title: 'Результаты',
      questions: [
        {
          id: 'pp_exams',
          type: 'table',
          text: 'Средние баллы школы и региона по итогам последнего учебного года',
          addLabel: 'Добавить экзамен',
          maxRows: 4,
          columns: [
            { id: 'exam', type: 'single', text: 'Экзамен', options: EXAM_OPTIONS, required: true },
            {
              id: 'school_avg',
              type: 'number',
              text: 'Средний балл школы',
              min: 0,
              max: 100,
              required: true,
            },
            { id: 'region_avg', type: 'number', text: 'Средний балл региона', min: 0, max: 100 },
          ],
        },
        {
          id: 'pp_positive_indicators',
          type: 'single',
          text: 'По скольким из четырёх показателей (ОГЭ и ЕГЭ по русскому языку и математике) есть положительная динамика?',
          options: options(
            ['n0', 'Ни по одному', 0],
            ['n1', 'По одному', 1],
            ['n2', 'По двум', 2],
            ['n3', 'По трём', 3],
            ['n4', 'По четырём', 4],
          ),
          required: true,
        },
        {
          id: 'pp_grant',
          type: 'single',
          text: 'Участие в грантовом конкурсе для школьных команд',
          options: options(
            ['winner', 'Победитель'],
            ['participant', 'Участник'],
            ['no', 'Не участвовали'],
          ),
        },
        {
          id: 'pp_success',
          type: 'longText',
          text: 'Какие изменения в школе вы считаете главным результатом периода?',
          maxLength: 4000,
        },
        {
          id: 'pp_difficulties',
          type: 'longText',
          text: 'Какие трудности мешают реализации программы и какая помощь нужна?',
          maxLength: 4000,
        },
      ],
    },
  ],
  computed: [
    {
      id: 'measures_done_share',
      label: 'Доля выполненных мероприятий',
      expr: {
        op: 'percent',
        part: answer('pp_measures_done'),
        whole: answer('pp_measures_planned'),
      },
      unit: '%',
      decimals: 0,
    },
  ],
};
