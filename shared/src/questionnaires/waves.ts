/**
 * Monitoring waves (входной, промежуточный, итоговый мониторинг). Each
 * questionnaire is filled once per school per wave; the wave id is the last
 * segment of the document id (`school:<id>:questionnaire:<formId>:<waveId>`),
 * e.g. `2026-entry`, `2026-mid`, `2026-final`.
 */
import { WAVE_KIND_LABELS } from './messages.ts';

/** The three kinds of monitoring wave, in order of the school year. */
export const WAVE_KINDS = ['entry', 'mid', 'final'] as const;

/** A kind of monitoring wave. */
export type WaveKind = (typeof WAVE_KINDS)[number];

/** A wave as a coordinator opens it: which forms, for which period. */
export interface WaveDescriptor {
  /** `<year>-<kind>`, usable as a document id segment. */
  id: string;
  /** The year the programme cohort is named after (e.g. 2026 for «500+ 2026»). */
  year: number;
  kind: WaveKind;
  /** First day schools may fill it, `YYYY-MM-DD`. */
  opensOn: string;
  /** Last day, `YYYY-MM-DD` (inclusive); later answers are still kept, and shown as late. */
  closesOn: string;
  /** Form ids schools fill in this wave. */
  formIds: readonly string[];
  /** Who opened it and when (epoch ms). */
  openedBy: string;
  openedAt: number;
}

const WAVE_ID = /^(\d{4})-(entry|mid|final)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The id of a wave: `2026-entry`. */
export function waveId(year: number, kind: WaveKind): string {
  return `${year}-${kind}`;
}

/** Parses a wave id; null when it is not one. */
export function parseWaveId(id: string): { year: number; kind: WaveKind } | null {
  const m = WAVE_ID.exec(id);
  if (!m) return null;
  return { year: Number(m[1]), kind: m[2] as WaveKind };
}

/** «Входной мониторинг 2026». */
export function waveLabel(id: string): string {
  const w = parseWaveId(id);
  return w ? `${WAVE_KIND_LABELS[w.kind]} ${w.year}` : id;
}

/** Where a day falls relative to a wave's period. */
export function wavePhase(w: WaveDescriptor, today: string): 'upcoming' | 'open' | 'closed' {
  if (today < w.opensOn) return 'upcoming';
  return today > w.closesOn ? 'closed' : 'open';
}

/** Problems with a descriptor (English, for developers and the relay's checks); empty when sound. */
export function checkWave(w: WaveDescriptor): string[] {
  const out: string[] = [];
  const parsed = parseWaveId(w.id);
  if (!parsed) out.push(`bad wave id "${w.id}"`);
  else if (parsed.year !== w.year || parsed.kind !== w.kind)
    out.push('wave id does not match year and kind');
  if (!DAY.test(w.opensOn) || !DAY.test(w.closesOn)) out.push('dates must be YYYY-MM-DD');
  else if (w.opensOn > w.closesOn) out.push('the wave closes before it opens');
  if (w.formIds.length === 0) out.push('a wave needs at least one form');
  return out;
}

/** Sorts wave ids chronologically (year, then entry → mid → final). */
export function compareWaveIds(a: string, b: string): number {
  const x = parseWaveId(a);
  const y = parseWaveId(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  return x.year - y.year || WAVE_KINDS.indexOf(x.kind) - WAVE_KINDS.indexOf(y.kind);
}
