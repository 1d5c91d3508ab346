/**
 * One partnership's tutor-support plan on a screen: its snapshot as a rune,
 * refreshed after every change, and the writes as local transactions.
 */
import {
  DocInputError,
  parseDocId,
  type AccessScope,
  type DocRef,
  type Priority,
  type ProgramStage,
  type TutoringEditor,
  type TutoringSnapshot,
} from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { openDoc, type OpenDoc } from '$lib/documents/doc-repo';
import { LOCAL_ORIGIN } from '$lib/documents/origins';
import { tt } from '$lib/i18n/tutoring';
import { authorNames, type MoveDirection } from '$lib/roadmap/roadmap-ops';
import { TutoringOps, type TutoringText } from './tutoring-ops';

/** A tutor-support plan open on a screen. */
export class TutoringDoc {
  #snapshot = $state.raw<TutoringSnapshot | null>(null);
  #failed = $state(false);
  #error = $state<string | null>(null);
  readonly ref: Extract<DocRef, { kind: 'tutoring' }> | null;
  readonly canWrite: boolean;
  private open: OpenDoc | null = null;
  private ops: TutoringOps | null = null;
  private scheduled = false;
  private closed = false;
  private readonly names = $derived(authorNames(this.#snapshot ?? { history: [] }));

  constructor(
    private readonly db: OporaDb,
    readonly docId: string,
    scope: AccessScope,
    private readonly user: { id: string; name: string } | null,
  ) {
    const ref = parseDocId(docId);
    this.ref = ref?.kind === 'tutoring' ? ref : null;
    if (!this.ref || !scope.canRead(docId)) this.#failed = true;
    this.canWrite = !this.#failed && user !== null && scope.canWrite(docId);
  }

  /** Opens the document; a writer's first open creates it. */
  async load(): Promise<void> {
    if (this.#failed) return;
    try {
      const open = await openDoc(this.db, this.docId);
      if (this.closed) {
        open.close();
        return;
      }
      this.open = open;
      this.ops = new TutoringOps(
        open.doc,
        { userId: this.user?.id ?? 'anonymous', name: this.user?.name ?? '' },
        LOCAL_ORIGIN,
      );
      if (this.canWrite) this.ops.init();
      open.doc.on('update', this.onUpdate);
      this.#snapshot = this.ops.snapshot();
    } catch {
      this.#failed = true;
    }
  }

  private readonly onUpdate = (): void => {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.ops && !this.closed) this.#snapshot = this.ops.snapshot();
    });
  };

  get snapshot(): TutoringSnapshot | null {
    return this.#snapshot;
  }

  get failed(): boolean {
    return this.#failed;
  }

  get error(): string | null {
    return this.#error;
  }

  /** A person's name: the current user's, the one the plan's history keeps, or a neutral word. */
  nameOf(userId: string): string {
    if (this.user && userId === this.user.id) return this.user.name;
    return this.names.get(userId) ?? tt.conflict.otherPerson;
  }

  /** Runs a write; false (and `error` set) when it was refused. */
  act(fn: (e: TutoringEditor) => void): boolean {
    const ops = this.ops;
    if (!ops || !this.canWrite) return false;
    try {
      fn(ops.editor);
      this.#error = null;
      return true;
    } catch (e) {
      if (!(e instanceof DocInputError)) console.error(e);
      this.#error = tt.error;
      return false;
    }
  }

  /** Replaces a long text with what its field shows. */
  editText(t: TutoringText, next: string): void {
    this.act(() => this.ops?.editText(t, next));
  }

  /** Notes a finished text edit in the plan's history. */
  noteTextEdited(t: TutoringText): void {
    this.act(() => this.ops?.noteTextEdited(t));
  }

  moveTask(id: string, dir: MoveDirection): void {
    this.act(() => this.ops?.moveTask(id, dir));
  }

  moveAction(stage: ProgramStage, id: string, dir: MoveDirection): void {
    this.act(() => this.ops?.moveAction(stage, id, dir));
  }

  moveMentor(id: string, dir: MoveDirection): void {
    this.act(() => this.ops?.moveMentor(id, dir));
  }

  moveMatrixRow(priority: Priority, id: string, dir: MoveDirection): void {
    this.act(() => this.ops?.moveMatrixRow(priority, id, dir));
  }

  close(): void {
    this.closed = true;
    if (this.open) {
      this.open.doc.off('update', this.onUpdate);
      this.open.close();
    }
    this.open = null;
    this.ops = null;
  }
}
