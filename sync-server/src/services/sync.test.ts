import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AckCode,
  MAX_UPDATE_BYTES,
  ProtocolError,
  decodeResponse,
  encodeRequest,
  initDocMeta,
  type Push,
  type SyncResponse,
  type VectorOffer,
} from '@opora/shared';
import { openDb, type OpenDb } from '../db/open.ts';
import { meta } from '../db/schema.ts';
import { SyncRepo } from '../repo/sync-repo.ts';
import { sessionFor } from '../testing/fixture.ts';
import type { Session } from '../context.ts';
import { SyncService } from './sync.ts';

const Q1 = 'school:s1:questionnaire:risk_diagnostic:2026-entry';
const Q2 = 'school:s2:questionnaire:risk_diagnostic:2026-entry';
const Q3 = 'school:s3:questionnaire:risk_diagnostic:2026-entry';

let db: OpenDb;
let sync: SyncService;
const teacher = sessionFor('t1', [{ role: 'teacher', schoolId: 's1' }]);
const curator = sessionFor('c1', [
  { role: 'curator', schoolId: 's1' },
  { role: 'curator', schoolId: 's2' },
]);

beforeEach(() => {
  db = openDb(':memory:');
  sync = new SyncService(db, { backgroundCompaction: false, compactRows: 5 });
});
afterEach(() => {
  sync.close();
  db.close();
});

function call(
  session: Session,
  cursor: string,
  pushes: Push[] = [],
  maxBytes = 0,
  vectors: VectorOffer[] = [],
): SyncResponse {
  return decodeResponse(sync.handle(session, encodeRequest({ cursor, maxBytes, pushes, vectors })));
}

/** A fresh questionnaire doc with one answer, as a full update. */
function answerDoc(key: string, value: string): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  initDocMeta(doc, 'questionnaire');
  doc.getMap('status').set(key, value);
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}

function apply(res: SyncResponse, docs = new Map<string, Y.Doc>()): Map<string, Y.Doc> {
  for (const c of res.changes) {
    const d = docs.get(c.docId) ?? new Y.Doc();
    Y.applyUpdate(d, c.update);
    docs.set(c.docId, d);
  }
  return docs;
}

const logSize = () => new SyncRepo(db).maxSeq();

