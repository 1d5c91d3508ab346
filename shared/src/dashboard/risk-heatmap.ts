/**
 * Risk heatmap: schools × risk factors, each cell the factor's level in the
 * school's risk profile (seed 001; the federal toolkit uses ten factors, whose
 * list is owned by `questionnaires/` and passed in as columns). Rows can be
 * sorted by name, by overall risk or by one factor; under the grid, the count of
 * schools at each level per factor shows which factors dominate.
 *
 * Overall risk score: high = 3, medium = 2, low = 1, not assessed = 0, summed
 * over the factors. Ties are broken by the number of high factors, then by name,
 * so the order is stable from one render to the next.
 */
import type { School } from '../domain/directory.ts';
import type { RiskFactorColumn, RiskLevel, RiskProfileInput } from './inputs.ts';
import { rankByName } from './text.ts';

/** Russian names of the levels and headers. */
export const RISK_LABELS = {
  levels: { low: 'Низкий', medium: 'Средний', high: 'Высокий' } satisfies Record<RiskLevel, string>,
  notAssessed: 'Не оценён',
  school: 'Школа',
  score: 'Суммарный риск',
  highCount: 'Факторов высокого риска',
} as const;

/** The levels from lowest to highest. */
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

const WEIGHT: Record<RiskLevel, number> = { low: 1, medium: 2, high: 3 };

/** One school's row: a level per factor (null: not assessed). */
export interface RiskHeatmapRow {
  school: School;
  /** The wave the profile comes from; null when the school has none. */
  wave: string | null;
  levels: (RiskLevel | null)[];
  score: number;
  highCount: number;
}

/** How many schools sit at each level of one factor. */
export interface RiskFactorCounts {
  factor: RiskFactorColumn;
  low: number;
  medium: number;
  high: number;
  notAssessed: number;
}

/** The heatmap. */
export interface RiskHeatmap {
  factors: RiskFactorColumn[];
  rows: RiskHeatmapRow[];
  counts: RiskFactorCounts[];
}

/** How to order the rows. */
export type RiskSort =
  | { by: 'name'; direction?: 'asc' | 'desc' }
  | { by: 'score'; direction?: 'asc' | 'desc' }
  | { by: 'factor'; factorId: string; direction?: 'asc' | 'desc' };

/**
 * Builds the heatmap. With `wave`, only profiles of that wave count; without it,
 * each school's latest profile (by assessedAt) is shown.
 */
export function buildRiskHeatmap(args: {
  schools: readonly School[];
  factors: readonly RiskFactorColumn[];
  profiles: readonly RiskProfileInput[];
  wave?: string;
  sort?: RiskSort;
}): RiskHeatmap {
  const { schools, factors, profiles, wave } = args;
  const chosen = new Map<string, RiskProfileInput>();
  for (const p of profiles) {
    if (wave !== undefined && p.wave !== wave) continue;
    const prev = chosen.get(p.schoolId);
    if (!prev || (p.assessedAt ?? '') >= (prev.assessedAt ?? '')) chosen.set(p.schoolId, p);
  }
  const counts = factors.map((factor): RiskFactorCounts => ({
    factor,
    low: 0,
    medium: 0,
    high: 0,
    notAssessed: 0,
  }));
  const rows = schools.map((school): RiskHeatmapRow => {
    const p = chosen.get(school.id);
    let score = 0;
    let highCount = 0;
    const levels = factors.map((f, i) => {
      const level = p?.levels[f.id] ?? null;
      const c = counts[i];
      if (c) {
        if (level === null) c.notAssessed++;
        else c[level]++;
      }
      if (level !== null) score += WEIGHT[level];
      if (level === 'high') highCount++;
      return level;
    });
    return { school, wave: p?.wave ?? null, levels, score, highCount };
  });
  const map: RiskHeatmap = { factors: [...factors], rows, counts };
  return args.sort ? { ...map, rows: sortRiskRows(map, args.sort) } : map;
}

/** The heatmap's rows in the asked order (a new array; the heatmap is not changed). */
export function sortRiskRows(map: RiskHeatmap, sort: RiskSort): RiskHeatmapRow[] {
  const sign = (sort.direction ?? (sort.by === 'name' ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
  const rank = rankByName(map.rows, (r) => r.school.name);
  const byName = (a: RiskHeatmapRow, b: RiskHeatmapRow) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  let key: (r: RiskHeatmapRow) => number;
  if (sort.by === 'factor') {
    const i = map.factors.findIndex((f) => f.id === sort.factorId);
    key = (r) => {
      const l = i < 0 ? null : (r.levels[i] ?? null);
      return l === null ? 0 : WEIGHT[l];
    };
  } else key = (r) => r.score;
  return [...map.rows].sort((a, b) => {
    if (sort.by === 'name') return sign * byName(a, b);
    return sign * (key(a) - key(b)) || sign * (a.highCount - b.highCount) || byName(a, b);
  });
}
