import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AckCode, initDocMeta, syncOnce, type Transport } from '@opora/shared';
import { kvPut, openDb, type OporaDb } from '$lib/db/database';
import { compactOutbox, openDoc } from '$lib/documents/doc-repo';
import { DexieSyncStore, loadSyncState } from './dexie-sync-store';
import { TestRelay } from './test-relay';

const DOC = 'school:s1:questionnaire:management:2043-entry';
const dbs: OporaDb[] = [];
let n = 0;

function freshDb(): OporaDb {
  const db = openDb(`test-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function edit(db: OporaDb, docId: string, fn: (doc: Y.Doc) => void): Promise<void> {
  const open = await openDoc(db, docId);
  open.transact(fn);
  await open.flushed();
  open.close();
}

async function read<T>(db: OporaDb, docId: string, fn: (doc: Y.Doc) => T): Promise<T> {
  const open = await openDoc(db, docId);
  try {
    return fn(open.doc);
  } finally {
    open.close();
  }
}

describe('DexieSyncStore with the shared sync engine', () => {
  it('queues local edits in the outbox, pushes them and empties the outbox on ack', async () => {
    const db = freshDb();
    const relay = new TestRelay();
    await edit(db, DOC, (d) => {
      initDocMeta(d, 'questionnaire');
      d.getMap('answers').set('q1', 'да');
    });
    expect(await db.outbox.count()).toBe(1);
    const store = new DexieSyncStore(db);
    const report = await syncOnce(store, relay.transport());
    expect(report.acknowledged).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    expect(relay.state(DOC).getMap('answers').get('q1')).toBe('да');
    expect((await loadSyncState(db)).cursor).toBe('1');
  });

  it('applies remote changes with the cursor, indexes the document, and never queues them', async () => {
    const relay = new TestRelay();
    const remote = new Y.Doc();
    initDocMeta(remote, 'questionnaire');
    remote.getMap('answers').set('q1', 'нет');
    remote.getMap('answers').set('q2', 3);
    relay.log.push({ docId: DOC, update: Y.encodeStateAsUpdate(remote) });

    const db = freshDb();
    await syncOnce(new DexieSyncStore(db), relay.transport());
    expect(await db.outbox.count()).toBe(0);
    const row = await db.docs.get(DOC);
    expect(row?.schoolId).toBe('s1');
    expect(row?.summary.filled).toBe(2);
    expect(await read(db, DOC, (d) => d.getMap('answers').get('q2'))).toBe(3);
    expect(await db.outbox.count()).toBe(0);
  });

  it('delivers an open document the remote changes without queueing them', async () => {
    const db = freshDb();
    const open = await openDoc(db, DOC);
    const relay = new TestRelay();
    const remote = new Y.Doc();
    remote.getMap('answers').set('q9', 'x');
    relay.log.push({ docId: DOC, update: Y.encodeStateAsUpdate(remote) });
    await syncOnce(new DexieSyncStore(db), relay.transport());
    await expect.poll(() => open.doc.getMap('answers').get('q9'), { timeout: 2000 }).toBe('x');
    expect(await db.outbox.count()).toBe(0);
    open.close();
  });

  it('retries a request cut off after the relay stored it: converges, no duplicates', async () => {
    const db = freshDb();
    const relay = new TestRelay();
    await edit(db, DOC, (d) => d.getMap('answers').set('q1', 'a'));
    let cut = true;
    const flaky: Transport = async (body) => {
      const answer = relay.handle(body);
      if (cut) {
        cut = false;
        throw new TypeError('Failed to fetch');
      }
      return answer;
    };
    const store = new DexieSyncStore(db);
    await expect(syncOnce(store, flaky)).rejects.toThrow('Failed to fetch');
    expect(await db.outbox.count()).toBe(1);
    await syncOnce(store, flaky);
    expect(await db.outbox.count()).toBe(0);
    const state = relay.state(DOC);
    expect(state.getMap('answers').toJSON()).toEqual({ q1: 'a' });
    // The duplicate push changed nothing: applying the local state again adds nothing.
    const before = Y.encodeStateVector(state);
    Y.applyUpdate(state, Y.mergeUpdates(relay.log.map((c) => c.update)));
    expect(Y.encodeStateVector(state)).toEqual(before);
    expect(await read(db, DOC, (d) => d.getMap('answers').toJSON())).toEqual({ q1: 'a' });
  });

  it('keeps refused entries on the device, marked, and stops sending them', async () => {
    const db = freshDb();
    const relay = new TestRelay();
    relay.refuse.set(DOC, AckCode.forbidden);
    await edit(db, DOC, (d) => d.getMap('answers').set('q1', 'a'));
    const report = await syncOnce(new DexieSyncStore(db), relay.transport());
    expect(report.refused).toHaveLength(1);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('refused');
    expect(rows[0]?.refusal?.code).toBe(AckCode.forbidden);
    expect(await new DexieSyncStore(db).pendingUpdates()).toEqual([]);
  });

  it('two devices editing different fields offline converge through the relay', async () => {
    const a = freshDb();
    const b = freshDb();
    const relay = new TestRelay();
    await edit(a, DOC, (d) => d.getMap('answers').set('q1', 'from a'));
    await edit(b, DOC, (d) => d.getMap('answers').set('q2', 'from b'));
    const sa = new DexieSyncStore(a);
    const sb = new DexieSyncStore(b);
    await syncOnce(sa, relay.transport());
    await syncOnce(sb, relay.transport());
    await syncOnce(sa, relay.transport());
    const expected = { q1: 'from a', q2: 'from b' };
    expect(await read(a, DOC, (d) => d.getMap('answers').toJSON())).toEqual(expected);
    expect(await read(b, DOC, (d) => d.getMap('answers').toJSON())).toEqual(expected);
    expect(relay.state(DOC).getMap('answers').toJSON()).toEqual(expected);
    expect(await a.outbox.count()).toBe(0);
    expect(await b.outbox.count()).toBe(0);
  });

  it('requeues the full state of every document when the relay lost history', async () => {
    const db = freshDb();
    await edit(db, DOC, (d) => d.getMap('answers').set('q1', 'a'));
    await db.outbox.clear();
    await new DexieSyncStore(db).requeueAll();
    const pending = await new DexieSyncStore(db).pendingUpdates();
    expect(pending).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, pending[0]!.update);
    expect(doc.getMap('answers').get('q1')).toBe('a');
  });

  it('requeues only the documents the signed-in user may write', async () => {
    const db = freshDb();
    const readOnly = 'school:s1:visit:v1'; // a teacher reads visits but does not write them
    await edit(db, DOC, (d) => d.getMap('answers').set('q1', 'a'));
    await edit(db, readOnly, (d) => d.getMap('fields').set('date', '2026-11-20'));
    await db.outbox.clear();
    await kvPut(db, 'session', {
      token: 't',
      deviceId: 'd',
      user: { id: 'u', login: 'u', name: 'U' },
      memberships: [{ role: 'teacher', schoolId: 's1' }],
      revoked: false,
    });
    await kvPut(db, 'directory', {
      regions: [{ id: 'r', name: 'R' }],
      municipalities: [{ id: 'm', regionId: 'r', name: 'M' }],
      schools: [
        {
          id: 's1',
          municipalityId: 'm',
          name: 'S',
          lowResults: true,
          unfavourableConditions: false,
          leader: false,
          cohortYear: null,
          tracks: [1],
          cluster: null,
          rural: false,
        },
      ],
      partnerships: [],
    });
    await new DexieSyncStore(db).requeueAll();
    const pending = await new DexieSyncStore(db).pendingUpdates();
    expect(pending.map((p) => p.docId)).toEqual([DOC]);
  });

  it('gives each load of a document a fresh Yjs clientID', async () => {
    const db = freshDb();
    const first = await openDoc(db, DOC);
    const id1 = first.doc.clientID;
    first.close();
    await new Promise((r) => setTimeout(r, 10));
    const other = freshDb();
    const second = await openDoc(other, DOC);
    expect(second.doc.clientID).not.toBe(id1);
    second.close();
  });
});

describe('outbox compaction', () => {
  it('merges a burst of keystrokes into one pending entry that still carries every change', async () => {
    const db = freshDb();
    const open = await openDoc(db, DOC);
    for (const ch of 'привет')
      open.transact((d) => d.getText('x').insert(d.getText('x').length, ch));
    await open.flushed();
    expect(await db.outbox.count()).toBe(6);
    await compactOutbox(db, DOC);
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, rows[0]!.update);
    expect(doc.getText('x').toString()).toBe('привет');
    open.close();
  });

  it('leaves refused entries alone', async () => {
    const db = freshDb();
    const open = await openDoc(db, DOC);
    open.transact((d) => d.getMap('answers').set('a', 1));
    open.transact((d) => d.getMap('answers').set('b', 2));
    await open.flushed();
    const first = (await db.outbox.toCollection().first())!;
    await db.outbox.update(first.id, { status: 'refused' });
    await compactOutbox(db, DOC);
    expect(await db.outbox.count()).toBe(2);
    open.close();
  });
});
