/**
 * The store-level promise behind «nothing typed is ever lost»: once a local
 * transaction returns, its update and its outbox entry are already in an
 * IndexedDB transaction, so a connection closed in the same task (the page
 * reloaded or closed right after the keystroke) still commits them. The
 * database is closed before any await: IndexedDB lets the transactions created
 * before a close finish and refuses any created after it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docUpdates, openDb, type OporaDb } from '$lib/db/database';
import { openDoc, storedState } from './doc-repo';

const DOC = 'school:s1:visit:20530312-durable';
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
  it('survives the connection closing in the same task: document and outbox', async () => {
    const name = `durable-${Math.random()}`;
    const db = fresh(name);
    const open = await openDoc(db, DOC);
    open.transact((d) => d.getText('t').insert(0, 'первая строка'));
    db.close();

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
    db.close();

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