describe('SyncService', () => {
  it('stores a push and delivers it to another device in scope, not back to the sender', () => {
    const { update } = answerDoc('q1', 'да');
    const first = call(teacher, '', [{ docId: Q1, update }]);
    expect(first.acks).toEqual([{ docId: Q1, code: AckCode.ok, message: 'stored' }]);
    expect(first.changes).toEqual([]);
    const pulled = call(curator, '');
    const docs = apply(pulled);
    expect(docs.get(Q1)?.getMap('status').get('q1')).toBe('да');
    expect(pulled.more).toBe(false);
    // Steady state: nothing new, nothing sent.
    expect(call(curator, pulled.cursor).changes).toEqual([]);
  });

  it('treats an identical request sent twice as one', () => {
    const { update } = answerDoc('q1', 'нет');
    const body = encodeRequest({
      cursor: '',
      maxBytes: 0,
      pushes: [{ docId: Q1, update }],
      vectors: [],
    });
    const a = decodeResponse(sync.handle(teacher, body));
    const seq = logSize();
    const b = decodeResponse(sync.handle(teacher, body));
    expect(a.acks[0]?.code).toBe(AckCode.ok);
    expect(b.acks).toEqual([{ docId: Q1, code: AckCode.ok, message: 'already known' }]);
    expect(logSize()).toBe(seq);
  });

  it('refuses bad pushes with a reason, stores none of them, and lets the others through', () => {
    const good = answerDoc('q', 'ok').update;
    const stray = new Y.Doc();
    stray.getMap('stray').set('x', 1);
    // Same client, later clocks: without its first part the update cannot be integrated.
    const missing = answerDoc('q', 'base').doc;
    const sv = Y.encodeStateVector(missing);
    missing.getMap('status').set('later', 1);
    const dependent = Y.encodeStateAsUpdate(missing, sv); // the base was never sent
    const pushes: Push[] = [
      { docId: 'nonsense', update: good },
      { docId: Q3, update: good },
      { docId: 'school:zz:questionnaire:risk_diagnostic:2026-entry', update: good },
      {
        docId: 'school:s1:questionnaire:risk_diagnostic:2043-entry',
        update: new Uint8Array([1, 255, 255, 255, 255, 15]),
      },
      {
        docId: 'school:s1:questionnaire:school_environment:2043-entry',
        update: Y.encodeStateAsUpdate(stray),
      },
      { docId: 'school:s1:questionnaire:management:2043-entry', update: dependent },
      {
        docId: 'school:s1:questionnaire:teaching:2043-entry',
        update: new Uint8Array(MAX_UPDATE_BYTES + 1),
      },
      { docId: Q1, update: good },
      { docId: Q1, update: good },
    ];
    const res = call(teacher, '', pushes);
    expect(res.acks.map((a) => a.code)).toEqual([
      AckCode.badDocumentId,
      AckCode.forbidden,
      AckCode.unknownDocument,
      AckCode.malformedUpdate,
      AckCode.invalidShape,
      AckCode.missingDependencies,
      AckCode.tooLarge,
      AckCode.ok,
      AckCode.duplicateDocument,
    ]);
    expect(logSize()).toBe(1);
    const docs = apply(call(curator, ''));
    expect([...docs.keys()]).toEqual([Q1]);
    // The refused dependent update did not poison the live state: the base still applies.
    const retry = call(teacher, res.cursor, [
      {
        docId: 'school:s1:questionnaire:management:2043-entry',
        update: Y.encodeStateAsUpdate(missing),
      },
    ]);
    expect(retry.acks[0]?.code).toBe(AckCode.ok);
  });

  it('pages a large scope under the byte budget and resumes where it stopped', () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const id = `school:s${(i % 2) + 1}:questionnaire:teaching:${2000 + i}-entry`;
      ids.push(id);
      const d = answerDoc('text', 'x'.repeat(500));
      call(curator, '', [{ docId: id, update: d.update }]);
    }
    // Both ways of finding changes: a coordinator walks the log, a curator's small
    // scope looks its schools up in the documents index.
    const readers = [
      sessionFor('r1', [{ role: 'regional_coordinator', regionId: 'north' }]),
      sessionFor('c2', [
        { role: 'curator', schoolId: 's1' },
        { role: 'curator', schoolId: 's2' },
      ]),
    ];
    for (const reader of readers) {
      let cursor = '';
      let pages = 0;
      const docs = new Map<string, Y.Doc>();
      for (;;) {
        const res = call(reader, cursor, [], 2048);
        pages++;
        apply(res, docs);
        cursor = res.cursor;
        if (!res.more) break;
      }
      expect(pages).toBeGreaterThan(3);
      expect([...docs.keys()].sort()).toEqual([...ids].sort());
    }
  });

  it('converges a device that syncs across a compaction, using its state vector when offered', () => {
    const author = new Y.Doc();
    initDocMeta(author, 'questionnaire');
    let cursor = call(teacher, '', [{ docId: Q1, update: Y.encodeStateAsUpdate(author) }]).cursor;
    const reader = new Y.Doc();
    const first = call(curator, '');
    apply(first, new Map([[Q1, reader]]));
    for (let i = 0; i < 12; i++) {
      const sv = Y.encodeStateVector(author);
      author.getMap('status').set(`q${i}`, i);
      cursor = call(teacher, cursor, [
        { docId: Q1, update: Y.encodeStateAsUpdate(author, sv) },
      ]).cursor;
    }
    sync.markDirty(Q1);
    expect(sync.compactNow()).toBe(1);
    const before = new SyncRepo(db).loadDoc(Q1);
    expect(before.snapshot).not.toBeNull();
    expect(before.tail).toEqual([]);
    const offer = [{ docId: Q1, stateVector: Y.encodeStateVector(reader) }];
    const res = call(curator, first.cursor, [], 0, offer);
    apply(res, new Map([[Q1, reader]]));
    expect(reader.getMap('status').toJSON()).toEqual(author.getMap('status').toJSON());
    // The diff against the offered state vector is smaller than the whole snapshot.
    expect(res.changes[0]!.update.byteLength).toBeLessThan(before.snapshot!.byteLength);
  });

  it('restarts the pull when the scope changed, and flags lost history for a foreign epoch', () => {
    call(teacher, '', [{ docId: Q1, update: answerDoc('a', 'b').update }]);
    const c = call(curator, '').cursor;
    const narrower = sessionFor('c1', [{ role: 'curator', schoolId: 's1' }], curator.deviceId);
    const again = call(narrower, c);
    expect(again.changes.map((x) => x.docId)).toEqual([Q1]);
    expect(again.historyLost).toBe(false);

    db.db.update(meta).set({ value: 'ffff' }).run();
    const restarted = new SyncService(db, { backgroundCompaction: false });
    const res = decodeResponse(
      restarted.handle(curator, encodeRequest({ cursor: c, maxBytes: 0, pushes: [], vectors: [] })),
    );
    expect(res.historyLost).toBe(true);
    expect(res.changes.map((x) => x.docId)).toEqual([Q1]);
    restarted.close();
  });

  it('rejects a malformed frame or cursor as a protocol error', () => {
    expect(() => sync.handle(teacher, new Uint8Array([1, 2, 3]))).toThrow(ProtocolError);
    expect(() =>
      sync.handle(
        teacher,
        encodeRequest({ cursor: 'not a cursor', maxBytes: 0, pushes: [], vectors: [] }),
      ),
    ).toThrow(/cursor/);
  });

  it('notifies listeners after a commit, naming the sender', () => {
    const notices: string[] = [];
    sync.onChange((n) => notices.push(`${n.deviceId}:${n.docIds.join(',')}`));
    call(teacher, '', [{ docId: Q1, update: answerDoc('a', 'b').update }]);
    call(teacher, '', [{ docId: Q2, update: answerDoc('a', 'b').update }]);
    expect(notices).toEqual([`${teacher.deviceId}:${Q1}`]);
  });

  describe('group commit', () => {
    function body(update: Uint8Array, docId = Q1): Uint8Array {
      return encodeRequest({ cursor: '', maxBytes: 0, pushes: [{ docId, update }], vectors: [] });
    }

    it('commits the requests of one turn together and answers each after the commit', async () => {
      const devices = Array.from({ length: 10 }, (_, i) =>
        sessionFor(`t${i}`, [{ role: 'teacher', schoolId: 's1' }]),
      );
      const updates = devices.map((_, i) => answerDoc(`q${i}`, `v${i}`).update);
      const notices: number[] = [];
      sync.onChange((n) => notices.push(n.seq));
      const pending = devices.map((d, i) =>
        sync.handleAsync(
          d,
          body(updates[i]!, `school:s1:questionnaire:teaching:${2000 + i}-entry`),
        ),
      );
      // Nothing is stored before the batch commits…
      expect(logSize()).toBe(0);
      const answers = (await Promise.all(pending)).map(decodeResponse);
      // …and every answer comes after it.
      expect(answers.every((a) => a.acks[0]?.code === AckCode.ok)).toBe(true);
      expect(logSize()).toBe(10);
      expect(notices).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('acknowledges an "already known" update only once the update it rests on is on disk', async () => {
      const { update } = answerDoc('q', 'v');
      const first = sync.handleAsync(teacher, body(update));
      const second = sync.handleAsync(curator, body(update));
      const b = decodeResponse(await second);
      expect(b.acks[0]?.message).toBe('already known');
      expect(logSize()).toBe(1);
      expect(decodeResponse(await first).acks[0]?.message).toBe('stored');
    });

    it('fails every request of a batch whose commit fails, storing none, and recovers', async () => {
      db.sqlite.exec(
        `CREATE TRIGGER refuse_all BEFORE INSERT ON updates BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      );
      const a = answerDoc('a', '1').update;
      const b = answerDoc('b', '2').update;
      const results = await Promise.allSettled([
        sync.handleAsync(teacher, body(a)),
        sync.handleAsync(curator, body(b, Q2)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(logSize()).toBe(0);
      db.sqlite.exec('DROP TRIGGER refuse_all');
      // The live states were dropped, so the retries are judged afresh and stored.
      const retry = await Promise.all([
        sync.handleAsync(teacher, body(a)),
        sync.handleAsync(curator, body(b, Q2)),
      ]);
      expect(retry.map((r) => decodeResponse(r).acks[0]?.message)).toEqual(['stored', 'stored']);
      expect(logSize()).toBe(2);
    });
  });
});
