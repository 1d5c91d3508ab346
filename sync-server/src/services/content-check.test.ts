import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AckCode,
  decodeResponse,
  encodeRequest,
  formById,
  initQuestionnaireDoc,
  readQuestionnaire,
  readWaves,
  registerKey,
  setAnswer,
  writeWave,
  type Push,
  type SyncResponse,
  type WaveDescriptor,
} from '@opora/shared';
import { openDb, type OpenDb } from '../db/open.ts';
import { SyncRepo } from '../repo/sync-repo.ts';
import { sessionFor } from '../testing/fixture.ts';
import type { Session } from '../context.ts';
import { SyncService } from './sync.ts';

const RISK = formById('risk_diagnostic')!;
const Q1 = 'school:s1:questionnaire:risk_diagnostic:2035-entry';
const WAVES = 'region:north:waves';

let db: OpenDb;
let sync: SyncService;
const teacher = sessionFor('t1', [{ role: 'teacher', schoolId: 's1' }]);
const otherTeacher = sessionFor('t2', [{ role: 'teacher', schoolId: 's1' }]);
const region = sessionFor('r1', [{ role: 'regional_coordinator', regionId: 'north' }]);

beforeEach(() => {
  db = openDb(':memory:');
  sync = new SyncService(db, { backgroundCompaction: false });
});
afterEach(() => {
  sync.close();
  db.close();
});

function call(session: Session, pushes: Push[] = [], cursor = ''): SyncResponse {
  return decodeResponse(
    sync.handle(session, encodeRequest({ cursor, maxBytes: 0, pushes, vectors: [] })),
  );
}

/** The relay's stored document, rebuilt from its snapshot and log. */
function stored(docId: string): Y.Doc {
  const s = new SyncRepo(db).loadDoc(docId);
  const doc = new Y.Doc();
  if (s.snapshot) Y.applyUpdate(doc, s.snapshot);
  for (const row of s.tail) Y.applyUpdate(doc, row.data);
  return doc;
}

/** A device's copy of Q1 with one valid answer, acknowledged by the relay. */
function startedDoc(): Y.Doc {
  const doc = new Y.Doc();
  initQuestionnaireDoc(doc, RISK, '2035-entry');
  setAnswer(doc, RISK, 'students_total', 120, 'teacher');
  const res = call(teacher, [{ docId: Q1, update: Y.encodeStateAsUpdate(doc) }]);
  expect(res.acks[0]?.code).toBe(AckCode.ok);
  return doc;
}

/** The update of one raw entry written into a root of `doc` (as a hostile client would). */
function rawEdit(doc: Y.Doc, root: string, key: string, value: unknown): Uint8Array {
  const sv = Y.encodeStateVector(doc);
  doc.getMap(root).set(key, value);
  return Y.encodeStateAsUpdate(doc, sv);
}

