/**
 * Fills in summary details the sync could not compute: documents stored before
 * the summarizers had loaded (documents/summary.ts), rows from an older detail
 * mapping, and day-dependent details (late roadmap measures, overdue tutoring
 * events) counted on an earlier day. Reads each document's stored updates into
 * a scratch Y.Doc, outside any screen, in small batches so the device stays
 * responsive; a document changed meanwhile is simply summarised again later.
 */
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import type { DocKind } from '@opora/shared';
import { docUpdates, type OporaDb, type SummaryDetail } from '$lib/db/database';
import { loadDetailSummarizers } from './summary';
import { localToday } from './today';

/** Kinds that have a detail. */
export const DETAIL_KINDS: readonly DocKind[] = [
  'questionnaire',
  'roadmap',
  'tutoring',
  'visit',
  'exams',
  'plan',
  'calendar',
  'waves',
];

const BATCH = 50;
const SCHEDULE_DELAY_MS = 2000;

let scheduled: ReturnType<typeof setTimeout> | undefined;

/**
 * Runs the backfill shortly, outside any transaction: the sync calls this after
 * storing summaries whose details the summarizers (still loading) could not add.
 */
export function scheduleDetailBackfill(db: OporaDb): void {
  if (scheduled !== undefined) return;
  scheduled = setTimeout(() => {
    scheduled = undefined;
    Dexie.ignoreTransaction(() => backfillDetails(db)).catch(() => undefined);
  }, SCHEDULE_DELAY_MS);
}

let running: Promise<number> | null = null;

/**
 * Recomputes missing or stale details; resolves with the number of rows updated.
 * Concurrent calls share one run.
 */
export function backfillDetails(
  db: OporaDb,
  kinds: readonly DocKind[] = DETAIL_KINDS,
  rows?: readonly BackfillCandidate[],
): Promise<number> {
  running ??= run(db, kinds, rows).finally(() => (running = null));
  return running;
}

/** A row as the backfill judges it (a caller that has just read the index passes these). */
export interface BackfillCandidate {
  id: string;
  kind: DocKind;
  updatedAt: number;
  detail: SummaryDetail | null | undefined;
}

async function run(
  db: OporaDb,
  kinds: readonly DocKind[],
  given?: readonly BackfillCandidate[],
): Promise<number> {
  const { computeDetail, detailIsStale } = await loadDetailSummarizers();
  const today = localToday();
  const rows =
    given ??
    (
      await db.docs
        .where('kind')
        .anyOf([...kinds])
        .toArray()
    ).map((r) => ({
      id: r.id,
      kind: r.kind,
      updatedAt: r.updatedAt,
      detail: r.summary.detail,
    }));
  const stale = rows
    .filter((r) => kinds.includes(r.kind) && detailIsStale(r.detail, r.kind, today))
    .map((r) => ({ id: r.id, kind: r.kind, updatedAt: r.updatedAt }));
  let updated = 0;
  for (let i = 0; i < stale.length; i += BATCH) {
    const batch = stale.slice(i, i + BATCH);
    const states = await Promise.all(
      batch.map((r) => docUpdates(db).where('k').equals(r.id).toArray()),
    );
    const details = batch.map((r, k) => {
      const doc = new Y.Doc();
      for (const u of states[k] ?? []) Y.applyUpdateV2(doc, u.u);
      const detail = computeDetail(doc, r.kind, r.id, today);
      doc.destroy();
      return detail;
    });
    await db.transaction('rw', db.docs, async () => {
      for (const [k, r] of batch.entries()) {
        const current = await db.docs.get(r.id);
        // Changed since it was read: its own summary (or the next backfill) is newer.
        if (!current || current.updatedAt !== r.updatedAt) continue;
        await db.docs.update(r.id, { summary: { ...current.summary, detail: details[k] ?? null } });
        updated++;
      }
    });
    // Let the screen breathe between batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return updated;
}
