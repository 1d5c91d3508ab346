/**
 * The bench-only questionnaire of `npm run bench:forms`: 300 questions in 10
 * sections of 30, every question type but table, with required questions,
 * relevance, constraints and computed values like the programme's forms (which
 * are far smaller). It never enters the product: the bench builds the web app
 * with it added to the form registry (see forms.bench.ts). Type imports only,
 * so the registry can import it without a cycle.
 */
import type { FormDefinition, Question, Section } from '@opora/shared';

/** Sections and questions per section of the bench form. */
export const BENCH_SECTIONS = 10;
export const BENCH_PER_SECTION = 30;

/** The options of the bench form's single and multiple choices. */
export const OPTIONS = [
  { value: 'a', label: 'Полностью согласен' },
  { value: 'b', label: 'Скорее согласен' },
  { value: 'c', label: 'Скорее не согласен' },
  { value: 'd', label: 'Не согласен' },
];

function question(s: number, j: number): Question {
  const id = `s${s}_q${j}`;
  const text = `Вопрос ${j + 1} раздела ${s + 1}: насколько в школе налажена работа по направлению «${['учебная мотивация', 'оценивание', 'методическая работа', 'воспитание', 'управление'][j % 5]}»?`;
  const required = j % 2 === 0;
  switch (j % 10) {
    case 0:
      return { id, type: 'single', text, required, options: OPTIONS };
    case 1:
      return {
        id,
        type: 'multi',
        text,
        options: [
          ...OPTIONS.slice(0, 3),
          { value: 'none', label: 'Ничего из перечисленного', exclusive: true },
        ],
      };
    case 2:
      return {
        id,
        type: 'scale',
        text,
        required,
        min: 1,
        max: 5,
        minLabel: 'плохо',
        maxLabel: 'отлично',
      };
    case 3:
      return { id, type: 'number', text, unit: 'чел.', integer: true, min: 0, max: 2000 };
    case 4:
      return { id, type: 'shortText', text, required, maxLength: 200 };
    case 5:
      return { id, type: 'longText', text, help: 'Опишите подробно.', maxLength: 4000 };
    case 6:
      return { id, type: 'date', text, required, min: '2020-01-01', max: '2040-12-31' };
    case 7:
      return { id, type: 'yesNo', text };
    case 8:
      return {
        id,
        type: 'longText',
        text: `${text} Поясните ответ «Да».`,
        required,
        relevant: { op: 'eq', q: `s${s}_q${j - 1}`, value: true },
      };
    default:
      return {
        id,
        type: 'number',
        text: `${text} Из них — сколько человек?`,
        unit: 'чел.',
        integer: true,
        min: 0,
        constraints: [
          {
            check: {
              op: 'cmp',
              cmp: 'lte',
              a: { op: 'answer', q: id },
              b: { op: 'answer', q: `s${s}_q${j - 6}` },
            },
            message: 'Не больше общего числа.',
          },
        ],
      };
  }
}

function section(s: number): Section {
  return {
    id: `s${s}`,
    title: `Раздел ${s + 1}. Направление работы № ${s + 1}`,
    description: 'Ответьте на вопросы о работе школы за последний учебный год.',
    questions: Array.from({ length: BENCH_PER_SECTION }, (_, j) => question(s, j)),
  };
}

/** The 300-question bench form. */
export const benchForm: FormDefinition = {
  id: 'bench_forms_300',
  version: 1,
  title: 'Анкета бенчмарка: 300 вопросов',
  respondent: 'school_team',
  sections: Array.from({ length: BENCH_SECTIONS }, (_, s) => section(s)),
  computed: Array.from({ length: BENCH_SECTIONS }, (_, s) => ({
    id: `c${s}`,
    label: `Средняя оценка раздела ${s + 1}`,
    decimals: 1,
    expr: {
      op: 'avg' as const,
      of: [2, 12, 22].map((j) => ({ op: 'answer' as const, q: `s${s}_q${j}` })),
    },
  })),
};
