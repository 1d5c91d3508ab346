/**
 * The school's risk profile: a level (высокий / средний / низкий) for each of
 * the ten risk factors, computed from the «Диагностика факторов риска»
 * questionnaire, with the answers that drove it; and the school coordinator's
 * choice of the factors the programme will address.
 *
 * Rules (all thresholds are data in `RISK_RULES` and `LEVEL_THRESHOLDS` below):
 * - each factor has 4–5 indicators; an indicator reads one answer (or a computed
 *   share) and gives 0, 1 or 2 risk points (a few give at most 1):
 *   choice options and yes/no map to points; numbers, scales, computed shares
 *   and multiple-choice scores are cut into bands;
 * - risk index of a factor = points / maximum points, over the indicators that
 *   have an answer (a question skipped by skip logic or left empty counts
 *   neither way; an option marked «нет сведений» has no points and also counts
 *   neither way);
 * - level: index ≥ 0.60 → высокий, index ≥ 0.30 → средний, otherwise низкий;
 * - when the answered indicators carry less than half of the factor's maximum
 *   points the level is «недостаточно данных» (`unknown`): a level built on one
 *   answer out of five would mislead the roadmap;
 * - a factor may declare when it does not apply (no students with ОВЗ): then it
 *   is низкий with no drivers.
 * Why points/maximum rather than a sum: factors have different numbers of
 * indicators, and one scale lets a coordinator compare factors across schools.
 * The bands follow the federal toolkit's spirit (shares of students and
 * teachers, presence of practices); a region can change them here, in one place.
 *
 * The coordinator's selection is stored in the diagnostic document's `status`
 * map (a multi-value register, `documents/register.ts`): field
 * `factor/<factorId>` → boolean. One field per factor, so two people marking
 * different factors offline both keep their marks; for one factor the latest
 * mark wins (a selection is not an answer, it needs no «два ответа» dialog).
 * The roadmap reads it with `selectedFactors`.
 */
import * as Y from 'yjs';
import { indexRegister, writeRegister, type RegisterValue } from '../documents/register.ts';
import { answerScore, evaluateCondition, type Evaluation } from './engine.ts';
import { findQuestion, type AnswerValue, type Condition, type FormDefinition } from './form.ts';
import { riskDiagnosticForm } from './forms/risk-diagnostic.ts';
import { RISK_FACTORS, type RiskFactorId } from './risk-factors.ts';
import { answerAbove } from './forms/helpers.ts';
import { QUESTIONNAIRE_ROOTS, type EditOptions } from './document.ts';

/** A factor's level. */
export type FactorRiskLevel = 'high' | 'medium' | 'low' | 'unknown';

/** Index thresholds: at or above `high` → high, at or above `medium` → medium. */
export const LEVEL_THRESHOLDS = { high: 0.6, medium: 0.3 } as const;

/** Share of a factor's maximum points that must be answered for a level. */
export const MIN_COVERAGE = 0.5;

/** Cuts a number into points: `below` under the first step, else the points of the last step reached. */
export interface Bands {
  below: number;
  steps: readonly { atLeast: number; points: number }[];
}

/** Where an indicator reads its number. */
export type IndicatorSource =
  | { answer: string }
  /** The score of the answer (multiple choice: sum of option scores). */
  | { score: string }
  | { computed: string };

/** One indicator of a factor. */
export type Indicator =
  | { q: string; options: Readonly<Record<string, number>> }
  | { q: string; yes: number; no: number }
  | { source: IndicatorSource; bands: Bands };

/** The rules of one factor. */
export interface FactorRule {
  factor: RiskFactorId;
  indicators: readonly Indicator[];
  /** The factor applies only when this holds (unknown → applies). */
  appliesWhen?: Condition;
}

const lowIsBad = (warn: number, ok: number): Bands => ({
  below: 2,
  steps: [
    { atLeast: warn, points: 1 },
    { atLeast: ok, points: 0 },
  ],
});
const highIsBad = (warn: number, bad: number): Bands => ({
  below: 0,
  steps: [
    { atLeast: warn, points: 1 },
    { atLeast: bad, points: 2 },
  ],
});
const three = (ok: string, some: string, bad: string) => ({ [ok]: 0, [some]: 1, [bad]: 2 });

