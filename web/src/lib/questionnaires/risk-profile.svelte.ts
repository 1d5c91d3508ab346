/**
 * The risk-profile page's state: which wave's diagnostic is shown (the latest
 * one on the device by default), its profile live from the document, and the
 * school coordinator's marks.
 */
import {
  compareWaveIds,
  formatDocId,
  parseDocId,
  riskDiagnosticForm,
  type AccessScope,
  type RiskFactorId,
  type Role,
} from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { openDoc, type OpenDoc } from '$lib/documents/doc-repo';
import { currentYear } from '$lib/documents/doc-list';
import { closeLater } from './questionnaire-editor.svelte';
import { markFactor, readRiskProfile, type FactorLine } from './risk-profile-model';
import { yearWaves } from './school-questionnaires';

/** Who looks at the profile. */
export interface ProfileUser {
  id: string;
  roles: readonly Role[];
  scope: AccessScope;
}

/** The profile of one school. */
export class RiskProfilePage {
  #version = $state(0);
  #wave = $state<string | null>(null);
  #open = $state.raw<OpenDoc | null>(null);
  #opening: string | null = null;
  private readonly stored: LiveValue<string[]>;

  constructor(
    private readonly db: OporaDb,
    readonly schoolId: string,
    private readonly user: ProfileUser,
    private readonly year = currentYear(),
  ) {
    // Waves whose diagnostic is on the device.
    this.stored = new LiveValue(async () => {
      const rows = await db.docs.where('schoolId').equals(schoolId).toArray();
      return rows
        .map((r) => parseDocId(r.id))
        .flatMap((ref) =>
          ref?.kind === 'questionnaire' && ref.formId === riskDiagnosticForm.id ? [ref.wave] : [],
        )
        .sort(compareWaveIds);
    }, []);
  }

  /** Waves to choose from: this year's and any other stored one, in order. */
  get waves(): string[] {
    const all = [...yearWaves(this.year), ...this.stored.value];
    return all.filter((w, i) => all.indexOf(w) === i).sort(compareWaveIds);
  }

  get loaded(): boolean {
    return this.stored.loaded;
  }

  /** The wave shown: the chosen one, else the latest stored, else this year's entry wave. */
  get wave(): string {
    return this.#wave ?? this.stored.value.at(-1) ?? yearWaves(this.year)[0]!;
  }

  set wave(w: string) {
    this.#wave = w;
  }

  get docId(): string {
    return formatDocId({
      kind: 'questionnaire',
      schoolId: this.schoolId,
      formId: riskDiagnosticForm.id,
      wave: this.wave,
    });
  }

  /** True when the diagnostic of the wave is on the device. */
  get exists(): boolean {
    return this.stored.value.includes(this.wave);
  }

  /** Opens the shown wave's document when it exists (call from an effect). */
  async sync(): Promise<void> {
    const id = this.exists ? this.docId : null;
    if (id === this.#opening) return;
    this.#opening = id;
    this.release();
    if (!id) return;
    const open = await openDoc(this.db, id);
    if (this.#opening !== id) {
      closeLater(open);
      return;
    }
    open.doc.on('update', this.bump);
    this.#open = open;
  }

  private readonly bump = () => {
    this.#version++;
  };

  /** The factors; empty when the document is not open. */
  get factors(): FactorLine[] {
    void this.#version;
    const open = this.#open;
    return open ? readRiskProfile(open.doc, riskDiagnosticForm) : [];
  }

  /** The school coordinator (or the region) may mark factors. */
  get canSelect(): boolean {
    return (
      this.#open !== null &&
      this.user.roles.some((r) => r === 'school_coordinator' || r === 'regional_coordinator') &&
      this.user.scope.canWrite(this.docId)
    );
  }

  /** Marks a factor as addressed (or not). */
  select(factor: RiskFactorId, selected: boolean): void {
    if (!this.canSelect || !this.#open) return;
    markFactor(this.#open, factor, selected, this.user.id);
  }

  private release(): void {
    const open = this.#open;
    if (open) {
      open.doc.off('update', this.bump);
      closeLater(open);
    }
    this.#open = null;
  }

  stop(): void {
    this.#opening = null;
    this.release();
    this.stored.stop();
  }
}
