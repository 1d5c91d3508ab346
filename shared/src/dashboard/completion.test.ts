import { describe, expect, it } from 'vitest';
import { buildCompletionMatrix } from './completion.ts';
import type { QuestionnaireSummaryInput } from './inputs.ts';
import { school } from './test-fixtures.ts';

const waves = [
  { id: 'entry', label: 'Входной', start: '2026-03-01', end: '2026-03-31' },
  { id: 'mid', label: 'Промежуточный', start: '2026-10-01', end: '2026-10-31' },
];
const forms = [
  { id: 'environment', label: 'Качество школьной среды' },
  { id: 'leaders', label: 'Анкета для школ-лидеров', appliesTo: { flags: ['leader' as const] } },
];
const q = (
  schoolId: string,
  formId: string,
  wave: string,
  status: QuestionnaireSummaryInput['status'],
  submittedAt: string | null = null,
  percentComplete = status === 'submitted' ? 100 : 0,
): QuestionnaireSummaryInput => ({
  schoolId,
  formId,
  wave,
  status,
  percentComplete,
  submittedAt,
  updatedAt: submittedAt,
});

describe('questionnaire completion matrix', () => {
  const schools = [school('a'), school('b'), school('lead', { leader: true })];
  const summaries = [
    q('a', 'environment', 'entry', 'submitted', '2026-03-31T20:00:00Z'), // on the deadline day
    q('b', 'environment', 'entry', 'submitted', '2026-04-02T08:00:00Z'), // two days late
    q('lead', 'environment', 'entry', 'in_progress', null, 40),
    q('lead', 'leaders', 'entry', 'submitted', '2026-03-10'),
    q('a', 'environment', 'mid', 'in_progress', null, 10),
  ];

  it('flags late submissions and overdue questionnaires against the wave deadline', () => {
    const m = buildCompletionMatrix({ schools, forms, waves, summaries, asOf: '2026-04-15' });
    expect(m.columns.map((c) => `${c.formId}/${c.wave}`)).toEqual([
      'environment/entry',
      'environment/mid',
      'leaders/entry',
      'leaders/mid',
    ]);
    const state = (row: number, col: number) => m.rows[row]?.cells[col]?.state;
    expect(state(0, 0)).toBe('done');
    expect(state(1, 0)).toBe('done_late');
    expect(m.rows[1]?.cells[0]?.late).toBe(true);
    expect(state(2, 0)).toBe('overdue');
    expect(m.rows[2]?.cells[0]?.percentComplete).toBe(40);
    expect(state(0, 1)).toBe('in_progress'); // mid wave not yet due
    expect(state(1, 1)).toBe('not_started');
    expect(state(0, 2)).toBe('not_applicable'); // leader survey is for leader schools only
    expect(state(2, 2)).toBe('done');
  });

  it('computes the share done over applicable cells', () => {
    const m = buildCompletionMatrix({ schools, forms, waves, summaries, asOf: '2026-04-15' });
    // Applicable: a, b → 2 cells each; lead → 4 cells. Done: a1, b1, lead1 = 3 of 8.
    expect(m.totals).toEqual({ applicable: 8, done: 3, late: 2, shareDone: 3 / 8 });
    expect(m.columnTotals[0]).toEqual({ applicable: 3, done: 2, late: 2, shareDone: 2 / 3 });
    expect(m.columnTotals[2]).toEqual({ applicable: 1, done: 1, late: 0, shareDone: 1 });
    expect(m.rows[2]?.shareDone).toBe(1 / 4);
  });

  it('turns not-started cells overdue only after the deadline day', () => {
    const onDeadline = buildCompletionMatrix({
      schools,
      forms,
      waves,
      summaries: [],
      asOf: '2026-03-31',
    });
    expect(onDeadline.rows[0]?.cells[0]?.state).toBe('not_started');
    const dayAfter = buildCompletionMatrix({
      schools,
      forms,
      waves,
      summaries: [],
      asOf: '2026-04-01',
    });
    expect(dayAfter.rows[0]?.cells[0]?.state).toBe('overdue');
  });
});
