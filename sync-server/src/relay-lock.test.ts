import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdLock, lockHolder, lockPath } from './relay-lock.ts';

const dir = mkdtempSync(join(tmpdir(), 'opora-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('relay lock', () => {
  it('names the live holder and forgets it on release', () => {
    const db = join(dir, 'a.db');
    expect(lockHolder(db)).toBeNull();
    const release = holdLock(db);
    expect(lockHolder(db)).toBe(process.pid);
    release();
    expect(existsSync(lockPath(db))).toBe(false);
    expect(lockHolder(db)).toBeNull();
  });

  it('ignores a stale or garbled pid file', () => {
    const db = join(dir, 'b.db');
    writeFileSync(lockPath(db), '999999999');
    expect(lockHolder(db)).toBeNull();
    writeFileSync(lockPath(db), 'garbage');
    expect(lockHolder(db)).toBeNull();
  });
});
