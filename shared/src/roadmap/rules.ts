/**
 * Rules over a roadmap snapshot: the SMART check of a goal, the progress of an
 * indicator, the lateness of a measure, and the counts dashboards show. Pure
 * functions of plain data and a date, so the device, the relay and the report
 * agree.
 *
 * SMART check (seed 000: a goal is "конкретная, измеримая, достижимая,
 * реалистичная, определённая во времени"; seed 001 criterion a). Only the two
 * properties a machine can see are checked: measurable (the goal names a number)
 * and time-bound (the goal names a date or a period). The text is lower-cased
 * and ё folded; date expressions are found first (dates 01.05.2027 and
 * 2027-05-01, month names in any case «до 1 мая 2027», years «2026», school-year
 * periods «к концу учебного года», «в I полугодии», «в течение 3 месяцев») and
 * cut out, so the year in «до 2027 года» does not count as the goal's number.
 * Then a number is looked for in what remains: digits, «%», «процент», «п.п.»,
 * numerals («два», «половина», «вдвое», «в три раза»). Class and school numbers
 * («9-х классов», «СОШ №2») are not numbers of a goal and are cut out too.
 *
 * Indicator progress (documented rule, direction-aware):
 * 1. `not_set` when the baseline or the target is missing; `no_data` when no
 *    value was entered.
 * 2. The latest value (latest date, then latest entry) is compared with the
 *    target: `reached` when it is at or past the target in the good direction
 *    (higher_is_better: value ≥ target; lower_is_better: value ≤ target).
 * 3. Otherwise the expected value is on the straight line from the baseline at
 *    the period start to the target at the target date (the indicator's own, else
 *    the roadmap's period end), taken at the latest value's date (clamped to the
 *    period). `on_track` when the value is at or past the expected value in the
 *    good direction, else `behind`. Once `today` is past the target date and the
 *    target is not reached, the indicator is `behind`.
 * 4. Without a usable period (no start, no end, or end ≤ start), `on_track` when
 *    the value is strictly better than the baseline, else `behind`.
 * Comparisons allow a relative tolerance of 1e-9 so 0.1 + 0.2 reaches 0.3.
 *
 * Lateness: a measure is late when its status is planned or in progress and its
 * end date is before today (the end date is inclusive: due that day, late the
 * next). Done and cancelled measures are never late. During a conflict on the
 * status the rules use the most recent value (FieldState.value).
 */
import {
  DIRECTION_COUNT,
  type IndicatorSnapshot,
  type IndicatorState,
  type IndicatorValue,
} from './types.ts';
import type { MeasureSnapshot, ProblemSnapshot, RoadmapSnapshot } from './types.ts';
import { daysBetween } from './crdt-kit.ts';

// ---------------------------------------------------------------- SMART

/** What the SMART check found missing. */
export type SmartIssue = 'empty' | 'no_number' | 'no_date';

/** Result of the SMART check of a goal. */
export interface SmartCheck {
  ok: boolean;
  measurable: boolean;
  timeBound: boolean;
  issues: SmartIssue[];
  /** Fragments recognised as numbers and as dates (for highlighting). */
  numbers: string[];
  dates: string[];
}

const L = '[a-zа-я0-9]';
const B = `(?<!${L})`; // word start
const E = `(?!${L})`; // word end
const MONTH =
  '(?:январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])';
// Exact word forms: stems would catch «требования» (тр-) or «семьи» (сем-). «Один»
// is left out: «одна из задач» is a figure of speech, not a measure.
const NUMWORD =
  '(?:два|две|двух|двум|двумя|три|трех|трем|тремя|четыре|четырех|четырем|пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|двадцать|двадцати|тридцать|тридцати|сорок|сорока|пятьдесят|пятидесяти|сто|ста|половина|половины|половину|половиной|полтора|полторы|треть|трети)';
