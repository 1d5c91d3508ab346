/**
 * The store-level promise behind «nothing typed is ever lost»: by the end of
 * the task that made a local change, its update and its outbox entry are in one
 * IndexedDB transaction, already told to commit, so a connection closed right
 * then (the page reloaded or closed after the keystroke) still keeps both.
 * IndexedDB lets the transactions created before a close finish and refuses
 * any created after it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docUpdates, openDb, type OporaDb } from '$lib/db/database';
import { openDoc, storedState } from './doc-repo';

const DOC = 'school:s1:visit:20530312-durable';

/**
 * Runs `fn` as the next task: before IndexedDB has done anything begun in this
 * one (fake-indexeddb schedules its work with setImmediate too, in order).
 */
function nextTask(fn: () => void): Promise<void> {
  const { setImmediate } = globalThis as unknown as { setImmediate(f: () => void): void };
  return new Promise((resolve) =>
    setImmediate(() => {
      fn();
      resolve();
    }),
  );
}

/** Closes the database at the end of the current task, as a page going away does. */
function closeAfterThisTask(db: OporaDb): Promise<void> {
  return nextTask(() => db.close());
}
const dbs: OporaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

function fresh(name: string): OporaDb {
  const db = openDb(name);
  dbs.push(db);
  return db;
}

/** The text of the stored document, read from the updates table alone. */
async function storedText(db: OporaDb, docId: string): Promise<string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await storedState(db, docId));
  return doc.getText('t').toString();
}

/** The text the pending outbox entries carry, merged. */
async function outboxText(db: OporaDb, docId: string): Promise<string> {
  const rows = await db.outbox.where('docId').equals(docId).toArray();
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, r.update);
  return doc.getText('t').toString();
}

describe('a local edit is durable when transact returns', () => {
  it('survives the connection closing right after the task: document and outbox', async () => {
    const name = `durable-${Math.random()}`;
    const db = fresh(name);
    const open = await openDoc(db, DOC);
    open.transact((d) => d.getText('t').insert(0, 'первая строка'));
    await closeAfterThisTask(db);

    const again = fresh(name);
    expect(await storedText(again, DOC)).toBe('первая строка');
    expect(await outboxText(again, DOC)).toBe('первая строка');
  });

  it('keeps every keystroke of a burst, the last one included, with writes already queued', async () => {
    const name = `durable-${Math.random()}`;
    const db = fresh(name);
    const open = await openDoc(db, DOC);
    // An earlier write still in flight when the burst starts: later ones must not wait behind it.
    open.transact((d) => d.getMap('m').set('k', 1));
    const typed = 'Ответ, набранный быстро';
    for (let i = 0; i < typed.length; i++)
      open.transact((d) => d.getText('t').insert(i, typed[i]!));
    await closeAfterThisTask(db);

    const again = fresh(name);
    expect(await storedText(again, DOC)).toBe(typed);
    expect(await outboxText(again, DOC)).toBe(typed);
  });

  it('stores each local update once, in y-dexie format (v2, flagged local)', async () => {
    const name = `durable-${Math.random()}`;
    const db = fresh(name);
    const open = await openDoc(db, DOC);
    open.transact((d) => d.getText('t').insert(0, 'один'));
    await open.flushed();
    const rows = await docUpdates(db).where('k').equals(DOC).toArray();
    const local = rows.filter((r) => (r.f ?? 0) & 1);
    expect(local).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, local[0]!.u);
    expect(doc.getText('t').toString()).toBe('один');
    open.close();
  });

  it('commits explicitly within the task, not after the page has seen the adds succeed', async () => {
    const db = fresh(`durable-${Math.random()}`);
    const open = await openDoc(db, DOC);
    const proto = IDBTransaction.prototype;
    const commit = proto.commit;
    const committed: string[][] = [];
    proto.commit = function (this: IDBTransaction) {
      committed.push([...this.objectStoreNames]);
      commit.call(this);
    };
    try {
      open.transact((d) => d.getText('t').insert(0, 'x'));
      let seen: string[][] = [];
      await nextTask(() => (seen = [...committed]));
      expect(seen).toContainEqual(['$docs.content_updates', 'outbox']);
    } finally {
      proto.commit = commit;
    }
    await open.flushed();
    open.close();
  });

  it("leaves changes of another origin to y-dexie's own write", async () => {
    const name = `durable-${Math.random()}`;
    const db = fresh(name);
    const open = await openDoc(db, DOC);
    open.doc.transact(() => open.doc.getText('t').insert(0, 'чужое'), 'another origin');
    await open.flushed();
    await expect.poll(() => storedText(fresh(name), DOC)).toBe('чужое');
    expect(await db.outbox.count()).toBe(0);
    open.close();
  });

  it('an edit after flushed() resolves is in the store with no further wait', async () => {
    const name = `durable-${Math.random()}`;
    const db = fresh(name);
    const open = await openDoc(db, DOC);
    open.transact((d) => d.getText('t').insert(0, 'abc'));
    await open.flushed();
    // A second handle on the same database (another tab) reads it at once.
    const other = fresh(name);
    expect(await storedText(other, DOC)).toBe('abc');
    expect(await outboxText(other, DOC)).toBe('abc');
    open.close();
  });
});
