/**
 * A partnership's tutor-support plan through the real relay (issue 5): the
 * leader school's tutor writes it, the participant school reads it, and a user
 * of a third school can neither pull it, nor ask for it by state vector, nor
 * write to it, with their own device token.
 */
import { AckCode, TutoringEditor, readTutoring } from '@opora/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Relay } from './app.ts';
import { demoRelay, signIn, syncCall } from './testing/relay.ts';

// zar-sosh-1 tutors zar-sosh-3 (demo/seed.ts); a year no other test uses.
const PLAN = 'partnership:zar-sosh-1:zar-sosh-3:2037';
const SECRET = 'Мы – одна команда: школа-лидер и школа-участник';

let relay: Relay;
beforeAll(() => {
  relay = demoRelay();
});
afterAll(() => relay.close());

/** Every change a fresh device of this user pulls, page by page. */
async function pullAll(token: string): Promise<{ docIds: string[]; bytes: Uint8Array[] }> {
  const docIds: string[] = [];
  const bytes: Uint8Array[] = [];
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const res = await syncCall(relay, token, { cursor, maxBytes: 4096 });
    for (const c of res.changes) {
      docIds.push(c.docId);
      bytes.push(c.update);
    }
    cursor = res.cursor;
    if (!res.more) break;
  }
  return { docIds, bytes };
}

const contains = (haystack: Uint8Array, text: string): boolean =>
  Buffer.from(haystack).includes(Buffer.from(text, 'utf8'));

describe('the partnership plan is private to the partnership', () => {
  it('the tutor writes, the participant school reads, a third school gets nothing', async () => {
    const doc = new Y.Doc();
    const ed = new TutoringEditor(doc, { actor: { userId: 'u-tutor', name: 'Тьютор' } });
    ed.init();
    ed.setAgreementField('model', 'mixed');
    ed.setClauseIncluded('director_consulting', true);
    ed.essayText().insert(0, SECRET);
    ed.noteTextEdited('essay', '', 'essay');

    const tutor = await signIn(relay, 'tutor');
    const pushed = await syncCall(relay, tutor.token, {
      pushes: [{ docId: PLAN, update: Y.encodeStateAsUpdate(doc) }],
    });
    expect(pushed.acks.map((a) => a.code)).toEqual([AckCode.ok]);

    // The participant school's director pulls it and reads the same plan.
    const director = await signIn(relay, 'director');
    const got = await pullAll(director.token);
    const replica = new Y.Doc();
    got.docIds.forEach((id, i) => {
      if (id === PLAN) Y.applyUpdate(replica, got.bytes[i] as Uint8Array);
    });
    const plan = readTutoring(replica);
    expect(plan.essay).toBe(SECRET);
    expect(plan.agreement.model.value).toBe('mixed');
    expect(plan.history.map((h) => h.by)).toContain('u-tutor');

    for (const outsider of ['director-sev', 'teacher-oz', 'tutor-sev']) {
      const { token } = await signIn(relay, outsider, 'телефон');
      // Not in a full pull…
      const pulled = await pullAll(token);
      expect(pulled.docIds, outsider).not.toContain(PLAN);
      expect(
        pulled.bytes.some((b) => contains(b, SECRET)),
        outsider,
      ).toBe(false);
      // …nor when asked for by state vector, nor writable.
      const asked = await syncCall(relay, token, {
        vectors: [{ docId: PLAN, stateVector: Y.encodeStateVector(new Y.Doc()) }],
        pushes: [{ docId: PLAN, update: Y.encodeStateAsUpdate(new Y.Doc()) }],
      });
      expect(
        asked.changes.map((c) => c.docId),
        outsider,
      ).not.toContain(PLAN);
      expect(
        asked.changes.some((c) => contains(c.update, SECRET)),
        outsider,
      ).toBe(false);
      expect(
        asked.acks.map((a) => [a.docId, a.code]),
        outsider,
      ).toEqual([[PLAN, AckCode.forbidden]]);
    }
    // The refused pushes stored nothing: the plan is still the tutor's alone.
    const writers = relay.db.sqlite
      .prepare('select distinct user_id as u from updates where doc_id = ?')
      .all(PLAN) as { u: string }[];
    expect(writers.map((w) => w.u)).toEqual(['u-tutor']);
  });
});
