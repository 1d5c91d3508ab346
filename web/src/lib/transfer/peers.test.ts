import { afterEach, describe, expect, it } from 'vitest';
import { managementForm, readQuestionnaire, setAnswer, type AnswerValue } from '@opora/shared';
import { exportTransfer, importTransfer } from '@opora/shared/transfer/exchange';
import { openDb, type OporaDb } from '$lib/db/database';
import { openDoc } from '$lib/documents/doc-repo';
import { DexieTransferStore } from './dexie-transfer';
import { loadPeers, peerVectors, rememberPeer } from './peers';

const DOC = 'school:s1:questionnaire:management:2043-entry';
const dbs: OporaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});
function freshDb(): OporaDb {
  const db = openDb(`peers-${Math.random()}`);
  dbs.push(db);
  return db;
}
async function edit(db: OporaDb, questionId: string, value: AnswerValue): Promise<void> {
  const open = await openDoc(db, DOC);
  open.transact((d) => setAnswer(d, managementForm, questionId, value, 'u1'));
  await open.flushed();
  open.close();
}

describe('transfer peers', () => {
  it('a file back to a device that sent one carries only what it lacks, and merges there', async () => {
    const a = freshDb();
    const b = freshDb();
    await edit(a, 'mg_leader_name', 'x'.repeat(2000));
    const fromA = await exportTransfer(new DexieTransferStore(a), {
      docIds: [DOC],
      sender: { userId: 'ua', userName: 'Школа', deviceId: 'dev-a' },
      now: 1000,
    });
    await importTransfer(fromA.bytes, new DexieTransferStore(b));
    await rememberPeer(b, fromA.manifest);
    await edit(b, 'mg_team_size', 120);

    const [peer] = await loadPeers(b);
    expect(peer?.deviceId).toBe('dev-a');
    const store = new DexieTransferStore(b);
    const sender = { userId: 'ub', userName: 'Куратор', deviceId: 'dev-b' };
    const full = await exportTransfer(store, { docIds: [DOC], sender });
    const diff = await exportTransfer(store, {
      docIds: [DOC],
      sender,
      knownVectors: peerVectors(peer!),
    });
    expect(diff.manifest.documents[0]?.base).toBe('diff');
    expect(diff.manifest.totalBytes).toBeLessThan(full.manifest.totalBytes / 4);

    const report = await importTransfer(diff.bytes, new DexieTransferStore(a));
    expect(report.counts.updated).toBe(1);
    const open = await openDoc(a, DOC);
    expect(readQuestionnaire(open.doc, managementForm).values.mg_team_size).toBe(120);
    open.close();
  });

  it('an older file of the same device does not replace what a newer one declared', async () => {
    const db = freshDb();
    const manifest = (createdAt: number, docId: string) => ({
      formatVersion: 1,
      createdAt,
      sender: { userId: 'u', userName: 'Школа', deviceId: 'dev-a' },
      note: '',
      documents: [
        {
          docId,
          base: 'full' as const,
          baseVector: new Uint8Array(0),
          stateVector: new Uint8Array([0]),
          updateBytes: 1,
          pendingBytes: 0,
        },
      ],
      totalBytes: 1,
    });
    await rememberPeer(db, manifest(2000, 'school:s1:visit:new'));
    await rememberPeer(db, manifest(1000, 'school:s1:visit:old'));
    const peers = await loadPeers(db);
    expect(peers).toHaveLength(1);
    expect(peers[0]?.fileAt).toBe(2000);
    expect(Object.keys(peers[0]!.vectors)).toEqual(['school:s1:visit:new']);
  });
});
