/**
 * Anti-risk programmes (антирисковые программы, one per risk factor a school
 * tackles) as views over the one roadmap: a problem tied to a factor belongs to
 * that factor's programme, and a problem tied to two factors appears in both.
 * Nothing is copied, so editing a measure in "the programme for low motivation"
 * edits the roadmap itself, and the two can never drift apart.
 */
import { antiRiskTitleRu } from './labels.ts';
import {
  countIndicators,
  countMeasures,
  type IndicatorCounts,
  type MeasureCounts,
  type ProgressFrame,
} from './rules.ts';
import type { ProblemSnapshot, RiskFactorRef, RoadmapSnapshot } from './types.ts';

/** One anti-risk programme: a factor and the roadmap's problems that address it. */
export interface AntiRiskProgramme {
  factorId: string;
  /** The factor's title (from `factors`), or its id when unknown. */
  factorTitle: string;
  /** Russian title of the programme. */
  title: string;
  /** The roadmap's problems for this factor, in roadmap order (the same objects). */
  problems: ProblemSnapshot[];
  measures: MeasureCounts;
  indicators: IndicatorCounts;
}

/** The view: one programme per factor, plus problems tied to no factor. */
export interface AntiRiskView {
  programmes: AntiRiskProgramme[];
  unlinked: ProblemSnapshot[];
}

/**
 * Groups the roadmap's problems by risk factor. Programmes follow the order of
 * `factors` (the school's profile), then factors the profile does not list, by id;
 * with `includeEmpty`, profile factors with no problem get an empty programme.
 */
export function antiRiskProgrammes(
  roadmap: Pick<RoadmapSnapshot, 'problems'>,
  frame: ProgressFrame,
  factors: readonly RiskFactorRef[] = [],
  includeEmpty = false,
): AntiRiskView {
  const byFactor = new Map<string, ProblemSnapshot[]>();
  const unlinked: ProblemSnapshot[] = [];
  for (const p of roadmap.problems) {
    if (p.factorIds.length === 0) unlinked.push(p);
    for (const f of p.factorIds) {
      const list = byFactor.get(f) ?? [];
      list.push(p);
      byFactor.set(f, list);
    }
  }
  const known = new Map(factors.map((f) => [f.id, f.title]));
  const ids = [
    ...factors.map((f) => f.id).filter((id) => includeEmpty || byFactor.has(id)),
    ...[...byFactor.keys()].filter((id) => !known.has(id)).sort(),
  ];
  const programmes = [...new Set(ids)].map((factorId) => {
    const problems = byFactor.get(factorId) ?? [];
    const factorTitle = known.get(factorId) ?? factorId;
    return {
      factorId,
      factorTitle,
      title: antiRiskTitleRu(factorTitle),
      problems,
      measures: countMeasures(problems, frame.today),
      indicators: countIndicators(problems, frame),
    };
  });
  return { programmes, unlinked };
}
