/**
 * An in-memory device for transfer tests and benchmarks: one Y.Doc per
 * document, an outbox fed by local transactions only, and the TransferSource /
 * TransferTarget interfaces over them. It is what the web app does over Dexie,
 * minus the disk.
 */
import * as Y from 'yjs';
import { parseDocId } from '../documents/ids.ts';
import { initDocMeta } from '../documents/layout.ts';
import type { OutboxEntry } from '../sync/client.ts';
import type { ImportBatch, TransferSource, TransferTarget } from './exchange.ts';

/** Origin of changes that came from elsewhere (relay or file): they never enter the outbox. */
export const REMOTE_ORIGIN = Symbol('remote');

/** A device's documents and outbox in memory. */
export class MemoryTransferStore implements TransferSource, TransferTarget {
  readonly docs = new Map<string, Y.Doc>();
  outbox: OutboxEntry[] = [];
  /** Ids of outbox entries the relay refused; they stay, and are not sent again. */
  readonly refused = new Set<number>();
  private nextId = 1;

  /** @param newClientId gives each new Y.Doc its clientID (seeded tests); random by default. */
  constructor(private readonly newClientId?: () => number) {}

  /** The document, created empty (no meta) when missing; local changes feed the outbox. */
  doc(docId: string): Y.Doc {
    const existing = this.docs.get(docId);
    if (existing) return existing;
    const doc = new Y.Doc();
    if (this.newClientId) doc.clientID = this.newClientId();
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE_ORIGIN) this.enqueue(docId, update);
    });
    this.docs.set(docId, doc);
    return doc;
  }

  /** The document with its meta written, as when the user creates it on this device. */
  localDoc(docId: string): Y.Doc {
    const known = this.docs.has(docId);
    const doc = this.doc(docId);
    const ref = parseDocId(docId);
    if (!known && ref) initDocMeta(doc, ref.kind);
    return doc;
  }

  /** Adds an outbox entry. */
  enqueue(docId: string, update: Uint8Array): void {
    this.outbox.push({ id: this.nextId++, docId, update });
  }

  /** Outbox entries neither acknowledged nor refused. */
  pending(): OutboxEntry[] {
    return this.outbox.filter((e) => !this.refused.has(e.id));
  }

  state(docId: string): Promise<Uint8Array | null> {
    const doc = this.docs.get(docId);
    return Promise.resolve(doc ? Y.encodeStateAsUpdate(doc) : null);
  }

  unacknowledged(docId: string): Promise<Uint8Array[]> {
    return Promise.resolve(
      this.pending()
        .filter((e) => e.docId === docId)
        .map((e) => e.update),
    );
  }

  applyImport(batch: ImportBatch): Promise<void> {
    for (const c of batch.changes) Y.applyUpdate(this.doc(c.docId), c.update, REMOTE_ORIGIN);
    for (const o of batch.outbox) this.enqueue(o.docId, o.update);
    return Promise.resolve();
  }

  /** Restarts the app: every document is reloaded into a fresh Y.Doc (a new clientID). */
  restart(): void {
    const old = [...this.docs];
    this.docs.clear();
    for (const [docId, doc] of old) {
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      Y.applyUpdate(this.doc(docId), state, REMOTE_ORIGIN);
    }
  }
}
