/**
 * The analytical report (аналитическая справка, seed 004: "100% заполнили шаблон
 * аналитической справки"; "подготовка аналитической справки — принятие
 * управленческих решений — обоснование принимаемых мер") generated from a
 * roadmap snapshot and its indicator values.
 *
 * What: a structure of sections made of blocks (facts, paragraphs, lists,
 * tables, indicator charts, editable conclusions) that the print screen renders
 * one-to-one, with print styles. Why a structure and not HTML: the same report
 * feeds the screen, the print view and tests, and stays free of markup here.
 * Figures come from rules.ts, so the report says what the dashboards say.
 * Conclusions are the only hand-written parts; they live in the document's
 * `report` root (RoadmapEditor.conclusionText) and are read back here.
 */
import type { SlottedText } from './crdt-kit.ts';
import {
  INDICATOR_STATE_LABELS_RU,
  MEASURE_STATUS_LABELS_RU,
  PRIORITY_DIRECTION_LABELS_RU,
  REPORT_LABELS_RU as T,
  RESOURCE_LEVEL_LABELS_RU,
  SMART_ISSUE_LABELS_RU,
} from './labels.ts';
import {
  checkSmartGoal,
  countIndicators,
  countMeasures,
  directionsCountOk,
  frameOf,
  indicatorProgress,
  isMeasureLate,
} from './rules.ts';
import type {
  DirectionSnapshot,
  IndicatorDirection,
  IndicatorState,
  ProblemSnapshot,
  RiskFactorRef,
  RoadmapSnapshot,
} from './types.ts';

/** A row of a report table; `flag` lets the print view highlight it. */
export interface ReportRow {
  cells: string[];
  flag?: 'late' | 'behind' | 'reached' | 'total';
}

/** A building block of a report section. */
export type ReportBlock =
  | { kind: 'facts'; items: { label: string; value: string }[] }
  | { kind: 'paragraph'; title?: string; text: string; tone?: 'normal' | 'warning' | 'empty' }
  | { kind: 'list'; title: string; items: string[] }
  | { kind: 'table'; title: string; columns: string[]; rows: ReportRow[] }
  | {
      kind: 'chart';
      indicatorId: string;
      title: string;
      unit: string;
      direction: IndicatorDirection;
      baseline: number | null;
      target: number | null;
      expected: number | null;
      values: { date: string; value: number }[];
      state: IndicatorState;
    }
  | {
      kind: 'conclusion';
      /** Key for RoadmapEditor.conclusionText. */
      sectionKey: string;
      title: string;
      text: string;
      conflict: boolean;
      variants: string[];
    };

/** One section of the report. */
export interface ReportSection {
  key: string;
  title: string;
  blocks: ReportBlock[];
}

/** The whole report. */
export interface RoadmapReport {
  title: string;
  generatedOn: string;
  sections: ReportSection[];
}

/** What the report needs besides the roadmap. */
export interface ReportOptions {
  /** Today, YYYY-MM-DD (the report date and the date lateness is judged on). */
  today: string;
  schoolName: string;
  year: number;
  /** Titles of risk factors, for ids found in problems. */
  factors?: readonly RiskFactorRef[];
}

/** Formats YYYY-MM-DD as DD.MM.YYYY (Russian documents' style). */
export function formatReportDate(date: string | null | undefined): string {
  if (!date) return T.noValue;
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** Formats a number with a decimal comma, no grouping. */
export function formatReportNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return T.noValue;
  return String(Math.round(n * 1000) / 1000).replace('.', ',');
}

function directionTitle(d: DirectionSnapshot): string {
  return d.code === 'other' && d.title ? d.title : PRIORITY_DIRECTION_LABELS_RU[d.code];
}

function orEmpty(text: string): { text: string; tone: 'normal' | 'empty' } {
  return text.trim() ? { text: text.trim(), tone: 'normal' } : { text: T.notFilled, tone: 'empty' };
}

function conclusion(
  conclusions: Record<string, SlottedText>,
  sectionKey: string,
  title: string,
): ReportBlock {
  const c = conclusions[sectionKey];
  return {
    kind: 'conclusion',
    sectionKey,
    title,
    text: c?.text ?? '',
    conflict: c?.conflict ?? false,
    variants: c?.variants ?? [],
  };
}

