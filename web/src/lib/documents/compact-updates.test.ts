import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docUpdates, openDb, type OporaDb } from '$lib/db/database';
import { compactDocUpdates } from './compact-updates';
import { openDoc, storedState, writeRemote } from './doc-repo';

const A = 'school:s1:visit:20310312-a';
const B = 'school:s1:visit:20310312-b';
const dbs: OporaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

function fresh(): OporaDb {
  const db = openDb(`compact-${Math.random()}`);
  dbs.push(db);
  return db;
}

/** One remote update setting a field, from its own writer. */
function remote(key: string, value: number): Uint8Array {
  const d = new Y.Doc();
  d.getMap('fields').set(key, value);
  return Y.encodeStateAsUpdate(d);
}

async function fields(db: OporaDb, docId: string): Promise<unknown> {
  const d = new Y.Doc();
  Y.applyUpdate(d, await storedState(db, docId));
  return d.getMap('fields').toJSON();
}

describe('compactDocUpdates', () => {
  it('folds a document with several rows into one and leaves single-row documents alone', async () => {
    const db = fresh();
    await writeRemote(db, [{ docId: A, update: remote('x', 1) }]);
    await writeRemote(db, [{ docId: A, update: remote('y', 2) }]);
    await writeRemote(db, [{ docId: A, update: remote('z', 3) }]);
    await writeRemote(db, [{ docId: B, update: remote('x', 9) }]);
    const before = await docUpdates(db).where('k').equals(B).first();
    const lastOfA = (await docUpdates(db).where('k').equals(A).primaryKeys()).at(-1);

    expect(await compactDocUpdates(db)).toBe(1);
    const rowsA = await docUpdates(db).where('k').equals(A).toArray();
    expect(rowsA.map((r) => r.i)).toEqual([lastOfA]);
    expect(await fields(db, A)).toEqual({ x: 1, y: 2, z: 3 });
    // B's one row is untouched (same id, same bytes).
    expect(await docUpdates(db).where('k').equals(B).toArray()).toEqual([before]);
    expect(await compactDocUpdates(db)).toBe(0);
  });

  it('skips a run when another started within the interval', async () => {
    const db = fresh();
    await writeRemote(db, [{ docId: A, update: remote('x', 1) }]);
    expect(await compactDocUpdates(db, 60_000)).toBe(0); // Ran: nothing to fold yet.
    await writeRemote(db, [{ docId: A, update: remote('y', 2) }]);
    expect(await compactDocUpdates(db, 60_000)).toBe(0); // Skipped: ran a moment ago.
    expect(await docUpdates(db).where('k').equals(A).count()).toBe(2);
    expect(await compactDocUpdates(db)).toBe(1);
    expect(await fields(db, A)).toEqual({ x: 1, y: 2 });
  });

  it('an open document keeps its state and later edits through a compaction', async () => {
    const db = fresh();
    await writeRemote(db, [{ docId: A, update: remote('x', 1) }]);
    const open = await openDoc(db, A);
    open.transact((d) => d.getMap('fields').set('y', 2));
    await open.flushed();
    await expect.poll(() => docUpdates(db).where('k').equals(A).count()).toBe(2);
    expect(await compactDocUpdates(db)).toBe(1);
    open.transact((d) => d.getMap('fields').set('z', 3));
    await open.flushed();
    await expect.poll(() => fields(db, A)).toEqual({ x: 1, y: 2, z: 3 });
    expect(open.doc.getMap('fields').toJSON()).toEqual({ x: 1, y: 2, z: 3 });
    open.close();
  });
});
