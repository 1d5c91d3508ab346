/**
 * The documents on the device: the index rows in `docs`, the Yjs state in
 * y-dexie's updates table, and the outbox of local changes.
 *
 * Two ways in:
 * - a screen opens a document (`openDoc`): y-dexie loads a fresh Y.Doc (a new
 *   Yjs clientID per load, so two tabs or two loads never share one) and every
 *   LOCAL_ORIGIN update is stored here, with its outbox entry, in one IndexedDB
 *   transaction committed before the task that made it ends (`storeLocal`; the
 *   copy y-dexie would add is left out);
 * - the sync engine or an import writes remote updates straight into the
 *   updates table (`writeRemote`, a few bulk requests per batch), a synced page
 *   in chunks with the cursor in the last chunk's transaction, so a crash never
 *   leaves a cursor ahead of the data it covers. An open Y.Doc
 *   receives them through y-dexie's live query, with y-dexie's own origin, so
 *   they never enter the outbox.
 */
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { DexieYProvider } from 'y-dexie';
import { parseDocId, schoolsOfDoc, type Change } from '@opora/shared';
import {
  docUpdates,
  markLocalWrite,
  skipYDexieCopy,
  type DocRow,
  type DocUpdateRow,
  type OporaDb,
} from '$lib/db/database';
import { LOCAL_ORIGIN } from './origins';
import { detailsMissed, summarize } from './summary';
import { scheduleDetailBackfill } from './detail-backfill';

type DocRowData = Omit<DocRow, 'content'>;
type DocIndexFields = Pick<DocRowData, 'kind' | 'schoolId'>;

/** Index fields derived from a document id; null for an id that is not valid. */
export function indexFieldsOf(docId: string): DocIndexFields | null {
  const ref = parseDocId(docId);
  if (!ref) return null;
  const schools = schoolsOfDoc(ref);
  // A partnership's plan is listed under the participant school.
  return { kind: ref.kind, schoolId: schools[schools.length - 1] ?? '' };
}

async function ensureRow(db: OporaDb, docId: string): Promise<void> {
  const fields = indexFieldsOf(docId);
  if (!fields) throw new Error(`invalid document id ${docId}`);
  if (await db.docs.get(docId)) return;
  const row: DocRowData = {
    id: docId,
    ...fields,
    summary: { filled: 0, textLength: 0 },
    updatedAt: 0,
  };
  await db.docs.add(row as DocRow).catch((e: unknown) => {
    // Another tab created it between the get and the add.
    if (!(e instanceof Error && e.name === 'ConstraintError')) throw e;
  });
}

/** Full state of a stored document as one v1 update (empty doc's update when none). */
export async function storedState(db: OporaDb, docId: string): Promise<Uint8Array> {
  const rows = await docUpdates(db).where('k').equals(docId).toArray();
  if (rows.length === 0) return Y.encodeStateAsUpdate(new Y.Doc());
  return Y.convertUpdateFormatV2ToV1(Y.mergeUpdatesV2(rows.map((r) => r.u)));
}

/**
 * Stores remote updates (v1) for documents; must run inside a transaction over
 * docs and the updates table when atomicity with other writes matters.
 * Returns the ids of the documents it changed.
 *
 * A whole batch costs a handful of IndexedDB requests, not several per
 * document: one read of the index rows, one of the stored updates of the
 * documents already on the device, one bulk add of the new updates, one of the
 * new index rows and one bulk update of the others (a first sync of 23,000
 * documents spent most of its time waiting on per-document requests). Each
 * document is decoded once, into a scratch Y.Doc that gives its summary and the
 * v2 update to store (y-dexie keeps v2), instead of converting the v1 update.
 */