const PERIOD_NOUN =
  '(?:год[ауе]?|полугоди[яеюй]|четверт[иью]|триместр[ауе]?|квартал[ауе]?|семестр[ауе]?|месяц[ауе]?|месяцев|недел[иью]|дн[ейя]|лет)';
const ROMAN_OR_ORDINAL =
  '(?:i{1,3}|iv|[1-4](?:-?[оеий]{1,2})?|перв[а-я]+|втор[а-я]+|трет[ьи][а-я]*|четверт[а-я]+)';

const DATE_PATTERNS: RegExp[] = [
  new RegExp(`${B}\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}${E}`, 'gu'),
  new RegExp(`${B}\\d{4}-\\d{2}-\\d{2}${E}`, 'gu'),
  // «1 мая 2027 года», «мая 2027 г.», «сентябрь»
  new RegExp(
    `${B}(?:\\d{1,2}\\s+)?${MONTH}(?:\\s+(?:19|20)\\d{2}(?:\\s*(?:г\\.?|года|году)${E})?)?${E}`,
    'gu',
  ),
  // «2026/2027 учебного года», «2027 года», «2027 г.»
  new RegExp(
    `${B}(?:19|20)\\d{2}(?:\\s*[/–-]\\s*(?:19|20)?\\d{2})?(?:\\s*(?:г\\.?|гг\\.?|года?|году)${E})?(?:\\s+(?:учебн|календарн)[а-я]*\\s+год[ау]?)?`,
    'gu',
  ),
  // «к концу учебного года», «до конца I полугодия», «по итогам четверти», «на конец года»
  new RegExp(
    `${B}(?:к|до|на|по)\\s+(?:концу|конца|конец|окончани[юяе]|итогам|завершени[юя])\\s+(?:(?:${ROMAN_OR_ORDINAL}|текущ[а-я]+|следующ[а-я]+|учебн[а-я]+|календарн[а-я]+)\\s+)*${PERIOD_NOUN}${E}`,
    'gu',
  ),
  // «в I полугодии», «во 2 четверти», «в первом квартале»
  new RegExp(
    `${B}(?:в|во)\\s+${ROMAN_OR_ORDINAL}\\s+(?:полугоди[а-я]|четверт[а-я]|триместр[а-я]*|квартал[а-я]*|семестр[а-я]*)${E}`,
    'gu',
  ),
  // «в течение 3 месяцев», «в течение учебного года», «за полгода»
  new RegExp(
    `${B}(?:в\\s+течени[еи]|за|через)\\s+(?:(?:\\d+|${NUMWORD}|учебн[а-я]+|календарн[а-я]+|текущ[а-я]+|одного)\\s+)*${PERIOD_NOUN}${E}`,
    'gu',
  ),
  new RegExp(`${B}(?:за\\s+|в\\s+течение\\s+)?полгода${E}`, 'gu'),
  // «ежегодно» and friends are a rhythm, not a deadline: deliberately absent.
];

const NOT_NUMBER_PATTERNS: RegExp[] = [
  new RegExp(`${B}\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?(?:-?[а-я]{1,3})?\\s+класс[а-я]*${E}`, 'gu'),
  new RegExp(`№\\s*\\d+`, 'gu'),
];

const NUMBER_PATTERNS: RegExp[] = [
  /\d+(?:[.,]\d+)?\s*%?/gu,
  new RegExp(`${B}(?:процент[а-я]*|п\\.\\s?п\\.|вдвое|втрое|вчетверо)${E}`, 'gu'),
  new RegExp(`${B}(?:в\\s+)?${NUMWORD}(?:\\s+раза?)?${E}`, 'gu'),
];

function cut(text: string, patterns: RegExp[]): { rest: string; found: string[] } {
  const found: string[] = [];
  let rest = text;
  for (const re of patterns) {
    rest = rest.replace(re, (m) => {
      found.push(m.trim());
      return ' ';
    });
  }
  return { rest, found };
}

