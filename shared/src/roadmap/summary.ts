/**
 * The small JSON a roadmap contributes to lists and dashboards. The same
 * function runs on the device (over its local document) and on the relay (over
 * the stored document), so a coordinator's list and a school's own screen agree.
 * It reads only plain data and takes `today` as an argument: no clock, no locale.
 */
import type * as Y from 'yjs';
import { readRoadmap } from './model.ts';
import {
  checkSmartGoal,
  countIndicators,
  countMeasures,
  frameOf,
  type IndicatorCounts,
  type MeasureCounts,
} from './rules.ts';
import type { RoadmapSnapshot } from './types.ts';

/** Version of the summary shape (bump when fields change meaning). */
export const ROADMAP_SUMMARY_VERSION = 1;

/** Dashboard figures of one roadmap. */
export interface RoadmapSummary {
  v: typeof ROADMAP_SUMMARY_VERSION;
  problems: number;
  /** Chosen priority directions (seed 000 recommends 2–4). */
  directions: number;
  measures: MeasureCounts;
  indicators: IndicatorCounts;
  /** Problems whose goal fails the SMART check (no number or no date). */
  goalsNotSmart: number;
  /** Last recorded change, or null for an untouched roadmap. */
  lastChange: { at: number; by: string; byName: string } | null;
  openComments: number;
  /** Fields and texts holding concurrent values someone should pick between. */
  conflicts: number;
}

/** Summarises a roadmap snapshot on `today` (YYYY-MM-DD). */
export function summarizeRoadmapSnapshot(r: RoadmapSnapshot, today: string): RoadmapSummary {
  const last = r.history.reduce<RoadmapSnapshot['history'][number] | null>(
    (acc, h) => (acc === null || h.at >= acc.at ? h : acc),
    null,
  );
  return {
    v: ROADMAP_SUMMARY_VERSION,
    problems: r.problems.length,
    directions: r.directions.length,
    measures: countMeasures(r.problems, today),
    indicators: countIndicators(r.problems, frameOf(r, today)),
    goalsNotSmart: r.problems.filter((p) => !checkSmartGoal(p.goal).ok).length,
    lastChange: last ? { at: last.at, by: last.by, byName: last.byName } : null,
    openComments: r.comments.filter((c) => c.resolved.value !== true).length,
    conflicts: r.conflicts.length,
  };
}

/** Summarises a roadmap document on `today` (YYYY-MM-DD); device and relay alike. */
export function summarizeRoadmap(doc: Y.Doc, today: string): RoadmapSummary {
  return summarizeRoadmapSnapshot(readRoadmap(doc), today);
}
