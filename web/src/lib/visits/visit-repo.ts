/** Visit reports on the device: creating one, and the roadmap measures a visit checklist reviews. */
import * as Y from 'yjs';
import { formatDocId, parseDocId } from '@opora/shared';
import { createVisit, newVisitId, type NewVisit } from '@opora/shared/visits/model';
import type { ChecklistMeasure } from '@opora/shared/visits/checklist';
import type { OporaDb } from '$lib/db/database';
import { openDoc, storedState } from '$lib/documents/doc-repo';
import { LOCAL_ORIGIN } from '$lib/documents/origins';

/** Creates a visit report of a school on this device (queued for the relay); returns its id. */
export async function createVisitDoc(
  db: OporaDb,
  schoolId: string,
  input: NewVisit,
): Promise<string> {
  const docId = formatDocId({ kind: 'visit', schoolId, visitId: newVisitId(input.date) });
  const open = await openDoc(db, docId);
  try {
    createVisit(open.doc, input, { by: input.curatorId, origin: LOCAL_ORIGIN });
    await open.flushed();
  } finally {
    open.close();
  }
  return docId;
}

/**
 * The measures of a stored roadmap, for the checklist; [] when the device does
 * not hold it. The roadmap model loads only then (school pages stay light).
 */
export async function roadmapMeasures(db: OporaDb, docId: string): Promise<ChecklistMeasure[]> {
  if (!(await db.docs.get(docId))) return [];
  const { readRoadmap } = await import('@opora/shared/roadmap/model');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await storedState(db, docId));
    return readRoadmap(doc).problems.flatMap((p) =>
      p.measures.map((m) => ({
        id: m.id,
        title: m.title,
        due: m.end.value ?? null,
        status: m.status.value ?? 'planned',
      })),
    );
  } catch {
    // A roadmap this version cannot read is left out of the checklist, not a broken screen.
    return [];
  } finally {
    doc.destroy();
  }
}

/** The roadmap document a visit's accepted steps go to: the school's roadmap of the visit's year. */
export function roadmapOfVisit(visitDocId: string, date: string | null): string | null {
  const ref = parseDocId(visitDocId);
  if (!ref || ref.kind !== 'visit') return null;
  const year = Number((date ?? '').slice(0, 4)) || new Date().getFullYear();
  return formatDocId({ kind: 'roadmap', schoolId: ref.schoolId, year });
}
