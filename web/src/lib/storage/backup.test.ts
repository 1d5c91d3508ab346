import { afterEach, describe, expect, it } from 'vitest';
import { TransferError } from '@opora/shared/transfer/format';
import { kvPut, openDb, type OporaDb } from '$lib/db/database';
import { openDoc } from '$lib/documents/doc-repo';
import { exportBackup, importBackup } from './backup';

const DOC = 'school:s1:questionnaire:management:2043-entry';
const dbs: OporaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});
function freshDb(): OporaDb {
  const db = openDb(`backup-${Math.random()}`);
  dbs.push(db);
  return db;
}

describe('backup', () => {
  it('exports documents and outbox, and importing elsewhere restores them and queues them', async () => {
    const a = freshDb();
    await kvPut(a, 'session', {
      token: 't',
      deviceId: 'dev-a',
      user: { id: 'u1', login: 'teacher', name: 'Иванова' },
      memberships: [],
      revoked: false,
    });
    const open = await openDoc(a, DOC);
    open.transact((d) => d.getMap('answers').set('q1', 'копия'));
    await open.flushed();
    open.close();
    const file = await exportBackup(a);
    expect(file.manifest.sender).toEqual({ userId: 'u1', userName: 'Иванова', deviceId: 'dev-a' });
    expect(file.manifest.documents[0]?.pendingBytes).toBeGreaterThan(0);
    expect(file.fileName).toMatch(/^opora-.*dev-a\.opora$/);

    const b = freshDb();
    const report = await importBackup(b, file.bytes);
    expect(report.counts.new).toBe(1);
    const reopened = await openDoc(b, DOC);
    expect(reopened.doc.getMap('answers').get('q1')).toBe('копия');
    reopened.close();
    expect(await b.outbox.where('status').equals('pending').count()).toBe(1);
    expect((await b.docs.get(DOC))?.summary.filled).toBe(1);
  });

  it('importing what the device already has adds no document change', async () => {
    const a = freshDb();
    const open = await openDoc(a, DOC);
    open.transact((d) => d.getMap('answers').set('q1', 'x'));
    await open.flushed();
    open.close();
    const outboxBefore = await a.outbox.count();
    const report = await importBackup(a, (await exportBackup(a)).bytes);
    expect(report.counts).toEqual({ new: 0, updated: 0, unchanged: 1, refused: 0 });
    expect(await a.outbox.count()).toBe(outboxBefore);
  });

  it('rejects files that are not copies, and changes nothing', async () => {
    const a = freshDb();
    const json = new TextEncoder().encode('{"format":"opora-backup","version":1}');
    await expect(importBackup(a, json)).rejects.toBeInstanceOf(TransferError);
    await expect(importBackup(a, new Uint8Array(0))).rejects.toThrow('Файл пустой.');
    const good = (await exportBackup(a)).bytes;
    await expect(importBackup(a, good.subarray(0, good.length - 3))).rejects.toThrow(
      /не полностью/,
    );
    expect(await a.docs.count()).toBe(0);
  });
});
