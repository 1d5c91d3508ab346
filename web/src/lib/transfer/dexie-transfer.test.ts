import { afterEach, describe, expect, it } from 'vitest';
import {
  formById,
  parseDocId,
  readQuestionnaire,
  setAnswer,
  type AnswerValue,
} from '@opora/shared';
import { exportTransfer, importTransfer } from '@opora/shared/transfer/exchange';
import { DOC_UPDATES_TABLE, openDb, type OporaDb } from '$lib/db/database';
import { openDoc } from '$lib/documents/doc-repo';
import { DexieTransferStore } from './dexie-transfer';

const DOC = 'school:s1:questionnaire:management:2043-entry';
const OTHER = 'school:s1:questionnaire:teaching:2043-entry';
const SENDER = { userId: 'u1', userName: 'Учитель', deviceId: 'dev-a' };

const dbs: OporaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});
function freshDb(): OporaDb {
  const db = openDb(`transfer-${Math.random()}`);
  dbs.push(db);
  return db;
}

/** The form of a questionnaire id. */
function formOf(docId: string) {
  const ref = parseDocId(docId);
  const form = ref?.kind === 'questionnaire' ? formById(ref.formId) : undefined;
  if (!form) throw new Error(`no form for ${docId}`);
  return form;
}

/** Answers a question of a questionnaire as the app does. */
async function edit(
  db: OporaDb,
  docId: string,
  questionId: string,
  value: AnswerValue,
): Promise<void> {
  const open = await openDoc(db, docId);
  open.transact((d) => setAnswer(d, formOf(docId), questionId, value, 'u1'));
  await open.flushed();
  open.close();
}

async function read(db: OporaDb, docId: string, questionId: string): Promise<unknown> {
  const open = await openDoc(db, docId);
  const v = readQuestionnaire(open.doc, formOf(docId)).values[questionId];
  open.close();
  return v;
}

async function fileOf(db: OporaDb, docIds?: string[]): Promise<Uint8Array> {
  const store = new DexieTransferStore(db);
  const ids = docIds ?? (await store.docIds());
  const { bytes } = await exportTransfer(store, {
    docIds: ids,
    sender: SENDER,
    includeUnacknowledged: true,
  });
  return bytes;
}

describe('DexieTransferStore', () => {
  it('carries a document to another device, queues it for the relay, and a second import is a no-op', async () => {
    const a = freshDb();
    await edit(a, DOC, 'mg_leader_name', 'из школы');
    const file = await fileOf(a);

    const b = freshDb();
    const target = new DexieTransferStore(b);
    const first = await importTransfer(file, target);
    expect(first.counts).toEqual({ new: 1, updated: 0, unchanged: 0, refused: 0 });
    expect(first.documents[0]?.forward).toBe('queued');
    expect(await read(b, DOC, 'mg_leader_name')).toBe('из школы');
    expect(await b.outbox.where('status').equals('pending').count()).toBe(1);
    expect((await b.docs.get(DOC))?.summary.filled).toBe(1);
    const updatesAfterFirst = await b.table(DOC_UPDATES_TABLE).count();

    const second = await importTransfer(file, target);
    expect(second.counts).toEqual({ new: 0, updated: 0, unchanged: 1, refused: 0 });
    expect(await b.outbox.count()).toBe(1);
    expect(await b.table(DOC_UPDATES_TABLE).count()).toBe(updatesAfterFirst);
  });

  it('exports only documents the device holds, and reports the rest as skipped', async () => {
    const a = freshDb();
    await edit(a, DOC, 'mg_leader_name', 'x');
    const { manifest, skipped } = await exportTransfer(new DexieTransferStore(a), {
      docIds: [DOC, OTHER, 'not-an-id'],
      sender: SENDER,
    });
    expect(manifest.documents.map((d) => d.docId)).toEqual([DOC]);
    expect(skipped).toEqual([OTHER, 'not-an-id']);
  });

  it('merges into a document both devices changed, and queues only what was new', async () => {
    const a = freshDb();
    const b = freshDb();
    await edit(a, DOC, 'mg_leader_name', 'A');
    await importTransfer(await fileOf(a), new DexieTransferStore(b));
    await b.outbox.clear();
    await edit(b, DOC, 'mg_team_size', 7);
    await edit(a, DOC, 'mg_program', true);

    const report = await importTransfer(await fileOf(a), new DexieTransferStore(b));
    expect(report.counts.updated).toBe(1);
    expect(await read(b, DOC, 'mg_leader_name')).toBe('A');
    expect(await read(b, DOC, 'mg_team_size')).toBe(7);
    expect(await read(b, DOC, 'mg_program')).toBe(true);
    // B's own edit and the one change that came with the file.
    expect(await b.outbox.count()).toBe(2);
  });

  it('keeps changes the user may not write on the device without queueing them', async () => {
    const a = freshDb();
    await edit(a, DOC, 'mg_leader_name', 'x');
    const b = freshDb();
    const report = await importTransfer(await fileOf(a), new DexieTransferStore(b), {
      access: { canRead: () => true, canWrite: () => false },
    });
    expect(report.documents[0]?.forward).toBe('readOnly');
    expect(await read(b, DOC, 'mg_leader_name')).toBe('x');
    expect(await b.outbox.count()).toBe(0);
  });

  it('is atomic: when the outbox cannot be written, no document changes either', async () => {
    const a = freshDb();
    await edit(a, DOC, 'mg_leader_name', 'x');
    await edit(a, OTHER, 't_lessons_observed', 12);
    const file = await fileOf(a);

    const b = freshDb();
    b.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(importTransfer(file, new DexieTransferStore(b))).rejects.toThrow('disk full');
    expect(await b.docs.count()).toBe(0);
    expect(await b.table(DOC_UPDATES_TABLE).count()).toBe(0);

    // The same file, once the disk has room, arrives whole.
    const c = freshDb();
    const report = await importTransfer(file, new DexieTransferStore(c));
    expect(report.counts.new).toBe(2);
    expect(await c.outbox.count()).toBe(2);
  });

  it('lists a school’s documents and carries unacknowledged changes marked as such', async () => {
    const a = freshDb();
    await edit(a, DOC, 'mg_leader_name', 'x');
    await edit(a, 'school:s2:questionnaire:teaching:2043-entry', 't_lessons_observed', 3);
    const store = new DexieTransferStore(a);
    expect(await store.schoolDocIds('s1')).toEqual([DOC]);
    expect((await store.unacknowledged(DOC)).length).toBe(1);
    const { manifest } = await exportTransfer(store, {
      docIds: await store.schoolDocIds('s1'),
      sender: SENDER,
      includeUnacknowledged: true,
    });
    expect(manifest.documents[0]?.pendingBytes).toBeGreaterThan(0);
  });
});
