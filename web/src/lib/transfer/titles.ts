/**
 * Titles of the documents a transfer file lists: a visit is named by its kind
 * and day (from the file when it carries the visit whole, else from the
 * device's summary, else the day in its id), never by its raw id.
 */
import * as Y from 'yjs';
import { parseDocId } from '@opora/shared';
import type { TransferContents } from '@opora/shared/transfer/format';
import type { DocSummary } from '$lib/db/database';
import {
  docTitleOf,
  visitFactsOf,
  visitFactsOfDoc,
  visitTitle,
  type VisitTitleFacts,
} from '$lib/documents/catalogue';

/** Kind and day of each visit a file carries (a diff may lack them). */
export function visitFactsInFile(contents: TransferContents): Map<string, VisitTitleFacts> {
  const out = new Map<string, VisitTitleFacts>();
  contents.manifest.documents.forEach((entry, i) => {
    const record = contents.records[i];
    if (parseDocId(entry.docId)?.kind !== 'visit' || !record) return;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, record.update);
      if (record.pending) Y.applyUpdate(doc, record.pending);
      const facts = visitFactsOfDoc(doc);
      if (facts.kind || facts.date) out.set(entry.docId, facts);
    } catch {
      // Not readable here: the import itself says why; the title falls back to the id's day.
    } finally {
      doc.destroy();
    }
  });
  return out;
}

/** Titles for the transfer screen's lists. */
export class TransferTitles {
  private fileVisits = new Map<string, VisitTitleFacts>();
  private summariesOf: readonly unknown[] | null = null;
  private summaries = new Map<string, DocSummary>();

  /** Remembers the visits of a file just opened. */
  readFile(contents: TransferContents): void {
    this.fileVisits = visitFactsInFile(contents);
  }

  /** The title of a document, given the device's index rows. */
  titleOf(docId: string, rows: readonly { id: string; summary: DocSummary }[]): string {
    if (rows !== this.summariesOf) {
      this.summaries = new Map(rows.map((r) => [r.id, r.summary]));
      this.summariesOf = rows;
    }
    const summary = this.summaries.get(docId);
    const ref = parseDocId(docId);
    if (ref?.kind !== 'visit') return docTitleOf(docId, summary) || docId;
    const fromDevice = visitFactsOf(summary);
    const fromFile = this.fileVisits.get(docId) ?? {};
    return visitTitle(ref.visitId, {
      kind: fromFile.kind ?? fromDevice.kind,
      date: fromFile.date ?? fromDevice.date,
    });
  }
}
