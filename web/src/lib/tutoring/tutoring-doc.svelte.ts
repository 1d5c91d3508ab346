/**
 * One partnership's tutor-support plan on a screen: its snapshot as a rune,
 * refreshed after every change, and the writes as local transactions.
 */
import {
  parseDocId,
  type AccessScope,
  type Actor,
  type DocRef,
  type Priority,
  type ProgramStage,
  type TutoringEditor,
  type TutoringSnapshot,
} from '@opora/shared';
import type * as Y from 'yjs';
import type { OporaDb } from '$lib/db/database';
import { ScreenDoc, type DocUser } from '$lib/documents/screen-doc.svelte';
import { tt } from '$lib/i18n/tutoring';
import type { MoveDirection } from '$lib/roadmap/roadmap-ops';
import { TutoringOps, type TutoringText } from './tutoring-ops';

/** A tutor-support plan open on a screen. */
export class TutoringDoc extends ScreenDoc<TutoringSnapshot, TutoringEditor, TutoringOps> {
  #failed = $state(false);
  readonly ref: Extract<DocRef, { kind: 'tutoring' }> | null;
  readonly canWrite: boolean;
  protected readonly writeError = tt.error;
  protected readonly unknownName = tt.conflict.otherPerson;

  constructor(db: OporaDb, docId: string, scope: AccessScope, user: DocUser | null) {
    super(db, docId, user);
    const ref = parseDocId(docId);
    this.ref = ref?.kind === 'tutoring' ? ref : null;
    if (!this.ref || !scope.canRead(docId)) this.#failed = true;
    this.canWrite = !this.#failed && user !== null && scope.canWrite(docId);
  }

  /** Opens the document; a writer's first open creates it. */
  async load(): Promise<void> {
    if (this.#failed) return;
    try {
      await this.attach();
    } catch {
      this.#failed = true;
    }
  }

  protected createOps(doc: Y.Doc, actor: Actor, origin: unknown): TutoringOps {
    return new TutoringOps(doc, actor, origin);
  }

  get failed(): boolean {
    return this.#failed;
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
}
