/** A school's documents for its screen, live from the device. */
import type { AccessScope } from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { buildDocList, currentYear, type DocIndexRow, type DocListItem } from './doc-list';

/** The document list of one school. */
export class SchoolDocs {
  private readonly rows: LiveValue<DocIndexRow[]>;
  private readonly outbox: LiveValue<{ docId: string; status: string }[]>;

  constructor(
    db: OporaDb,
    readonly schoolId: string,
    private readonly scope: () => AccessScope,
    private readonly year = currentYear(),
  ) {
    this.rows = new LiveValue(
      async () =>
        (await db.docs.where('schoolId').equals(schoolId).toArray()).map((r) => ({
          id: r.id,
          kind: r.kind,
          schoolId: r.schoolId,
          summary: r.summary,
          updatedAt: r.updatedAt,
        })),
      [],
    );
    this.outbox = new LiveValue(
      async () => (await db.outbox.toArray()).map((r) => ({ docId: r.docId, status: r.status })),
      [],
    );
  }

  get loaded(): boolean {
    return this.rows.loaded;
  }

  get items(): DocListItem[] {
    return buildDocList(this.schoolId, this.year, this.rows.value, this.outbox.value, this.scope());
  }

  stop(): void {
    this.rows.stop();
    this.outbox.stop();
  }
}