/** The rules of all ten factors (thresholds as data; see the module header). */
export const RISK_RULES: readonly FactorRule[] = [
  {
    factor: 'low_equipment',
    indicators: [
      { q: 'eq_internet', options: three('stable', 'partial', 'none') },
      // Fewer than 10 devices per 100 students is high risk, 10–19 some.
      { source: { computed: 'computers_per_100' }, bands: lowIsBad(10, 20) },
      // Facilities: 0–1 of five is high risk, 2–3 some, 4–5 none.
      { source: { score: 'eq_facilities' }, bands: lowIsBad(2, 4) },
      { q: 'eq_textbooks', options: three('full', 'some_missing', 'lacking') },
      { source: { answer: 'eq_building' }, bands: lowIsBad(3, 4) },
    ],
  },
  {
    factor: 'teacher_shortage',
    indicators: [
      { source: { answer: 'st_vacancies' }, bands: highIsBad(1, 3) },
      { q: 'st_not_by_profile', yes: 2, no: 0 },
      { source: { computed: 'overload_share' }, bands: highIsBad(15, 30) },
      { source: { computed: 'over55_share' }, bands: highIsBad(30, 50) },
    ],
  },
  {
    factor: 'teacher_competence',
    indicators: [
      { source: { computed: 'category_share' }, bands: lowIsBad(25, 50) },
      { q: 'tc_deficit_diagnostics', options: three('all', 'some', 'no') },
      { source: { answer: 'tc_formative' }, bands: lowIsBad(3, 4) },
      { source: { score: 'tc_low_subjects' }, bands: highIsBad(1, 3) },
      // «Нет сведений» has no points: the indicator then counts neither way.
      { q: 'tc_vpr_objectivity', options: { yes: 2, no: 0 } },
    ],
  },
  {
    factor: 'low_adaptivity',
    indicators: [
      { q: 'ad_differentiation', options: three('most', 'sometimes', 'rarely') },
      { q: 'ad_routes', yes: 0, no: 2 },
      { q: 'ad_formative_practice', options: three('system', 'some', 'no') },
      { q: 'ad_results_use', options: three('adjust', 'discuss', 'report') },
    ],
  },
  {
    factor: 'no_inschool_pd',
    indicators: [
      { q: 'pd_associations', yes: 0, no: 2 },
      { q: 'pd_lesson_visits', options: three('quarterly', 'yearly', 'never') },
      { q: 'pd_mentoring', yes: 0, no: 2 },
      { q: 'pd_plan', yes: 0, no: 2 },
      { source: { computed: 'courses_share' }, bands: lowIsBad(50, 80) },
    ],
  },
  {
    factor: 'students_at_risk',
    indicators: [
      { source: { computed: 'failing_share' }, bands: highIsBad(5, 10) },
      { source: { answer: 'ar_vpr_twos' }, bands: highIsBad(10, 20) },
      // Work with students who have difficulties (seed 001, п. 2): asked when there are any.
      { q: 'ar_diagnostics', yes: 0, no: 2 },
      { source: { score: 'ar_support' }, bands: lowIsBad(1, 3) },
      { q: 'ar_psychologist', yes: 0, no: 1 },
    ],
  },
  {
    factor: 'disabilities_inclusion',
    appliesWhen: answerAbove('ovz_count', 0),
    indicators: [
      { source: { computed: 'ovz_share' }, bands: highIsBad(10, 20) },
      { q: 'ovz_programs', options: three('all', 'some', 'none') },
      { source: { score: 'ovz_specialists' }, bands: lowIsBad(1, 3) },
      { q: 'ovz_environment', options: three('full', 'partial', 'none') },
      { q: 'ovz_training', yes: 0, no: 2 },
    ],
  },
  {
    factor: 'school_climate',
    indicators: [
      { source: { answer: 'cl_safety' }, bands: lowIsBad(3, 4) },
      { q: 'cl_bullying', options: three('never', 'rare', 'regular') },
      { source: { computed: 'registered_share' }, bands: highIsBad(2, 5) },
      { q: 'cl_extracurricular', options: three('most', 'half', 'few') },
      { q: 'cl_rules', yes: 0, no: 1 },
    ],
  },
  {
    factor: 'parent_involvement',
    indicators: [
      { q: 'pa_meetings', options: three('most', 'third', 'few') },
      { q: 'pa_governance', yes: 0, no: 2 },
      { source: { score: 'pa_channels' }, bands: lowIsBad(2, 3) },
      { source: { answer: 'pa_events' }, bands: lowIsBad(2, 6) },
      { source: { answer: 'pa_interest' }, bands: lowIsBad(3, 4) },
    ],
  },
  {
    factor: 'low_motivation',
    indicators: [
      { source: { answer: 'mo_interest' }, bands: lowIsBad(3, 4) },
      { source: { computed: 'olympiad_share' }, bands: lowIsBad(10, 30) },
      { q: 'mo_absences', options: three('rare', 'some_classes', 'common') },
      { q: 'mo_projects', yes: 0, no: 1 },
      { q: 'mo_career', yes: 0, no: 1 },
    ],
  },
];

