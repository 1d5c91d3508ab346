/**
 * One shared document open on a dashboard screen (a municipality's calendar, the
 * region's plan-schedule, a school's exam results): reads follow every change,
 * local or synced, and writes go through the outbox with LOCAL_ORIGIN.
 */
import type * as Y from 'yjs';
import type { OporaDb } from '$lib/db/database';
import { openDoc, type OpenDoc } from '$lib/documents/doc-repo';

/** An open document as a rune: `read` re-runs when the document changes. */
export class LiveDoc {
  #version = $state(0);
  #ready = $state(false);
  #failed = $state(false);
  private handle: OpenDoc | null = null;
  private closed = false;
  private readonly bump = () => this.#version++;

  constructor(
    db: OporaDb,
    readonly docId: string,
  ) {
    openDoc(db, docId).then(
      (h) => {
        if (this.closed) return h.close();
        this.handle = h;
        h.doc.on('update', this.bump);
        this.#ready = true;
      },
      () => (this.#failed = true),
    );
  }

  get ready(): boolean {
    return this.#ready;
  }

  get failed(): boolean {
    return this.#failed;
  }

  /** Reads from the document; `fallback` until it is open. */
  read<T>(fn: (doc: Y.Doc) => T, fallback: T): T {
    // Read both signals before anything short-circuits, so the caller re-runs on either.
    void this.#version;
    const ready = this.#ready;
    return ready && this.handle ? fn(this.handle.doc) : fallback;
  }

  /** Runs a change as a local transaction (stored and queued for the relay). */
  write(fn: (doc: Y.Doc) => void): void {
    this.handle?.transact(fn);
  }

  /** Resolves when the changes so far are stored. */
  async flushed(): Promise<void> {
    await this.handle?.flushed();
  }

  close(): void {
    this.closed = true;
    if (!this.handle) return;
    this.handle.doc.off('update', this.bump);
    this.handle.close();
    this.handle = null;
  }
}
