/**
 * «Качество школьной среды»: one of the three entry-monitoring questionnaires of
 * the Komi model (seed 000: «Мониторинг качества … школьной среды»). Filled by
 * the school team; covers safety, the educational and upbringing environment,
 * relationships, and openness / network partnership.
 */
import type { FormDefinition } from '../form.ts';
import { isYes, options, scale5 } from './helpers.ts';

/** «Качество школьной среды». */
export const schoolEnvironmentForm: FormDefinition = {
  id: 'school_environment',
  version: 1,
  title: 'Качество школьной среды',
  description:
    'Анкета входного, промежуточного и итогового мониторинга: безопасность и комфорт, воспитательная среда, взаимоотношения, открытость школы.',
  respondent: 'school_team',
  sections: [
    {
      id: 'safety',
      title: 'Безопасность и комфорт',
      questions: [
        scale5(
          'env_safety',
          'Насколько безопасна школьная среда для обучающихся?',
          'небезопасна',
          'полностью безопасна',
          { required: true },
        ),
        {
          id: 'env_comfort',
          type: 'multi',
          text: 'Что из перечисленного есть в школе?',
          options: options(
            ['rest_zones', 'Зоны отдыха для обучающихся на переменах', 1],
            ['hot_meals', 'Горячее питание для всех обучающихся', 1],
            ['medical', 'Медицинский кабинет с работающим специалистом', 1],
            ['transport', 'Подвоз обучающихся из отдалённых населённых пунктов', 1],
            ['video', 'Система видеонаблюдения и контроля доступа', 1],
          ),
          required: true,
        },
        scale5(
          'env_sanitary',
          'Оцените санитарное состояние помещений',
          'неудовлетворительное',
          'отличное',
          { required: true },
        ),
      ],
    },
    {
      id: 'upbringing',
      title: 'Образовательная и воспитательная среда',
      questions: [
        {
          id: 'env_clubs',
          type: 'number',
          text: 'Количество кружков и секций дополнительного образования, работающих в школе',
          unit: 'шт.',
          integer: true,
          min: 0,
          max: 200,
          required: true,
        },
        {
          id: 'env_student_council',
          type: 'yesNo',
          text: 'Работает ли в школе ученическое самоуправление?',
          required: true,
        },
        {
          id: 'env_council_decisions',
          type: 'longText',
          text: 'Какие решения за последний год приняты с участием ученического самоуправления?',
          relevant: isYes('env_student_council'),
          maxLength: 2000,
        },
        {
          id: 'env_rdsh',
          type: 'yesNo',
          text: 'Есть ли в школе первичное отделение Движения первых (Российского движения детей и молодёжи)?',
        },
        {
          id: 'env_events',
          type: 'multi',
          text: 'Какие общешкольные события проводятся ежегодно?',
          options: options(
            ['projects_day', 'День проектов, научно-практическая конференция'],
            ['sports', 'Спортивные соревнования'],
            ['volunteering', 'Волонтёрские и экологические акции'],
            ['family', 'Семейные праздники с участием родителей'],
            ['career', 'Дни профориентации'],
          ),
        },
      ],
    },
    {
      id: 'relations',
      title: 'Взаимоотношения',
      questions: [
        scale5(
          'env_teacher_student',
          'Как вы оцениваете отношения между учителями и обучающимися?',
          'напряжённые',
          'доброжелательные',
          { required: true },
        ),
        scale5(
          'env_staff',
          'Как вы оцениваете климат в педагогическом коллективе?',
          'конфликтный',
          'сплочённый',
          { required: true },
        ),
        {
          id: 'env_conflicts',
          type: 'single',
          text: 'Как в школе разрешаются конфликтные ситуации?',
          options: options(
            ['mediation', 'Работает служба школьной медиации (примирения)', 2],
            ['administration', 'Разбирает администрация по обращению', 1],
            ['no_system', 'Системы нет, решается от случая к случаю', 0],
          ),
          required: true,
        },
        {
          id: 'env_psych_service',
          type: 'yesNo',
          text: 'Доступна ли обучающимся психологическая помощь в школе?',
          required: true,
        },
      ],
    },
    {
      id: 'openness',
      title: 'Открытость и сетевое взаимодействие',
      questions: [
        {
          id: 'env_site_updates',
          type: 'single',
          text: 'Как часто обновляется информация на сайте школы?',
          options: options(
            ['weekly', 'Еженедельно'],
            ['monthly', 'Ежемесячно'],
            ['rarely', 'Реже одного раза в месяц'],
          ),
          required: true,
        },
        {
          id: 'env_partners',
          type: 'multi',
          text: 'С кем школа сотрудничает на основе договоров (сетевое взаимодействие)?',
          options: options(
            ['leader_school', 'Школа-лидер'],
            ['other_schools', 'Другие школы муниципалитета'],
            ['college', 'Колледж или вуз'],
            ['culture', 'Учреждения культуры и спорта'],
            ['business', 'Предприятия и организации'],
            ['other', 'Другое'],
            ['none', 'Договоров о сотрудничестве нет'],
          ).map((o) => (o.value === 'none' ? { ...o, exclusive: true } : o)),
          required: true,
        },
        {
          id: 'env_partners_other',
          type: 'shortText',
          text: 'Укажите других партнёров',
          relevant: { op: 'has', q: 'env_partners', value: 'other' },
          required: true,
          maxLength: 300,
        },
        {
          id: 'env_comment',
          type: 'longText',
          text: 'Что в школьной среде необходимо изменить в первую очередь?',
          maxLength: 4000,
        },
      ],
    },
  ],
  computed: [
    {
      id: 'environment_index',
      label: 'Индекс качества школьной среды (среднее по шкалам)',
      expr: {
        op: 'avg',
        of: [
          { op: 'answer', q: 'env_safety' },
          { op: 'answer', q: 'env_sanitary' },
          { op: 'answer', q: 'env_teacher_student' },
          { op: 'answer', q: 'env_staff' },
        ],
      },
      decimals: 1,
    },
  ],
};