/** Points of a number under bands. */
export function bandPoints(value: number, bands: Bands): number {
  let p = bands.below;
  for (const s of bands.steps) if (value >= s.atLeast) p = s.points;
  return p;
}

/** The largest number of points an indicator can give. */
export function indicatorMax(ind: Indicator): number {
  if ('options' in ind) return Math.max(...Object.values(ind.options));
  if ('yes' in ind) return Math.max(ind.yes, ind.no);
  return Math.max(ind.bands.below, ...ind.bands.steps.map((s) => s.points));
}

/** The question (or computed value) an indicator reads. */
export function indicatorSourceId(ind: Indicator): { questionId?: string; computedId?: string } {
  if ('q' in ind) return { questionId: ind.q };
  const s = ind.source;
  if ('computed' in s) return { computedId: s.computed };
  return { questionId: 'answer' in s ? s.answer : s.score };
}

/** An answer (or computed value) that gave a factor points. */
export interface RiskDriver {
  questionId?: string;
  computedId?: string;
  /** The answer as stored, or the computed number. */
  value: AnswerValue | number;
  points: number;
  maxPoints: number;
}

/** One factor of a profile. */
export interface FactorLevel {
  factor: RiskFactorId;
  level: FactorRiskLevel;
  /** points / maxPoints over answered indicators; null when nothing is answered. */
  index: number | null;
  points: number;
  maxPoints: number;
  /** Share of the factor's total maximum that is answered, 0–1. */
  coverage: number;
  /** Indicators with points > 0, most points first: «ответы, определившие уровень». */
  drivers: RiskDriver[];
  /** False when the factor does not apply (e.g. no students with ОВЗ). */
  applies: boolean;
}

/** The level for an index and coverage (exported for tests and for other scorings). */
export function levelFor(index: number | null, coverage: number): FactorRiskLevel {
  if (index === null || coverage < MIN_COVERAGE) return 'unknown';
  if (index >= LEVEL_THRESHOLDS.high) return 'high';
  if (index >= LEVEL_THRESHOLDS.medium) return 'medium';
  return 'low';
}

function indicatorPoints(
  form: FormDefinition,
  ind: Indicator,
  evaluation: Evaluation,
): { points: number; value: AnswerValue | number } | null {
  const values = evaluation.effective;
  if ('options' in ind) {
    const v = values[ind.q];
    if (typeof v !== 'string' || !(v in ind.options)) return null;
    return { points: ind.options[v] ?? 0, value: v };
  }
  if ('yes' in ind) {
    const v = values[ind.q];
    return typeof v === 'boolean' ? { points: v ? ind.yes : ind.no, value: v } : null;
  }
  const s = ind.source;
  let n: number | null = null;
  if ('computed' in s) n = evaluation.computed[s.computed] ?? null;
  else if ('answer' in s) {
    const v = values[s.answer];
    n = typeof v === 'number' ? v : null;
  } else {
    const q = findQuestion(form, s.score);
    n = q ? answerScore(q, values[s.score]) : null;
  }
  if (n === null) return null;
  const value = 'computed' in s ? n : (values['answer' in s ? s.answer : s.score] ?? n);
  return { points: bandPoints(n, ind.bands), value };
}

