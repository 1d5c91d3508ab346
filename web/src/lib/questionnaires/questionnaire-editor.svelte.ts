/**
 * The questionnaire screen's state as runes: opens the document, follows its
 * changes (local and from the relay), and exposes the model's read and writes
 * plus the screen's own state (the current section on a phone, the questions a
 * person has left, whether «required» messages show everywhere).
 *
 * Typing in a long or short answer re-renders the form after the keystroke's frame is
 * painted, not before: the text area already shows the typed text, and reading
 * and evaluating the whole form (every question's field re-checks its answer)
 * would otherwise sit between every keystroke and its character on screen
 * (issue 4's 300-question form). Keystrokes typed faster than that work share
 * one re-render, in an idle moment after the frame (a long answer's periodic
 * «touched» mark too). Every other change re-renders at once.
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
import { LOCAL_ORIGIN } from '$lib/documents/origins';
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

/** Longest wait for the re-render after typing in a long answer (an idle moment comes first). */
const RERENDER_WAIT_MS = 150;

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

  #deferred = false;
  #typing = false;

  /**
   * Writes a short answer as it is typed, every keystroke (a delayed write would
   * be lost to a reload right after typing); the form re-renders after the
   * keystroke's frame, as for a long answer. Blank text clears the answer.
   */
  typeAnswer(questionId: string, raw: string): void {
    this.#typed(() => this.#model?.answer(questionId, raw.trim() === '' ? null : raw));
  }

  /**
   * Writes a long answer's text as it is typed (the smallest splice, every
   * keystroke, «touched» mark included); the form re-renders after the frame.
   */
  typeLongText(questionId: string, next: string): void {
    this.#typed(() => this.#model?.setLongText(questionId, next));
  }

  /** Writes a text cell of a table as it is typed, like `typeAnswer`. */
  typeCell(tableId: string, rowId: string, columnId: string, raw: string): void {
    this.#typed(() => this.#model?.setCell(tableId, rowId, columnId, raw));
  }

  #typed(write: () => void): void {
    this.#typing = true;
    try {
      write();
    } finally {
      this.#typing = false;
    }
  }

  private readonly bump = (_u: Uint8Array, origin: unknown) => {
    if (origin === LOCAL_ORIGIN && this.#typing) {
      if (this.#deferred) return;
      this.#deferred = true;
      // After the next frame (which shows the keystroke without this work), once the page is
      // idle: pending input goes first. At most RERENDER_WAIT_MS later on a busy page.
      requestAnimationFrame(() => {
        if (typeof requestIdleCallback === 'function')
          requestIdleCallback(this.bumpDeferred, { timeout: RERENDER_WAIT_MS });
        else setTimeout(this.bumpDeferred, 0);
      });
      return;
    }
    this.#deferred = false;
    this.#version++;
  };

  /** Re-renders now if typing left a re-render waiting. */
  settle(): void {
    this.bumpDeferred();
  }

  private readonly bumpDeferred = () => {
    if (!this.#deferred) return; // Re-rendered at once by a later change.
    this.#deferred = false;
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
