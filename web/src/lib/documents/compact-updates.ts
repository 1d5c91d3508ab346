/**
 * Compaction of the stored Yjs updates: every document with more than one row
 * in y-dexie's updates table gets its rows folded into one (its full state),
 * so loading it reads one row instead of one per edit.
 *
 * Replaces y-dexie's own periodic GC, which re-encoded every document with a
 * row added since its last run, each in its own transaction, and matched rows
 * to documents with a linear search (quadratic in the rows added). After a
 * coordinator's first sync (23,000 documents, one row each: nothing to fold)
 * that run started ten seconds in and doubled the sync's time, then froze the
 * workspace for seconds. Here the document of each row is read from the `k`
 * index (keys only, no update is read), documents with a single row are left
 * alone, and the others are folded in small batches, one transaction each,
 * with the event loop free in between.
 *
 * The folded row keeps the id of the document's last row and the others are
 * deleted, as y-dexie does: an open Y.Doc, which follows the rows after the
 * last one it applied, is not handed its own state again. Each batch re-reads
 * its rows inside its transaction, so two tabs compacting at once (or an edit
 * stored meanwhile) lose nothing: a row added later is folded next time. Runs
 * start 10 s after the database opens and every 5 minutes, at most one per
 * 5 minutes across page loads and tabs (stamped in y-dexie's bookkeeping row).
 */
import * as Y from 'yjs';
import { DOC_UPDATES_TABLE, docUpdates, type OporaDb } from '$lib/db/database';

/** Documents folded per transaction. */
const BATCH_DOCS = 50;
/** First run after the database opens, then every interval. */
const FIRST_RUN_MS = 10_000;
const INTERVAL_MS = 300_000;

/** Ids of the documents that have more than one stored update row. */
async function docsWithSeveralRows(db: OporaDb): Promise<string[]> {
  const table = docUpdates(db);
  // The index holds every update row (y-dexie's bookkeeping row has no `k`), in `k` order.
  const keys = await db.transaction('r', table, () => table.orderBy('k').keys());
  const several: string[] = [];
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    if (k === keys[i - 1] && several[several.length - 1] !== k) several.push(k);
  }
  return several;
}

/** Folds the rows of these documents, one row each, in one transaction. */
async function foldBatch(db: OporaDb, docIds: string[]): Promise<number> {
  const table = docUpdates(db);
  return db.transaction('rw', table, async () => {
    const rows = await table.where('k').anyOf(docIds).toArray();
    const byDoc = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byDoc.get(r.k);
      if (list) list.push(r);
      else byDoc.set(r.k, [r]);
    }
    const folded: typeof rows = [];
    const gone: number[] = [];
    for (const [k, list] of byDoc) {
      if (list.length < 2) continue;
      list.sort((a, b) => a.i - b.i);
      const doc = new Y.Doc({ guid: k });
      for (const r of list) Y.applyUpdateV2(doc, r.u);
      folded.push({ i: list[list.length - 1]!.i, k, u: Y.encodeStateAsUpdateV2(doc) });
      doc.destroy();
      for (const r of list.slice(0, -1)) gone.push(r.i);
    }
    if (folded.length > 0) await table.bulkPut(folded);
    if (gone.length > 0) await table.bulkDelete(gone);
    return folded.length;
  });
}

/** y-dexie's bookkeeping row in the updates table (`i` = 0); `lastRun` is kept here too. */
interface Marker {
  i: 0;
  lastRun?: Date;
}

/**
 * Stamps the start of a run unless one started within `skipMs` (another tab, or
 * an earlier page load): true when this run should go ahead.
 */
async function claimRun(db: OporaDb, skipMs: number): Promise<boolean> {
  const table = db.table<Marker, number>(DOC_UPDATES_TABLE);
  return db.transaction('rw', table, async () => {
    const marker = await table.get(0);
    if (marker?.lastRun && marker.lastRun.getTime() > Date.now() - skipMs) return false;
    await table.put({ ...marker, i: 0, lastRun: new Date() });
    return true;
  });
}

/**
 * Folds every document's stored updates into one row; resolves with the
 * documents folded. Does nothing when a run started within `skipMs`.
 */
export async function compactDocUpdates(db: OporaDb, skipMs = 0): Promise<number> {
  if (skipMs > 0 && !(await claimRun(db, skipMs))) return 0;
  const ids = await docsWithSeveralRows(db);
  let folded = 0;
  for (let i = 0; i < ids.length; i += BATCH_DOCS) {
    folded += await foldBatch(db, ids.slice(i, i + BATCH_DOCS));
    // Let the screen breathe between batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return folded;
}

/** Runs the compaction shortly after the database opens and then periodically, until it closes. */
export function scheduleCompaction(db: OporaDb): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    if (!db.isOpen()) return;
    // Every page load opens the database: at most one run per interval across them.
    compactDocUpdates(db, INTERVAL_MS)
      .catch(() => undefined) // A closed database or a full disk: the next run tries again.
      .finally(() => {
        if (db.isOpen()) timer = setTimeout(run, INTERVAL_MS);
      });
  };
  db.on(
    'ready',
    () => {
      timer ??= setTimeout(run, FIRST_RUN_MS);
    },
    true, // Sticky: again after a reopen.
  );
  db.on('close', () => {
    if (timer) clearTimeout(timer);
    timer = null;
  });
}
