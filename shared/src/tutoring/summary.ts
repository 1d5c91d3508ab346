/**
 * The small JSON a tutor-support document contributes to lists and dashboards
 * (partnerships signed, events held, mentor pairs). The same function runs on
 * the device and on the relay; `today` is an argument, so both agree.
 */
import type * as Y from 'yjs';
import { daysBetween } from '../roadmap/crdt-kit.ts';
import type { AgreementStatus, PartnershipModel } from './catalogue.ts';
import { readTutoring, type TutoringSnapshot } from './model.ts';

/** Version of the summary shape. */
export const TUTORING_SUMMARY_VERSION = 1;

/** Dashboard figures of one partnership's document. */
export interface TutoringSummary {
  v: typeof TUTORING_SUMMARY_VERSION;
  status: AgreementStatus | null;
  model: PartnershipModel | null;
  /** Ticked clauses of the agreement, by who provides them. */
  clauses: { included: number; leader: number; participant: number; both: number };
  actions: { total: number; done: number };
  /** Events: held, still to come, and past their date without being marked held. */
  events: { total: number; done: number; upcoming: number; overdue: number };
  mentorPairs: number;
  /** Matrix rows for priorities 1–4. */
  matrixRows: [number, number, number, number];
  essayChars: number;
  lastChange: { at: number; by: string } | null;
  conflicts: number;
}

/** Summarises a tutoring snapshot on `today` (YYYY-MM-DD). */
export function summarizeTutoringSnapshot(t: TutoringSnapshot, today: string): TutoringSummary {
  const included = t.agreement.clauses.filter((c) => c.included.value === true);
  const actions = [...t.actions.organizational, ...t.actions.main, ...t.actions.analytical];
  let done = 0;
  let upcoming = 0;
  let overdue = 0;
  for (const e of t.events) {
    if (e.done.value === true) done++;
    else if (e.date.value && daysBetween(e.date.value, today) > 0) overdue++;
    else upcoming++;
  }
  return {
    v: TUTORING_SUMMARY_VERSION,
    status: t.agreement.status.value ?? null,
    model: t.agreement.model.value ?? null,
    clauses: {
      included: included.length,
      leader: included.filter((c) => c.provider.value === 'leader').length,
      participant: included.filter((c) => c.provider.value === 'participant').length,
      both: included.filter((c) => c.provider.value === 'both').length,
    },
    actions: { total: actions.length, done: actions.filter((a) => a.done.value === true).length },
    events: { total: t.events.length, done, upcoming, overdue },
    mentorPairs: t.mentors.length,
    matrixRows: [t.matrix[1].length, t.matrix[2].length, t.matrix[3].length, t.matrix[4].length],
    essayChars: t.essay.trim().length,
    lastChange: t.lastChange,
    conflicts: t.conflicts.length,
  };
}

/** Summarises a tutoring document on `today`; device and relay alike. */
export function summarizeTutoring(doc: Y.Doc, today: string): TutoringSummary {
  return summarizeTutoringSnapshot(readTutoring(doc), today);
}
