/**
 * One visit report (or interview) on a screen: the whole report as a rune read
 * from the Y.Doc after every change, and edits as local transactions through
 * the shared visit model (shared/src/visits/model.ts), so they are stored at
 * once and queued for the relay. Accepting a step also writes the roadmap
 * measure or comment it becomes (shared RoadmapEditor) and links the two.
 */
import {
  createVisit,
  readCriterionLevel,
  readVisit,
  readVisitField,
  addParticipant,
  removeParticipant,
  addStep,
  removeStep,
  setCriterion,
  setStepState,
  setVisitField,
  linkStep,
  visitText,
  type Criterion,
  type CriterionLevel,
  type NewStep,
  type StepState,
  type VisitField,
  type VisitFieldValues,
  type VisitSnapshot,
  type VisitText,
  type Writer,
} from '@opora/shared/visits/model';
import { RoadmapEditor, parseDocId, type AccessScope } from '@opora/shared';
import { roadmapOfVisit } from './visit-repo';
import type { Membership } from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { openDoc, type OpenDoc } from '$lib/documents/doc-repo';
import { LOCAL_ORIGIN } from '$lib/documents/origins';
import { spliceBetween } from '$lib/documents/text-diff';
import { tv } from '$lib/i18n/visits';

/** The signed-in user, as the report records its writes. */
export interface VisitActor {
  userId: string;
  name: string;
  memberships: readonly Membership[];
}

/** Values of one field when two devices changed it concurrently. */
export interface FieldConflict {
  path: string;
  values: string[];
}

/** A visit report being read or edited. */
export class VisitDoc {
  #version = $state(0);
  #open = $state<OpenDoc | null>(null);
  #error = $state<string | null>(null);
  readonly schoolId: string;
  readonly canWrite: boolean;
  /** The user decides on steps for the school (its coordinator, or the region). */
  readonly canDecide: boolean;
  private closed = false;

  constructor(
    private readonly db: OporaDb,
    readonly docId: string,
    private readonly scope: AccessScope,
    private readonly actor: VisitActor,
  ) {
    const ref = parseDocId(docId);
    this.schoolId = ref && ref.kind === 'visit' ? ref.schoolId : '';
    this.canWrite = this.schoolId !== '' && scope.canWrite(docId);
    this.canDecide =
      this.canWrite &&
      actor.memberships.some(
        (m) =>
          m.role === 'regional_coordinator' ||
          (m.role === 'school_coordinator' && m.schoolId === this.schoolId),
      );
  }

  /** Loads the report from the device. */
  async load(): Promise<void> {
    const open = await openDoc(this.db, this.docId);
    // Closed while loading (the screen moved on): let the document go at once.
    if (this.closed) return open.close();
    open.doc.on('update', this.bump);
    this.#open = open;
  }

  private readonly bump = () => {
    this.#version++;
  };

  get loaded(): boolean {
    return this.#open !== null;
  }

  /** The last edit that failed, in Russian; cleared by the next successful one. */
  get error(): string | null {
    return this.#error;
  }

  /** The whole report (recomputed after each change). */
  get snapshot(): VisitSnapshot | null {
    void this.#version;
    const open = this.#open;
    return open ? readVisit(open.doc) : null;
  }

  /** True once the report has been started (its kind and date written). */
  get started(): boolean {
    void this.#version;
    const open = this.#open;
    return open !== null && readVisitField(open.doc, 'date').state !== 'empty';
  }

  /** Conflicting values of the scalar fields and criterion levels, for the pick buttons. */
  get conflicts(): FieldConflict[] {
    void this.#version;
    const open = this.#open;
    if (!open) return [];
    const out: FieldConflict[] = [];
    for (const f of ['date', 'status', 'visitKind', 'purpose'] as const) {
      const r = readVisitField(open.doc, f);
      if (r.state === 'conflict') out.push({ path: f, values: r.values.map((v) => String(v.v)) });
    }
    for (const c of ['a', 'b', 'c', 'd', 'e'] as const) {
      const r = readCriterionLevel(open.doc, c);
      if (r.state === 'conflict')
        out.push({ path: `criterion.${c}`, values: r.values.map((v) => String(v.v)) });
    }
    return out;
  }

  private writer(): Writer {
    return { by: this.actor.userId, origin: LOCAL_ORIGIN };
  }

