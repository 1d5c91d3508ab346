import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ShapeError } from '../documents/layout.ts';
import { trackTouchedKeys, validateContent } from '../documents/content.ts';
import { registerKey } from '../documents/register.ts';
import { checkWave, type WaveDescriptor } from './waves.ts';
import { currentWaves, readWaves, waveProblems, writeWave } from './waves-doc.ts';

const entry: WaveDescriptor = {
  id: '2035-entry',
  year: 2035,
  kind: 'entry',
  opensOn: '2035-02-01',
  closesOn: '2035-03-15',
  formIds: ['risk_diagnostic'],
  openedBy: 'r1',
  openedAt: 1,
};

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

describe('checkWave', () => {
  it('accepts a sound wave and names each problem of a bad one', () => {
    expect(checkWave(entry)).toEqual([]);
    expect(checkWave({ ...entry, id: '2035-mid' })).toEqual([
      'wave id does not match year and kind',
    ]);
    expect(checkWave({ ...entry, closesOn: '2035-01-31' })).toEqual([
      'the wave closes before it opens',
    ]);
    expect(checkWave({ ...entry, opensOn: '1.02.2035' })).toEqual(['dates must be YYYY-MM-DD']);
    expect(checkWave({ ...entry, formIds: [] })).toEqual(['a wave needs at least one form']);
    expect(waveProblems({ ...entry, formIds: ['nope', 'teaching', 'teaching'] })).toEqual([
      'unknown form "nope"',
      'a form is listed twice',
    ]);
  });
});

describe('waves document', () => {
  it('stores waves by id, reads them in order, and shows which are not closed yet', () => {
    const doc = new Y.Doc();
    writeWave(
      doc,
      { ...entry, id: '2035-final', kind: 'final', opensOn: '2035-11-01', closesOn: '2035-12-15' },
      'r1',
    );
    writeWave(doc, entry, 'r1');
    writeWave(doc, { ...entry, closesOn: '2035-03-31' }, 'r2', { at: 5 });
    const waves = readWaves(doc);
    expect(waves.map((w) => [w.wave.id, w.wave.closesOn, w.by])).toEqual([
      ['2035-entry', '2035-03-31', 'r2'],
      ['2035-final', '2035-12-15', 'r1'],
    ]);
    expect(waves.every((w) => w.others.length === 0)).toBe(true);
    expect(currentWaves(waves, '2035-04-01').map((w) => w.wave.id)).toEqual(['2035-final']);
    expect(() => writeWave(doc, { ...entry, closesOn: '2034-01-01' }, 'r1')).toThrow(
      /closes before/,
    );
  });

  it('keeps two concurrent periods of one wave until someone picks', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeWave(a, entry, 'r1', { at: 1 });
    sync(a, b);
    writeWave(a, { ...entry, closesOn: '2035-03-20' }, 'r1', { at: 2 });
    writeWave(b, { ...entry, closesOn: '2035-03-25' }, 'r2', { at: 3 });
    sync(a, b);
    const [w] = readWaves(a);
    expect(w?.wave.closesOn).toBe('2035-03-25');
    expect(w?.others.map((o) => o.closesOn)).toEqual(['2035-03-20']);
    writeWave(b, { ...entry, closesOn: '2035-03-20' }, 'r2', { at: 4 });
    sync(a, b);
    expect(readWaves(a)[0]?.others).toEqual([]);
    expect(readWaves(a)[0]?.wave.closesOn).toBe('2035-03-20');
  });

  it('content check: refuses a malformed or mismatched wave entry, only where an update touched', () => {
    const doc = new Y.Doc();
    writeWave(doc, entry, 'r1');
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(doc));
    const check = (fn: (d: Y.Doc) => void) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(relay));
      const sv = Y.encodeStateVector(copy);
      fn(copy);
      const target = new Y.Doc();
      Y.applyUpdate(target, Y.encodeStateAsUpdate(relay));
      const t = trackTouchedKeys(target);
      Y.applyUpdate(target, Y.encodeStateAsUpdate(copy, sv));
      t.stop();
      return () => validateContent(target, { kind: 'waves', regionId: 'north' }, t.touched);
    };
    expect(check((d) => writeWave(d, { ...entry, closesOn: '2035-04-01' }, 'r1'))).not.toThrow();
    expect(
      check((d) =>
        d
          .getMap('waves')
          .set(registerKey('2035-entry', 'x'), { v: { ...entry, id: '2035-mid' }, by: 'r', at: 1 }),
      ),
    ).toThrow(ShapeError);
    expect(check((d) => d.getMap('waves').set('2035-entry', entry))).toThrow(/malformed/);
  });
});
