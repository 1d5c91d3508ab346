/**
 * The school's questionnaires grouped by wave for a phone: the waves a teacher
 * works on now come first and expanded, the others (past, later, not opened)
 * follow collapsed, so the open wave is never below a dozen other links.
 *
 * Which waves are "now": those the region opened (with a period) that are not
 * over yet; when the region opened none, the first wave whose default deadline
 * (the dashboards' one, dashboard/wave-periods.ts `wavesOfYear`) is today or later, or
 * else the last wave of the list.
 */
import { parseWaveId } from '@opora/shared';
import { wavesOfYear } from '$lib/dashboard/wave-periods';
import type { QuestionnaireItem } from './school-questionnaires';

/** The questionnaires of one wave. */
export interface WaveGroup {
  wave: string;
  label: string;
  period: QuestionnaireItem['period'];
  items: QuestionnaireItem[];
  /** Shown expanded, before the others. */
  current: boolean;
  /** How many of its questionnaires have been started. */
  started: number;
}

const isStarted = (i: QuestionnaireItem) => i.summary !== null && i.summary.lastChangeAt !== null;

const NO_LABELS = { entry: '', mid: '', final: '' };

/** The last day of a wave never opened, by the default periods. */
function defaultEnd(wave: string): string {
  const w = parseWaveId(wave);
  return (w && wavesOfYear(w.year, NO_LABELS).find((d) => d.id === wave)?.end) || '';
}

/** Groups the list (already in wave order) by wave: current waves first, then the rest in order. */
export function groupByWave(items: readonly QuestionnaireItem[], today: string): WaveGroup[] {
  const byWave = new Map<string, WaveGroup>();
  for (const item of items) {
    let g = byWave.get(item.wave);
    if (!g) {
      g = {
        wave: item.wave,
        label: item.waveLabel,
        period: item.period,
        items: [],
        current: false,
        started: 0,
      };
      byWave.set(item.wave, g);
    }
    g.items.push(item);
    if (isStarted(item)) g.started++;
  }
  const groups = [...byWave.values()];
  for (const g of groups) g.current = g.period !== null && g.period.phase !== 'closed';
  if (!groups.some((g) => g.current)) {
    const open = groups.filter((g) => g.period?.phase !== 'closed');
    const pick = open.find((g) => defaultEnd(g.wave) >= today) ?? open.at(-1);
    if (pick) pick.current = true;
  }
  return [...groups.filter((g) => g.current), ...groups.filter((g) => !g.current)];
}