  private edit(fn: (open: OpenDoc) => void): void {
    const open = this.#open;
    if (!open || !this.canWrite) return;
    try {
      fn(open);
      this.#error = null;
    } catch (e) {
      this.#error = tv.editor.failed;
      console.error(e);
    }
  }

  /** Writes the first fields of a report opened empty. */
  start(input: { kind: VisitFieldValues['visitKind']; date: string }): void {
    this.edit((open) =>
      createVisit(open.doc, { ...input, curatorId: this.actor.userId }, this.writer()),
    );
  }

  /** Sets a scalar field (also how a conflict is resolved). */
  setField<F extends VisitField>(field: F, value: VisitFieldValues[F]): void {
    this.edit((open) => setVisitField(open.doc, field, value, this.writer()));
  }

  /** Replaces a long text with a textarea's value, as the smallest splice. */
  setText(which: VisitText, next: string): void {
    this.edit((open) => {
      const text = visitText(open.doc, which);
      if (!text) return;
      const splice = spliceBetween(text.toString(), next);
      if (!splice) return;
      open.transact(() => {
        if (splice.remove > 0) text.delete(splice.index, splice.remove);
        if (splice.insert) text.insert(splice.index, splice.insert);
      });
    });
  }

  setCriterion(c: Criterion, change: { level?: CriterionLevel | null; comment?: string }): void {
    this.edit((open) => setCriterion(open.doc, c, change, this.writer()));
  }

  addParticipant(name: string, role: string): void {
    this.edit((open) => addParticipant(open.doc, { name, role }, this.writer()));
  }

  removeParticipant(id: string): void {
    this.edit((open) => removeParticipant(open.doc, id, this.writer()));
  }

  addStep(step: NewStep): void {
    this.edit((open) => addStep(open.doc, step, this.writer()));
  }

  removeStep(id: string): void {
    this.edit((open) => removeStep(open.doc, id, this.writer()));
  }

  /** Declines, reopens or marks a step done. */
  setStepState(id: string, next: StepState, reason?: string): void {
    this.edit((open) =>
      setStepState(open.doc, id, next, this.writer(), reason === undefined ? {} : { reason }),
    );
  }

  /** The roadmap the report's accepted steps go to. */
  get roadmapDocId(): string | null {
    return roadmapOfVisit(this.docId, this.snapshot?.date ?? null);
  }

  /**
   * The school accepts a step: it becomes a measure (or comment) of the school's
   * roadmap of the visit's year, when the user may write that roadmap, and the
   * step records where it went.
   */
  async acceptStep(id: string): Promise<'linked' | 'accepted'> {
    const open = this.#open;
    const step = this.snapshot?.steps.find((s) => s.id === id);
    if (!open || !step || !this.canWrite) return 'accepted';
    this.setStepState(id, 'accepted');
    const roadmapDocId = this.roadmapDocId;
    if (step.link || !roadmapDocId || !this.scope.canWrite(roadmapDocId)) return 'accepted';
    const roadmap = await openDoc(this.db, roadmapDocId);
    try {
      const editor = new RoadmapEditor(roadmap.doc, {
        actor: { userId: this.actor.userId, name: this.actor.name },
        origin: LOCAL_ORIGIN,
      });
      editor.init();
      let itemId: string;
      if (step.becomes === 'comment') itemId = editor.addComment('roadmap', '', step.text);
      else {
        const problems = editor.snapshot().problems;
        const problemId =
          problems.find((p) => p.title === tv.editor.roadmapProblem)?.id ??
          problems[0]?.id ??
          editor.addProblem({ title: tv.editor.roadmapProblem });
        itemId = editor.addMeasure(problemId, {
          title: step.text,
          responsible: step.owner,
          end: step.due,
        });
      }
      this.edit((o) =>
        linkStep(o.doc, id, { roadmapDocId, target: step.becomes, itemId }, this.writer()),
      );
      await roadmap.flushed();
      return 'linked';
    } finally {
      roadmap.close();
    }
  }

  /** Waits until every edit so far is stored and queued. */
  async flushed(): Promise<void> {
    await this.#open?.flushed();
  }

  close(): void {
    this.closed = true;
    const open = this.#open;
    if (open) {
      open.doc.off('update', this.bump);
      open.close();
    }
    this.#open = null;
  }
}
