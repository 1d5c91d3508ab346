/**
 * Exam dynamics (seed 000). Each school has, per year, its average score in
 * ЕГЭ Russian, ЕГЭ mathematics, ОГЭ Russian and ОГЭ mathematics (the four
 * indicators of seed 000) and, where the region collects them, ВПР Russian and
 * mathematics. Seed 000 reports per 500+ cohort:
 *   «В 50% школ 2017 года … наблюдается положительная динамика по одному-четырем
 *   показателям. Достигли средних баллов по республике от 1 до 4 показателей …
 *   47% школ 2017 года …»
 * and the split «31,3% школ демонстрируют рост по одному показателю, 31,3% – по
 * двум, 7,2% – по трём, 1,2% – по 4», and the growth per indicator («ЕГЭ по
 * русскому языку (42,1% школ)…»). cohortExamDynamics computes exactly these.
 *
 * Rules:
 * - positive dynamics in an indicator: the school's average in the report year is
 *   strictly higher than in the base year (by default the year before); a missing
 *   value on either side is not dynamics;
 * - reaching the regional average: the school's average in the report year is at
 *   least the regional average of that year;
 * - shares are over all schools of the cohort (as the seed writes «% школ 2017
 *   года»); how many had comparable data is reported beside them;
 * - "in 1–4 indicators" means in at least one; the split counts exactly k.
 *
 * Storage: a school's results live in its `school:<id>:exams` document, root
 * `results`, key `<year>:<indicator>` → average; regional averages live in the
 * region's plan document of that year, root `examAverages`, key `<indicator>`.
 */
import * as Y from 'yjs';
import type { School } from '../domain/directory.ts';

/** The exam indicators a school's results are kept for. */
export const EXAM_INDICATORS = [
  'ege_russian',
  'ege_math',
  'oge_russian',
  'oge_math',
  'vpr_russian',
  'vpr_math',
] as const;

/** One exam indicator. */
export type ExamIndicator = (typeof EXAM_INDICATORS)[number];

/** The four indicators of seed 000's dynamics table. */
export const CORE_EXAM_INDICATORS: readonly ExamIndicator[] = [
  'ege_russian',
  'ege_math',
  'oge_russian',
  'oge_math',
];

/** Russian names of the indicators and of the cohort table. */
export const EXAM_LABELS = {
  indicators: {
    ege_russian: 'ЕГЭ, русский язык',
    ege_math: 'ЕГЭ, математика',
    oge_russian: 'ОГЭ, русский язык',
    oge_math: 'ОГЭ, математика',
    vpr_russian: 'ВПР, русский язык',
    vpr_math: 'ВПР, математика',
  } satisfies Record<ExamIndicator, string>,
  cohort: 'Когорта',
  cohortName: (year: number) => `Школы 500+ ${year} года`,
  allCohorts: 'Все когорты',
  schools: 'Школ',
  withData: 'Школ с данными за оба года',
  positiveAny: 'Положительная динамика по 1–4 показателям, %',
  reachedAny: 'Достигли среднего по региону по 1–4 показателям, %',
  positiveExactly: (k: number) => `Рост по ${k} ${k === 1 ? 'показателю' : 'показателям'}, %`,
  reachedExactly: (k: number) =>
    `Среднее по региону по ${k} ${k === 1 ? 'показателю' : 'показателям'}, %`,
  growthIn: (label: string) => `Прирост: ${label}, %`,
  reachedIn: (label: string) => `Не ниже среднего по региону: ${label}, %`,
} as const;

/** A school's average score in one indicator in one year. */
export interface ExamResult {
  schoolId: string;
  year: number;
  indicator: ExamIndicator;
  average: number;
}

/** The regional average of one indicator in one year. */
export interface RegionalAverage {
  year: number;
  indicator: ExamIndicator;
  average: number;
}

/** True when the value is a known indicator id. */
export function isExamIndicator(value: unknown): value is ExamIndicator {
  return typeof value === 'string' && (EXAM_INDICATORS as readonly string[]).includes(value);
}

/** Results indexed for lookups by school, year and indicator. */
export class ExamIndex {
  // school → (year · 8 + indicator position) → average: numeric inner keys keep 2,000 schools' lookups cheap.
  private readonly values = new Map<string, Map<number, number>>();
  private readonly regional = new Map<number, number>();

  constructor(results: Iterable<ExamResult>, regional: Iterable<RegionalAverage> = []) {
    for (const r of results) {
      let bySchool = this.values.get(r.schoolId);
      if (!bySchool) {
        bySchool = new Map();
        this.values.set(r.schoolId, bySchool);
      }
      bySchool.set(slot(r.year, r.indicator), r.average);
    }
    for (const r of regional) this.regional.set(slot(r.year, r.indicator), r.average);
  }

