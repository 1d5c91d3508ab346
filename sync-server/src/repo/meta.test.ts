import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type OpenDb } from '../db/open.ts';
import {
  bumpDirectoryVersion,
  directoryVersion,
  getEpoch,
  getMeta,
  resetEpoch,
  setMeta,
} from './meta.ts';

let odb: OpenDb;
afterEach(() => odb.close());

describe('meta', () => {
  it('creates the epoch once and keeps it until reset', () => {
    odb = openDb(':memory:');
    const a = getEpoch(odb);
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(getEpoch(odb)).toBe(a);
    const b = resetEpoch(odb);
    expect(b).not.toBe(a);
    expect(getEpoch(odb)).toBe(b);
  });

  it('counts directory versions', () => {
    odb = openDb(':memory:');
    expect(directoryVersion(odb.db)).toBe(0);
    bumpDirectoryVersion(odb.db);
    bumpDirectoryVersion(odb.db);
    expect(directoryVersion(odb.db)).toBe(2);
  });

  it('reads and overwrites plain values', () => {
    odb = openDb(':memory:');
    expect(getMeta(odb.db, 'k')).toBeUndefined();
    setMeta(odb.db, 'k', 'a');
    setMeta(odb.db, 'k', 'b');
    expect(getMeta(odb.db, 'k')).toBe('b');
  });
});
