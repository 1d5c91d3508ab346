/** One school's visits, state and visit checklist, live from the device. */
import { formatDocId } from '@opora/shared';
import { buildVisitChecklist, type ChecklistItem } from '@opora/shared/visits/checklist';
import type { ChecklistMeasure } from '@opora/shared/visits/checklist';
import type { OporaDb } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { docTitleOf } from '$lib/documents/catalogue';
import { DETAIL_KINDS, scheduleDetailBackfill } from '$lib/documents/detail-backfill';
import type { DocIndexRow } from '$lib/documents/doc-list';
import {
  checklistSources,
  localDay,
  schoolVisitState,
  type SchoolVisitState,
} from './school-state';
import { roadmapMeasures } from './visit-repo';

/** The visits side of one school. */
export class SchoolVisits {
  private readonly rows: LiveValue<DocIndexRow[]>;
  private readonly outbox: LiveValue<{ docId: string; status: string }[]>;
  private readonly measures: LiveValue<ChecklistMeasure[]>;
  readonly roadmapDocId: string;
  readonly today = localDay();

  constructor(
    db: OporaDb,
    readonly schoolId: string,
  ) {
    this.roadmapDocId = formatDocId({
      kind: 'roadmap',
      schoolId,
      year: Number(this.today.slice(0, 4)),
    });
    this.rows = new LiveValue(async () => {
      const rows = (await db.docs.where('schoolId').equals(schoolId).toArray()).map((r) => ({
        id: r.id,
        kind: r.kind,
        schoolId: r.schoolId,
        summary: r.summary,
        updatedAt: r.updatedAt,
      }));
      // Visits, questionnaires and next visit come from the details: a row stored without one
      // (edited before the summarizers loaded, or the page closed first) gets it shortly.
      if (rows.some((r) => DETAIL_KINDS.includes(r.kind) && r.summary.detail === undefined))
        scheduleDetailBackfill(db);
      return rows;
    }, []);
    this.outbox = new LiveValue(
      async () => (await db.outbox.toArray()).map((r) => ({ docId: r.docId, status: r.status })),
      [],
    );
    this.measures = new LiveValue(() => roadmapMeasures(db, this.roadmapDocId), []);
  }

  get loaded(): boolean {
    return this.rows.loaded;
  }

  get state(): SchoolVisitState {
    return schoolVisitState(this.rows.value, this.outbox.value, this.today);
  }

  /** What to check at the next visit (planned one, or today). */
  get checklist(): ChecklistItem[] {
    const state = this.state;
    const visitDate = state.nextVisit ?? this.today;
    const sources = checklistSources(
      this.rows.value,
      { docId: this.roadmapDocId, measures: this.measures.value },
      docTitleOf,
    );
    return buildVisitChecklist(sources, { visitDate });
  }

  stop(): void {
    this.rows.stop();
    this.outbox.stop();
    this.measures.stop();
  }
}
