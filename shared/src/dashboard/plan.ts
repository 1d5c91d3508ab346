/**
 * The regional plan-schedule (план-график, seed 002 §1.3): numbered activities,
 * each with a period and a planned figure («Прогнозируемый результат»: 10
 * partnership agreements, 100 % of schools, «30 (по 3 в каждой школе)»), compared
 * with what was done. The actual figure is entered by a coordinator, or computed
 * from the summaries when the activity names a metric (partnerships signed,
 * schools with a roadmap, visits held, schools that filled a questionnaire). An
 * entered figure wins over a computed one: the coordinator may know of work the
 * app does not see; both are shown.
 *
 * Deviation rule (tolerance t, default 0.1):
 * - no planned figure → `no_target`, not highlighted;
 * - actual ≥ planned → `met`, not highlighted (whenever it happens);
 * - period not started → `not_due`; period running → `in_progress`; neither is
 *   highlighted, the work may still come;
 * - period over and no actual figure → `missing`, highlighted critical;
 * - period over and actual < planned → `behind`, highlighted as a warning when
 *   actual ≥ (1 − t) · planned, critical below that.
 * An activity with no end date is judged at the end of the plan's year.
 *
 * Yjs layout of the `region:<r>:plan:<year>` document: root `activities` is a
 * Y.Array of Y.Map, one per activity, holding `id`, `number`, `title`,
 * `periodText`, `periodStart`, `periodEnd`, `plannedValue`, `plannedUnit`,
 * `plannedText`, `metric` (JSON, or absent), `actual` (absent when not entered),
 * `actualAt`, `actualBy`.
 */
import * as Y from 'yjs';
import * as random from 'lib0/random';
import type { Partnership, School } from '../domain/directory.ts';
import { isoDate } from './dates.ts';
import type {
  QuestionnaireSummaryInput,
  RoadmapSummaryInput,
  VisitSummaryInput,
} from './inputs.ts';
import { periodPhase, type Period } from './period.ts';

/** Russian labels of the plan-schedule. */
export const PLAN_LABELS = {
  title: 'План-график',
  number: '№ п/п',
  period: 'Период',
  activity: 'Наименование мероприятия',
  planned: 'Прогнозируемый результат',
  actual: 'Фактический результат',
  deviation: 'Отклонение',
  completion: 'Выполнение, %',
  status: 'Статус',
  source: { entered: 'введено вручную', computed: 'рассчитано' },
  statuses: {
    met: 'Выполнено',
    in_progress: 'Выполняется',
    not_due: 'Срок не наступил',
    behind: 'Отставание',
    missing: 'Нет данных о выполнении',
    no_target: 'Без плановой цифры',
  } satisfies Record<PlanStatus, string>,
  metrics: {
    partnerships: 'Подписано партнёрских соглашений',
    schools_with_roadmap: 'Школ с дорожной картой',
    visits_done: 'Проведено посещений кураторов',
    questionnaire_done: 'Школ, заполнивших анкету',
  } satisfies Record<PlanMetric['kind'], string>,
} as const;

/** How a planned figure counts. */
export type FigureUnit = 'count' | 'percent';

/** A planned figure: the number compared, its unit, and the words of the plan. */
export interface PlannedFigure {
  value: number;
  unit: FigureUnit;
  /** As written, e.g. «30 (по 3 в каждой школе)». */
  text: string;
}

/** What the actual figure of an activity can be computed from. */
export type PlanMetric =
  | { kind: 'partnerships' }
  /** Schools with this year's roadmap: a count, or a share of the schools in context (`as` absent: count). */
  | { kind: 'schools_with_roadmap'; as?: FigureUnit }
  | { kind: 'visits_done' }
  | { kind: 'questionnaire_done'; formId: string; wave: string; as: FigureUnit };

/** The schools counted, as a count or as a percentage of `total` (0 when there are none). */
function schoolFigure(count: number, total: number, as: FigureUnit | undefined): number {
  if (as !== 'percent') return count;
  return total === 0 ? 0 : (count / total) * 100;
}

/** An activity of the plan-schedule. */
export interface PlanActivity {
  id: string;
  /** № п/п. */
  number: number;
  title: string;
  period: Period;
  planned: PlannedFigure | null;
  metric: PlanMetric | null;
  /** Entered actual figure; null when not entered. */
  actual: number | null;
  actualAt: string | null;
  actualBy: string | null;
}

/** What a coordinator fills in to create or change an activity. */
export type PlanActivityInput = Pick<
  PlanActivity,
  'number' | 'title' | 'period' | 'planned' | 'metric'
>;

/**
 * Reads a planned figure from the plan's words: the first number, a percentage
 * when followed by «%». «10 команд (60 человек)» → 10; «100%» → 100 %. Compound
 * figures («ШСНРО - 5, ШФНСУ - 2») give their first number: check them by hand.
 */
