/** A school's questionnaires of the current year and its region's open waves, live from the device. */
import type { AccessScope, QuestionnaireSummary, StoredWave } from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { currentYear } from '$lib/documents/doc-list';
import { localToday } from '$lib/documents/today';
import {
  NO_SUMMARIES,
  buildQuestionnaireList,
  loadSummaries,
  loadWaves,
  type QuestionnaireItem,
} from './school-questionnaires';

/** The questionnaire list of one school. */
export class SchoolQuestionnaires {
  private readonly summaries: LiveValue<ReadonlyMap<string, QuestionnaireSummary>>;
  private readonly waves: LiveValue<StoredWave[]>;
  private readonly today = localToday();

  constructor(
    db: OporaDb,
    readonly schoolId: string,
    private readonly scope: () => AccessScope,
    /** The school's region (its waves document); null when the directory does not say. */
    regionId: string | null,
    readonly year = currentYear(),
  ) {
    this.summaries = new LiveValue<ReadonlyMap<string, QuestionnaireSummary>>(
      () => loadSummaries(db, schoolId),
      NO_SUMMARIES,
    );
    this.waves = new LiveValue<StoredWave[]>(() => loadWaves(db, regionId), []);
  }

  get loaded(): boolean {
    return this.summaries.loaded;
  }

  get items(): QuestionnaireItem[] {
    return buildQuestionnaireList(
      this.schoolId,
      this.year,
      this.summaries.value,
      this.scope(),
      this.waves.value,
      this.today,
    );
  }

  stop(): void {
    this.summaries.stop();
    this.waves.stop();
  }
}
