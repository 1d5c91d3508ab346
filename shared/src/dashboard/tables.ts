/**
 * Table models of every dashboard, ready for export (export.ts) and for the
 * screens' printable summaries. Headers come from each module's Russian labels;
 * the first columns name the school and its municipality.
 */
import type { Municipality } from '../domain/directory.ts';
import { CALENDAR_LABELS, type CalendarItemStatus } from './calendar.ts';
import { COMPLETION_LABELS, type CompletionMatrix } from './completion.ts';
import { CURATOR_LABELS, type CuratorActivity } from './curators.ts';
import { ENGAGEMENT_LABELS, type NonEngagedSchool } from './engagement.ts';
import { EXAM_LABELS, type CohortDynamicsTable } from './exams.ts';
import type { CellValue, TableColumn, TableModel } from './export.ts';
import { FILTER_LABELS } from './filters.ts';
import { PLAN_LABELS, type PlanActivityStatus } from './plan.ts';
import { RISK_LABELS, type RiskHeatmap } from './risk-heatmap.ts';
import { ROADMAP_LABELS, type RoadmapExecution } from './roadmap-execution.ts';

/** Russian titles of the exported tables. */
export const TABLE_TITLES = {
  completion: 'Заполнение анкет',
  risk: 'Факторы риска',
  roadmap: 'Выполнение дорожных карт',
  nonEngaged: ENGAGEMENT_LABELS.title,
  curators: 'Деятельность кураторов',
  exams: 'Динамика результатов ОГЭ и ЕГЭ',
  calendar: CALENDAR_LABELS.title,
  plan: PLAN_LABELS.title,
} as const;

const text = (header: string, width?: number): TableColumn =>
  width === undefined ? { header, type: 'text' } : { header, type: 'text', width };
const int = (header: string): TableColumn => ({ header, type: 'integer' });
const pct = (header: string): TableColumn => ({ header, type: 'percent', digits: 1 });

type MuniNames = ReadonlyMap<string, string> | readonly Municipality[] | undefined;

function muniName(names: MuniNames, id: string): string {
  if (names === undefined) return id;
  if (names instanceof Map) return names.get(id) ?? id;
  return (names as readonly Municipality[]).find((m) => m.id === id)?.name ?? id;
}

function muniMap(names: MuniNames): ReadonlyMap<string, string> | undefined {
  if (names === undefined || names instanceof Map)
    return names as ReadonlyMap<string, string> | undefined;
  return new Map((names as readonly Municipality[]).map((m) => [m.id, m.name]));
}

/** The completion matrix: one row per school, a state column per form × wave, then totals. */
export function completionTable(m: CompletionMatrix, municipalities?: MuniNames): TableModel {
  const names = muniMap(municipalities);
  return {
    title: TABLE_TITLES.completion,
    columns: [
      text(COMPLETION_LABELS.school, 40),
      text(FILTER_LABELS.municipality, 24),
      ...m.columns.map((c) => text(`${c.formLabel} — ${c.waveLabel}`, 22)),
      int(COMPLETION_LABELS.done),
      int(COMPLETION_LABELS.late),
      pct(COMPLETION_LABELS.shareDone),
    ],
    rows: m.rows.map((r) => [
      r.school.name,
      muniName(names, r.school.municipalityId),
      ...r.cells.map((c) => COMPLETION_LABELS.states[c.state]),
      r.done,
      r.late,
      r.applicable === 0 ? null : r.shareDone,
    ]),
  };
}

/** The risk heatmap: a level per factor, then the score and the count of high factors. */
export function riskHeatmapTable(map: RiskHeatmap, municipalities?: MuniNames): TableModel {
  const names = muniMap(municipalities);
  return {
    title: TABLE_TITLES.risk,
    columns: [
      text(RISK_LABELS.school, 40),
      text(FILTER_LABELS.municipality, 24),
      ...map.factors.map((f) => text(f.label, 18)),
      int(RISK_LABELS.score),
      int(RISK_LABELS.highCount),
    ],
    rows: map.rows.map((r) => [
      r.school.name,
      muniName(names, r.school.municipalityId),
      ...r.levels.map((l) => (l === null ? RISK_LABELS.notAssessed : RISK_LABELS.levels[l])),
      r.score,
      r.highCount,
    ]),
  };
}

/** Roadmap execution per school. */
export function roadmapTable(e: RoadmapExecution, municipalities?: MuniNames): TableModel {
  const names = muniMap(municipalities);
  const L = ROADMAP_LABELS;
  return {
    title: `${TABLE_TITLES.roadmap} ${e.year}`,
    columns: [
      text(L.school, 40),
      text(FILTER_LABELS.municipality, 24),
      int(L.done),
      int(L.late),
      int(L.planned),
      pct(L.shareDone),
      int(L.indicatorsOnTrack),
      int(L.indicatorsTotal),
      pct(L.shareOnTrack),
    ],
    rows: e.rows.map((r): CellValue[] => [
      r.school.name,
      muniName(names, r.school.municipalityId),
      ...(r.hasRoadmap
        ? [
            r.done,
            r.late,
            r.planned,
            r.total ? r.shareDone : null,
            r.indicatorsOnTrack,
            r.indicatorsTotal,
            r.indicatorsTotal ? r.shareOnTrack : null,
          ]
        : [null, null, null, null, null, null, null]),
    ]),
  };
}