export async function writeRemote(db: OporaDb, changes: readonly Change[]): Promise<string[]> {
  const updates = docUpdates(db);
  const now = Date.now();
  // Per document, in first-seen order: an id twice in one batch gets both updates.
  const byDoc = new Map<string, { fields: DocIndexFields; updates: Uint8Array[] }>();
  for (const change of changes) {
    const entry = byDoc.get(change.docId);
    if (entry) {
      entry.updates.push(change.update);
      continue;
    }
    const fields = indexFieldsOf(change.docId);
    if (!fields) continue; // The relay never sends such ids; skip rather than break the sync.
    byDoc.set(change.docId, { fields, updates: [change.update] });
  }
  const ids = [...byDoc.keys()];
  if (ids.length === 0) return [];
  const rows = await db.docs.bulkGet(ids);
  const known = ids.filter((_, i) => rows[i] !== undefined);
  const stored = new Map<string, Uint8Array[]>();
  if (known.length > 0)
    for (const r of await updates.where('k').anyOf(known).toArray()) {
      const list = stored.get(r.k);
      if (list) list.push(r.u);
      else stored.set(r.k, [r.u]);
    }
  const newUpdates: Omit<DocUpdateRow, 'i'>[] = [];
  const newRows: DocRowData[] = [];
  const changed: { key: string; changes: Pick<DocRowData, 'summary' | 'updatedAt'> }[] = [];
  ids.forEach((docId, i) => {
    const { fields, updates: incoming } = byDoc.get(docId)!;
    // No GC: the stored state keeps everything the relay sent, as the update itself did.
    const scratch = new Y.Doc({ guid: docId, gc: false });
    for (const u of stored.get(docId) ?? []) Y.applyUpdateV2(scratch, u);
    const before = Y.encodeStateVector(scratch);
    for (const u of incoming) Y.applyUpdate(scratch, u);
    newUpdates.push({ k: docId, u: Y.encodeStateAsUpdateV2(scratch, before) });
    const summary = summarize(scratch, fields.kind, docId);
    scratch.destroy();
    if (rows[i]) changed.push({ key: docId, changes: { summary, updatedAt: now } });
    else newRows.push({ id: docId, ...fields, summary, updatedAt: now });
  });
  await updates.bulkAdd(newUpdates as DocUpdateRow[]);
  if (newRows.length > 0) await db.docs.bulkAdd(newRows as DocRow[]);
  if (changed.length > 0) await db.docs.bulkUpdate(changed);
  if (detailsMissed()) scheduleDetailBackfill(db);
  return ids;
}

/**
 * Stores a local update (v1) and queues it for the relay, in one IndexedDB
 * transaction committed as soon as its two adds are placed, within the task
 * that made the update: a reload or a closed tab after that task keeps both.
 * The row has y-dexie's own format (v2, flagged local); y-dexie's copy of it is
 * left out (`skipYDexieCopy`). Outside any transaction the caller may be in.
 */
function storeLocal(db: OporaDb, docId: string, update: Uint8Array): Promise<unknown> {
  const row = { k: docId, u: Y.convertUpdateFormatV1ToV2(update), f: 1 };
  const entry = { docId, update, status: 'pending' as const, createdAt: Date.now() };
  skipYDexieCopy(db, docId);
  const updates = docUpdates(db);
  const stored = Dexie.ignoreTransaction(() =>
    db.transaction('rw', [updates, db.outbox], (tx) => {
      markLocalWrite(tx.idbtrans);
      void updates.add(row as DocUpdateRow);
      void db.outbox.add(entry as never);
      // Not left to auto-commit, which waits until the page has seen both adds succeed.
      tx.idbtrans.commit();
    }),
  );
  // Reported by `flushed()` (or the next write) like before; not also as unhandled.
  stored.catch(() => undefined);
  return stored;
}

/** A document open on a screen. */
export interface OpenDoc {
  doc: Y.Doc;
  /** Runs changes as one local transaction: they are stored and queued for the relay. */
  transact(fn: (doc: Y.Doc) => void): void;
  /** Resolves when every local change so far is in the outbox. */
  flushed(): Promise<void>;
  close(): void;
}

const SUMMARY_DELAY_MS = 300;
const COMPACT_DELAY_MS = 1000;
/**
 * How long y-dexie keeps a closed document loaded: moving between screens of one
 * document (a roadmap and its report, 700 KB for 40 problems) then reuses it
 * instead of reading and decoding it again. Remote updates still reach it.
 */
const KEEP_LOADED_MS = 30_000;

/**
 * Merges a document's pending outbox entries into one, in one transaction, so
 * a paragraph typed is one change, not one per keystroke. Safe during a sync:
 * an acknowledgement of the merged-away ids deletes nothing, and the merged
 * entry is sent again (the relay ignores what it already has).
 */
export async function compactOutbox(db: OporaDb, docId: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const rows = await db.outbox
      .where('docId')
      .equals(docId)
      .and((r) => r.status === 'pending')
      .sortBy('id');
    if (rows.length < 2) return;
    const update = Y.mergeUpdates(rows.map((r) => r.update));
    await db.outbox.bulkDelete(rows.map((r) => r.id));
    await db.outbox.add({
      docId,
      update,
      status: 'pending',
      createdAt: rows[0]!.createdAt,
    } as never);
  });
}

interface OpenEntry {
  handle: OpenDoc;
  refs: number;
}

// One listener per document and database, however many screens hold it open:
// y-dexie hands out the same Y.Doc while it is loaded.
const opened = new WeakMap<OporaDb, Map<string, Promise<OpenEntry>>>();

/** Opens a document for reading and editing; creates its index row when missing. */
export async function openDoc(db: OporaDb, docId: string): Promise<OpenDoc> {
  let byId = opened.get(db);
  if (!byId) opened.set(db, (byId = new Map()));
  let pending = byId.get(docId);
  if (!pending) {
    const table = byId;
    pending = load(db, docId, () => table.delete(docId));
    byId.set(docId, pending);
    pending.catch(() => table.delete(docId));
  }
  const entry = await pending;
  // Closed by its last holder while this call waited (its Y.Doc is being destroyed): load anew.
  if (byId.get(docId) !== pending) return openDoc(db, docId);
  entry.refs++;
  let closed = false;
  return {
    ...entry.handle,
    close: () => {
      if (closed) return;
      closed = true;
      if (--entry.refs === 0) entry.handle.close();
    },
  };
}

