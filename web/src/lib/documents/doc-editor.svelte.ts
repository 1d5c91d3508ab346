/**
 * One document on a screen: its fields and notes as runes, edits as local Yjs
 * transactions (stored at once and queued for the relay), the changes the
 * relay refused, and what the user can do about them.
 */
import * as Y from 'yjs';
import {
  initDocMeta,
  parseDocId,
  textSlotUpdate,
  type AccessScope,
  type DocRef,
} from '@opora/shared';
import type { OporaDb, OutboxRow } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { NOTES_LOCATION, docTitle, visitFactsOfDoc, visitTitle, type FieldSpec } from './catalogue';
import { LOCAL_ORIGIN } from './origins';
import { editorSections, type EditorSection } from './editor-model';
import { openDoc, type OpenDoc } from './doc-repo';
import { spliceBetween } from './text-diff';

/** A scalar value as the editor shows it. */
export type FieldValue = string | number | boolean | null;

/** Why a document cannot be shown. */
export type OpenFailure = 'not_found' | 'forbidden';

/** The editor of one document. */
export class DocEditor {
  #version = $state(0);
  #failure = $state<OpenFailure | null>(null);
  #open = $state<OpenDoc | null>(null);
  readonly ref: DocRef | null;
  readonly #title: string;
  readonly canWrite: boolean;
  private readonly outbox: LiveValue<OutboxRow[]>;

  constructor(
    private readonly db: OporaDb,
    readonly docId: string,
    scope: AccessScope,
  ) {
    this.ref = parseDocId(docId);
    this.#title = this.ref ? docTitle(this.ref) : '';
    const decision = scope.decide(docId, 'read');
    if (!decision.ok) this.#failure = decision.reason === 'forbidden' ? 'forbidden' : 'not_found';
    this.canWrite = decision.ok && scope.canWrite(docId);
    this.outbox = new LiveValue(() => db.outbox.where('docId').equals(docId).toArray(), []);
  }

  /** The document's title; a visit's follows its kind and day once loaded. */
  get title(): string {
    void this.#version;
    const open = this.#open;
    if (this.ref?.kind === 'visit' && open)
      return visitTitle(this.ref.visitId, visitFactsOfDoc(open.doc));
    return this.#title;
  }

  /** Loads the document from the device. */
  async load(): Promise<void> {
    if (this.#failure || !this.ref) return;
    const start = performance.now();
    const open = await openDoc(this.db, this.docId);
    open.doc.on('update', this.bump);
    this.#open = open;
    // Read by `npm run bench:web` (opening one document with thousands stored).
    performance.measure('opora:open-doc', { start });
  }

  private readonly bump = () => {
    this.#version++;
  };

  get failure(): OpenFailure | null {
    return this.#failure;
  }

  get loaded(): boolean {
    return this.#open !== null;
  }

  /** Sections of scalar fields: the known ones of the kind plus any extra keys the document holds. */
  get sections(): EditorSection[] {
    void this.#version;
    const open = this.#open;
    if (!open || !this.ref) return [];
    return editorSections(open.doc, this.ref.kind);
  }

  /** The value of a field as a string for an input ('' when empty). */
  value(root: string, key: string): string {
    void this.#version;
    const open = this.#open;
    if (!open || !open.doc.share.has(root)) return '';
    const v = open.doc.getMap<unknown>(root).get(key);
    if (v === null || v === undefined || v instanceof Y.AbstractType) return '';
    return String(v);
  }

  /** Sets a field from an input's text; numbers stay numbers, an empty input removes the value. */
  setValue(field: FieldSpec, root: string, raw: string): void {
    if (!this.canWrite || !this.ref) return;
    const kind = this.ref.kind;
    let value: FieldValue = raw;
    if (field.type === 'number') {
      const n = Number(raw.replace(',', '.'));
      value = raw.trim() === '' || !Number.isFinite(n) ? null : n;
    }
    this.#open?.transact((doc) => {
      initDocMeta(doc, kind);
      const map = doc.getMap<unknown>(root);
      if (value === null || value === '') map.delete(field.key);
      else if (map.get(field.key) !== value) map.set(field.key, value);
    });
  }

  /** True when the kind has free notes. */
  get hasNotes(): boolean {
    return this.ref !== null && NOTES_LOCATION[this.ref.kind] !== undefined;
  }

  /** The notes as plain text. */
  get notes(): string {
    void this.#version;
    return this.notesText(false)?.toString() ?? '';
  }

  /** Replaces the notes with a textarea's value, as the smallest splice (so concurrent typing merges). */
  setNotes(next: string): void {
    if (!this.canWrite || !this.ref) return;
    const kind = this.ref.kind;
    this.#open?.transact((doc) => {
      initDocMeta(doc, kind);
      const text = this.notesText(true);
      if (!text) return;
      const splice = spliceBetween(text.toString(), next);
      if (!splice) return;
      if (splice.remove > 0) text.delete(splice.index, splice.remove);
      if (splice.insert) text.insert(splice.index, splice.insert);
    });
  }

  private notesText(create: boolean): Y.Text | null {
    const open = this.#open;
    const loc = this.ref ? NOTES_LOCATION[this.ref.kind] : undefined;
    if (!open || !loc) return null;
    if (loc.key === undefined) return open.doc.getText(loc.root);
    if (!create && !open.doc.share.has(loc.root)) return null;
    const map = open.doc.getMap<unknown>(loc.root);
    const existing = map.get(loc.key);
    if (existing instanceof Y.Text) return existing;
    if (!create) return null;
    if (this.ref?.kind === 'questionnaire') {
      // The fixed slot update: identical on every device, so concurrent creations are one.
      Y.applyUpdate(open.doc, textSlotUpdate(this.ref.formId, loc.key), LOCAL_ORIGIN);
      const slot = map.get(loc.key);
      if (slot instanceof Y.Text) return slot;
    }
    const text = new Y.Text();
    map.set(loc.key, text);
    return text;
  }

  /** Local changes of this document not yet acknowledged. */
  get pendingCount(): number {
    return this.outbox.value.filter((r) => r.status === 'pending').length;
  }

  /** Changes of this document the relay refused. */
  get refused(): OutboxRow[] {
    return this.outbox.value.filter((r) => r.status === 'refused');
  }

  /** Sends refused changes again (after rights were granted, say). */
  async retryRefused(): Promise<void> {
    await this.db.outbox
      .where('docId')
      .equals(this.docId)
      .and((r) => r.status === 'refused')
      .modify((r) => {
        r.status = 'pending';
        delete r.refusal;
      });
  }

  /** Stops sending refused changes; they stay in the document on this device. */
  async dismissRefused(): Promise<void> {
    await this.db.outbox
      .where('docId')
      .equals(this.docId)
      .and((r) => r.status === 'refused')
      .delete();
  }

  /** Waits until every edit so far is stored and queued. */
  async flushed(): Promise<void> {
    await this.#open?.flushed();
  }

  close(): void {
    this.outbox.stop();
    const open = this.#open;
    if (open) {
      open.doc.off('update', this.bump);
      open.close();
    }
    this.#open = null;
  }
}
