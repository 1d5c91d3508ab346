/**
 * What the tutor-support screen does to its document, without runes (testable
 * in Node): texts as the smallest splice of their Y.Text, moves as placements
 * within the list the person sees, every write with the app's local origin.
 */
import type * as Y from 'yjs';
import {
  TutoringEditor,
  readTutoring,
  type Actor,
  type Priority,
  type ProgramStage,
  type TutoringSnapshot,
  type TutoringTargetKind,
} from '@opora/shared';
import { placementFor, spliceText, type MoveDirection } from '$lib/roadmap/roadmap-ops';

/** Which long text a field on screen edits. */
export type TutoringText =
  | { kind: 'goal' }
  | { kind: 'priorityGoal'; priority: Priority }
  | { kind: 'clause'; id: string }
  | { kind: 'task'; id: string }
  | { kind: 'action'; id: string }
  | { kind: 'event'; id: string; field: 'title' | 'notes' }
  | { kind: 'mentor'; id: string }
  | { kind: 'matrix'; id: string; field: 'task' | 'action' | 'deficit' | 'capability' }
  | { kind: 'essay' };

/** Where the history records an edit of a text: target kind, target id, field. */
export function historyTarget(t: TutoringText): [TutoringTargetKind, string, string] {
  switch (t.kind) {
    case 'goal':
      return ['goal', '', 'goal'];
    case 'priorityGoal':
      return ['goal', String(t.priority), 'goal'];
    case 'clause':
    case 'task':
    case 'action':
      return [t.kind, t.id, 'text'];
    case 'event':
    case 'matrix':
      return [t.kind, t.id, t.field];
    case 'mentor':
      return ['mentor', t.id, 'focus'];
    case 'essay':
      return ['essay', '', 'essay'];
  }
}

/** Edits one tutor-support document on behalf of one person. */
export class TutoringOps {
  readonly editor: TutoringEditor;

  constructor(
    readonly doc: Y.Doc,
    actor: Actor,
    private readonly origin: unknown,
    now?: () => number,
  ) {
    this.editor = new TutoringEditor(doc, { actor, origin, ...(now ? { now } : {}) });
  }

  /** The document as plain data. */
  snapshot(): TutoringSnapshot {
    return readTutoring(this.doc);
  }

  /** Writes kind and version into a new document (no-op once written). */
  init(): void {
    const meta = this.doc.getMap('meta');
    if (meta.get('kind') === undefined || meta.get('schemaVersion') === undefined)
      this.editor.init();
  }

  /** The Y.Text behind a target (the goal's slot is created on first use). */
  textOf(t: TutoringText): Y.Text {
    const e = this.editor;
    switch (t.kind) {
      case 'goal':
        return e.goalText();
      case 'priorityGoal':
        return e.priorityGoalText(t.priority);
      case 'clause':
        return e.customClauseText(t.id);
      case 'task':
      case 'action':
        return e.programItemText(t.kind, t.id);
      case 'event':
        return e.eventText(t.id, t.field);
      case 'mentor':
        return e.mentorFocusText(t.id);
      case 'matrix':
        return e.matrixText(t.id, t.field);
      case 'essay':
        return e.essayText();
    }
  }

  /** Replaces a text with what its field shows, as one local transaction. */
  editText(t: TutoringText, next: string): void {
    this.doc.transact(() => {
      this.init();
      spliceText(this.textOf(t), next);
    }, this.origin);
  }

  /** Notes in the history that this person finished editing a text. */
  noteTextEdited(t: TutoringText): void {
    const [kind, id, field] = historyTarget(t);
    this.editor.noteTextEdited(kind, id, field);
  }

  /** Moves a programme task one place. */
  moveTask(id: string, dir: MoveDirection): void {
    const at = placementFor(
      this.snapshot().tasks.map((x) => x.id),
      id,
      dir,
    );
    if (at) this.editor.moveProgramItem('task', id, at);
  }

  /** Moves an action one place within its stage. */
  moveAction(stage: ProgramStage, id: string, dir: MoveDirection): void {
    const at = placementFor(
      this.snapshot().actions[stage].map((x) => x.id),
      id,
      dir,
    );
    if (at) this.editor.moveProgramItem('action', id, at);
  }

  /** Moves a mentor pair one place. */
  moveMentor(id: string, dir: MoveDirection): void {
    const at = placementFor(
      this.snapshot().mentors.map((x) => x.id),
      id,
      dir,
    );
    if (at) this.editor.moveListed('mentors', id, at);
  }

  /** Moves a matrix row one place within its priority. */
  moveMatrixRow(priority: Priority, id: string, dir: MoveDirection): void {
    const at = placementFor(
      this.snapshot().matrix[priority].map((x) => x.id),
      id,
      dir,
    );
    if (at) this.editor.moveListed('matrix', id, at);
  }
}