function problemSection(
  p: ProblemSnapshot,
  n: number,
  r: RoadmapSnapshot,
  opts: ReportOptions,
  factorTitle: (id: string) => string,
): ReportSection {
  const frame = frameOf(r, opts.today);
  const smart = checkSmartGoal(p.goal);
  const blocks: ReportBlock[] = [];
  if (p.factorIds.length > 0)
    blocks.push({
      kind: 'facts',
      items: [{ label: T.factors, value: p.factorIds.map(factorTitle).join('; ') }],
    });
  blocks.push({ kind: 'paragraph', title: T.goal, ...orEmpty(p.goal) });
  blocks.push({
    kind: 'paragraph',
    title: T.smart,
    text: smart.ok ? T.smartOk : smart.issues.map((i) => SMART_ISSUE_LABELS_RU[i]).join('. '),
    tone: smart.ok ? 'normal' : 'warning',
  });
  blocks.push({
    kind: 'list',
    title: T.tasks,
    items: p.tasks.map((t) => t.text.trim()).filter(Boolean),
  });

  const indicatorRows = p.indicators.map((i) => {
    const pr = indicatorProgress(i, frame);
    const flag: ReportRow['flag'] =
      pr.state === 'behind' ? 'behind' : pr.state === 'reached' ? 'reached' : undefined;
    return {
      cells: [
        i.name || T.notFilled,
        i.unit.value ?? '',
        formatReportNumber(i.baseline.value),
        formatReportNumber(i.target.value),
        formatReportNumber(pr.latest?.value),
        formatReportDate(pr.latest?.date),
        INDICATOR_STATE_LABELS_RU[pr.state],
        i.method || T.notFilled,
      ],
      ...(flag ? { flag } : {}),
    };
  });
  blocks.push({
    kind: 'table',
    title: T.indicators,
    columns: [T.indicator, T.unit, T.baseline, T.target, T.latest, T.latestDate, T.state, T.method],
    rows: indicatorRows,
  });
  for (const i of p.indicators) {
    const pr = indicatorProgress(i, frame);
    blocks.push({
      kind: 'chart',
      indicatorId: i.id,
      title: i.name,
      unit: i.unit.value ?? '',
      direction: i.direction.value ?? 'higher_is_better',
      baseline: i.baseline.value ?? null,
      target: i.target.value ?? null,
      expected: pr.expected,
      values: i.values.map((v) => ({ date: v.date, value: v.value })),
      state: pr.state,
    });
  }
  blocks.push({
    kind: 'table',
    title: T.measures,
    columns: [T.measure, T.periodCol, T.responsible, T.status, T.evidence],
    rows: p.measures.map((m) => {
      const late = isMeasureLate(m, opts.today);
      const status = MEASURE_STATUS_LABELS_RU[m.status.value ?? 'planned'];
      return {
        cells: [
          m.title || T.notFilled,
          `${formatReportDate(m.start.value)} – ${formatReportDate(m.end.value)}`,
          m.responsible.value ?? '',
          late ? `${status} (${T.late.toLowerCase()})` : status,
          m.evidence
            .map((e) => (e.kind === 'link' ? `${e.text} ${e.url}`.trim() : e.text))
            .join('; '),
        ],
        ...(late ? { flag: 'late' as const } : {}),
      };
    }),
  });
  blocks.push({ kind: 'paragraph', title: T.analysis, ...orEmpty(p.analysis) });
  blocks.push({
    kind: 'paragraph',
    title: T.criteriaQualitative,
    ...orEmpty(p.criteriaQualitative),
  });
  blocks.push({
    kind: 'paragraph',
    title: T.criteriaQuantitative,
    ...orEmpty(p.criteriaQuantitative),
  });
  blocks.push(conclusion(r.conclusions, `problem:${p.id}`, T.problemConclusion));
  return { key: `problem:${p.id}`, title: `${T.problem} ${n}. ${p.title || T.notFilled}`, blocks };
}

