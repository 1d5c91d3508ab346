import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type OporaDb } from '$lib/db/database';
import { openDoc } from '$lib/documents/doc-repo';
import { BackupFormatError, exportBackup, importBackup, parseBackup } from './backup';

const DOC = 'school:s1:questionnaire:environment:entry';
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
    const open = await openDoc(a, DOC);
    open.transact((d) => d.getMap('answers').set('q1', 'копия'));
    await open.flushed();
    open.close();
    const file = JSON.stringify(await exportBackup(a));

    const b = freshDb();
    const changed = await importBackup(b, parseBackup(file));
    expect(changed).toBe(1);
    const reopened = await openDoc(b, DOC);
    expect(reopened.doc.getMap('answers').get('q1')).toBe('копия');
    reopened.close();
    expect(await b.outbox.where('status').equals('pending').count()).toBe(2);
    expect((await b.docs.get(DOC))?.summary.filled).toBe(1);
  });

  it('importing what the device already has adds no document change', async () => {
    const a = freshDb();
    const open = await openDoc(a, DOC);
    open.transact((d) => d.getMap('answers').set('q1', 'x'));
    await open.flushed();
    open.close();
    const backup = await exportBackup(a);
    expect(await importBackup(a, { ...backup, outbox: [] })).toBe(0);
  });

  it('rejects files that are not backups', () => {
    expect(() => parseBackup('{"hello":1}')).toThrow(BackupFormatError);
    expect(() => parseBackup('not json')).toThrow(BackupFormatError);
    expect(() =>
      parseBackup(
        JSON.stringify({
          format: 'opora-backup',
          version: 1,
          docs: [{ id: 'x', state: '' }],
          outbox: [],
        }),
      ),
    ).toThrow(BackupFormatError);
  });
});
