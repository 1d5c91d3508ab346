/**
 * Document → small summary record for lists (a document is never loaded to draw
 * a list). Two parts:
 * - `filled` and `textLength`, counted here for every kind (the generic lists);
 * - `detail`, the kind's own figures from the shared summarizers (dashboards
 *   read only these). The summarizers weigh ~35 KB gzip, so they load lazily:
 *   the first call starts the import and, until it lands, `detail` is left out;
 *   documents/detail-backfill.ts fills such gaps afterwards.
 */
import * as Y from 'yjs';
import { LAYOUTS, type DocKind } from '@opora/shared';
import type { DocSummary } from '$lib/db/database';

type DetailModule = typeof import('./summary-detail');

let detailModule: DetailModule | null = null;
let missed = false;

/** True when a summary was stored without its detail since the last call (then resets). */
export function detailsMissed(): boolean {
  const was = missed;
  missed = false;
  return was;
}
let loading: Promise<DetailModule> | null = null;

/** Loads the detail summarizers once; resolves with them (also used by the backfill). */
export function loadDetailSummarizers(): Promise<DetailModule> {
  loading ??= import('./summary-detail').then((m) => (detailModule = m));
  return loading;
}

function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (value instanceof Y.Text) return value.length > 0;
  return true;
}

/**
 * Counts filled fields of the map roots and characters of the text roots of a
 * document and, when `docId` is given and the summarizers are loaded, adds the
 * kind's detail.
 */
export function summarize(doc: Y.Doc, kind: DocKind, docId?: string): DocSummary {
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
  if (docId === undefined) return { filled, textLength };
  if (!detailModule) {
    // Not awaited: the caller may be inside a Dexie transaction, which an await would end.
    loadDetailSummarizers().catch(() => (loading = null));
    missed = true;
    return { filled, textLength };
  }
  return { filled, textLength, detail: detailModule.computeDetail(doc, kind, docId) };
}