/** Checks that a goal names a number (measurable) and a date or period (time-bound). */
export function checkSmartGoal(goal: string): SmartCheck {
  const text = goal.toLowerCase().replace(/ё/g, 'е');
  if (text.trim() === '')
    return {
      ok: false,
      measurable: false,
      timeBound: false,
      issues: ['empty'],
      numbers: [],
      dates: [],
    };
  const dates = cut(text, DATE_PATTERNS);
  const cleaned = cut(dates.rest, NOT_NUMBER_PATTERNS);
  const numbers = cut(cleaned.rest, NUMBER_PATTERNS);
  const measurable = numbers.found.length > 0;
  const timeBound = dates.found.length > 0;
  const issues: SmartIssue[] = [];
  if (!measurable) issues.push('no_number');
  if (!timeBound) issues.push('no_date');
  return {
    ok: issues.length === 0,
    measurable,
    timeBound,
    issues,
    numbers: numbers.found,
    dates: dates.found,
  };
}

// ---------------------------------------------------------------- indicators

/** The time frame an indicator is judged in. */
export interface ProgressFrame {
  /** Today, YYYY-MM-DD. */
  today: string;
  /** The roadmap's period (used when the indicator has no target date). */
  periodStart?: string | null;
  periodEnd?: string | null;
}

/** Progress of one indicator. */
export interface IndicatorProgress {
  state: IndicatorState;
  latest: IndicatorValue | null;
  /** Where the value should be by the latest value's date, when a period is known. */
  expected: number | null;
  /** Share of the way from baseline to target covered (may be < 0 or > 1), null when unknown. */
  share: number | null;
}

function atLeast(a: number, b: number, higher: boolean): boolean {
  const tol = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return higher ? a >= b - tol : a <= b + tol;
}

/** Direction-aware progress of an indicator (rule in the module header). */
export function indicatorProgress(ind: IndicatorSnapshot, frame: ProgressFrame): IndicatorProgress {
  const baseline = ind.baseline.value;
  const target = ind.target.value;
  const latest = ind.values[ind.values.length - 1] ?? null;
  if (baseline === null || baseline === undefined || target === null || target === undefined)
    return { state: 'not_set', latest, expected: null, share: null };
  if (latest === null) return { state: 'no_data', latest, expected: null, share: null };
  const higher = (ind.direction.value ?? 'higher_is_better') === 'higher_is_better';
  const gap = target - baseline;
  const share = gap === 0 ? null : (latest.value - baseline) / gap;
  if (atLeast(latest.value, target, higher))
    return { state: 'reached', latest, expected: target, share };

  const start = frame.periodStart ?? null;
  const end = ind.targetDate.value ?? frame.periodEnd ?? null;
  if (end !== null && daysBetween(end, frame.today) > 0)
    return { state: 'behind', latest, expected: target, share };
  if (start === null || end === null || daysBetween(start, end) <= 0) {
    const better = higher ? latest.value > baseline : latest.value < baseline;
    return { state: better ? 'on_track' : 'behind', latest, expected: null, share };
  }
  const elapsed = Math.min(
    1,
    Math.max(0, daysBetween(start, latest.date) / daysBetween(start, end)),
  );
  const expected = baseline + gap * elapsed;
  return {
    state: atLeast(latest.value, expected, higher) ? 'on_track' : 'behind',
    latest,
    expected,
    share,
  };
}

// ---------------------------------------------------------------- measures

/** Where a measure stands on a date. */
export type MeasureTiming = 'done' | 'cancelled' | 'late' | 'in_progress' | 'planned';

/** True when the measure is planned or in progress and its end date is before `today`. */
export function isMeasureLate(m: Pick<MeasureSnapshot, 'status' | 'end'>, today: string): boolean {
  const status = m.status.value ?? 'planned';
  if (status === 'done' || status === 'cancelled') return false;
  const end = m.end.value;
  return typeof end === 'string' && daysBetween(end, today) > 0;
}

