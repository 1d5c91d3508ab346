/** A school's «Документы» list for its screens, live from the device. */
import type { AccessScope, Partnership, StoredWave } from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { loadWaves } from '$lib/questionnaires/school-questionnaires';
import { buildDocList, currentYear, type DocIndexRow, type DocListItem } from './doc-list';
import { localToday } from './today';

/** The document list of one school. */
export class SchoolDocs {
  private readonly rows: LiveValue<DocIndexRow[]>;
  private readonly outbox: LiveValue<{ docId: string; status: string }[]>;
  private readonly waves: LiveValue<StoredWave[]>;
  private readonly today = localToday();

  constructor(
    db: OporaDb,
    readonly schoolId: string,
    private readonly scope: () => AccessScope,
    /** The school's region (its waves document); null when the directory does not say. */
    regionId: string | null,
    private readonly partnerships: () => readonly Partnership[],
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
    this.waves = new LiveValue<StoredWave[]>(() => loadWaves(db, regionId), []);
  }

  get loaded(): boolean {
    return this.rows.loaded && this.waves.loaded;
  }

  get items(): DocListItem[] {
    return buildDocList(this.schoolId, this.rows.value, this.outbox.value, this.scope(), {
      year: this.year,
      waves: this.waves.value,
      today: this.today,
      partnerships: this.partnerships(),
    });
  }

  stop(): void {
    this.rows.stop();
    this.outbox.stop();
    this.waves.stop();
  }
}
