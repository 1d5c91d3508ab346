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
});
