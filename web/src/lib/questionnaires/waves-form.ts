/**
 * The regional coordinator's wave form, without runes (unit-tested): a draft
 * as the inputs hold it → a WaveDescriptor, or the Russian messages saying
 * what to fix. The stored shape and its checks are shared
 * (questionnaires/waves-doc.ts); the relay refuses what `waveProblems` names.
 */
import { FORMS, waveId, type StoredWave, type WaveDescriptor, type WaveKind } from '@opora/shared';
import { tq } from '$lib/i18n/questionnaires';

/** What the inputs of the form hold. */
export interface WaveDraft {
  year: string;
  kind: WaveKind;
  opensOn: string;
  closesOn: string;
  formIds: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A fresh draft: this year's entry wave, opening today, every form. */
export function emptyDraft(today: string): WaveDraft {
  return {
    year: today.slice(0, 4),
    kind: 'entry',
    opensOn: today,
    closesOn: '',
    formIds: FORMS.map((f) => f.id),
  };
}

/** The draft of a stored wave, to change its period or forms. */
export function draftOf(w: WaveDescriptor): WaveDraft {
  return {
    year: String(w.year),
    kind: w.kind,
    opensOn: w.opensOn,
    closesOn: w.closesOn,
    formIds: [...w.formIds],
  };
}

/**
 * The descriptor a draft describes, keeping who opened the wave when it exists
 * already; or the messages of what is wrong.
 */
export function waveFromDraft(
  draft: WaveDraft,
  existing: readonly StoredWave[],
  by: string,
  at: number,
): { ok: true; wave: WaveDescriptor } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const year = Number(draft.year.trim());
  if (!/^\d{4}$/.test(draft.year.trim()) || year < 2000 || year > 2199)
    errors.push(tq.waves.errors.year);
  if (!DAY.test(draft.opensOn) || !DAY.test(draft.closesOn)) errors.push(tq.waves.errors.dates);
  else if (draft.closesOn < draft.opensOn) errors.push(tq.waves.errors.order);
  const known = new Set(FORMS.map((f) => f.id));
  const formIds = FORMS.map((f) => f.id).filter(
    (id) => draft.formIds.includes(id) && known.has(id),
  );
  if (formIds.length === 0) errors.push(tq.waves.errors.forms);
  if (errors.length > 0) return { ok: false, errors };
  const id = waveId(year, draft.kind);
  const before = existing.find((w) => w.wave.id === id)?.wave;
  return {
    ok: true,
    wave: {
      id,
      year,
      kind: draft.kind,
      opensOn: draft.opensOn,
      closesOn: draft.closesOn,
      formIds,
      openedBy: before?.openedBy ?? by,
      openedAt: before?.openedAt ?? at,
    },
  };
}

/** The wave ended today (its last day becomes today); an error when it has not started. */
export function closedToday(
  w: WaveDescriptor,
  today: string,
): { ok: true; wave: WaveDescriptor } | { ok: false; errors: string[] } {
  if (today < w.opensOn) return { ok: false, errors: [tq.waves.errors.notStarted] };
  return { ok: true, wave: { ...w, closesOn: today < w.closesOn ? today : w.closesOn } };
}
