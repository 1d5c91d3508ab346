/**
 * The shared sync engine's SyncStore over the device's Dexie database.
 *
 * Remote changes and the cursor that covers them are written in one Dexie
 * transaction, so the cursor never runs ahead of the data. Outbox entries leave
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
    await db.transaction('rw', [db.docs, db.table(DOC_UPDATES_TABLE), db.kv], async () => {
      await writeRemote(db, changes);
      await kvPut(db, 'sync', { ...(await loadSyncState(db)), cursor });
    });
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
