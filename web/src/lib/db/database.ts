/**
 * The device's one IndexedDB database, through Dexie. Yjs documents live in it
 * too, through y-dexie: `docs.content` is a Y.Doc whose updates y-dexie keeps
 * in the table `$docs.content_updates` (one table for every document, compacted
 * by documents/compact-updates.ts), chosen over y-indexeddb by `npm run bench:web`.
 *
 * Tables:
 * - `docs`: the document index (id, kind, school, small summary) and the Y.Doc;
 * - `outbox`: local updates the relay has not acknowledged, or has refused;
 * - `kv`: the session, the directory snapshot and the sync state, one row each;
 * - `views` (version 2): the last plain-data read of a large document (a roadmap),
 *   shown read-only while its Y.Doc decodes (roadmap/snapshot-cache.ts). A cache:
 *   possibly stale, never edited, rebuilt from the document.
 */
import { Dexie, type DBCore, type EntityTable, type Middleware } from 'dexie';
import yDexie from 'y-dexie';
import { scheduleCompaction } from '$lib/documents/compact-updates';
import type * as Y from 'yjs';
import type {
  AckCode,
  DirectorySnapshot,
  DocKind,
  Membership,
  QuestionnaireSummary,
  RoadmapSnapshot,
  RoadmapSummary,
  TutoringSummary,
  WaveDescriptor,
} from '@opora/shared';
import type { VisitSummary } from '@opora/shared/visits/summary';

/** A small record of a document for lists: what a screen shows without loading it. */
export interface DocSummary {
  /** Fields that hold a value. */
  filled: number;
  /** Characters of narrative text. */
  textLength: number;
  /**
   * The kind's own figures from the shared summarizers, for dashboards and lists
   * (documents/summary.ts). Absent until computed (the summarizers load lazily;
   * documents/detail-backfill.ts fills the gaps); null when the kind has none
   * or the document cannot be summarised.
   */
  detail?: SummaryDetail | null;
}

/** Version of the detail mapping; a row with an older one is recomputed by the backfill. */
export const SUMMARY_DETAIL_VERSION = 1;

/** Per-kind figures of a document (the shared summarizers' output, kept whole). */
export type SummaryDetail = { dv: number } & (
  | { kind: 'questionnaire'; data: QuestionnaireSummary }
  /** `asOf`: the day late measures were counted on (YYYY-MM-DD). */
  | { kind: 'roadmap'; asOf: string; data: RoadmapSummary }
  | { kind: 'tutoring'; asOf: string; data: TutoringSummary }
  | { kind: 'visit'; data: VisitSummary }
  /** `results`: `<year>:<indicator>` → the school's average. */
  | { kind: 'exams'; results: Record<string, number> }
  /** `examAverages`: the regional average per indicator for the plan's year. */
  | { kind: 'plan'; activities: number; examAverages: Record<string, number> }
  | { kind: 'calendar'; items: number }
  /** A region's monitoring waves (questionnaires/waves-doc.ts), for the completion dashboard. */
  | { kind: 'waves'; waves: WaveDescriptor[] }
);

/** One row of the document index. The Y.Doc itself is the `content` property. */
export interface DocRow {
  id: string;
  kind: DocKind;
  /** The school the document belongs to ('' for municipality and region documents). */
  schoolId: string;
  summary: DocSummary;
  /** Epoch ms of the last change seen on this device, local or remote. */
  updatedAt: number;
  readonly content: Y.Doc;
}

/** Whether an outbox entry still waits for the relay or was refused by it. */
export type OutboxStatus = 'pending' | 'refused';

/** One local Yjs update (v1 encoding) not yet acknowledged by the relay. */
export interface OutboxRow {
  id: number;
  docId: string;
  update: Uint8Array;
  status: OutboxStatus;
  createdAt: number;
  refusal?: { code: AckCode; message: string; at: number };
}

/** The signed-in user on this device. */
export interface Session {
  token: string;
  deviceId: string;
  user: { id: string; login: string; name: string };
  memberships: Membership[];
  /** The relay answered 401 unauthorized: the token no longer works. */
  revoked: boolean;
}

/** Why the last sync failed, in a form the catalogue can phrase. */
export type SyncErrorKind =
  'offline' | 'unauthorized' | 'rate_limited' | 'server' | 'protocol' | 'storage';

/** What the device remembers about syncing. */
export interface SyncState {
  cursor: string;
  lastSuccessAt: number | null;
  lastError: { kind: SyncErrorKind; at: number; detail: string } | null;
}

/** The value types of the key-value table. */
export interface KvValues {
  session: Session;
  directory: DirectorySnapshot;
  sync: SyncState;
  /** Devices that sent this one a transfer file, with their state vectors (transfer/peers.ts). */
  transferPeers: TransferPeer[];
}