export function parsePlannedFigure(text: string): PlannedFigure | null {
  const m = /(\d+(?:[.,]\d+)?)\s*(%)?/.exec(text);
  if (!m?.[1]) return null;
  return {
    value: Number(m[1].replace(',', '.')),
    unit: m[2] ? 'percent' : 'count',
    text: text.trim(),
  };
}

/** The summaries a computed metric reads. */
export interface PlanMetricContext {
  year: number;
  schools: readonly School[];
  partnerships?: readonly Partnership[];
  roadmaps?: readonly RoadmapSummaryInput[];
  visits?: readonly VisitSummaryInput[];
  questionnaires?: readonly QuestionnaireSummaryInput[];
}

/** Computes a metric over the schools in context (percent metrics give 0–100). */
export function computePlanMetric(metric: PlanMetric, ctx: PlanMetricContext): number {
  const inScope = new Set(ctx.schools.map((s) => s.id));
  switch (metric.kind) {
    case 'partnerships':
      return (ctx.partnerships ?? []).filter((p) => p.year === ctx.year && inScope.has(p.schoolId))
        .length;
    case 'schools_with_roadmap': {
      const count = new Set(
        (ctx.roadmaps ?? [])
          .filter((r) => r.year === ctx.year && inScope.has(r.schoolId))
          .map((r) => r.schoolId),
      ).size;
      return schoolFigure(count, inScope.size, metric.as);
    }
    case 'visits_done':
      return (ctx.visits ?? []).filter(
        (v) =>
          v.status === 'done' && inScope.has(v.schoolId) && v.date.startsWith(String(ctx.year)),
      ).length;
    case 'questionnaire_done': {
      const done = new Set(
        (ctx.questionnaires ?? [])
          .filter(
            (q) =>
              q.status === 'submitted' &&
              q.formId === metric.formId &&
              q.wave === metric.wave &&
              inScope.has(q.schoolId),
          )
          .map((q) => q.schoolId),
      ).size;
      return schoolFigure(done, inScope.size, metric.as);
    }
  }
}

/** Where an activity stands (see the rule at the top of this module). */
export type PlanStatus = 'met' | 'in_progress' | 'not_due' | 'behind' | 'missing' | 'no_target';

/** How loudly a row is highlighted. */
export type PlanHighlight = 'none' | 'warning' | 'critical';

/** An activity with its actual figure and deviation. */
export interface PlanActivityStatus {
  activity: PlanActivity;
  /** The figure compared: entered if any, else computed, else null. */
  actual: number | null;
  source: 'entered' | 'computed' | null;
  /** The computed figure, when the activity has a metric and a context was given. */
  computed: number | null;
  /** actual − planned; null without both. */
  deviation: number | null;
  /** actual / planned (0–1+); null without both or with a zero plan. */
  ratio: number | null;
  status: PlanStatus;
  highlight: PlanHighlight;
}

/** Compares every activity with its plan as of a day, in the order of their numbers. */
export function evaluatePlan(args: {
  activities: readonly PlanActivity[];
  asOf: string;
  /** The plan's year: activities without an end date are judged at its end. */
  year: number;
  context?: PlanMetricContext;
  tolerance?: number;
}): PlanActivityStatus[] {
  const tolerance = args.tolerance ?? 0.1;
  const yearEnd = isoDate(args.year, 12, 31);
  return [...args.activities]
    .sort((a, b) => a.number - b.number)
    .map((activity): PlanActivityStatus => {
      const computed =
        activity.metric && args.context ? computePlanMetric(activity.metric, args.context) : null;
      const actual = activity.actual ?? computed;
      const source = activity.actual !== null ? 'entered' : computed !== null ? 'computed' : null;
      const planned = activity.planned?.value ?? null;
      const deviation = planned === null || actual === null ? null : actual - planned;
      const ratio = planned === null || actual === null || planned === 0 ? null : actual / planned;
      const base = { activity, actual, source, computed, deviation, ratio } as const;
      const period = { ...activity.period, end: activity.period.end ?? yearEnd };
      const phase = periodPhase(period, args.asOf);
      if (planned === null) return { ...base, status: 'no_target', highlight: 'none' };
      if (actual !== null && actual >= planned)
        return { ...base, status: 'met', highlight: 'none' };
      if (phase === 'upcoming') return { ...base, status: 'not_due', highlight: 'none' };
      if (phase === 'current') return { ...base, status: 'in_progress', highlight: 'none' };
      if (actual === null) return { ...base, status: 'missing', highlight: 'critical' };
      const close = actual >= (1 - tolerance) * planned;
      return { ...base, status: 'behind', highlight: close ? 'warning' : 'critical' };
    });
}

// ---- Yjs accessors over the plan document's `activities` ----