  /** The school's average, or null when there is none. */
  get(schoolId: string, year: number, indicator: ExamIndicator): number | null {
    return this.values.get(schoolId)?.get(slot(year, indicator)) ?? null;
  }

  /** The regional average, or null when there is none. */
  regionalAverage(year: number, indicator: ExamIndicator): number | null {
    return this.regional.get(slot(year, indicator)) ?? null;
  }
}

const INDICATOR_POSITION = new Map<ExamIndicator, number>(EXAM_INDICATORS.map((id, i) => [id, i]));

function slot(year: number, indicator: ExamIndicator): number {
  return year * 8 + (INDICATOR_POSITION.get(indicator) ?? 7);
}

/** One indicator of one school: the two values, the change, and the two verdicts. */
export interface IndicatorDynamics {
  indicator: ExamIndicator;
  base: number | null;
  current: number | null;
  /** current − base; null when either is missing. */
  delta: number | null;
  positive: boolean;
  regional: number | null;
  /** current ≥ regional average; false when either is missing. */
  reachedRegional: boolean;
}

/** A school's dynamics between a base year and a report year. */
export interface SchoolExamDynamics {
  schoolId: string;
  year: number;
  baseYear: number;
  indicators: IndicatorDynamics[];
  positiveCount: number;
  reachedCount: number;
  /** True when at least one indicator has values in both years. */
  comparable: boolean;
}

/** Computes one school's dynamics (see the rules at the top of this module). */
export function schoolExamDynamics(
  index: ExamIndex,
  schoolId: string,
  year: number,
  baseYear: number = year - 1,
  indicators: readonly ExamIndicator[] = CORE_EXAM_INDICATORS,
): SchoolExamDynamics {
  let positiveCount = 0;
  let reachedCount = 0;
  let comparable = false;
  const rows = indicators.map((indicator): IndicatorDynamics => {
    const base = index.get(schoolId, baseYear, indicator);
    const current = index.get(schoolId, year, indicator);
    const regional = index.regionalAverage(year, indicator);
    const delta = base === null || current === null ? null : current - base;
    if (delta !== null) comparable = true;
    const positive = delta !== null && delta > 0;
    const reachedRegional = current !== null && regional !== null && current >= regional;
    if (positive) positiveCount++;
    if (reachedRegional) reachedCount++;
    return { indicator, base, current, delta, positive, regional, reachedRegional };
  });
  return { schoolId, year, baseYear, indicators: rows, positiveCount, reachedCount, comparable };
}

/** A count of schools and its share of the cohort (0–1). */
export interface ShareOf {
  count: number;
  share: number;
}

/** One row of seed 000's table: a cohort (or all cohorts). */
export interface CohortDynamicsRow {
  /** The 500+ cohort year; null for the row over all cohorts. */
  cohortYear: number | null;
  /** Schools in the cohort: the denominator of every share. */
  schools: number;
  /** Schools with at least one indicator known in both years. */
  withData: number;
  /** Positive dynamics in at least one indicator («по одному-четырём показателям»). */
  positiveAny: ShareOf;
  /** positiveExactly[k − 1]: positive dynamics in exactly k indicators. */
  positiveExactly: ShareOf[];
  /** At least the regional average in at least one indicator. */
  reachedAny: ShareOf;
  /** reachedExactly[k − 1]: at least the regional average in exactly k indicators. */
  reachedExactly: ShareOf[];
  /** Per indicator: schools with growth, and schools at or above the regional average. */
  byIndicator: { indicator: ExamIndicator; positive: ShareOf; reached: ShareOf }[];
}

/** Seed 000's table: per cohort, and a last row over all cohorts. */
export interface CohortDynamicsTable {
  year: number;
  baseYear: number;
  indicators: ExamIndicator[];
  rows: CohortDynamicsRow[];
  /** Each school's dynamics, for drill-down. */
  schools: SchoolExamDynamics[];
}

/**
 * Computes seed 000's table for the schools of 500+ cohorts (schools without a
 * cohort year are left out), cohorts in ascending order, then «Все когорты».
 */
export function cohortExamDynamics(args: {
  schools: readonly School[];
  results: readonly ExamResult[] | ExamIndex;
  regional?: readonly RegionalAverage[];
  /** Report year (the seed's «по итогам 2018-2019 учебного года» is 2019). */
  year: number;
  /** Compared with; defaults to the year before. */
  baseYear?: number;
  indicators?: readonly ExamIndicator[];
}): CohortDynamicsTable {
  const indicators = [...(args.indicators ?? CORE_EXAM_INDICATORS)];
  const baseYear = args.baseYear ?? args.year - 1;
  const index =
    args.results instanceof ExamIndex ? args.results : new ExamIndex(args.results, args.regional);
  const cohorts = new Map<number, SchoolExamDynamics[]>();
  const all: SchoolExamDynamics[] = [];
  for (const s of args.schools) {
    if (s.cohortYear === null) continue;
    const d = schoolExamDynamics(index, s.id, args.year, baseYear, indicators);
    const list = cohorts.get(s.cohortYear) ?? [];
    list.push(d);
    cohorts.set(s.cohortYear, list);
    all.push(d);
  }
  const rows = [...cohorts.keys()]
    .sort((a, b) => a - b)
    .map((c) => cohortRow(c, cohorts.get(c) ?? [], indicators));
  rows.push(cohortRow(null, all, indicators));
  return { year: args.year, baseYear, indicators, rows, schools: all };
}

