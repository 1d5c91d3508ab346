import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type OporaDb } from '$lib/db/database';
import { openDoc } from './doc-repo';

const DOC = 'school:s1:visit:20310312-abc';
const dbs: OporaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('openDoc', () => {
  it('an open that waits while the last holder closes gets a live document, not the destroyed one', async () => {
    const db = openDb(`doc-repo-${Math.random()}`);
    dbs.push(db);
    const first = await openDoc(db, DOC);
    // The second open is waiting on the loaded entry when the first holder closes it.
    const waiting = openDoc(db, DOC);
    first.close();
    const second = await waiting;
    second.transact((d) => d.getMap('fields').set('x', 1));
    await second.flushed();
    second.close();
    expect(await db.outbox.where('docId').equals(DOC).count()).toBe(1);
  });

  it('stores edits made after a load that applied stored updates (y-dexie still listens)', async () => {
    const name = `doc-repo-${Math.random()}`;
    const db = openDb(name);
    dbs.push(db);
    const first = await openDoc(db, DOC);
    first.transact((d) => d.getMap('fields').set('a', 1));
    await first.flushed();
    first.close();
    // A second database handle: no document in memory, so the open loads the stored update.
    const again = openDb(name);
    dbs.push(again);
    const second = await openDoc(again, DOC);
    expect(second.doc.getMap('fields').get('a')).toBe(1);
    second.transact((d) => d.getMap('fields').set('b', 2));
    await second.flushed();
    second.close();
    const third = openDb(name);
    dbs.push(third);
    const reopened = await openDoc(third, DOC);
    expect(reopened.doc.getMap('fields').toJSON()).toEqual({ a: 1, b: 2 });
    reopened.close();
  });
});