/** A device this one received a transfer file from: what it held then, per document. */
export interface TransferPeer {
  deviceId: string;
  userName: string;
  /** When its latest file was made (epoch ms, its clock). */
  fileAt: number;
  vectors: Record<string, Uint8Array>;
}

/** The cached read of one document, to show while its Y.Doc loads. */
export interface ViewRow {
  /** The document id. */
  id: string;
  /** Epoch ms the read was taken. */
  at: number;
  roadmap: RoadmapSnapshot;
}

type KvRow = { [K in keyof KvValues]: { key: K; value: KvValues[K] } }[keyof KvValues];

/** The typed database. */
export type OporaDb = Dexie & {
  docs: EntityTable<DocRow, 'id'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  kv: EntityTable<KvRow, 'key'>;
  views: EntityTable<ViewRow, 'id'>;
};

/** Name of y-dexie's updates table for `docs.content`. */
export const DOC_UPDATES_TABLE = '$docs.content_updates';

/** A row of y-dexie's updates table (v2 updates; `f & 1` marks a local one). */
export interface DocUpdateRow {
  i: number;
  k: string;
  u: Uint8Array;
  f?: number;
}

// Per database: documents whose current local update doc-repo has stored itself.
const storedLocally = new WeakMap<Dexie, Set<string>>();
// The IndexedDB transactions doc-repo stores local updates in.
const localWrites = new WeakSet<object>();

/**
 * Called by doc-repo as it stores a local update of a document itself (with
 * its outbox entry, committed at once): the copy y-dexie adds right after, in
 * the same Yjs event, is then left out. Only that one write, only in this task.
 */
export function skipYDexieCopy(db: OporaDb, docId: string): void {
  let docs = storedLocally.get(db);
  if (!docs) storedLocally.set(db, (docs = new Set()));
  const set = docs;
  set.add(docId);
  queueMicrotask(() => set.delete(docId));
}

/** Marks an IndexedDB transaction as doc-repo's own write of local updates. */
export function markLocalWrite(idbtrans: object): void {
  localWrites.add(idbtrans);
}

const NOTHING_WRITTEN = { numFailures: 0, failures: {}, results: [], lastResult: undefined };

/**
 * Leaves out y-dexie's copy of a local update doc-repo has already stored
 * (`skipYDexieCopy`): y-dexie adds every local update in a transaction of its
 * own, committed only after a round trip to the page, which a reload at that
 * moment aborts (docs/architecture.md, «When typing is durable»).
 */
function dropYDexieCopies(db: Dexie): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'opora-local-updates',
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        if (tableName !== DOC_UPDATES_TABLE) return table;
        return {
          ...table,
          mutate(req) {
            const row = req.type === 'add' && req.values.length === 1 ? req.values[0] : null;
            const copy =
              row !== null &&
              typeof row === 'object' &&
              (row as DocUpdateRow).f === 1 &&
              !localWrites.has(req.trans) &&
              storedLocally.get(db)?.delete((row as DocUpdateRow).k) === true;
            return copy ? Promise.resolve(NOTHING_WRITTEN) : table.mutate(req);
          },
        };
      },
    }),
  };
}

/** Opens (and creates or upgrades) the database with this name. */
export function openDb(name = 'opora'): OporaDb {
  // y-dexie's own periodic GC is off: documents/compact-updates.ts folds the updates instead.
  const db = new Dexie(name, { addons: [yDexie({ gc: false }) as (db: Dexie) => void] }) as OporaDb;
  db.use(dropYDexieCopies(db));
  db.version(1).stores({
    docs: 'id, schoolId, kind, updatedAt, content: Y.Doc',
    outbox: '++id, docId, status',
    kv: 'key',
  });
  // Version 2 only adds a table: existing devices keep every row.
  db.version(2).stores({
    docs: 'id, schoolId, kind, updatedAt, content: Y.Doc',
    outbox: '++id, docId, status',
    kv: 'key',
    views: 'id',
  });
  return db;
}

/** Reads one key of the key-value table. */
export async function kvGet<K extends keyof KvValues>(
  db: OporaDb,
  key: K,
): Promise<KvValues[K] | undefined> {
  const row = await db.kv.get(key);
  return row?.value as KvValues[K] | undefined;
}

/** Writes one key of the key-value table. */
export async function kvPut<K extends keyof KvValues>(
  db: OporaDb,
  key: K,
  value: KvValues[K],
): Promise<void> {
  await db.kv.put({ key, value } as KvRow);
}

/** The updates table of the documents, typed. */
export function docUpdates(db: OporaDb): Dexie.Table<DocUpdateRow, number> {
  return db.table<DocUpdateRow, number>(DOC_UPDATES_TABLE);
}

let shared: OporaDb | undefined;

/** The app's database, opened on first use, with its updates compacted in the background. */
export function appDb(): OporaDb {
  if (!shared) {
    shared = openDb();
    scheduleCompaction(shared);
  }
  return shared;
}
