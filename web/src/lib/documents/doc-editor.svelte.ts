/**
 * One document on a screen: its title and access, the changes the relay
 * refused and what the user can do about them; for kinds without their own
 * editor (calendar, plan) also its scalar fields as runes, edits as local Yjs
 * transactions (stored at once and queued for the relay).
 */
import * as Y from 'yjs';
import { initDocMeta, parseDocId, type AccessScope, type DocRef } from '@opora/shared';
import type { OporaDb, OutboxRow } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { docTitle, visitFactsOfDoc, visitTitle, type FieldSpec } from './catalogue';
import { editorSections, type EditorSection } from './editor-model';
import { openDoc, type OpenDoc } from './doc-repo';

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
  /** Whether this editor re-reads on every change of the document (see the constructor). */
  readonly #follows: boolean;

  /**
   * `ownEditor`: the kind has a specialised editor, which follows the document
   * itself; this one then follows it only for a visit's title. Not following
   * spares every keystroke in, say, a questionnaire a re-render of this page.
   */
  constructor(
    private readonly db: OporaDb,
    readonly docId: string,
    scope: AccessScope,
    ownEditor = false,
  ) {
    this.ref = parseDocId(docId);
    this.#follows = !ownEditor || this.ref?.kind === 'visit';
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
    if (this.#follows) open.doc.on('update', this.bump);
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

  /** Sections of the scalar fields the document holds (the generic editor). */
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
