/** Which fields the generic editor draws for a document. */
import * as Y from 'yjs';
import { LAYOUTS, type DocKind } from '@opora/shared';
import { EDITOR_SPECS, NOTES_LOCATION, type FieldSpec } from './catalogue';

/** A section of the editor as drawn: a map root and its fields. */
export interface EditorSection {
  root: string;
  fields: FieldSpec[];
}

/** The known fields of the kind plus any extra scalar keys the document holds. */
export function editorSections(doc: Y.Doc, kind: DocKind): EditorSection[] {
  const specs = EDITOR_SPECS[kind] ?? [];
  const notes = NOTES_LOCATION[kind];
  const out: EditorSection[] = [];
  for (const [root, type] of Object.entries(LAYOUTS[kind])) {
    if (type !== 'map' || root === 'meta') continue;
    const fields = [...(specs.find((s) => s.root === root)?.fields ?? [])];
    const known = new Set(fields.map((f) => f.key));
    if (doc.share.has(root)) {
      for (const [key, value] of doc.getMap<unknown>(root)) {
        if (known.has(key) || (notes?.root === root && notes.key === key)) continue;
        if (value instanceof Y.AbstractType) continue;
        fields.push({ key, type: typeof value === 'number' ? 'number' : 'text' });
      }
    }
    if (fields.length > 0) out.push({ root, fields });
  }
  return out;
}
