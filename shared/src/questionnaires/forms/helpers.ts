/** Small builders that keep the form definitions short; they return plain definition data. */
import type { ChoiceOption, Condition, Expr, ScaleQuestion } from '../form.ts';

/** Options from `[value, label, score?]` triples. */
export function options(
  ...items: readonly (readonly [string, string] | readonly [string, string, number])[]
): ChoiceOption[] {
  return items.map(([value, label, score]) =>
    score === undefined ? { value, label } : { value, label, score },
  );
}

/** A five-point agreement / quality scale with its end labels. */
export function scale5(
  id: string,
  text: string,
  minLabel: string,
  maxLabel: string,
  extra: Partial<ScaleQuestion> = {},
): ScaleQuestion {
  return { id, type: 'scale', text, min: 1, max: 5, minLabel, maxLabel, ...extra };
}

/** `{ op: 'answer', q }`. */
export const answer = (q: string): Expr => ({ op: 'answer', q });

/** The numeric answer to `q` is greater than `n`. */
export const answerAbove = (q: string, n: number): Condition => ({
  op: 'cmp',
  cmp: 'gt',
  a: answer(q),
  b: { op: 'const', value: n },
});

/** The yes/no answer to `q` is yes. */
export const isYes = (q: string): Condition => ({ op: 'eq', q, value: true });

/** The numeric answer to `q` is at most the answer to `total` (a count within a total). */
export const notMoreThan = (q: string, total: string): Condition => ({
  op: 'cmp',
  cmp: 'lte',
  a: answer(q),
  b: answer(total),
});