/** Builds the analytical report of a roadmap on `opts.today`. */
export function buildRoadmapReport(r: RoadmapSnapshot, opts: ReportOptions): RoadmapReport {
  const factorNames = new Map((opts.factors ?? []).map((f) => [f.id, f.title]));
  const factorTitle = (id: string): string => factorNames.get(id) ?? id;
  const frame = frameOf(r, opts.today);
  const sections: ReportSection[] = [];

  sections.push({
    key: 'general',
    title: T.general,
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: T.school, value: opts.schoolName },
          { label: T.year, value: String(opts.year) },
          {
            label: T.period,
            value: `${formatReportDate(r.periodStart.value)} – ${formatReportDate(r.periodEnd.value)}`,
          },
          { label: T.generatedOn, value: formatReportDate(opts.today) },
          { label: T.problemCount, value: String(r.problems.length) },
        ],
      },
      r.directions.length === 0
        ? { kind: 'paragraph', title: T.directions, text: T.noDirections, tone: 'warning' }
        : { kind: 'list', title: T.directions, items: r.directions.map(directionTitle) },
      ...(r.directions.length > 0 && !directionsCountOk(r)
        ? [
            {
              kind: 'paragraph' as const,
              text: T.directionsCount.replace('{n}', String(r.directions.length)),
              tone: 'warning' as const,
            },
          ]
        : []),
    ],
  });

  sections.push({
    key: 'problems',
    title: T.problems,
    blocks: [
      {
        kind: 'table',
        title: T.problems,
        columns: ['№', T.problem, T.factors, T.goal, T.smart],
        rows: r.problems.map((p, i) => {
          const s = checkSmartGoal(p.goal);
          return {
            cells: [
              String(i + 1),
              p.title || T.notFilled,
              p.factorIds.map(factorTitle).join('; '),
              p.goal || T.notFilled,
              s.ok ? T.smartOk : s.issues.map((x) => SMART_ISSUE_LABELS_RU[x]).join('. '),
            ],
          };
        }),
      },
    ],
  });

  r.problems.forEach((p, i) => sections.push(problemSection(p, i + 1, r, opts, factorTitle)));

  const mRow = (title: string, ps: ProblemSnapshot[], flag?: 'total'): ReportRow => {
    const c = countMeasures(ps, opts.today);
    const cells = [title, c.total, c.done, c.inProgress, c.planned, c.cancelled, c.late].map(
      String,
    );
    return flag ? { cells, flag } : { cells };
  };
  sections.push({
    key: 'execution',
    title: T.execution,
    blocks: [
      {
        kind: 'table',
        title: T.execution,
        columns: [T.problem, T.total, T.done, T.inProgress, T.planned, T.cancelled, T.lateCount],
        rows: [
          ...r.problems.map((p, i) => mRow(`${i + 1}. ${p.title}`, [p])),
          mRow(T.total, r.problems, 'total'),
        ],
      },
    ],
  });

  const iRow = (title: string, ps: ProblemSnapshot[], flag?: 'total'): ReportRow => {
    const c = countIndicators(ps, frame);
    const cells = [title, c.total, c.reached, c.onTrack, c.behind, c.noData + c.notSet].map(String);
    return flag ? { cells, flag } : { cells };
  };
  sections.push({
    key: 'indicators',
    title: T.indicatorsProgress,
    blocks: [
      {
        kind: 'table',
        title: T.indicatorsProgress,
        columns: [
          T.problem,
          T.total,
          INDICATOR_STATE_LABELS_RU.reached,
          INDICATOR_STATE_LABELS_RU.on_track,
          INDICATOR_STATE_LABELS_RU.behind,
          INDICATOR_STATE_LABELS_RU.no_data,
        ],
        rows: [
          ...r.problems.map((p, i) => iRow(`${i + 1}. ${p.title}`, [p])),
          iRow(T.total, r.problems, 'total'),
        ],
      },
    ],
  });

  sections.push({
    key: 'resources',
    title: T.resources,
    blocks:
      r.resources.length === 0
        ? [{ kind: 'paragraph', text: T.noResources, tone: 'empty' }]
        : [
            {
              kind: 'list',
              title: T.resources,
              items: r.resources.map((x) =>
                [
                  x.title,
                  x.level.value ? `(${RESOURCE_LEVEL_LABELS_RU[x.level.value]})` : '',
                  x.description,
                  x.url.value ?? '',
                ]
                  .filter((s) => s.trim() !== '')
                  .join(' '),
              ),
            },
          ],
  });

  sections.push({
    key: 'conclusions',
    title: T.conclusions,
    blocks: [
      conclusion(r.conclusions, 'overall', T.conclusions),
      conclusion(r.conclusions, 'decisions', T.decisions),
    ],
  });

  return { title: T.title, generatedOn: opts.today, sections };
}
