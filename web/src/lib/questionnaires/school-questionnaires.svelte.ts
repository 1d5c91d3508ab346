/** A school's questionnaires of the current year, live from the device. */
import type { AccessScope, QuestionnaireSummary } from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { currentYear } from '$lib/documents/doc-list';
import {
  NO_SUMMARIES,
  buildQuestionnaireList,
  loadSummaries,
  type QuestionnaireItem,
} from './school-questionnaires';

/** The questionnaire list of one school. */
export class SchoolQuestionnaires {
  private readonly summaries: LiveValue<ReadonlyMap<string, QuestionnaireSummary>>;

  constructor(
    db: OporaDb,
    readonly schoolId: string,
    private readonly scope: () => AccessScope,
    readonly year = currentYear(),
  ) {
    this.summaries = new LiveValue<ReadonlyMap<string, QuestionnaireSummary>>(
      () => loadSummaries(db, schoolId),
      NO_SUMMARIES,
    );
  }

  get loaded(): boolean {
    return this.summaries.loaded;
  }

  get items(): QuestionnaireItem[] {
    return buildQuestionnaireList(this.schoolId, this.year, this.summaries.value, this.scope());
  }

  stop(): void {
    this.summaries.stop();
  }
}