function cohortRow(
  cohortYear: number | null,
  list: readonly SchoolExamDynamics[],
  indicators: readonly ExamIndicator[],
): CohortDynamicsRow {
  const n = list.length;
  const share = (count: number): ShareOf => ({ count, share: n === 0 ? 0 : count / n });
  const exactly = (pick: (d: SchoolExamDynamics) => number) =>
    indicators.map((_, k) => share(list.filter((d) => pick(d) === k + 1).length));
  return {
    cohortYear,
    schools: n,
    withData: list.filter((d) => d.comparable).length,
    positiveAny: share(list.filter((d) => d.positiveCount > 0).length),
    positiveExactly: exactly((d) => d.positiveCount),
    reachedAny: share(list.filter((d) => d.reachedCount > 0).length),
    reachedExactly: exactly((d) => d.reachedCount),
    byIndicator: indicators.map((indicator, i) => ({
      indicator,
      positive: share(list.filter((d) => d.indicators[i]?.positive).length),
      reached: share(list.filter((d) => d.indicators[i]?.reachedRegional).length),
    })),
  };
}

/** A share (0–1) as percent rounded half up to `digits` places: 0.77777 → 77.8. */
export function toPercent(share: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(share * 100 * f + 1e-9) / f;
}

// ---- Yjs: the school's exams document and the plan's regional averages ----

const RESULTS_ROOT = 'results';
const AVERAGES_ROOT = 'examAverages';
const RESULT_KEY = /^(\d{4}):([a-z_]+)$/;

/** Reads the results of a `school:<id>:exams` document. */
export function readExamResults(doc: Y.Doc, schoolId: string): ExamResult[] {
  const out: ExamResult[] = [];
  for (const [key, value] of doc.getMap<unknown>(RESULTS_ROOT)) {
    const m = RESULT_KEY.exec(key);
    const indicator = m?.[2];
    if (!m || !isExamIndicator(indicator) || typeof value !== 'number' || !Number.isFinite(value))
      continue;
    out.push({ schoolId, year: Number(m[1]), indicator, average: value });
  }
  return out.sort((a, b) => a.year - b.year || a.indicator.localeCompare(b.indicator));
}

/** Sets (or with null, clears) one average in a school's exams document. */
export function setExamResult(
  doc: Y.Doc,
  year: number,
  indicator: ExamIndicator,
  average: number | null,
  origin?: unknown,
): void {
  doc.transact(() => {
    const map = doc.getMap<unknown>(RESULTS_ROOT);
    const key = `${year}:${indicator}`;
    if (average === null) map.delete(key);
    else if (map.get(key) !== average) map.set(key, average);
  }, origin);
}

/** Writes many results into their schools' documents, one transaction per document. */
export function writeExamResults(
  results: readonly ExamResult[],
  docOf: (schoolId: string) => Y.Doc,
  origin?: unknown,
): void {
  const bySchool = new Map<string, ExamResult[]>();
  for (const r of results) bySchool.set(r.schoolId, [...(bySchool.get(r.schoolId) ?? []), r]);
  for (const [schoolId, list] of bySchool) {
    const doc = docOf(schoolId);
    doc.transact(() => {
      for (const r of list) setExamResult(doc, r.year, r.indicator, r.average);
    }, origin);
  }
}

/** Reads the regional averages from a region's plan document of `year`. */
export function readRegionalAverages(planDoc: Y.Doc, year: number): RegionalAverage[] {
  const out: RegionalAverage[] = [];
  for (const [indicator, value] of planDoc.getMap<unknown>(AVERAGES_ROOT))
    if (isExamIndicator(indicator) && typeof value === 'number' && Number.isFinite(value))
      out.push({ year, indicator, average: value });
  return out;
}

/** Sets (or with null, clears) a regional average in the region's plan document of that year. */
export function setRegionalAverage(
  planDoc: Y.Doc,
  indicator: ExamIndicator,
  average: number | null,
  origin?: unknown,
): void {
  planDoc.transact(() => {
    const map = planDoc.getMap<unknown>(AVERAGES_ROOT);
    if (average === null) map.delete(indicator);
    else map.set(indicator, average);
  }, origin);
}
