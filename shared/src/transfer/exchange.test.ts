import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AccessScope, directoryFromSnapshot } from '../access/access.ts';
import type { DirectorySnapshot } from '../domain/directory.ts';
import {
  exportTransfer,
  importTransfer,
  knownVectorsOf,
  type ImportBatch,
  type TransferTarget,
} from './exchange.ts';
import type { TransferInput } from './format.ts';
import { MemoryTransferStore } from './memory-store.ts';
import { TRANSFER_DOC_REFUSALS } from './messages.ts';

const Q = 'school:s1:questionnaire:risk:2026-entry';
const R = 'school:s1:roadmap:2026';
const V = 'school:s1:visit:v1';
const S2 = 'school:s2:questionnaire:risk:2026-entry';
/** The platform's Blob, typed as the input it is (shared/ compiles without the DOM library). */
const { Blob } = globalThis as unknown as { Blob: new (parts: Uint8Array[]) => TransferInput };
const SENDER = { userId: 'sc1', userName: 'Ольга Петровна', deviceId: 'school-pc' };

const DIRECTORY: DirectorySnapshot = {
  regions: [{ id: 'north', name: 'Северная область' }],
  municipalities: [{ id: 'm1', regionId: 'north', name: 'Первый район' }],
  schools: ['s1', 's2'].map((id) => ({
    id,
    municipalityId: 'm1',
    name: id,
    lowResults: true,
    unfavourableConditions: false,
    leader: false,
    cohortYear: null,
    tracks: [1],
    cluster: null,
    rural: true,
  })),
  partnerships: [],
};

function scope(...memberships: ConstructorParameters<typeof AccessScope>[0]): AccessScope {
  return new AccessScope(memberships, directoryFromSnapshot(DIRECTORY));
}

function content(store: MemoryTransferStore, docId: string): unknown {
  const doc = store.docs.get(docId);
  if (!doc) return null;
  return {
    meta: doc.getMap('meta').toJSON(),
    answers: doc.getMap('answers').toJSON(),
    problems: doc.getArray('problems').toJSON(),
    fields: doc.getMap('fields').toJSON(),
  };
}

function schoolDevice(): MemoryTransferStore {
  const s = new MemoryTransferStore();
  s.localDoc(Q).getMap('answers').set('q1', 'да');
  s.localDoc(R).getArray('problems').push(['низкая мотивация']);
  s.localDoc(V).getMap('fields').set('observations', 'уроки посещены');
  return s;
}