const ACTIVITIES_ROOT = 'activities';

function activitiesOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ACTIVITIES_ROOT);
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function readMetric(v: unknown): PlanMetric | null {
  if (typeof v !== 'object' || v === null) return null;
  const m = v as Record<string, unknown>;
  switch (m['kind']) {
    case 'partnerships':
    case 'visits_done':
      return { kind: m['kind'] };
    case 'schools_with_roadmap':
      return m['as'] === 'percent' ? { kind: m['kind'], as: 'percent' } : { kind: m['kind'] };
    case 'questionnaire_done':
      return typeof m['formId'] === 'string' && typeof m['wave'] === 'string'
        ? {
            kind: 'questionnaire_done',
            formId: m['formId'],
            wave: m['wave'],
            as: m['as'] === 'percent' ? 'percent' : 'count',
          }
        : null;
    default:
      return null;
  }
}

function readActivity(m: Y.Map<unknown>): PlanActivity | null {
  const id = m.get('id');
  if (typeof id !== 'string') return null;
  const plannedValue = num(m.get('plannedValue'));
  return {
    id,
    number: num(m.get('number')) ?? 0,
    title: text(m.get('title')),
    period: {
      text: text(m.get('periodText')),
      start: textOrNull(m.get('periodStart')),
      end: textOrNull(m.get('periodEnd')),
    },
    planned:
      plannedValue === null
        ? null
        : {
            value: plannedValue,
            unit: m.get('plannedUnit') === 'percent' ? 'percent' : 'count',
            text: text(m.get('plannedText')),
          },
    metric: readMetric(m.get('metric')),
    actual: num(m.get('actual')),
    actualAt: textOrNull(m.get('actualAt')),
    actualBy: textOrNull(m.get('actualBy')),
  };
}

/** The activities of a plan document, in document order. */
export function readPlanActivities(doc: Y.Doc): PlanActivity[] {
  const out: PlanActivity[] = [];
  for (const m of activitiesOf(doc)) {
    const a = m instanceof Y.Map ? readActivity(m) : null;
    if (a) out.push(a);
  }
  return out;
}

function writeActivity(m: Y.Map<unknown>, input: Partial<PlanActivityInput>): void {
  if (input.number !== undefined) m.set('number', input.number);
  if (input.title !== undefined) m.set('title', input.title);
  if (input.period !== undefined) {
    m.set('periodText', input.period.text);
    m.set('periodStart', input.period.start ?? '');
    m.set('periodEnd', input.period.end ?? '');
  }
  if (input.planned !== undefined) {
    if (input.planned === null)
      for (const k of ['plannedValue', 'plannedUnit', 'plannedText']) m.delete(k);
    else {
      m.set('plannedValue', input.planned.value);
      m.set('plannedUnit', input.planned.unit);
      m.set('plannedText', input.planned.text);
    }
  }
  if (input.metric !== undefined) {
    if (input.metric === null) m.delete('metric');
    else m.set('metric', { ...input.metric });
  }
}

function findActivity(doc: Y.Doc, id: string): { map: Y.Map<unknown>; index: number } | null {
  const arr = activitiesOf(doc);
  for (let i = 0; i < arr.length; i++) {
    const m = arr.get(i);
    if (m instanceof Y.Map && m.get('id') === id) return { map: m, index: i };
  }
  return null;
}

/** Appends an activity; returns its id. */
export function addPlanActivity(
  doc: Y.Doc,
  input: PlanActivityInput,
  id: string = random.uuidv4(),
  origin?: unknown,
): string {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('id', id);
    writeActivity(m, input);
    activitiesOf(doc).push([m]);
  }, origin);
  return id;
}

/** Changes the given fields of an activity; false when there is no such activity. */
export function updatePlanActivity(
  doc: Y.Doc,
  id: string,
  patch: Partial<PlanActivityInput>,
  origin?: unknown,
): boolean {
  const found = findActivity(doc, id);
  if (!found) return false;
  doc.transact(() => writeActivity(found.map, patch), origin);
  return true;
}

/** Enters (or with null, clears) the actual figure of an activity; false when there is no such activity. */
export function setPlanActual(
  doc: Y.Doc,
  id: string,
  actual: number | null,
  meta: { by: string; at: string },
  origin?: unknown,
): boolean {
  const found = findActivity(doc, id);
  if (!found) return false;
  doc.transact(() => {
    if (actual === null) found.map.delete('actual');
    else found.map.set('actual', actual);
    found.map.set('actualAt', meta.at);
    found.map.set('actualBy', meta.by);
  }, origin);
  return true;
}

/** Removes an activity; false when there is no such activity. */
export function removePlanActivity(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const found = findActivity(doc, id);
  if (!found) return false;
  doc.transact(() => activitiesOf(doc).delete(found.index, 1), origin);
  return true;
}
