/**
 * The offline transfer over the device's Dexie database: the shared
 * `TransferSource` (what «Передать без интернета» reads) and `TransferTarget`
 * (what «Принять файл» writes).
 *
 * An import writes the received changes into the documents (as `writeRemote`
 * does for the relay's changes, so they never enter the outbox by themselves)
 * and the outbox rows that carry them on to the relay, in ONE Dexie
 * transaction: were they separate, a crash in between would leave changes on
 * the device that a second import of the same file sees as "unchanged" and
 * never forwards (shared/src/transfer/exchange.ts).
 */
import type { ImportBatch, TransferSource, TransferTarget } from '@opora/shared/transfer/exchange';
import { DOC_UPDATES_TABLE, type OporaDb } from '$lib/db/database';
import { storedState, writeRemote } from '$lib/documents/doc-repo';

/** The device's documents and outbox as a transfer source and target. */
export class DexieTransferStore implements TransferSource, TransferTarget {
  constructor(private readonly db: OporaDb) {}

  /** Ids of every document on the device. */
  async docIds(): Promise<string[]> {
    return (await this.db.docs.toCollection().primaryKeys()) as string[];
  }

  /** Ids of one school's documents on the device (partnership plans listed under the participant). */
  async schoolDocIds(schoolId: string): Promise<string[]> {
    return (await this.db.docs.where('schoolId').equals(schoolId).primaryKeys()) as string[];
  }

  async state(docId: string): Promise<Uint8Array | null> {
    const db = this.db;
    return db.transaction('r', [db.docs, db.table(DOC_UPDATES_TABLE)], async () => {
      if (!(await db.docs.get(docId))) return null;
      return storedState(db, docId);
    });
  }

  /** Local changes the relay has not acknowledged: those waiting and those it refused. */
  async unacknowledged(docId: string): Promise<Uint8Array[]> {
    const rows = await this.db.outbox.where('docId').equals(docId).sortBy('id');
    return rows.map((r) => r.update);
  }

  async applyImport(batch: ImportBatch): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.docs, db.table(DOC_UPDATES_TABLE), db.outbox], async () => {
      await writeRemote(db, batch.changes);
      const now = Date.now();
      for (const o of batch.outbox)
        await db.outbox.add({
          docId: o.docId,
          update: o.update,
          status: 'pending',
          createdAt: now,
        } as never);
    });
  }
}
