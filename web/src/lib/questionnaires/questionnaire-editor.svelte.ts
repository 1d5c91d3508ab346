/**
 * The questionnaire screen's state as runes: opens the document, follows its
 * changes (local and from the relay), and exposes the model's read and writes
 * plus the screen's own state (the current section on a phone, the questions a
 * person has left, whether «required» messages show everywhere).
 */
import {
  formById,
  parseDocId,
  parseWaveId,
  type AccessScope,
  type FormDefinition,
  type Membership,
  type DirectorySnapshot,
  type QuestionRef,
  type StatusAction,
} from '@opora/shared';
import { SvelteSet } from 'svelte/reactivity';
import type { OporaDb } from '$lib/db/database';
import { openDoc, type OpenDoc } from '$lib/documents/doc-repo';
import { QuestionnaireModel, rolesAtSchool, type QuestionnaireView } from './questionnaire-model';

/**
 * Closes a screen's document after the current task. Not at once: a screen
 * that reopens the same document right away (a remount) awaits the shared load
 * and counts itself in only when its await resumes; a close that brought the
 * count to zero first would have y-dexie destroy the Y.Doc under it, and its
 * edits would be lost (`doc-repo.ts` counts after the await).
 */
export function closeLater(open: OpenDoc): void {
  setTimeout(() => open.close(), 0);
}

/** Who opens the questionnaire. */
export interface EditorUser {
  id: string;
  memberships: readonly Membership[];
  directory: DirectorySnapshot;
  scope: AccessScope;
}

/** The form and wave of a questionnaire id this app can render; null otherwise. */
export function questionnaireTarget(
  docId: string,
): { form: FormDefinition; wave: string; schoolId: string } | null {
  const ref = parseDocId(docId);
  if (!ref || ref.kind !== 'questionnaire' || !parseWaveId(ref.wave)) return null;
  const form = formById(ref.formId);
  return form ? { form, wave: ref.wave, schoolId: ref.schoolId } : null;
}

/** The questionnaire being filled. */
export class QuestionnaireEditor {
  #version = $state(0);
  #model = $state.raw<QuestionnaireModel | null>(null);
  #section = $state(0);
  readonly #left = new SvelteSet<string>();
  #showAllRequired = $state(false);
  #lastJump: string | null = null;
  #open: OpenDoc | null = null;
  #closed = false;
  readonly canWrite: boolean;
  readonly form: FormDefinition | null;

  constructor(
    private readonly db: OporaDb,
    readonly docId: string,
    private readonly user: EditorUser,
  ) {
    const target = questionnaireTarget(docId);
    this.form = target?.form ?? null;
    this.canWrite = target !== null && user.scope.canWrite(docId);
  }

  /** Opens the document on the device and prepares it for writing. */
  async load(): Promise<void> {
    const target = questionnaireTarget(this.docId);
    if (!target) return;
    const open = await openDoc(this.db, this.docId);
    if (this.#closed) {
      closeLater(open);
      return;
    }
    this.#open = open;
    const model = new QuestionnaireModel(open, target.form, target.wave, {
      userId: this.user.id,
      roles: rolesAtSchool(this.user.memberships, target.schoolId, this.user.directory),
      canWrite: this.canWrite,
    });
    model.init();
    open.doc.on('update', this.bump);
    this.#model = model;
  }

  private readonly bump = () => {
    this.#version++;
  };

  /** The model, for the components' writes; null until loaded. */
  get model(): QuestionnaireModel | null {
    void this.#version;
    return this.#model;
  }

  /** The current read; null until loaded. */
  get view(): QuestionnaireView | null {
    void this.#version;
    return this.#model?.view ?? null;
  }

  get loaded(): boolean {
    return this.#model !== null;
  }

  /** Index of the section shown on a phone (within the sections asked now). */
  get section(): number {
    const n = this.view?.sections.length ?? 0;
    return n === 0 ? 0 : Math.min(this.#section, n - 1);
  }

  set section(i: number) {
    const n = this.view?.sections.length ?? 0;
    this.#section = Math.max(0, Math.min(i, Math.max(0, n - 1)));
  }

  /** Shows the section holding a question. */
  showSectionOf(sectionId: string): void {
    const i = this.view?.sections.findIndex((s) => s.id === sectionId) ?? -1;
    if (i >= 0) this.#section = i;
  }

  /** Marks a question as left by the person (its «required» message shows from now on). */
  leave(questionId: string): void {
    if (!this.#left.has(questionId)) this.#left.add(questionId);
  }

  /** True when a «required» message may show at a question. */
  showRequired(questionId: string): boolean {
    return this.#showAllRequired || this.#left.has(questionId);
  }

  /** The next required question without an answer (cycles); shows its section. */
  jumpToMissing(): QuestionRef | null {
    const model = this.model;
    if (!model) return null;
    const next = model.nextMissing(this.#lastJump);
    this.#lastJump = next?.questionId ?? null;
    if (next) {
      this.showSectionOf(next.sectionId);
      this.leave(next.questionId);
    }
    return next;
  }

  /** Takes a status action; a submit also shows every «required» message. */
  act(action: StatusAction, comment = ''): void {
    if (action === 'submit') this.#showAllRequired = true;
    this.model?.act(action, comment);
  }

  /** Waits until every edit so far is stored and queued. */
  async flushed(): Promise<void> {
    await this.#open?.flushed();
  }

  close(): void {
    this.#closed = true;
    const open = this.#open;
    this.#model?.dispose();
    if (open) {
      open.doc.off('update', this.bump);
      closeLater(open);
    }
    this.#open = null;
  }
}
