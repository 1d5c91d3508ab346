/**
 * The shared sync engine's SyncStore over the device's Dexie database.
 *
 * Remote changes are written in chunks of a few hundred documents, one Dexie
 * transaction each, and the cursor that covers them with the last chunk, so the
 * cursor never runs ahead of the data. Outbox entries leave
 * only on the relay's acknowledgement; refused ones stay, marked, until the
 * user decides (retry or dismiss).
 */
import {
  AccessScope,
  directoryFromSnapshot,
  type AckCode,
  type Change,
  type OutboxEntry,
  type SyncStore,
} from '@opora/shared';
import { DOC_UPDATES_TABLE, kvGet, kvPut, type OporaDb, type SyncState } from '$lib/db/database';
import { storedState, writeRemote } from '$lib/documents/doc-repo';
import { loadDetailSummarizers } from '$lib/documents/summary';

/** The sync state before the first sync. */
export const INITIAL_SYNC_STATE: SyncState = { cursor: '', lastSuccessAt: null, lastError: null };

/** Reads the sync state (the initial one when none is stored). */
export async function loadSyncState(db: OporaDb): Promise<SyncState> {
  return (await kvGet(db, 'sync')) ?? INITIAL_SYNC_STATE;
}

/** Changes part of the sync state. */
export async function patchSyncState(db: OporaDb, patch: Partial<SyncState>): Promise<void> {
  await db.transaction('rw', db.kv, async () => {
    await kvPut(db, 'sync', { ...(await loadSyncState(db)), ...patch });
  });
}

/** Most documents, and bytes of updates, stored per Dexie transaction. */
const CHUNK_DOCS = 500;
const CHUNK_BYTES = 512 * 1024;

/**
 * Cuts a page of changes into chunks stored one transaction each, so a large
 * page (a first sync asks for the relay's largest) never blocks the screen for
 * long; always at least one chunk, so the cursor is stored even for no changes.
 */
export function chunkChanges(changes: readonly Change[]): Change[][] {
  const chunks: Change[][] = [[]];
  let bytes = 0;
  for (const c of changes) {
    let current = chunks[chunks.length - 1]!;
    if (
      current.length >= CHUNK_DOCS ||
      (current.length > 0 && bytes + c.update.byteLength > CHUNK_BYTES)
    ) {
      chunks.push((current = []));
      bytes = 0;
    }
    current.push(c);
    bytes += c.update.byteLength;
  }
  return chunks;
}

/** SyncStore over Dexie. */
export class DexieSyncStore implements SyncStore {
  constructor(private readonly db: OporaDb) {}

  async loadCursor(): Promise<string> {
    return (await loadSyncState(this.db)).cursor;
  }

  async pendingUpdates(): Promise<OutboxEntry[]> {
    const rows = await this.db.outbox.where('status').equals('pending').sortBy('id');
    return rows.map((r) => ({ id: r.id, docId: r.docId, update: r.update }));
  }

  async applyChanges(changes: Change[], cursor: string): Promise<void> {
    const db = this.db;
    // With the summarizers loaded every summary gets its detail now, not from a backfill later.
    if (changes.length > 0) await loadDetailSummarizers().catch(() => undefined);
    const chunks = chunkChanges(changes);
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      await db.transaction('rw', [db.docs, db.table(DOC_UPDATES_TABLE), db.kv], async () => {
        await writeRemote(db, chunk);
        // The cursor goes with the last chunk: a crash before it only re-applies the page.
        if (last) await kvPut(db, 'sync', { ...(await loadSyncState(db)), cursor });
      });
      // Let the screen draw between chunks of a large page.
      if (!last) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  async acknowledge(ids: number[]): Promise<void> {
    await this.db.outbox.bulkDelete(ids);
  }

  async refuse(ids: number[], _docId: string, code: AckCode, message: string): Promise<void> {
    const at = Date.now();
    await this.db.outbox
      .where('id')
      .anyOf(ids)
      .modify({ status: 'refused', refusal: { code, message, at } });
  }

  async requeueAll(): Promise<void> {
    const db = this.db;
    await db.transaction(
      'rw',
      [db.docs, db.table(DOC_UPDATES_TABLE), db.outbox, db.kv],
      async () => {
        // Only what the user may write: the relay would refuse the rest (forbidden),
        // and their authors hold and re-push their own changes.
        const session = await kvGet(db, 'session');
        const directory = await kvGet(db, 'directory');
        const scope =
          session && directory
            ? new AccessScope(session.memberships, directoryFromSnapshot(directory))
            : null;
        const ids = (await db.docs.toCollection().primaryKeys()) as string[];
        const now = Date.now();
        for (const docId of ids) {
          if (scope && !scope.canWrite(docId)) continue;
          const update = await storedState(db, docId);
          await db.outbox.add({ docId, update, status: 'pending', createdAt: now } as never);
        }
      },
    );
  }
}
