/**
 * The default periods of the monitoring waves (entry, intermediate, final),
 * apart from the dashboard inputs so the school's questionnaire list can use
 * them without loading the dashboards' code.
 */
import type { WaveDescriptor, WaveInput } from '@opora/shared';

/**
 * The monitoring waves of a year with their periods: the period a coordinator
 * stored when opening the wave (`stored`, questionnaires/waves-doc.ts), else
 * the default: entry by 15 March, intermediate by 15 October, final by 15 December.
 */
export function wavesOfYear(
  year: number,
  labels: Record<'entry' | 'mid' | 'final', string>,
  stored: readonly WaveDescriptor[] = [],
): WaveInput[] {
  const byId = new Map(stored.map((w) => [w.id, w]));
  return defaultWaves(year, labels).map((w) => {
    const s = byId.get(w.id);
    return s ? { ...w, start: s.opensOn, end: s.closesOn } : w;
  });
}

function defaultWaves(
  year: number,
  labels: Record<'entry' | 'mid' | 'final', string>,
): WaveInput[] {
  return [
    {
      id: `${year}-entry`,
      label: `${labels.entry} ${year}`,
      start: `${year}-02-01`,
      end: `${year}-03-15`,
    },
    {
      id: `${year}-mid`,
      label: `${labels.mid} ${year}`,
      start: `${year}-09-15`,
      end: `${year}-10-15`,
    },
    {
      id: `${year}-final`,
      label: `${labels.final} ${year}`,
      start: `${year}-11-15`,
      end: `${year}-12-15`,
    },
  ];
}
