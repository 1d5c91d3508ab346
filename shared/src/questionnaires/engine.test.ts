import { describe, expect, it } from 'vitest';
import { evaluate, evaluateExpr, isDate, nextUnansweredRequired } from './engine.ts';
import {
  checkFormDefinition,
  type AnswerValues,
  type FormDefinition,
  type TableRow,
} from './form.ts';
import { ISSUE_MESSAGES } from './messages.ts';

/** A small form exercising every engine feature. */
const form: FormDefinition = {
  id: 'test_form',
  version: 1,
  title: 'Тест',
  respondent: 'school_team',
  sections: [
    {
      id: 's1',
      title: 'Раздел 1',
      questions: [
        {
          id: 'total',
          type: 'number',
          text: 'Всего',
          integer: true,
          min: 1,
          max: 1000,
          required: true,
        },
        { id: 'has_ovz', type: 'yesNo', text: 'Есть ОВЗ?', required: true },
        {
          id: 'ovz',
          type: 'number',
          text: 'Сколько?',
          required: true,
          relevant: { op: 'eq', q: 'has_ovz', value: true },
          constraints: [
            {
              check: {
                op: 'cmp',
                cmp: 'lte',
                a: { op: 'answer', q: 'ovz' },
                b: { op: 'answer', q: 'total' },
              },
              message: 'Не больше общего числа',
            },
          ],
        },
        {
          id: 'ovz_program',
          type: 'single',
          text: 'Программа?',
          required: true,
          // Chain: asked only when ovz is asked and above zero.
          relevant: {
            op: 'cmp',
            cmp: 'gt',
            a: { op: 'answer', q: 'ovz' },
            b: { op: 'const', value: 0 },
          },
          options: [
            { value: 'yes', label: 'Да', score: 2 },
            { value: 'no', label: 'Нет', score: 0 },
          ],
        },
        {
          id: 'ovz_comment',
          type: 'shortText',
          text: 'Почему нет?',
          required: true,
          relevant: { op: 'eq', q: 'ovz_program', value: 'no' },
          maxLength: 10,
        },
      ],
    },
    {
      id: 's2',
      title: 'Раздел 2',
      relevant: { op: 'answered', q: 'total' },
      questions: [
        {
          id: 'channels',
          type: 'multi',
          text: 'Каналы',
          options: [
            { value: 'a', label: 'А', score: 1 },
            { value: 'b', label: 'Б', score: 1 },
            { value: 'none', label: 'Нет', exclusive: true, score: 0 },
          ],
          maxSelected: 2,
        },
        { id: 'mood', type: 'scale', text: 'Настроение', min: 1, max: 5 },
        { id: 'day', type: 'date', text: 'Дата', min: '2024-01-01', required: true },
        {
          id: 'rows',
          type: 'table',
          text: 'Таблица',
          maxRows: 2,
          columns: [
            { id: 'name', type: 'shortText', text: 'Имя', required: true },
            { id: 'n', type: 'number', text: 'Число', min: 0 },
          ],
        },
      ],
    },
  ],
  computed: [
    {
      id: 'ovz_share',
      label: 'Доля',
      expr: {
        op: 'percent',
        part: { op: 'answer', q: 'ovz' },
        whole: { op: 'answer', q: 'total' },
      },
    },
    { id: 'channels_score', label: 'Баллы', expr: { op: 'score', q: 'channels' } },
    {
      id: 'combined',
      label: 'Сумма',
      expr: {
        op: 'sum',
        of: [
          { op: 'computed', id: 'channels_score' },
          { op: 'score', q: 'ovz_program' },
        ],
      },
    },
  ],
};

const ev = (values: AnswerValues) => evaluate(form, { values });
const codes = (values: AnswerValues, q: string) =>
  (ev(values).issuesByQuestion.get(q) ?? []).map((i) => i.code);