/** Days a measure is late by (0 when not late). */
export function daysLate(m: Pick<MeasureSnapshot, 'status' | 'end'>, today: string): number {
  return isMeasureLate(m, today) ? daysBetween(m.end.value as string, today) : 0;
}

/** The measure's timing on `today`: its status, with `late` overriding planned and in progress. */
export function measureTiming(
  m: Pick<MeasureSnapshot, 'status' | 'end'>,
  today: string,
): MeasureTiming {
  if (isMeasureLate(m, today)) return 'late';
  return m.status.value ?? 'planned';
}

// ---------------------------------------------------------------- counts

/** Counts of measures by state (late ones are counted in `late` and in their status). */
export interface MeasureCounts {
  total: number;
  planned: number;
  inProgress: number;
  done: number;
  cancelled: number;
  late: number;
}

/** Counts of indicators by progress state. */
export interface IndicatorCounts {
  total: number;
  reached: number;
  onTrack: number;
  behind: number;
  noData: number;
  notSet: number;
}

/** Counts measures of the given problems on `today`. */
export function countMeasures(problems: readonly ProblemSnapshot[], today: string): MeasureCounts {
  const c: MeasureCounts = { total: 0, planned: 0, inProgress: 0, done: 0, cancelled: 0, late: 0 };
  for (const p of problems)
    for (const m of p.measures) {
      c.total++;
      const s = m.status.value ?? 'planned';
      if (s === 'planned') c.planned++;
      else if (s === 'in_progress') c.inProgress++;
      else if (s === 'done') c.done++;
      else c.cancelled++;
      if (isMeasureLate(m, today)) c.late++;
    }
  return c;
}

/** Counts indicators of the given problems by progress state. */
export function countIndicators(
  problems: readonly ProblemSnapshot[],
  frame: ProgressFrame,
): IndicatorCounts {
  const c: IndicatorCounts = { total: 0, reached: 0, onTrack: 0, behind: 0, noData: 0, notSet: 0 };
  for (const p of problems)
    for (const i of p.indicators) {
      c.total++;
      const s = indicatorProgress(i, frame).state;
      if (s === 'reached') c.reached++;
      else if (s === 'on_track') c.onTrack++;
      else if (s === 'behind') c.behind++;
      else if (s === 'no_data') c.noData++;
      else c.notSet++;
    }
  return c;
}

/** The progress frame of a roadmap on `today` (its period as the default time frame). */
export function frameOf(
  r: Pick<RoadmapSnapshot, 'periodStart' | 'periodEnd'>,
  today: string,
): ProgressFrame {
  return { today, periodStart: r.periodStart.value ?? null, periodEnd: r.periodEnd.value ?? null };
}

/** Whether the number of chosen priority directions is within the recommended 2–4 (seed 000). */
export function directionsCountOk(r: Pick<RoadmapSnapshot, 'directions'>): boolean {
  return r.directions.length >= DIRECTION_COUNT.min && r.directions.length <= DIRECTION_COUNT.max;
}

/**
 * Completeness of a problem's management cycle (seed 001, criteria a–e): which
 * parts are filled in. Curators evaluate against these.
 */
export interface CycleCompleteness {
  goalAndTasks: boolean;
  indicators: boolean;
  dataCollection: boolean;
  measures: boolean;
  analysisAndCriteria: boolean;
}

/** Which of criteria a–e a problem fills in. */
export function cycleCompleteness(p: ProblemSnapshot): CycleCompleteness {
  const filled = (s: string): boolean => s.trim().length > 0;
  return {
    goalAndTasks: filled(p.goal) && p.tasks.some((t) => filled(t.text)),
    indicators: p.indicators.length > 0,
    dataCollection: p.indicators.length > 0 && p.indicators.every((i) => filled(i.method)),
    measures: p.measures.length > 0,
    analysisAndCriteria:
      filled(p.analysis) && (filled(p.criteriaQualitative) || filled(p.criteriaQuantitative)),
  };
}
