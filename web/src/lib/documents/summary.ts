/** Document → small summary record for lists (a document is never loaded to draw a list). */
import * as Y from 'yjs';
import { LAYOUTS, type DocKind } from '@opora/shared';
import type { DocSummary } from '$lib/db/database';

function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (value instanceof Y.Text) return value.length > 0;
  return true;
}

/** Counts filled fields of the map roots and characters of the text roots of a document. */
export function summarize(doc: Y.Doc, kind: DocKind): DocSummary {
  let filled = 0;
  let textLength = 0;
  for (const [name, type] of Object.entries(LAYOUTS[kind])) {
    if (name === 'meta' || !doc.share.has(name)) continue;
    if (type === 'map') {
      for (const value of doc.getMap<unknown>(name).values()) {
        if (value instanceof Y.Text) textLength += value.length;
        else if (isFilled(value)) filled++;
      }
    } else if (type === 'text') textLength += doc.getText(name).length;
    else filled += doc.getArray(name).length;
  }
  return { filled, textLength };
}
