import * as Y from 'yjs';
import {
  AckCode,
  decodeResponse,
  encodeRequest,
  type Membership,
  type SyncResponse,
} from '@opora/shared';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Session } from '../context.ts';
import { sessionFor } from '../testing/fixture.ts';
import { demoRelay } from '../testing/relay.ts';
import { demoDocuments, storeDemoDocuments } from './documents.ts';
import { DEMO_DIRECTORY, DEMO_LOGINS } from './seed.ts';

/** Every change a session pulls from an empty cursor, page by page, merged per document. */
function pullAll(handle: (body: Uint8Array) => Uint8Array): Map<string, Y.Doc> {
  const docs = new Map<string, Y.Doc>();
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const res: SyncResponse = decodeResponse(
      handle(encodeRequest({ cursor, maxBytes: 0, pushes: [], vectors: [] })),
    );
    for (const c of res.changes) {
      let doc = docs.get(c.docId);
      if (!doc) docs.set(c.docId, (doc = new Y.Doc()));
      Y.applyUpdate(doc, c.update);
    }
    cursor = res.cursor;
    if (!res.more) return docs;
  }
  throw new Error('the pull did not end in 100 pages');
}

function loginSession(login: string): Session {
  const u = DEMO_LOGINS.find((d) => d.login === login);
  if (!u) throw new Error(`no demo user ${login}`);
  return sessionFor(u.userId, u.memberships, `${login}-device`, DEMO_DIRECTORY);
}

describe('demo documents', () => {
  const docs = demoDocuments();

  it('fill the region: waves, questionnaires, roadmaps, exams and visits, the demo users’ school left to them', () => {
    const kinds = new Set(docs.map((d) => d.kind));
    expect(kinds).toEqual(new Set(['waves', 'questionnaire', 'roadmap', 'exams', 'visit']));
    expect(docs.filter((d) => d.kind === 'questionnaire').length).toBeGreaterThan(30);
    expect(docs.some((d) => d.docId.startsWith('school:zar-sosh-3:'))).toBe(false);
    expect(new Set(docs.map((d) => d.docId)).size).toBe(docs.length);
  });

  it('are the same on every first start', () => {
    const again = demoDocuments();
    const state = (u: Uint8Array) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, u);
      return JSON.stringify(d.toJSON());
    };
    expect(again.map((d) => d.docId)).toEqual(docs.map((d) => d.docId));
    for (const [i, d] of docs.entries()) expect(state(again[i]!.update)).toBe(state(d.update));
  });

  it('pass the relay’s checks when pushed by someone who may write them', () => {
    const relay = demoRelay();
    onTestFinished(() => relay.close());
    // A writer of every demo document: the region's coordinator, and school coordinator
    // and curator of every school.
    const memberships: Membership[] = [
      { role: 'regional_coordinator', schoolId: null, municipalityId: null, regionId: 'north' },
      ...DEMO_DIRECTORY.schools.flatMap((s): Membership[] => [
        { role: 'school_coordinator', schoolId: s.id, municipalityId: null, regionId: null },
        { role: 'curator', schoolId: s.id, municipalityId: null, regionId: null },
      ]),
    ];
    const writer = sessionFor('u-writer', memberships, 'writer-device', DEMO_DIRECTORY);
    const res = decodeResponse(
      relay.sync.handle(
        writer,
        encodeRequest({
          cursor: '',
          maxBytes: 0,
          pushes: docs.map((d) => ({ docId: d.docId, update: d.update })),
          vectors: [],
        }),
      ),
    );
    const refused = res.acks.filter((a) => a.code !== AckCode.ok);
    expect(refused, JSON.stringify(refused.slice(0, 3))).toEqual([]);
    expect(res.acks).toHaveLength(docs.length);
  });

  it('reach each user as stored: the region sees all, a curator only their schools', () => {
    const relay = demoRelay();
    onTestFinished(() => relay.close());
    expect(storeDemoDocuments(relay.db, Date.UTC(2026, 10, 25))).toBe(docs.length);

    const region = pullAll((b) => relay.sync.handle(loginSession('region'), b));
    expect([...region.keys()].sort()).toEqual(docs.map((d) => d.docId).sort());
    for (const d of docs) {
      const seeded = new Y.Doc();
      Y.applyUpdate(seeded, d.update);
      expect(JSON.stringify(region.get(d.docId)?.toJSON())).toBe(JSON.stringify(seeded.toJSON()));
    }

    const curator = DEMO_LOGINS.find((u) => u.login === 'curator')!;
    const mine = new Set(curator.memberships.map((m) => m.schoolId));
    const pulled = pullAll((b) => relay.sync.handle(loginSession('curator'), b));
    expect(pulled.has('region:north:waves')).toBe(true);
    const schoolDocs = [...pulled.keys()].filter((id) => id.startsWith('school:'));
    expect(schoolDocs.length).toBeGreaterThan(0);
    for (const id of schoolDocs) expect(mine.has(id.split(':')[1] ?? ''), id).toBe(true);
    expect(pulled.size - schoolDocs.length).toBe(1);
  });
});
