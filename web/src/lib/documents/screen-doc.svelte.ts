/**
 * The common part of a document open on a screen (the roadmap, the
 * tutor-support plan): opening the Y.Doc through the repository, the snapshot
 * as a rune refreshed once per burst of changes, writes through the shared
 * editor with a Russian message when one is refused, people's names, closing.
 * Each subclass decides access, what a failure is and how the text fields write.
 */
import { DocInputError, type Actor, type ChangeEntry } from '@opora/shared';
import type * as Y from 'yjs';
import type { OporaDb } from '$lib/db/database';
import { openDoc, type OpenDoc } from '$lib/documents/doc-repo';
import { LOCAL_ORIGIN } from '$lib/documents/origins';
import { authorNames } from '$lib/roadmap/roadmap-ops';

/** The signed-in person, as the history records them. */
export interface DocUser {
  id: string;
  name: string;
}

/** What a screen document needs from its ops class (roadmap-ops.ts, tutoring-ops.ts). */
export interface ScreenOps<S, E> {
  readonly editor: E;
  /** The document as plain data. */
  snapshot(): S;
  /** Writes kind and version into a new document (a no-op on an initialised one). */
  init(): void;
}

/** What every snapshot carries: the history, and maybe comments (for people's names). */
type WithAuthors = {
  history: readonly ChangeEntry[];
  comments?: readonly { by: string; byName: string }[];
};

/** A document open on a screen: `S` its snapshot, `E` its shared editor, `O` its ops. */
export abstract class ScreenDoc<
  S extends WithAuthors,
  E extends { typing(fn: () => void): void },
  O extends ScreenOps<S, E>,
> {
  #snapshot = $state.raw<S | null>(null);
  #error = $state<string | null>(null);
  #live = $state(false);
  /** Whether this person may write (decided by the subclass from the scope). */
  abstract readonly canWrite: boolean;
  protected ops: O | null = null;
  protected closed = false;
  private open: OpenDoc | null = null;
  private scheduled = false;

  /** People's names as the history and comments keep them (for those not signed in here). */
  readonly names = $derived(authorNames(this.#snapshot ?? { history: [] }));

  constructor(
    protected readonly db: OporaDb,
    readonly docId: string,
    protected readonly user: DocUser | null,
  ) {}

  /** The ops over a freshly opened Y.Doc, writing as `actor`. */
  protected abstract createOps(doc: Y.Doc, actor: Actor, origin: unknown): O;

  /** The Russian message shown when a write is refused. */
  protected abstract readonly writeError: string;

  /** The name shown for a person the document does not know. */
  protected abstract readonly unknownName: string;

  /** Reads the snapshot (a subclass may serve a cached read). */
  protected read(ops: O): S {
    return ops.snapshot();
  }

  /** Called after each refresh of the snapshot from the live document. */
  protected refreshed(): void {}

  /**
   * Opens the Y.Doc (a writer's first open creates it), shows its snapshot and
   * follows its changes. Null when the screen closed meanwhile; throws when the
   * document cannot be opened.
   */
  protected async attach(): Promise<O | null> {
    const open = await openDoc(this.db, this.docId);
    if (this.closed) {
      open.close();
      return null;
    }
    this.open = open;
    const ops = this.createOps(
      open.doc,
      { userId: this.user?.id ?? 'anonymous', name: this.user?.name ?? '' },
      LOCAL_ORIGIN,
    );
    this.ops = ops;
    if (this.canWrite) ops.init();
    open.doc.on('update', this.onUpdate);
    this.#snapshot = this.read(ops);
    this.#live = true;
    return ops;
  }

  private readonly onUpdate = (): void => {
    // Several transactions in a row (a sync page, a paste) make one refresh.
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.ops && !this.closed) {
        this.#snapshot = this.read(this.ops);
        this.refreshed();
      }
    });
  };

  /**
   * Whether the live document is loaded. Until then the snapshot may be a
   * cached read: shown read-only, and every write is refused.
   */
  get live(): boolean {
    return this.#live;
  }

  get snapshot(): S | null {
    return this.#snapshot;
  }

  /** Shows a snapshot read elsewhere (a cached read before the document opens). */
  protected show(snapshot: S): void {
    this.#snapshot = snapshot;
  }

  /** The last write that failed, as a Russian message; cleared by the next success. */
  get error(): string | null {
    return this.#error;
  }

  /** A person's name: the current user's, the one the document keeps, or a neutral word. */
  nameOf(userId: string): string {
    if (this.user && userId === this.user.id) return this.user.name;
    return this.names.get(userId) ?? this.unknownName;
  }

  /**
   * Runs a write through the shared editor. Returns false (and sets `error`)
   * when it was refused; nothing is written before the document is open, nor
   * for a reader.
   */
  act(fn: (e: E) => void): boolean {
    const ops = this.ops;
    if (!ops || !this.#live || !this.canWrite) return false;
    try {
      fn(ops.editor);
      this.#error = null;
      return true;
    } catch (e) {
      if (!(e instanceof DocInputError)) console.error(e);
      this.#error = this.writeError;
      return false;
    }
  }

  /**
   * Writes a keystroke of a one-line field (its `input`): stored at once, no
   * history entry. The field's `change` (it is left, or Enter) makes the same
   * write through `act`, which records the edit once.
   */
  type(fn: (e: E) => void): boolean {
    return this.act((e) => e.typing(() => fn(e)));
  }

  /** Waits until every change so far is stored and queued. */
  async flushed(): Promise<void> {
    await this.open?.flushed();
  }

  /** Stops following the document and closes it. */
  close(): void {
    this.closed = true;
    const open = this.open;
    if (open) {
      open.doc.off('update', this.onUpdate);
      open.close();
    }
    this.open = null;
    this.ops = null;
  }
}
