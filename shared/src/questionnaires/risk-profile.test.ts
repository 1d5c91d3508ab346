import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { evaluate } from './engine.ts';
import { findQuestion, type AnswerValue, type Expr } from './form.ts';
import { riskDiagnosticForm as form } from './forms/risk-diagnostic.ts';
import { RISK_FACTORS } from './risk-factors.ts';
import {
  RISK_RULES,
  bandPoints,
  indicatorMax,
  riskProfile,
  scoreFactor,
  selectFactor,
  selectedFactors,
  type Indicator,
} from './risk-profile.ts';

type Answers = Record<string, AnswerValue>;

/** A number that gives exactly `points` under the indicator's bands (a band edge when possible). */
function numberFor(ind: Extract<Indicator, { bands: unknown }>, points: number): number {
  const steps = [...ind.bands.steps].reverse();
  const step = steps.find((s) => s.points === points);
  if (step) return step.atLeast;
  const first = ind.bands.steps[0];
  if (ind.bands.below === points && first) return first.atLeast - 1;
  throw new Error(`no value gives ${points} points`);
}

/** Answers that make one indicator give `points`. */
function answersFor(ind: Indicator, points: number): Answers {
  if ('options' in ind) {
    const opt = Object.entries(ind.options).find(([, p]) => p === points);
    if (!opt) throw new Error(`no option with ${points} points for ${ind.q}`);
    return { [ind.q]: opt[0] };
  }
  if ('yes' in ind) return { [ind.q]: ind.yes === points };
  const n = numberFor(ind, points);
  const s = ind.source;
  if ('answer' in s) return { [s.answer]: n };
  if ('score' in s) {
    const q = findQuestion(form, s.score);
    if (q?.type !== 'multi') throw new Error('score indicators read multiple choice');
    const scored = q.options.filter((o) => (o.score ?? 0) === 1).map((o) => o.value);
    const none = q.options.find((o) => o.exclusive)?.value;
    if (n === 0 && none) return { [s.score]: [none] };
    return { [s.score]: scored.slice(0, n) };
  }
  const c = form.computed?.find((x) => x.id === s.computed);
  const e = c?.expr as Extract<Expr, { op: 'percent' }> | undefined;
  if (e?.op !== 'percent' || e.part.op !== 'answer' || e.whole.op !== 'answer')
    throw new Error('computed indicators are shares');
  return { [e.whole.q]: 100, [e.part.q]: n };
}

function possiblePoints(ind: Indicator): number[] {
  if ('options' in ind) return [...new Set(Object.values(ind.options))];
  if ('yes' in ind) return [...new Set([ind.yes, ind.no])];
  return [...new Set([ind.bands.below, ...ind.bands.steps.map((s) => s.points)])];
}

function* combos(lists: number[][]): Generator<number[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [head, ...rest] = lists;
  for (const x of head ?? []) for (const tail of combos(rest)) yield [x, ...tail];
}

const base: Answers = { students_total: 100, teachers_total: 100 };

describe('risk profile', () => {
  it('has a rule for each of the ten factors, reading questions that exist', () => {
    expect(RISK_RULES.map((r) => r.factor)).toEqual(RISK_FACTORS.map((f) => f.id));
    for (const rule of RISK_RULES) {
      expect(rule.indicators.length).toBeGreaterThanOrEqual(4);
      for (const ind of rule.indicators) {
        if ('q' in ind) {
          const q = findQuestion(form, ind.q);
          expect(q, ind.q).toBeDefined();
          if ('options' in ind && (q?.type === 'single' || q?.type === 'multi'))
            for (const v of Object.keys(ind.options))
              expect(
                q.options.map((o) => o.value),
                `${ind.q}.${v}`,
              ).toContain(v);
        }
      }
    }
  });

  it('bands cut at their edges', () => {
    const bands = {
      below: 0,
      steps: [
        { atLeast: 5, points: 1 },
        { atLeast: 10, points: 2 },
      ],
    };
    expect([4.99, 5, 9.99, 10].map((n) => bandPoints(n, bands))).toEqual([0, 1, 1, 2]);
  });

  // Every combination of indicator points, each produced by a real answer at a band edge:
  // the level must follow points / max against 0.60 and 0.30, on both sides of each threshold.
  for (const rule of RISK_RULES) {
    it(`scores ${rule.factor} at its thresholds`, () => {
      const max = rule.indicators.reduce((a, i) => a + indicatorMax(i), 0);
      const seen = new Set<string>();
      let checked = 0;
      for (const pts of combos(rule.indicators.map(possiblePoints))) {
        let answers: Answers = { ...base };
        rule.indicators.forEach(
          (ind, i) => (answers = { ...answers, ...answersFor(ind, pts[i] ?? 0) }),
        );
        const result = scoreFactor(rule, evaluate(form, { values: answers }), form);
        const sum = pts.reduce((a, b) => a + b, 0);
        const expected = sum / max >= 0.6 ? 'high' : sum / max >= 0.3 ? 'medium' : 'low';
        expect(result.maxPoints, JSON.stringify(answers)).toBe(max);
        expect(result.points, JSON.stringify(answers)).toBe(sum);
        expect(result.level, JSON.stringify(answers)).toBe(expected);
        expect(result.drivers.reduce((a, d) => a + d.points, 0)).toBe(sum);
        seen.add(result.level);
        checked++;
      }
      expect(seen).toEqual(new Set(['high', 'medium', 'low']));
      expect(checked).toBeGreaterThan(8);
    });
  }

  it('needs half of the points answered for a level', () => {
    const rule = RISK_RULES.find((r) => r.factor === 'parent_involvement');
    if (!rule) throw new Error('rule missing');
    const one = scoreFactor(rule, evaluate(form, { values: { pa_meetings: 'few' } }));
    expect(one.level).toBe('unknown');
    expect(one.index).toBe(1);
    const three = scoreFactor(
      rule,
      evaluate(form, { values: { pa_meetings: 'few', pa_governance: false, pa_events: 0 } }),
    );
    expect(three.level).toBe('high');
    expect(three.drivers.map((d) => d.questionId)).toEqual([
      'pa_meetings',
      'pa_governance',
      'pa_events',
    ]);
  });

  it('the ОВЗ factor does not apply without students with ОВЗ', () => {
    const p = riskProfile(evaluate(form, { values: { students_total: 50, ovz_count: 0 } }));
    const f = p.find((x) => x.factor === 'disabilities_inclusion');
    expect(f).toMatchObject({ level: 'low', applies: false, drivers: [] });
    expect(p.find((x) => x.factor === 'low_equipment')?.level).toBe('unknown');
  });

  it('stores the coordinator’s selection per factor; concurrent marks of different factors both stay', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    selectFactor(a, 'parent_involvement', true, 'dir', { at: 1 });
    selectFactor(b, 'low_motivation', true, 'deputy', { at: 2 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(selectedFactors(a).map((s) => s.factor)).toEqual([
      'parent_involvement',
      'low_motivation',
    ]);
    selectFactor(a, 'low_motivation', false, 'dir', { at: 3 });
    expect(selectedFactors(a)).toEqual([{ factor: 'parent_involvement', by: 'dir', at: 1 }]);
  });
});
