/**
 * «Анкета для школ-лидеров»: monitoring of the tutor-support programme a leader
 * school runs for its participant schools (seed 000: the tutoring algorithm and
 * network events; seed 003: stages организационный / основной / аналитический).
 */
import type { FormDefinition } from '../form.ts';
import { answer, isYes, options, scale5 } from './helpers.ts';

/** «Анкета для школ-лидеров». */
export const programmeLeaderForm: FormDefinition = {
  id: 'programme_leader',
  version: 1,
  title: 'Анкета для школ-лидеров',
  description: 'Мониторинг реализации программы тьюторского сопровождения школ-участников проекта.',
  respondent: 'leader_school',
  sections: [
    {
      id: 'organisation',
      title: 'Организация сопровождения',
      questions: [
        {
          id: 'pl_partner_schools',
          type: 'number',
          text: 'Сколько школ-участников сопровождает школа?',
          unit: 'шк.',
          integer: true,
          min: 1,
          max: 20,
          required: true,
        },
        {
          id: 'pl_tutors',
          type: 'number',
          text: 'Сколько педагогов-тьюторов школы участвуют в сопровождении?',
          unit: 'чел.',
          integer: true,
          min: 0,
          max: 200,
          required: true,
        },
        {
          id: 'pl_mentored_teachers',
          type: 'number',
          text: 'За сколькими учителями школ-участников закреплены наставники?',
          unit: 'чел.',
          integer: true,
          min: 0,
          max: 500,
          required: true,
        },
        {
          id: 'pl_stages',
          type: 'multi',
          text: 'Какие этапы программы тьюторского сопровождения пройдены?',
          options: options(
            [
              'organisational',
              'Организационный: соглашения, рабочая группа, анализ результатов ОГЭ',
            ],
            ['main', 'Основной: семинары, методические дни, консультации'],
            ['analytical', 'Аналитический: мониторинг результативности'],
          ),
          required: true,
        },
      ],
    },
    {
      id: 'events',
      title: 'Мероприятия',
      questions: [
        {
          id: 'pl_events',
          type: 'table',
          text: 'Мероприятия для школ-участников за период',
          addLabel: 'Добавить мероприятие',
          maxRows: 100,
          columns: [
            {
              id: 'kind',
              type: 'single',
              text: 'Форма',
              options: options(
                ['seminar', 'Семинар (тьюториал)'],
                ['master_class', 'Мастер-класс'],
                ['open_lesson', 'Открытый урок'],
                ['internship', 'Стажировка'],
                ['joint_mo', 'Совместное методическое объединение'],
                ['webinar', 'Вебинар'],
                ['consultation', 'Консультация'],
              ),
              required: true,
            },
            { id: 'topic', type: 'shortText', text: 'Тема', maxLength: 300, required: true },
            { id: 'date', type: 'date', text: 'Дата' },
            {
              id: 'participants',
              type: 'number',
              text: 'Участников',
              integer: true,
              min: 0,
              max: 1000,
            },
          ],
        },
        {
          id: 'pl_deficits',
          type: 'multi',
          text: 'Какие дефициты школ-участников выявлены?',
          options: options(
            ['management', 'Управление качеством образования'],
            ['subject', 'Предметная компетентность учителей'],
            ['methods', 'Методы работы с обучающимися с трудностями'],
            ['assessment', 'Оценивание и анализ результатов'],
            ['parents', 'Работа с родителями'],
            ['equipment', 'Оснащение'],
          ),
          required: true,
        },
        {
          id: 'pl_resources',
          type: 'multi',
          text: 'Какие ресурсы школы-лидера использованы?',
          options: options(
            ['staff', 'Кадровые: педагоги высшей и первой категории'],
            ['methodical', 'Программно-методические материалы'],
            ['equipment', 'Оборудование для лабораторных и исследовательских работ'],
            ['digital', 'Цифровые платформы и дистанционные курсы'],
          ),
        },
      ],
    },
    {
      id: 'outcomes',
      title: 'Результаты',
      questions: [
        scale5(
          'pl_effect',
          'Насколько, по вашей оценке, изменилась практика учителей школ-участников?',
          'не изменилась',
          'изменилась значительно',
          { required: true },
        ),
        {
          id: 'pl_feedback',
          type: 'yesNo',
          text: 'Собиралась ли обратная связь от педагогов школ-участников?',
          required: true,
        },
        {
          id: 'pl_satisfaction',
          type: 'number',
          text: 'Доля педагогов школ-участников, удовлетворённых сопровождением',
          unit: '%',
          min: 0,
          max: 100,
          relevant: isYes('pl_feedback'),
          required: true,
        },
        {
          id: 'pl_essay',
          type: 'yesNo',
          text: 'Подготовлено ли совместное эссе «Мы – одна команда!» для грантового конкурса?',
        },
        {
          id: 'pl_practices',
          type: 'longText',
          text: 'Какие практики сопровождения оказались успешными и могут войти в банк лучших практик?',
          maxLength: 4000,
        },
        {
          id: 'pl_difficulties',
          type: 'longText',
          text: 'Какие трудности возникли в сопровождении?',
          maxLength: 4000,
        },
      ],
    },
  ],
  computed: [
    {
      id: 'events_count',
      label: 'Проведено мероприятий',
      expr: { op: 'count', q: 'pl_events' },
    },
    {
      id: 'mentored_per_tutor',
      label: 'Учителей на одного педагога-тьютора',
      expr: { op: 'div', a: answer('pl_mentored_teachers'), b: answer('pl_tutors') },
      decimals: 1,
    },
  ],
};
