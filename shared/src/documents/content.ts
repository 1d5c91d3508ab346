/**
 * Content checks: what the relay verifies of a document beyond its layout
 * (`layout.ts`), per kind, for the keys an update touched. A refusal is a
 * ShapeError, acknowledged with the same «invalid shape» code as a broken
 * layout (docs/sync-protocol.md).
 *
 * Only touched keys are checked (see `trackTouchedKeys`): a document that already
 * holds a bad entry (stored before a check existed, or imported from a transfer
 * file) stays writable; the app marks such entries invalid instead.
 */
import type * as Y from 'yjs';
import type { DocKind, DocRef } from './ids.ts';
import { checkQuestionnaireContent, type TouchedKeys } from '../questionnaires/content-check.ts';
import { checkWavesContent } from '../questionnaires/waves-doc.ts';

export type { TouchedKeys } from '../questionnaires/content-check.ts';

/** The roots whose entries the relay checks beyond their type, by kind (the rest: layout only). */
export const CONTENT_CHECKED_ROOTS: Partial<Record<DocKind, readonly string[]>> = {
  questionnaire: ['meta', 'answers', 'texts'],
  waves: ['waves'],
};

/** Follows a document's transactions and collects, per root, the keys they set or deleted. */
export function trackTouchedKeys(doc: Y.Doc): { touched: TouchedKeys; stop(): void } {
  const touched = new Map<string, Set<string>>();
  const onTransaction = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      if (type._item !== null) continue; // nested types: their parent's key did not change
      let name: string | undefined;
      for (const [n, root] of doc.share) if (root === type) name = n;
      if (name === undefined) continue;
      const set = touched.get(name) ?? new Set<string>();
      for (const k of keys) if (k !== null) set.add(k);
      touched.set(name, set);
    }
  };
  doc.on('afterTransaction', onTransaction);
  return { touched, stop: () => doc.off('afterTransaction', onTransaction) };
}

/** Checks the touched keys of a document of this kind; throws ShapeError. Kinds without checks pass. */
export function validateContent(doc: Y.Doc, ref: DocRef, touched: TouchedKeys): void {
  switch (ref.kind) {
    case 'questionnaire':
      checkQuestionnaireContent(doc, ref.formId, ref.wave, touched);
      return;
    case 'waves':
      checkWavesContent(doc, touched);
      return;
    default:
      return;
  }
}