describe('relay content check of questionnaires', () => {
  it('accepts valid answers, including one under a name an older form version used', () => {
    const doc = startedDoc();
    const sv = Y.encodeStateVector(doc);
    setAnswer(doc, RISK, 'teachers_total', 14, 'teacher');
    // Written by a device still on version 1: `st_load` was renamed to `st_overload` in 2.
    doc.getMap('answers').set(registerKey('st_load', 'old1'), { v: 3, by: 'old', at: 1, ver: 1 });
    const res = call(teacher, [{ docId: Q1, update: Y.encodeStateAsUpdate(doc, sv) }]);
    expect(res.acks).toEqual([{ docId: Q1, code: AckCode.ok, message: 'stored' }]);
    const values = readQuestionnaire(stored(Q1), RISK).values;
    expect([values.students_total, values.teachers_total, values.st_overload]).toEqual([
      120, 14, 3,
    ]);
  });

  it.each([
    ['a value of the wrong type', 'students_total', { v: 'сто', by: 'x', at: 2, ver: 2 }],
    ['a question no version of the form had', 'no_such_question', { v: 1, by: 'x', at: 2, ver: 2 }],
    ['an entry that is not a register entry', 'students_total', 'сто'],
    ['an answer from a newer form version', 'students_total', { v: 5, by: 'x', at: 2, ver: 9 }],
  ])('refuses %s and leaves the stored document unchanged', (_why, field, value) => {
    const doc = startedDoc();
    const before = Y.encodeStateAsUpdate(stored(Q1));
    const update = rawEdit(doc, 'answers', registerKey(field, 'bad1'), value);
    const res = call(teacher, [{ docId: Q1, update }]);
    expect(res.acks[0]?.code).toBe(AckCode.invalidShape);
    expect(Y.encodeStateAsUpdate(stored(Q1))).toEqual(before);
    // Nothing reaches another device either.
    const pulled = new Y.Doc();
    for (const c of call(otherTeacher).changes) Y.applyUpdate(pulled, c.update);
    expect(readQuestionnaire(pulled, RISK).invalid).toEqual([]);
    expect(readQuestionnaire(pulled, RISK).values.students_total).toBe(120);
  });

  it('refuses a text slot under a question that is not a long text, and an unknown form', () => {
    const doc = startedDoc();
    const slot = rawEdit(doc, 'texts', 'students_total', new Y.Text('сто'));
    expect(call(teacher, [{ docId: Q1, update: slot }]).acks[0]?.code).toBe(AckCode.invalidShape);
    const other = new Y.Doc();
    other.getMap('meta').set('kind', 'questionnaire');
    const res = call(teacher, [
      {
        docId: 'school:s1:questionnaire:no_such_form:2035-entry',
        update: Y.encodeStateAsUpdate(other),
      },
    ]);
    expect(res.acks[0]).toMatchObject({ code: AckCode.invalidShape });
    expect(res.acks[0]?.message).toMatch(/unknown form/);
  });

  it('keeps a document with an old bad entry writable: only what an update touches is judged', () => {
    // A bad entry that reached storage before the check existed (or bypassed it).
    const doc = startedDoc();
    const legacy = rawEdit(doc, 'answers', registerKey('students_total', 'legacy'), {
      v: 'сто',
      by: 'old',
      at: 1,
    });
    new SyncRepo(db).append(
      { docId: Q1, kind: 'questionnaire', data: legacy, userId: 't1', deviceId: 'old' },
      1,
    );
    const fresh = new SyncService(db, { backgroundCompaction: false });
    try {
      const sv = Y.encodeStateVector(doc);
      setAnswer(doc, RISK, 'teachers_total', 9, 'teacher');
      const res = decodeResponse(
        fresh.handle(
          teacher,
          encodeRequest({
            cursor: '',
            maxBytes: 0,
            pushes: [{ docId: Q1, update: Y.encodeStateAsUpdate(doc, sv) }],
            vectors: [],
          }),
        ),
      );
      expect(res.acks[0]?.code).toBe(AckCode.ok);
      expect(readQuestionnaire(stored(Q1), RISK).values.teachers_total).toBe(9);
    } finally {
      fresh.close();
    }
  });
});

describe('monitoring waves document on the relay', () => {
  const wave: WaveDescriptor = {
    id: '2035-entry',
    year: 2035,
    kind: 'entry',
    opensOn: '2035-02-01',
    closesOn: '2035-03-20',
    formIds: ['risk_diagnostic', 'management'],
    openedBy: 'r1',
    openedAt: 1,
  };

  it('a school device pulls the region’s waves; a teacher cannot write them', () => {
    const coordinator = new Y.Doc();
    writeWave(coordinator, wave, 'r1');
    const written = call(region, [{ docId: WAVES, update: Y.encodeStateAsUpdate(coordinator) }]);
    expect(written.acks[0]?.code).toBe(AckCode.ok);

    // The teacher's scope is small (found by school): the waves document is named in its reach.
    expect(teacher.scope.reach()?.docs).toEqual([WAVES]);
    const pulled = call(teacher);
    const device = new Y.Doc();
    for (const c of pulled.changes) if (c.docId === WAVES) Y.applyUpdate(device, c.update);
    expect(readWaves(device).map((w) => [w.wave.id, w.wave.closesOn])).toEqual([
      ['2035-entry', '2035-03-20'],
    ]);
    // Steady state: nothing new after the cursor.
    expect(call(teacher, [], pulled.cursor).changes).toEqual([]);

    const sv = Y.encodeStateVector(device);
    writeWave(device, { ...wave, closesOn: '2035-04-30' }, 't1');
    const refused = call(teacher, [{ docId: WAVES, update: Y.encodeStateAsUpdate(device, sv) }]);
    expect(refused.acks[0]?.code).toBe(AckCode.forbidden);
    expect(readWaves(stored(WAVES))[0]?.wave.closesOn).toBe('2035-03-20');
  });

  it('refuses a wave that closes before it opens or names an unknown form', () => {
    const doc = new Y.Doc();
    writeWave(doc, wave, 'r1');
    expect(call(region, [{ docId: WAVES, update: Y.encodeStateAsUpdate(doc) }]).acks[0]?.code).toBe(
      AckCode.ok,
    );
    const before = Y.encodeStateAsUpdate(stored(WAVES));
    for (const bad of [
      { ...wave, closesOn: '2035-01-01' },
      { ...wave, formIds: ['no_such_form'] },
      { ...wave, id: '2036-entry' },
    ]) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const update = rawEdit(copy, 'waves', registerKey('2035-entry', 'bad'), {
        v: bad,
        by: 'r1',
        at: 2,
      });
      expect(call(region, [{ docId: WAVES, update }]).acks[0]?.code).toBe(AckCode.invalidShape);
    }
    expect(Y.encodeStateAsUpdate(stored(WAVES))).toEqual(before);
  });
});
