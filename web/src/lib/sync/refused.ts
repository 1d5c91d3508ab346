/** Refused outbox entries grouped per document, for the status screen. */
import type { AckCode } from '@opora/shared';
import type { OutboxRow } from '$lib/db/database';

/** The refused changes of one document. */
export interface RefusedDoc {
  docId: string;
  count: number;
  code: AckCode;
  at: number;
}

/** Groups refused entries by document (the latest refusal's code and time). */
export function refusedByDoc(
  rows: readonly Pick<OutboxRow, 'docId' | 'status' | 'refusal'>[],
): RefusedDoc[] {
  const m = new Map<string, RefusedDoc>();
  for (const r of rows) {
    if (r.status !== 'refused' || !r.refusal) continue;
    const cur = m.get(r.docId);
    if (!cur) m.set(r.docId, { docId: r.docId, count: 1, code: r.refusal.code, at: r.refusal.at });
    else {
      cur.count++;
      if (r.refusal.at >= cur.at) Object.assign(cur, { code: r.refusal.code, at: r.refusal.at });
    }
  }
  return [...m.values()];
}