// Closed documents y-dexie keeps loaded (KEEP_LOADED_MS), per database, with their
// 'destroy' listeners; destroyed when the database closes (sign-out wipes it).
const lingering = new WeakMap<OporaDb, Map<Y.Doc, () => void>>();

function lingeringOf(db: OporaDb): Map<Y.Doc, () => void> {
  let docs = lingering.get(db);
  if (!docs) {
    const created = new Map<Y.Doc, () => void>();
    lingering.set(db, created);
    db.on('close', () => {
      for (const [doc, forget] of [...created]) {
        doc.off('destroy', forget);
        doc.destroy();
      }
      created.clear();
    });
    docs = created;
  }
  return docs;
}

/** Keeps track of a closed document y-dexie keeps loaded for a while. */
function linger(db: OporaDb, doc: Y.Doc): void {
  const docs = lingeringOf(db);
  const forget = () => docs.delete(doc);
  doc.once('destroy', forget);
  docs.set(doc, forget);
}

/** A closed document is open again. */
function unlinger(db: OporaDb, doc: Y.Doc): void {
  const docs = lingeringOf(db);
  const forget = docs.get(doc);
  if (!forget) return;
  doc.off('destroy', forget);
  docs.delete(doc);
}

/**
 * Waits for y-dexie to load a document without Yjs encoding the whole loaded
 * state once more for y-dexie's own `updateV2` listener, which ignores the
 * updates y-dexie applies itself: on a 700 KB roadmap that encoding cost as much
 * as the decoding, on every open. The listeners are back before anyone can
 * edit (the document is handed out only after this).
 */
async function loadedQuietly(doc: Y.Doc, provider: DexieYProvider): Promise<void> {
  if (doc.isLoaded) return provider.whenLoaded;
  // lib0's Observable keeps its listeners here; y-dexie registered its own on load().
  const observers = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers;
  const own = observers.get('updateV2');
  observers.delete('updateV2');
  try {
    await provider.whenLoaded;
  } finally {
    if (own) for (const f of observers.get('updateV2') ?? []) own.add(f);
    if (own) observers.set('updateV2', own);
  }
}

async function load(db: OporaDb, docId: string, forget: () => void): Promise<OpenEntry> {
  const fields = indexFieldsOf(docId);
  if (!fields) throw new Error(`invalid document id ${docId}`);
  // One read when the row exists (every open but a writer's first): the load waits on it.
  let row = await db.docs.get(docId);
  if (!row) {
    await ensureRow(db, docId);
    row = await db.docs.get(docId);
  }
  if (!row) throw new Error(`document ${docId} vanished while opening`);
  const doc = row.content;
  unlinger(db, doc);
  const provider = DexieYProvider.load(doc, { gracePeriod: KEEP_LOADED_MS });
  await loadedQuietly(doc, provider);

  let writes: Promise<unknown> = Promise.resolve();
  let summaryTimer: ReturnType<typeof setTimeout> | undefined;
  let compactTimer: ReturnType<typeof setTimeout> | undefined;
  const compact = () => {
    compactTimer = undefined;
    writes = writes.then(() => compactOutbox(db, docId));
  };
  const saveSummary = () => {
    summaryTimer = undefined;
    const summary = summarize(doc, fields.kind, docId);
    writes = writes.then(() => db.docs.update(docId, { summary, updatedAt: Date.now() }));
    // A local edit made before the summarizers loaded: its detail comes from the backfill.
    if (detailsMissed()) scheduleDetailBackfill(db);
  };
  const flushSummary = () => {
    if (summaryTimer === undefined) return;
    clearTimeout(summaryTimer);
    saveSummary();
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== LOCAL_ORIGIN) return;
    // Started now, in the keystroke's own task: chained behind the previous write, it
    // started a round trip later, when a reload or a closed tab may already have come.
    const stored = storeLocal(db, docId, update);
    writes = writes.then(() => stored);
    clearTimeout(summaryTimer);
    summaryTimer = setTimeout(saveSummary, SUMMARY_DELAY_MS);
    clearTimeout(compactTimer);
    compactTimer = setTimeout(compact, COMPACT_DELAY_MS);
  };
  doc.on('update', onUpdate);

  const handle: OpenDoc = {
    doc,
    transact: (fn) => doc.transact(() => fn(doc), LOCAL_ORIGIN),
    flushed: async () => {
      flushSummary();
      await writes;
    },
    close: () => {
      flushSummary();
      if (compactTimer !== undefined) {
        clearTimeout(compactTimer);
        compact();
      }
      doc.off('update', onUpdate);
      forget();
      linger(db, doc);
      DexieYProvider.release(doc);
    },
  };
  return { handle, refs: 0 };
}
