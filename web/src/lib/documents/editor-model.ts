/**
 * Which fields the generic editor draws for a document: the scalar keys its map
 * roots hold. Only kinds without their own editor (calendar, plan) reach it.
 */
import * as Y from 'yjs';
import { LAYOUTS, type DocKind } from '@opora/shared';
import type { FieldSpec } from './catalogue';

/** A section of the editor as drawn: a map root and its fields. */
export interface EditorSection {
  root: string;
  fields: FieldSpec[];
}

/** The scalar keys each map root of the document holds. */
export function editorSections(doc: Y.Doc, kind: DocKind): EditorSection[] {
  const out: EditorSection[] = [];
  for (const [root, type] of Object.entries(LAYOUTS[kind])) {
    if (type !== 'map' || root === 'meta' || !doc.share.has(root)) continue;
    const fields: FieldSpec[] = [];
    for (const [key, value] of doc.getMap<unknown>(root)) {
      if (value instanceof Y.AbstractType) continue;
      fields.push({ key, type: typeof value === 'number' ? 'number' : 'text' });
    }
    if (fields.length > 0) out.push({ root, fields });
  }
  return out;
}