/** Non-engaged schools with their last activity. */
export function nonEngagedTable(
  list: readonly NonEngagedSchool[],
  municipalities?: MuniNames,
): TableModel {
  const names = muniMap(municipalities);
  const L = ENGAGEMENT_LABELS;
  return {
    title: TABLE_TITLES.nonEngaged,
    columns: [
      text(L.school, 40),
      text(FILTER_LABELS.municipality, 24),
      { header: L.lastActivity, type: 'date' },
      int(L.daysSince),
    ],
    rows: list.map((n) => [
      n.school.name,
      muniName(names, n.school.municipalityId),
      n.lastActivityAt,
      n.daysSince,
    ]),
  };
}

/** Curators' activity: one row per curator × school. */
export function curatorTable(list: readonly CuratorActivity[]): TableModel {
  const L = CURATOR_LABELS;
  return {
    title: TABLE_TITLES.curators,
    columns: [
      text(L.curator, 30),
      text(L.school, 40),
      int(L.visitsDone),
      int(L.visitsPlanned),
      { header: L.lastContact, type: 'date' },
      int(L.daysSince),
    ],
    rows: list.flatMap((c) =>
      c.schools.map((s) => [
        c.curator.name,
        s.school?.name ?? s.schoolId,
        s.visitsDone,
        s.visitsPlanned,
        s.lastContact,
        s.daysSince,
      ]),
    ),
  };
}

/** Seed 000's table: per cohort, the shares with growth and at the regional average. */
export function cohortDynamicsTable(t: CohortDynamicsTable): TableModel {
  const L = EXAM_LABELS;
  const k = t.indicators.map((_, i) => i + 1);
  return {
    title: `${TABLE_TITLES.exams} ${t.baseYear}–${t.year}`,
    columns: [
      text(L.cohort, 24),
      int(L.schools),
      int(L.withData),
      pct(L.positiveAny),
      ...k.map((n) => pct(L.positiveExactly(n))),
      pct(L.reachedAny),
      ...k.map((n) => pct(L.reachedExactly(n))),
      ...t.indicators.map((i) => pct(L.growthIn(L.indicators[i]))),
      ...t.indicators.map((i) => pct(L.reachedIn(L.indicators[i]))),
    ],
    rows: t.rows.map((r) => [
      r.cohortYear === null ? L.allCohorts : L.cohortName(r.cohortYear),
      r.schools,
      r.withData,
      r.positiveAny.share,
      ...r.positiveExactly.map((s) => s.share),
      r.reachedAny.share,
      ...r.reachedExactly.map((s) => s.share),
      ...r.byIndicator.map((b) => b.positive.share),
      ...r.byIndicator.map((b) => b.reached.share),
    ]),
  };
}

/** The calendar with attainment per item (targets joined in one cell). */
export function calendarTable(
  statuses: readonly CalendarItemStatus[],
  municipalityOf?: (s: CalendarItemStatus) => string,
): TableModel {
  const L = CALENDAR_LABELS;
  const muni = municipalityOf;
  return {
    title: TABLE_TITLES.calendar,
    columns: [
      ...(muni ? [text(FILTER_LABELS.municipality, 30)] : []),
      text(L.item, 50),
      text(L.period, 20),
      { header: `${L.period}: окончание`, type: 'date' },
      text(L.request, 40),
      text(L.participation, 30),
      { header: L.attained, type: 'boolean' },
    ],
    rows: statuses.map((s) => [
      ...(muni ? [muni(s)] : []),
      s.item.title,
      s.item.period.text,
      s.item.period.end,
      s.item.request,
      s.targets
        .map((t) => `${L.targetText(t.target)}: ${L.progress(t.participated, t.eligible)}`)
        .join('; '),
      s.attained,
    ]),
  };
}

/** The plan-schedule with actual figures and deviations. */
export function planTable(statuses: readonly PlanActivityStatus[]): TableModel {
  const L = PLAN_LABELS;
  return {
    title: TABLE_TITLES.plan,
    columns: [
      int(L.number),
      text(L.period, 16),
      text(L.activity, 60),
      text(L.planned, 20),
      { header: L.actual, type: 'number' },
      { header: L.deviation, type: 'number' },
      pct(L.completion),
      text(L.status, 20),
    ],
    rows: statuses.map((s) => [
      s.activity.number,
      s.activity.period.text,
      s.activity.title,
      s.activity.planned?.text ?? null,
      s.actual,
      s.deviation,
      s.ratio,
      L.statuses[s.status],
    ]),
  };
}