/** Scores one factor from an evaluation of the diagnostic form. */
export function scoreFactor(
  rule: FactorRule,
  evaluation: Evaluation,
  form: FormDefinition = riskDiagnosticForm,
): FactorLevel {
  const totalMax = rule.indicators.reduce((a, i) => a + indicatorMax(i), 0);
  const applies =
    !rule.appliesWhen || evaluateCondition(form, rule.appliesWhen, evaluation.effective) !== false;
  if (!applies)
    return {
      factor: rule.factor,
      level: 'low',
      index: 0,
      points: 0,
      maxPoints: 0,
      coverage: 1,
      drivers: [],
      applies: false,
    };
  let points = 0;
  let maxPoints = 0;
  const drivers: RiskDriver[] = [];
  for (const ind of rule.indicators) {
    const r = indicatorPoints(form, ind, evaluation);
    if (r === null) continue;
    const max = indicatorMax(ind);
    points += r.points;
    maxPoints += max;
    if (r.points > 0)
      drivers.push({ ...indicatorSourceId(ind), value: r.value, points: r.points, maxPoints: max });
  }
  drivers.sort((a, b) => b.points - a.points || b.maxPoints - a.maxPoints);
  const index = maxPoints === 0 ? null : points / maxPoints;
  const coverage = totalMax === 0 ? 0 : maxPoints / totalMax;
  return {
    factor: rule.factor,
    level: levelFor(index, coverage),
    index,
    points,
    maxPoints,
    coverage,
    drivers,
    applies: true,
  };
}

/** The risk profile: every factor's level, in the federal order. */
export function riskProfile(
  evaluation: Evaluation,
  form: FormDefinition = riskDiagnosticForm,
): FactorLevel[] {
  return RISK_RULES.map((rule) => scoreFactor(rule, evaluation, form));
}

/** Factor levels only, for summaries: `{ low_equipment: 'high', … }`. */
export function factorLevels(
  profile: readonly FactorLevel[],
): Record<RiskFactorId, FactorRiskLevel> {
  const out = {} as Record<RiskFactorId, FactorRiskLevel>;
  for (const f of profile) out[f.factor] = f.level;
  return out;
}

/** Prefix of the selection fields in the `status` map. */
export const FACTOR_SELECTION_PREFIX = 'factor/';

const FACTOR_IDS = new Set<string>(RISK_FACTORS.map((f) => f.id));

/** Marks (or unmarks) a factor as one the programme addresses. */
export function selectFactor(
  doc: Y.Doc,
  factor: RiskFactorId,
  selected: boolean,
  by: string,
  opts: EditOptions = {},
): void {
  writeRegister(
    doc.getMap(QUESTIONNAIRE_ROOTS.status),
    FACTOR_SELECTION_PREFIX + factor,
    selected,
    by,
    opts,
  );
}

/** One factor's selection with who set it. */
export interface FactorSelection {
  factor: RiskFactorId;
  by: string;
  at: number;
}

/** The factors the programme addresses (latest mark per factor wins), in the federal order. */
export function selectedFactors(doc: Y.Doc): FactorSelection[] {
  const index = indexRegister(doc.getMap(QUESTIONNAIRE_ROOTS.status));
  const out: FactorSelection[] = [];
  for (const f of RISK_FACTORS) {
    const list: RegisterValue[] = index.get(FACTOR_SELECTION_PREFIX + f.id) ?? [];
    const latest = list.at(-1);
    if (latest && latest.v === true) out.push({ factor: f.id, by: latest.by, at: latest.at });
  }
  return out;
}

/** True for a known factor id (for input from the network). */
export function isRiskFactorId(id: string): id is RiskFactorId {
  return FACTOR_IDS.has(id);
}
