/**
 * The per-kind detail of a document summary: the shared summarizers' output,
 * computed on the device from the same functions the relay runs, so a
 * dashboard built from these details agrees with every school's own screens.
 *
 * This module pulls the form definitions and the roadmap, tutoring and visit
 * models (~35 KB gzip), so it is imported lazily (documents/summary.ts) and
 * never weighs on the first screen.
 */
import type * as Y from 'yjs';
import {
  readExamResults,
  readPlanActivities,
  readCalendarItems,
  readWaves,
  readRegionalAverages,
  summarizeQuestionnaire,
  summarizeRoadmap,
  summarizeTutoring,
  type DocKind,
} from '@opora/shared';
import { summarizeVisit } from '@opora/shared/visits/summary';
import { SUMMARY_DETAIL_VERSION, type SummaryDetail } from '$lib/db/database';
import { localToday } from './today';

/**
 * Computes the detail of one document; null when the kind has none or the
 * document cannot be summarised (an unknown form, a broken shape): a list must
 * never fail because one document is odd.
 */
export function computeDetail(
  doc: Y.Doc,
  kind: DocKind,
  docId: string,
  today: string = localToday(),
): SummaryDetail | null {
  const dv = SUMMARY_DETAIL_VERSION;
  try {
    switch (kind) {
      case 'questionnaire': {
        const data = summarizeQuestionnaire(doc, docId);
        return data ? { dv, kind, data } : null;
      }
      case 'roadmap':
        return { dv, kind, asOf: today, data: summarizeRoadmap(doc, today) };
      case 'tutoring':
        return { dv, kind, asOf: today, data: summarizeTutoring(doc, today) };
      case 'visit':
        return { dv, kind, data: summarizeVisit(docId, doc) };
      case 'exams': {
        const results: Record<string, number> = {};
        for (const r of readExamResults(doc, '')) results[`${r.year}:${r.indicator}`] = r.average;
        return { dv, kind, results };
      }
      case 'plan': {
        const examAverages: Record<string, number> = {};
        for (const a of readRegionalAverages(doc, 0)) examAverages[a.indicator] = a.average;
        return { dv, kind, activities: readPlanActivities(doc).length, examAverages };
      }
      case 'calendar':
        return { dv, kind, items: readCalendarItems(doc).length };
      case 'waves':
        return { dv, kind, waves: readWaves(doc).map((w) => w.wave) };
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/** True when a stored detail must be recomputed: missing, older mapping, or counted on another day. */
export function detailIsStale(
  detail: SummaryDetail | null | undefined,
  kind: DocKind,
  today: string = localToday(),
): boolean {
  if (detail === undefined) return true;
  if (detail === null) return false;
  if (detail.dv !== SUMMARY_DETAIL_VERSION || detail.kind !== kind) return true;
  if (detail.kind === 'roadmap' || detail.kind === 'tutoring') return detail.asOf !== today;
  return false;
}