describe('export and import', () => {
  it('carries full state to an empty device, queues it, and is idempotent', async () => {
    const school = schoolDevice();
    const file = await exportTransfer(school, { docIds: [Q, R, V, S2], sender: SENDER, now: 0 });
    expect(file.skipped).toEqual([S2]);
    expect(file.fileName).toBe('opora-1970-01-01-0000-school-pc.opora');
    expect(file.manifest.documents.map((d) => [d.docId, d.base])).toEqual([
      [Q, 'full'],
      [R, 'full'],
      [V, 'full'],
    ]);

    const curator = new MemoryTransferStore();
    const first = await importTransfer(new Blob([file.bytes]), curator);
    expect(first.manifest.sender).toEqual(SENDER);
    expect(first.counts).toEqual({ new: 3, updated: 0, unchanged: 0, refused: 0 });
    expect(first.documents.every((d) => d.forward === 'queued')).toBe(true);
    for (const id of [Q, R, V]) expect(content(curator, id)).toEqual(content(school, id));
    expect(curator.outbox.map((e) => e.docId).sort()).toEqual([Q, R, V].sort());

    const again = await importTransfer(file.bytes, curator);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(curator.outbox).toHaveLength(3);
  });

  it('sends only what the other side lacks when its state vector is known', async () => {
    const school = schoolDevice();
    const curator = new MemoryTransferStore();
    await importTransfer(
      (await exportTransfer(school, { docIds: [Q, R, V], sender: SENDER })).bytes,
      curator,
    );
    // The curator answers; the school remembers the curator's vectors from that file.
    curator.doc(R).getArray('problems').push(['комментарий куратора']);
    const reply = await exportTransfer(curator, {
      docIds: [Q, R, V],
      sender: { userId: 'cur', userName: 'Куратор', deviceId: 'cur-phone' },
    });
    await importTransfer(reply.bytes, school);
    expect(school.doc(R).getArray('problems').toJSON()).toEqual([
      'низкая мотивация',
      'комментарий куратора',
    ]);

    // A week of typing at school, then a diff file against what the curator is known to hold.
    for (let i = 0; i < 30; i++) school.doc(Q).getMap('answers').set(`w${i}`, i);
    const known = knownVectorsOf(reply.manifest);
    const diff = await exportTransfer(school, {
      docIds: [Q, R, V],
      sender: SENDER,
      knownVectors: known,
    });
    const full = await exportTransfer(school, { docIds: [Q, R, V], sender: SENDER });
    expect(diff.manifest.documents.every((d) => d.base === 'diff')).toBe(true);
    expect(diff.manifest.totalBytes).toBeLessThan(full.manifest.totalBytes);
    const report = await importTransfer(diff.bytes, curator);
    expect(report.documents.map((d) => [d.docId, d.status])).toEqual([
      [Q, 'updated'],
      [R, 'unchanged'],
      [V, 'unchanged'],
    ]);
    expect(content(curator, Q)).toEqual(content(school, Q));
  });

  it('refuses a diff cut for a state the device does not have, and takes the rest', async () => {
    const school = schoolDevice();
    const curator = new MemoryTransferStore();
    await importTransfer(
      (await exportTransfer(school, { docIds: [Q], sender: SENDER })).bytes,
      curator,
    );
    school.doc(Q).getMap('answers').set('q2', 'нет');
    const diff = await exportTransfer(school, {
      docIds: [Q, R],
      sender: SENDER,
      knownVectors: new Map([[Q, Y.encodeStateVector(curator.doc(Q))]]),
    });
    const wiped = new MemoryTransferStore(); // a fresh device never got the base
    const report = await importTransfer(diff.bytes, wiped);
    expect(report.documents.map((d) => [d.docId, d.status, d.refusal?.code])).toEqual([
      [Q, 'refused', 'missingDependencies'],
      [R, 'new', undefined],
    ]);
    expect(report.documents[0]!.refusal?.message).toBe(TRANSFER_DOC_REFUSALS.missingDependencies);
    expect(wiped.docs.has(Q)).toBe(false);
    expect(wiped.outbox.map((e) => e.docId)).toEqual([R]);
  });

  it('decides per document by the importing user rights', async () => {
    const school = schoolDevice();
    school.localDoc(S2).getMap('answers').set('q1', 'чужое');
    const file = await exportTransfer(school, { docIds: [Q, V, S2, 'nonsense'], sender: SENDER });
    expect(file.skipped).toEqual(['nonsense']);
    // A teacher of s1 reads visits but may not write them, and sees nothing of s2.
    const teacher = new MemoryTransferStore();
    const access = scope({ role: 'teacher', schoolId: 's1' });
    const report = await importTransfer(file.bytes, teacher, { access });
    expect(report.documents.map((d) => [d.docId, d.status, d.forward, d.refusal?.code])).toEqual([
      [Q, 'new', 'queued', undefined],
      [V, 'new', 'readOnly', undefined],
      [S2, 'refused', 'none', 'forbidden'],
    ]);
    expect(teacher.docs.has(S2)).toBe(false);
    expect(teacher.outbox.map((e) => e.docId)).toEqual([Q]);

    // With forward 'all' the relay is left to judge: the visit is queued too.
    const other = new MemoryTransferStore();
    const all = await importTransfer(file.bytes, other, { access, forward: 'all' });
    expect(all.documents.map((d) => [d.docId, d.forward])).toEqual([
      [Q, 'queued'],
      [V, 'relayDecides'],
      [S2, 'none'],
    ]);
    expect(other.outbox.map((e) => e.docId)).toEqual([Q, V]);
  });

  it('refuses documents that would break their layout', async () => {
    const rogue = new MemoryTransferStore();
    rogue.doc(Q).getMap('stray').set('x', 1);
    rogue.doc(R).getMap('meta').set('kind', 'visit');
    rogue.localDoc(V).getMap('fields').set('ok', 1);
    const file = await exportTransfer(rogue, { docIds: [Q, R, V], sender: SENDER });
    const device = new MemoryTransferStore();
    const report = await importTransfer(file.bytes, device);
    expect(report.documents.map((d) => [d.docId, d.refusal?.code])).toEqual([
      [Q, 'invalidShape'],
      [R, 'invalidShape'],
      [V, undefined],
    ]);
    expect([...device.docs.keys()]).toEqual([V]);
  });

  it('carries the unacknowledged outbox marked as such', async () => {
    const school = schoolDevice();
    school.outbox = school.outbox.filter((e) => e.docId === Q); // the rest was acknowledged
    const file = await exportTransfer(school, {
      docIds: [Q, R],
      sender: SENDER,
      includeUnacknowledged: true,
    });
    expect(file.manifest.documents.map((d) => d.pendingBytes > 0)).toEqual([true, false]);
    const report = await importTransfer(file.bytes, new MemoryTransferStore());
    expect(report.documents.map((d) => d.carriedUnacknowledged)).toEqual([true, false]);
  });

  it('hands all changes to the target in one call, and nothing when it fails', async () => {
    const school = schoolDevice();
    const file = await exportTransfer(school, { docIds: [Q, R, V], sender: SENDER });
    const calls: ImportBatch[] = [];
    const failing: TransferTarget = {
      state: () => Promise.resolve(null),
      applyImport: (batch) => {
        calls.push(batch);
        return Promise.reject(new Error('disk full'));
      },
    };
    await expect(importTransfer(file.bytes, failing)).rejects.toThrow('disk full');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.changes.map((c) => c.docId)).toEqual([Q, R, V]);
    expect(calls[0]!.outbox.map((c) => c.docId)).toEqual([Q, R, V]);
  });

  it('ends in the same state whatever the order of files, stale or repeated', async () => {
    const a = schoolDevice();
    const file1 = await exportTransfer(a, { docIds: [Q, R], sender: SENDER });
    a.doc(Q).getMap('answers').set('q2', 'позже');
    a.doc(R).getArray('problems').delete(0, 1);
    const file2 = await exportTransfer(a, { docIds: [Q, R], sender: SENDER });
    const b = new MemoryTransferStore();
    b.localDoc(Q).getMap('answers').set('b1', 'куратор');
    const file3 = await exportTransfer(b, { docIds: [Q], sender: SENDER });
    const orders = [
      [file1, file2, file3],
      [file3, file2, file1],
      [file2, file1, file3, file1],
      [file2, file3, file2, file1],
    ];
    const results = [];
    for (const order of orders) {
      const device = new MemoryTransferStore();
      for (const f of order) await importTransfer(f.bytes, device);
      results.push([content(device, Q), content(device, R)]);
    }
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]![0]).toMatchObject({ answers: { q1: 'да', q2: 'позже', b1: 'куратор' } });
    expect(results[0]![1]).toMatchObject({ problems: [] });
  });
});
