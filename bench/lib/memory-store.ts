/**
 * An in-memory SyncStore that behaves like the app's Dexie one: every local
 * update of a document goes to the outbox as its own entry (keystroke by
 * keystroke), entries leave only on acknowledgement, remote changes are applied
 * before the cursor that covers them is saved.
 */
import * as Y from 'yjs';
import type { AckCode, Change, OutboxEntry, SyncStore } from '@opora/shared';

const REMOTE = Symbol('remote');

/** A device's documents, outbox and cursor, in memory. */
export class MemoryStore implements SyncStore {
  readonly docs = new Map<string, Y.Doc>();
  readonly refused: { docId: string; code: AckCode }[] = [];
  private outbox: OutboxEntry[] = [];
  private nextId = 1;
  private cursor = '';

  /** The device's document (created empty and tracked when new). */
  doc(docId: string): Y.Doc {
    let d = this.docs.get(docId);
    if (!d) {
      d = new Y.Doc();
      const doc = d;
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== REMOTE) this.outbox.push({ id: this.nextId++, docId, update });
      });
      this.docs.set(docId, doc);
    }
    return d;
  }

  /** Entries waiting for the relay. */
  get outboxSize(): number {
    return this.outbox.length;
  }

  async loadCursor(): Promise<string> {
    return this.cursor;
  }

  async pendingUpdates(): Promise<OutboxEntry[]> {
    return [...this.outbox];
  }

  async applyChanges(changes: Change[], cursor: string): Promise<void> {
    for (const c of changes) Y.applyUpdate(this.doc(c.docId), c.update, REMOTE);
    this.cursor = cursor;
  }

  async acknowledge(ids: number[]): Promise<void> {
    const gone = new Set(ids);
    this.outbox = this.outbox.filter((e) => !gone.has(e.id));
  }

  async refuse(ids: number[], docId: string, code: AckCode): Promise<void> {
    const gone = new Set(ids);
    this.outbox = this.outbox.filter((e) => !gone.has(e.id));
    this.refused.push({ docId, code });
  }

  async requeueAll(): Promise<void> {
    for (const [docId, doc] of this.docs)
      this.outbox.push({ id: this.nextId++, docId, update: Y.encodeStateAsUpdate(doc) });
  }

  /** Loads a document's state as already synced (no outbox entry). */
  seed(docId: string, state: Uint8Array): void {
    Y.applyUpdate(this.doc(docId), state, REMOTE);
  }

  destroy(): void {
    for (const d of this.docs.values()) d.destroy();
    this.docs.clear();
    this.outbox = [];
  }
}