describe('form engine', () => {
  it('the test form is a sound definition', () => {
    expect(checkFormDefinition(form)).toEqual([]);
  });

  it('relevance chains collapse when an earlier answer switches a question off', () => {
    const full = { total: 100, has_ovz: true, ovz: 5, ovz_program: 'no', ovz_comment: 'x' };
    expect([...ev(full).relevantQuestions]).toContain('ovz_comment');
    // has_ovz = false hides ovz; its stale answer must not keep ovz_program and ovz_comment asked.
    const off = ev({ ...full, has_ovz: false });
    expect(off.relevantQuestions.has('ovz')).toBe(false);
    expect(off.relevantQuestions.has('ovz_program')).toBe(false);
    expect(off.relevantQuestions.has('ovz_comment')).toBe(false);
    expect(off.effective.ovz).toBeUndefined();
    expect(off.computed.ovz_share).toBeNull();
    // ovz = 0 hides only the tail of the chain.
    const zero = ev({ ...full, ovz: 0 });
    expect(zero.relevantQuestions.has('ovz')).toBe(true);
    expect(zero.relevantQuestions.has('ovz_program')).toBe(false);
  });

  it('a section with an unmet condition is skipped entirely', () => {
    const e = ev({});
    expect(e.relevantSections.has('s2')).toBe(false);
    expect(e.relevantQuestions.has('day')).toBe(false);
    expect(ev({ total: 3 }).relevantSections.has('s2')).toBe(true);
  });

  it('required applies only when relevant', () => {
    expect(codes({ total: 10, has_ovz: false }, 'ovz')).toEqual([]);
    expect(codes({ total: 10, has_ovz: true }, 'ovz')).toEqual(['required']);
    const e = ev({ total: 10, has_ovz: true });
    expect(e.firstUnansweredRequired).toEqual({ sectionId: 's1', questionId: 'ovz' });
    expect(ev({}).firstUnansweredRequired).toEqual({ sectionId: 's1', questionId: 'total' });
  });

  it('constraints: form constraints, ranges, options, lengths, dates, selections', () => {
    expect(codes({ total: 10, has_ovz: true, ovz: 11 }, 'ovz')).toEqual(['constraint']);
    expect(
      ev({ total: 10, has_ovz: true, ovz: 11 }).issuesByQuestion.get('ovz')?.[0]?.message,
    ).toBe('Не больше общего числа');
    expect(codes({ total: 10, has_ovz: true, ovz: 10 }, 'ovz')).toEqual([]);
    expect(codes({ total: 0 }, 'total')).toEqual(['numberMin']);
    expect(codes({ total: 2.5 }, 'total')).toEqual(['integer']);
    expect(codes({ total: 'много' }, 'total')).toEqual(['wrongType']);
    expect(codes({ total: 1, has_ovz: true, ovz: 1, ovz_program: 'maybe' }, 'ovz_program')).toEqual(
      ['unknownOption'],
    );
    const comment = {
      total: 1,
      has_ovz: true,
      ovz: 1,
      ovz_program: 'no',
      ovz_comment: '01234567890',
    };
    expect(codes(comment, 'ovz_comment')).toEqual(['tooLong']);
    expect(codes({ total: 1, day: '2023-12-31' }, 'day')).toEqual(['dateMin']);
    expect(codes({ total: 1, day: '2024-02-30' }, 'day')).toEqual(['dateFormat']);
    expect(codes({ total: 1, channels: ['a', 'none'] }, 'channels')).toEqual(['exclusive']);
    expect(codes({ total: 1, channels: ['a', 'b', 'x'] }, 'channels')).toContain('maxSelected');
    expect(codes({ total: 1, mood: 6 }, 'mood')).toEqual(['scaleRange']);
    expect(ev({ total: 1, mood: 6 }).issuesByQuestion.get('mood')?.[0]?.message).toBe(
      'Выберите значение от 1 до 5',
    );
  });

  it('a constraint over an unanswered input does not complain', () => {
    expect(codes({ has_ovz: true, ovz: 11 }, 'ovz')).toEqual([]);
  });

  it('validates table rows and cells', () => {
    const rows: TableRow[] = [
      { rowId: 'r1', cells: { name: 'Анна', n: 1 } },
      { rowId: 'r2', cells: { n: -1 } },
      { rowId: 'r3', cells: { name: 'Борис' } },
    ];
    const issues = ev({ total: 1, rows }).issuesByQuestion.get('rows') ?? [];
    expect(issues.map((i) => [i.code, i.rowId ?? null, i.columnId ?? null])).toEqual([
      ['maxRows', null, null],
      ['required', 'r2', 'name'],
      ['numberMin', 'r2', 'n'],
    ]);
  });

  it('computes values and scores, with null for missing inputs', () => {
    const e = ev({ total: 200, has_ovz: true, ovz: 10, ovz_program: 'yes', channels: ['a', 'b'] });
    expect(e.computed.ovz_share).toBe(5);
    expect(e.computed.channels_score).toBe(2);
    expect(e.computed.combined).toBe(4);
    const partial = ev({ total: 200, channels: ['a'] });
    expect(partial.computed.ovz_share).toBeNull();
    expect(partial.computed.combined).toBe(1);
    expect(
      evaluateExpr(
        form,
        { op: 'div', a: { op: 'const', value: 1 }, b: { op: 'const', value: 0 } },
        {},
      ),
    ).toBeNull();
  });

  it('progress counts asked questions; conflicts count as answered and are flagged', () => {
    const e = ev({ total: 10, has_ovz: false });
    // Asked: total, has_ovz, channels, mood, day, rows.
    expect(e.progress).toEqual({
      total: 6,
      answered: 2,
      percent: 33,
      required: 3,
      requiredAnswered: 2,
    });
    expect(e.sectionProgress.get('s1')?.percent).toBe(100);
    const c = evaluate(form, {
      values: { total: 10, has_ovz: false },
      conflicts: new Set(['day']),
    });
    expect(c.progress.requiredAnswered).toBe(3);
    expect(c.issuesByQuestion.get('day')?.map((i) => i.message)).toEqual([ISSUE_MESSAGES.conflict]);
    expect(c.firstProblem).toEqual({ sectionId: 's2', questionId: 'day' });
  });

  it('cycles through unanswered required questions', () => {
    const e = ev({ has_ovz: true });
    expect(nextUnansweredRequired(form, e, null)?.questionId).toBe('total');
    expect(nextUnansweredRequired(form, e, 'total')?.questionId).toBe('ovz');
    expect(nextUnansweredRequired(form, e, 'ovz')?.questionId).toBe('total');
    expect(
      nextUnansweredRequired(form, ev({ total: 1, has_ovz: false, day: '2024-05-01' }), null),
    ).toBeNull();
  });

  it('checks dates and flags unsound definitions', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    const bad: FormDefinition = {
      ...form,
      sections: [
        {
          id: 's',
          title: 'x',
          questions: [
            { id: 'a', type: 'yesNo', text: 'a', relevant: { op: 'eq', q: 'b', value: true } },
            { id: 'b', type: 'yesNo', text: 'b' },
            { id: 'b', type: 'single', text: 'c', options: [{ value: 'Bad', label: 'x' }] },
          ],
        },
      ],
      computed: [],
    };
    const problems = checkFormDefinition(bad);
    expect(problems).toContain('question a reads "b", not an earlier question');
    expect(problems).toContain('duplicate id "b"');
    expect(problems.some((p) => p.includes('not a slug'))).toBe(true);
  });
});
