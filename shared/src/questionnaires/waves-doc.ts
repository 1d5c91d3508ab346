/**
 * Where monitoring waves live: one document per region, `region:<regionId>:waves`,
 * for all years. Its `waves` root is a multi-value register
 * (`documents/register.ts`) keyed by wave id (`2026-entry`), each value a
 * WaveDescriptor: the period and the forms. Regional coordinators write it;
 * everyone in the region reads it (access.ts), and the relay names it in a
 * school's reach so every school device pulls it.
 *
 * Why a document of its own and not a field of the regional plan: the plan is
 * per year and read by coordinators only, while a school must see the open
 * wave's deadline; one small document per region, read by all, keeps that to a
 * few hundred bytes per device. Why a register: two coordinators editing one
 * wave's period offline both keep their value until someone picks (the same
 * rule as answers), instead of one period silently winning.
 */
import * as Y from 'yjs';
import {
  indexRegister,
  isRegisterEntry,
  parseRegisterKey,
  writeRegister,
} from '../documents/register.ts';
import { initDocMeta, ShapeError } from '../documents/layout.ts';
import type { TouchedKeys } from './content-check.ts';
import { FORM_TITLES } from './form-titles.ts';
import { checkWave, compareWaveIds, wavePhase, WAVE_KINDS, type WaveDescriptor } from './waves.ts';

/** Root names of a waves document. */
export const WAVES_ROOTS = { meta: 'meta', waves: 'waves' } as const;

/** A wave as stored, with who last set it and any concurrent other versions. */
export interface StoredWave {
  wave: WaveDescriptor;
  by: string;
  at: number;
  /** Other values set concurrently (oldest first); empty when there is no conflict. */
  others: WaveDescriptor[];
}

/** True when `x` has the fields of a WaveDescriptor (guards against hostile or old clients). */
export function isWaveDescriptor(x: unknown): x is WaveDescriptor {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || x instanceof Y.AbstractType)
    return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.year === 'number' &&
    typeof o.kind === 'string' &&
    (WAVE_KINDS as readonly string[]).includes(o.kind) &&
    typeof o.opensOn === 'string' &&
    typeof o.closesOn === 'string' &&
    Array.isArray(o.formIds) &&
    o.formIds.every((f) => typeof f === 'string') &&
    typeof o.openedBy === 'string' &&
    typeof o.openedAt === 'number'
  );
}

/** Problems of a wave as a stored value: its own (checkWave) and forms this app does not know. */
export function waveProblems(w: WaveDescriptor): string[] {
  const out = checkWave(w);
  for (const f of w.formIds) if (!Object.hasOwn(FORM_TITLES, f)) out.push(`unknown form "${f}"`);
  if (new Set(w.formIds).size !== w.formIds.length) out.push('a form is listed twice');
  return out;
}

/** The waves of a region's document, chronologically; unusable entries are skipped. */
export function readWaves(doc: Y.Doc): StoredWave[] {
  if (!doc.share.has(WAVES_ROOTS.waves)) return [];
  const out: StoredWave[] = [];
  for (const [id, entries] of indexRegister(doc.getMap(WAVES_ROOTS.waves))) {
    const good = entries.filter(
      (e) => isWaveDescriptor(e.v) && e.v.id === id && waveProblems(e.v).length === 0,
    );
    const latest = good.at(-1);
    if (!latest) continue;
    const wave = latest.v as WaveDescriptor;
    const others = good
      .slice(0, -1)
      .map((e) => e.v as WaveDescriptor)
      .filter((w) => JSON.stringify(w) !== JSON.stringify(wave));
    out.push({ wave, by: latest.by, at: latest.at, others });
  }
  return out.sort((a, b) => compareWaveIds(a.wave.id, b.wave.id));
}

/** Options of a write. */
export interface WaveWriteOptions {
  at?: number;
  origin?: unknown;
}

/**
 * Opens a wave or changes it (period, forms), superseding every value of it
 * this replica has seen (which also resolves a conflict). Throws on a
 * descriptor with problems (waveProblems).
 */
export function writeWave(
  doc: Y.Doc,
  wave: WaveDescriptor,
  by: string,
  opts: WaveWriteOptions = {},
): void {
  const problems = waveProblems(wave);
  if (problems.length > 0) throw new Error(`waves: ${problems.join('; ')}`);
  doc.transact(() => {
    initDocMeta(doc, 'waves');
    writeRegister(
      doc.getMap(WAVES_ROOTS.waves),
      wave.id,
      { ...wave, formIds: [...wave.formIds] },
      by,
      opts,
    );
  }, opts.origin);
}

/** Stored waves that are open or not yet open on `today`, chronologically. */
export function currentWaves(waves: readonly StoredWave[], today: string): StoredWave[] {
  return waves.filter((w) => wavePhase(w.wave, today) !== 'closed');
}

/** Checks the wave entries an update touched; throws ShapeError (see documents/content.ts). */
export function checkWavesContent(doc: Y.Doc, touched: TouchedKeys): void {
  const keys = touched.get(WAVES_ROOTS.waves);
  if (!keys || keys.size === 0 || !doc.share.has(WAVES_ROOTS.waves)) return;
  const map = doc.getMap<unknown>(WAVES_ROOTS.waves);
  for (const key of keys) {
    if (!map.has(key)) continue;
    const raw = map.get(key);
    const parsed = parseRegisterKey(key);
    if (!parsed || !isRegisterEntry(raw)) throw new ShapeError(`wave entry "${key}" is malformed`);
    if (!isWaveDescriptor(raw.v) || raw.v.id !== parsed.field)
      throw new ShapeError(`wave entry "${parsed.field}" is not a wave of that id`);
    const problems = waveProblems(raw.v);
    if (problems.length > 0) throw new ShapeError(`wave "${parsed.field}": ${problems.join('; ')}`);
  }
}
