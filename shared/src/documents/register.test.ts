import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  clearRegister,
  conflictedFields,
  currentValue,
  indexRegister,
  malformedKeys,
  parseRegisterKey,
  readRegister,
  registerFields,
  registerKey,
  registerValues,
  writeRegister,
} from './register.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('multi-value register', () => {
  it('round-trips keys', () => {
    expect(parseRegisterKey(registerKey('q1/r2/c', 'abc'))).toEqual({
      field: 'q1/r2/c',
      writeId: 'abc',
    });
    expect(parseRegisterKey('plain')).toBeNull();
  });

  it('keeps one value per field for sequential writes', () => {
    const doc = new Y.Doc();
    const m = doc.getMap('answers');
    writeRegister(m, 'q', 1, 'u1', { at: 10 });
    writeRegister(m, 'q', 2, 'u2', { at: 20 });
    expect(registerValues(m, 'q')).toHaveLength(1);
    expect(currentValue(m, 'q')).toBe(2);
    expect(m.size).toBe(1);
  });

  it('surfaces concurrent writes of one field as a conflict with authors', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeRegister(a.getMap('answers'), 'q', 'yes', 'anna', { at: 1 });
    sync(a, b);
    writeRegister(a.getMap('answers'), 'q', 'no', 'anna', { at: 5 });
    writeRegister(b.getMap('answers'), 'q', 'maybe', 'boris', { at: 6 });
    sync(a, b);
    for (const d of [a, b]) {
      const r = readRegister<string>(d.getMap('answers'), 'q');
      expect(r.state).toBe('conflict');
      if (r.state !== 'conflict') return;
      expect(r.values.map((v) => [v.v, v.by])).toEqual([
        ['no', 'anna'],
        ['maybe', 'boris'],
      ]);
      expect(currentValue(d.getMap('answers'), 'q')).toBeUndefined();
      expect(conflictedFields(d.getMap('answers'))).toEqual(['q']);
    }
    // Resolving is an ordinary write; it clears the conflict on both replicas.
    writeRegister(b.getMap('answers'), 'q', 'no', 'boris', { at: 9 });
    sync(a, b);
    for (const d of [a, b]) {
      expect(readRegister(d.getMap('answers'), 'q')).toMatchObject({
        state: 'single',
        value: 'no',
      });
    }
  });

  it('concurrent writes of different fields both survive', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeRegister(a.getMap('answers'), 'q1', 1, 'anna');
    writeRegister(b.getMap('answers'), 'q2', 2, 'boris');
    sync(a, b);
    expect(registerFields(b.getMap('answers'))).toEqual(['q1', 'q2']);
    expect(conflictedFields(a.getMap('answers'))).toEqual([]);
  });

  it('a clear does not erase a concurrent write', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeRegister(a.getMap('answers'), 'q', 1, 'anna');
    sync(a, b);
    clearRegister(a.getMap('answers'), 'q');
    writeRegister(b.getMap('answers'), 'q', 2, 'boris');
    sync(a, b);
    expect(currentValue(a.getMap('answers'), 'q')).toBe(2);
    clearRegister(a.getMap('answers'), 'q');
    sync(a, b);
    expect(readRegister(b.getMap('answers'), 'q').state).toBe('empty');
  });

  it('does not confuse a field with another that shares its prefix', () => {
    const doc = new Y.Doc();
    const m = doc.getMap('answers');
    writeRegister(m, 't/r1', { pos: 1 }, 'u');
    writeRegister(m, 't/r1/c', 'x', 'u');
    writeRegister(m, 't/r1', { pos: 2 }, 'u');
    expect(currentValue(m, 't/r1/c')).toBe('x');
    expect(indexRegister(m).get('t/r1')).toHaveLength(1);
  });

  it('supersedes extra keys in the same write and skips malformed entries', () => {
    const doc = new Y.Doc();
    const m = doc.getMap('answers');
    const old = writeRegister(m, 'old', 1, 'u');
    writeRegister(m, 'new', 2, 'u', { supersede: [registerKey('old', old)] });
    m.set('junk', 5);
    m.set(registerKey('bad', 'w'), { v: 1 });
    expect(registerFields(m)).toEqual(['new']);
    expect(malformedKeys(m)).toEqual(['bad\u0001w', 'junk']);
  });

  it('refuses field names with the separator and Y values', () => {
    const doc = new Y.Doc();
    const m = doc.getMap('answers');
    expect(() => writeRegister(m, 'a\u0001b', 1, 'u')).toThrow(/bad field/);
    expect(() => writeRegister(m, 'a', new Y.Text(), 'u')).toThrow(/Y types/);
  });
});
