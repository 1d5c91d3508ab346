/**
 * A visit report reduced to what lists and dashboards show: date, kind, status,
 * the tally of criteria a–e, steps still open. Shaped so it is also the
 * dashboards' `VisitSummaryInput` (dashboard/inputs.ts) without mapping.
 */
import type * as Y from 'yjs';
import { parseDocId } from '../documents/ids.ts';
import {
  CRITERIA,
  readVisit,
  type CriterionLevel,
  type InterviewPurpose,
  type VisitKind,
  type VisitSnapshot,
  type VisitStatus,
} from './model.ts';

/** Counts of criteria per level; `unset` were not evaluated. */
export type CriteriaTally = Record<CriterionLevel | 'unset', number>;

/** A step still open after a visit. */
export interface OpenStep {
  id: string;
  text: string;
  state: 'proposed' | 'accepted';
  due: string | null;
}

/** One line of a visits list. */
export interface VisitSummary {
  docId: string;
  schoolId: string;
  visitId: string;
  kind: VisitKind;
  purpose: InterviewPurpose | null;
  /** Day of the visit, `YYYY-MM-DD` ('' when unset). */
  date: string;
  status: VisitStatus;
  /** The visiting curator or interviewer ('' when unset). */
  curatorId: string;
  criteria: CriteriaTally;
  /** Criteria judged partly or not met, for a follow-up at the next visit. */
  weakCriteria: string[];
  /** Steps proposed and waiting for the school, or accepted and not done. */
  stepsOpen: number;
  /** Those open steps, for the next visit's checklist. */
  openSteps: OpenStep[];
  stepsAwaitingSchool: number;
  stepsTotal: number;
  participants: number;
  conflicts: number;
  /** Last edit (ISO instant), or null. */
  updatedAt: string | null;
}

/** Summarises a read report (use when the snapshot is already at hand). */
export function summarizeSnapshot(docId: string, v: VisitSnapshot): VisitSummary {
  const ref = parseDocId(docId);
  if (!ref || ref.kind !== 'visit') throw new Error(`not a visit document id: ${docId}`);
  const criteria: CriteriaTally = { met: 0, partly: 0, notMet: 0, unset: 0 };
  const weakCriteria: string[] = [];
  for (const c of CRITERIA) {
    const level = v.evaluation[c].level;
    criteria[level ?? 'unset']++;
    if (level === 'partly' || level === 'notMet') weakCriteria.push(c);
  }
  const openSteps: OpenStep[] = [];
  for (const s of v.steps)
    if (s.state === 'proposed' || s.state === 'accepted')
      openSteps.push({ id: s.id, text: s.text, state: s.state, due: s.due });
  return {
    docId,
    schoolId: ref.schoolId,
    visitId: ref.visitId,
    kind: v.kind,
    purpose: v.purpose,
    date: v.date ?? '',
    status: v.status,
    curatorId: v.curatorId ?? '',
    criteria,
    weakCriteria,
    stepsOpen: openSteps.length,
    openSteps,
    stepsAwaitingSchool: openSteps.filter((s) => s.state === 'proposed').length,
    stepsTotal: v.steps.length,
    participants: v.participants.length,
    conflicts: v.conflicts.length,
    updatedAt: v.updatedAt === null ? null : new Date(v.updatedAt).toISOString(),
  };
}

/** Summarises a visit document. */
export function summarizeVisit(docId: string, doc: Y.Doc): VisitSummary {
  return summarizeSnapshot(docId, readVisit(doc));
}
