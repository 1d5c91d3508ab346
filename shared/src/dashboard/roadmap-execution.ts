/**
 * Roadmap execution per school: measures done, late and planned, and indicators
 * on track (DOMAIN.md, "What coordinators watch"), from roadmap summaries of one
 * year. A school without a roadmap summary shows as such (`hasRoadmap: false`)
 * rather than as a school with nothing done, so it stands out.
 */
import type { School } from '../domain/directory.ts';
import type { RoadmapSummaryInput } from './inputs.ts';

/** Russian headers of the roadmap table. */
export const ROADMAP_LABELS = {
  school: 'Школа',
  done: 'Выполнено мероприятий',
  late: 'Просрочено мероприятий',
  planned: 'Запланировано мероприятий',
  total: 'Всего мероприятий',
  shareDone: 'Доля выполненных, %',
  indicatorsOnTrack: 'Показателей в норме',
  indicatorsTotal: 'Всего показателей',
  shareOnTrack: 'Доля показателей в норме, %',
  noRoadmap: 'Нет дорожной карты',
} as const;

/** Counts of measures and indicators, and the shares (0–1; 0 when the count is 0). */
export interface RoadmapCounts {
  done: number;
  late: number;
  planned: number;
  total: number;
  shareDone: number;
  indicatorsTotal: number;
  indicatorsOnTrack: number;
  shareOnTrack: number;
}

/** One school's row. */
export interface RoadmapExecutionRow extends RoadmapCounts {
  school: School;
  hasRoadmap: boolean;
  updatedAt: string | null;
}

/** The table and its totals over all schools with a roadmap. */
export interface RoadmapExecution {
  year: number;
  rows: RoadmapExecutionRow[];
  totals: RoadmapCounts;
  /** Schools with late measures. */
  schoolsWithLate: number;
  /** Schools without a roadmap for the year. */
  schoolsWithoutRoadmap: number;
}

/** Builds the roadmap-execution table of one year. */
export function buildRoadmapExecution(args: {
  schools: readonly School[];
  roadmaps: readonly RoadmapSummaryInput[];
  year: number;
}): RoadmapExecution {
  const bySchool = new Map<string, RoadmapSummaryInput>();
  for (const r of args.roadmaps) if (r.year === args.year) bySchool.set(r.schoolId, r);
  const sum = { done: 0, late: 0, planned: 0, indicatorsTotal: 0, indicatorsOnTrack: 0 };
  let schoolsWithLate = 0;
  let schoolsWithoutRoadmap = 0;
  const rows = args.schools.map((school): RoadmapExecutionRow => {
    const r = bySchool.get(school.id);
    if (!r) schoolsWithoutRoadmap++;
    const raw = {
      done: r?.measures.done ?? 0,
      late: r?.measures.late ?? 0,
      planned: r?.measures.planned ?? 0,
      indicatorsTotal: r?.indicators.total ?? 0,
      indicatorsOnTrack: r?.indicators.onTrack ?? 0,
    };
    if (raw.late > 0) schoolsWithLate++;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += raw[k];
    return { school, hasRoadmap: r !== undefined, updatedAt: r?.updatedAt ?? null, ...counts(raw) };
  });
  return { year: args.year, rows, totals: counts(sum), schoolsWithLate, schoolsWithoutRoadmap };
}

function counts(raw: {
  done: number;
  late: number;
  planned: number;
  indicatorsTotal: number;
  indicatorsOnTrack: number;
}): RoadmapCounts {
  const total = raw.done + raw.late + raw.planned;
  return {
    ...raw,
    total,
    shareDone: total === 0 ? 0 : raw.done / total,
    shareOnTrack: raw.indicatorsTotal === 0 ? 0 : raw.indicatorsOnTrack / raw.indicatorsTotal,
  };
}
