/**
 * Bad input against the sync endpoint (issue 2, "Tests"): at least 10,000
 * generated malformed bodies, each of which must be refused — a ProtocolError
 * (400 through the route) for a frame that does not decode, a per-document
 * refusal for a well-formed frame around a bad update — while the relay keeps
 * serving, no stored document changes (log head and every document's state are
 * compared before and after) and the heap stays bounded. The HTTP layer gets its
 * own cases: content type, compression (corrupt gzip, gzip bombs), and bodies over
 * MAX_REQUEST_BYTES, which must be refused before they are read whole.
 *
 * Bodies come from a seeded PRNG; a failure names the body's index and category
 * (`SEED=<n>` replays another corpus).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  AckCode,
  LAYOUTS,
  MAX_CURSOR_LENGTH,
  MAX_DOCS_PER_REQUEST,
  MAX_REQUEST_BYTES,
  MAX_UPDATE_BYTES,
  PROTOCOL_VERSION,
  ProtocolError,
  SYNC_CONTENT_TYPE,
  SYNC_PATH,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  initDocMeta,
  parseDocId,
  formById,
  readQuestionnaire,
  setAnswer,
  trackTouchedKeys,
  validateContent,
  validateShape,
  type ErrorBody,
  type Push,
  type SyncRequest,
  type VectorOffer,
} from '@opora/shared';
import type { Relay } from './app.ts';
import type { Session } from './context.ts';
import { documents } from './db/schema.ts';
import { SyncRepo } from './repo/sync-repo.ts';
import { bearer, demoRelay, signIn } from './testing/relay.ts';
import { mulberry32 } from './testing/sim.ts';

const SEED = Number(process.env.SEED ?? 20260);
const BODIES = Number(process.env.BODIES ?? 10_000);

const rand = mulberry32(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));

/** A full GC, when it can be had (heap figures are meaningless without one). */
const gc: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const fn: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof fn === 'function' ? (fn as () => void) : () => undefined;
})();

// Demo region: the teacher writes questionnaires and roadmaps of zar-sosh-3 and
// the tutoring plan zar-sosh-1 → zar-sosh-3; oz-sosh-5 is another municipality.
const SCHOOL = 'zar-sosh-3';
const Q = (form: string) => `school:${SCHOOL}:questionnaire:${form}:2026-entry`;
const ROADMAP = `school:${SCHOOL}:roadmap:2026`;
const TUTORING = `partnership:zar-sosh-1:${SCHOOL}:2026`;
const FOREIGN = 'school:oz-sosh-5:questionnaire:risk_diagnostic:2026-entry';
const STORED = [
  Q('risk_diagnostic'),
  Q('school_environment'),
  Q('management'),
  ROADMAP,
  TUTORING,
  FOREIGN,
];

let relay: Relay;
let teacher: Session;
let teacherToken: string;
let repo: SyncRepo;
/** A valid cursor of the teacher, and updates the relay already holds, per document. */
let cursor = '';
const known = new Map<string, Uint8Array>();

/** Every stored document's state, for before/after comparison. */
function storedState(): { maxSeq: number; docs: Record<string, string> } {
  const docs: Record<string, string> = {};
  for (const { id } of relay.db.db.select({ id: documents.id }).from(documents).all()) {
    const s = repo.loadDoc(id);
    const doc = new Y.Doc();
    if (s.snapshot) Y.applyUpdate(doc, s.snapshot);
    for (const row of s.tail) Y.applyUpdate(doc, row.data);
    docs[id] = Buffer.from(Y.encodeStateVector(doc)).toString('hex');
    docs[`${id} content`] = JSON.stringify(
      Object.keys(LAYOUTS[parseDocId(id)!.kind]).map((root) => doc.get(root).toJSON()),
    );
    doc.destroy();
  }
  return { maxSeq: repo.maxSeq(), docs };
}

function frame(req: Partial<SyncRequest>): Uint8Array {
  return encodeRequest({ cursor, maxBytes: 0, pushes: [], vectors: [], ...req });
}

/** A frame written field by field, so any field can hold a lie. */
function rawFrame(fields: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const f of fields) f(e);
  return encoding.toUint8Array(e);
}

const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const str = (s: string) => (e: encoding.Encoder) => encoding.writeVarString(e, s);
const blob = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);
const raw = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeUint8Array(e, b);

/** A real update of a writable document, and its document. */
function realUpdate(): { docId: string; update: Uint8Array } {
  const docId = pick([Q('risk_diagnostic'), Q('school_environment'), ROADMAP, TUTORING]);
  return { docId, update: known.get(docId)! };
}

/**
 * Would a correct relay legitimately accept this push (decodes, no missing
 * dependencies, valid shape, changes something)? Such a body is not malformed, so
 * the generator discards it: a flipped byte in a client id can make a valid update.
 */
function acceptable(p: Push): boolean {
  const ref = parseDocId(p.docId);
  if (!ref || !teacher.scope.canWrite(p.docId) || p.update.byteLength > MAX_UPDATE_BYTES)
    return false;
  const s = repo.loadDoc(p.docId);
  const doc = new Y.Doc();
  if (s.snapshot) Y.applyUpdate(doc, s.snapshot);
  for (const row of s.tail) Y.applyUpdate(doc, row.data);
  let changed = false;
  doc.on('update', () => (changed = true));
  const touched = trackTouchedKeys(doc);
  try {
    Y.applyUpdate(doc, p.update);
    if (doc.store.pendingStructs || doc.store.pendingDs) return false;
    validateShape(doc, ref.kind);
    validateContent(doc, ref, touched.touched);
    return changed;
  } catch {
    return false;
  } finally {
    touched.stop();
    doc.destroy();
  }
}

/**
 * A Yjs update that is bad for a writable document. A candidate that a correct
 * relay may legitimately accept is drawn again: a concurrent `meta.kind` that
 * loses the last-writer-wins race leaves the document valid, and is stored.
 */
function badUpdate(): { docId: string; update: Uint8Array; why: string } {
  for (;;) {
    const b = badUpdateCandidate();
    if (!acceptable(b)) return b;
  }
}

function badUpdateCandidate(): { docId: string; update: Uint8Array; why: string } {
  const { docId, update } = realUpdate();
  const kind = parseDocId(docId)!.kind;
  switch (int(9)) {
    case 0:
      return { docId, update: bytes(1 + int(300)), why: 'random bytes' };
    case 1:
      return { docId, update: update.slice(0, 1 + int(update.length - 1)), why: 'truncated' };
    case 2: {
      // Later changes of a client whose beginning the relay never saw.
      const d = new Y.Doc();
      d.clientID = 1_000_000 + int(1_000_000);
      initDocMeta(d, kind);
      const sv = Y.encodeStateVector(d);
      d.getMap('meta').set(`later${int(1000)}`, int(1000));
      return { docId, update: Y.encodeStateAsUpdate(d, sv), why: 'missing dependencies' };
    }
    case 3: {
      const d = new Y.Doc();
      initDocMeta(d, kind);
      d.getMap(`stray${int(100)}`).set('x', 1);
      return { docId, update: Y.encodeStateAsUpdate(d), why: 'stray root' };
    }
    case 4: {
      const d = new Y.Doc();
      const maps = Object.entries(LAYOUTS[kind]).filter(([, t]) => t === 'map');
      d.getArray(pick(maps)[0]).insert(0, ['list in a map root']);
      return { docId, update: Y.encodeStateAsUpdate(d), why: 'root of the wrong type' };
    }
    case 5: {
      const d = new Y.Doc();
      d.getMap('meta').set('kind', kind === 'roadmap' ? 'visit' : 'roadmap');
      return { docId, update: Y.encodeStateAsUpdate(d), why: 'wrong meta.kind' };
    }
    case 6: {
      const d = new Y.Doc();
      d.getMap('meta').set('schemaVersion', pick([-1, 0, 1.5, 'один']));
      return { docId, update: Y.encodeStateAsUpdate(d), why: 'bad schemaVersion' };
    }
    case 7: {
      // A real update with a few bytes changed.
      const u = update.slice();
      for (let i = 1 + int(3); i > 0; i--) u[int(u.length)] = int(256);
      return { docId, update: u, why: 'corrupted' };
    }
    default: {
      // Random bytes behind a plausible header: one client, a few structs.
      const head = rawFrame([uint(1), uint(1 + int(4)), uint(int(2 ** 31)), uint(int(100))]);
      const u = new Uint8Array([...head, ...bytes(int(64))]);
      return { docId, update: u, why: 'plausible header, random structs' };
    }
  }
}

type Expect = 'protocol' | 'refusal' | 'answer' | 'protocol-or-refusal';

interface Body {
  category: string;
  body: Uint8Array;
  expect: Expect;
}

const BAD_IDS = [
  '',
  'nonsense',
  'School:zar-sosh-3:roadmap:2026',
  `school:${SCHOOL}:roadmap:20266`,
  `school:${SCHOOL}:roadmap`,
  `school:${SCHOOL}:questionnaire:risk`,
  `school:${SCHOOL}::roadmap:2026`,
  `school:${SCHOOL}:roadmap:2026:extra`,
  `partnership:${SCHOOL}:${SCHOOL}:2026`,
  'region:north:plan:99',
  `school:${'a'.repeat(70)}:roadmap:2026`,
  `school:${SCHOOL}:visit:../../etc`,
  `school:${SCHOOL}:visit:v1\u0000`,
  'x'.repeat(200),
];

/** One malformed body of the given category. */
function generate(category: number): Body {
  const good = frame({});
  switch (category) {
    case 0:
      return { category: 'random bytes', body: bytes(int(600)), expect: 'protocol-or-refusal' };
    case 1: {
      const r = realUpdate();
      const f = frame({ pushes: [{ docId: r.docId, update: r.update }] });
      return { category: 'truncated frame', body: f.slice(0, int(f.length)), expect: 'protocol' };
    }
    case 2: {
      const v = pick([0, 2, 3, 255, 2 ** 20, 2 ** 40]);
      return {
        category: 'wrong version',
        body: new Uint8Array([...rawFrame([uint(v)]), ...good.slice(1)]),
        expect: 'protocol',
      };
    }
    case 3: {
      const huge = pick([2 ** 31, 2 ** 32 + 7, 2 ** 45, Number.MAX_SAFE_INTEGER]);
      const r = realUpdate();
      const variants: ((e: encoding.Encoder) => void)[][] = [
        [uint(PROTOCOL_VERSION), uint(huge)],
        [uint(PROTOCOL_VERSION), str(''), uint(0), uint(huge)],
        [uint(PROTOCOL_VERSION), str(''), uint(0), uint(MAX_DOCS_PER_REQUEST + 1)],
        [uint(PROTOCOL_VERSION), str(''), uint(0), uint(1), uint(huge)],
        [
          uint(PROTOCOL_VERSION),
          str(''),
          uint(0),
          uint(1),
          str(r.docId),
          uint(huge),
          raw(r.update),
        ],
        [uint(PROTOCOL_VERSION), str(''), uint(0), uint(0), uint(huge)],
        [uint(PROTOCOL_VERSION), str(''), uint(0), uint(0), uint(1), str(r.docId), uint(huge)],
        // A state vector over its 64 KiB bound.
        [uint(PROTOCOL_VERSION), str(''), uint(0), uint(0), uint(1), str(r.docId), uint(70_000)],
      ];
      return { category: 'absurd length', body: rawFrame(pick(variants)), expect: 'protocol' };
    }
    case 4:
      // A varUint that never ends, or overflows 53 bits.
      return {
        category: 'endless varUint',
        body: new Uint8Array([
          ...(rand() < 0.5 ? [PROTOCOL_VERSION] : []),
          ...Array.from({ length: 8 + int(40) }, () => 0x80 | int(128)),
          ...(rand() < 0.5 ? [1] : []),
        ]),
        expect: 'protocol',
      };
    case 5:
      return {
        category: 'trailing bytes',
        body: new Uint8Array([...frame({ pushes: [realUpdate()] }), ...bytes(1 + int(20))]),
        expect: 'protocol',
      };
    case 6: {
      // Fewer pushes or vectors than the frame announces.
      const r = realUpdate();
      const variants = [
        rawFrame([uint(1), str(cursor), uint(0), uint(2), str(r.docId), blob(r.update)]),
        rawFrame([uint(1), str(cursor), uint(0), uint(0), uint(3), str(r.docId), blob(bytes(4))]),
        rawFrame([uint(1), str(cursor), uint(0)]),
      ];
      return { category: 'count mismatch', body: pick(variants), expect: 'protocol' };
    }
    case 7: {
      const b = badUpdate();
      return {
        category: `bad update (${b.why})`,
        body: frame({ pushes: [{ docId: b.docId, update: b.update }] }),
        // A flip inside the content of structs the relay already holds changes
        // nothing Yjs can see (structs are known by id): "already known" is right.
        expect: b.why === 'corrupted' ? 'answer' : 'refusal',
      };
    }
    case 8: {
      // Several bad updates, and the same document twice, in one request.
      const pushes: Push[] = [];
      let refusal = false;
      for (let i = 1 + int(4); i > 0; i--) {
        const b = badUpdate();
        refusal ||= b.why !== 'corrupted' || pushes.some((p) => p.docId === b.docId);
        pushes.push({ docId: b.docId, update: b.update });
      }
      return {
        category: 'several bad updates',
        body: frame({ pushes }),
        expect: refusal ? 'refusal' : 'answer',
      };
    }
    case 9: {
      // A valid update for a document the teacher may not write, or that cannot exist.
      const docId = pick([
        ...BAD_IDS,
        FOREIGN,
        'school:nowhere:questionnaire:risk_diagnostic:2026-entry',
        `partnership:zar-sosh-1:oz-sosh-5:2026`,
        `school:${SCHOOL}:visit:v1`,
        'region:north:plan:2026',
        'municipality:zarechny:calendar:2026',
      ]);
      const d = new Y.Doc();
      initDocMeta(d, parseDocId(docId)?.kind ?? 'questionnaire');
      d.getMap('meta').set('note', int(1e6));
      return {
        category: 'refused document',
        body: frame({ pushes: [{ docId, update: Y.encodeStateAsUpdate(d) }] }),
        expect: 'refusal',
      };
    }
    case 10: {
      // Document ids too long for the frame, or not UTF-8.
      const variants = [
        rawFrame([uint(1), str(''), uint(0), uint(1), str('x'.repeat(201)), blob(bytes(2))]),
        rawFrame([uint(1), str(''), uint(0), uint(1), uint(900), raw(bytes(900)), blob(bytes(2))]),
        rawFrame([uint(1), str(''), uint(0), uint(1), blob(new Uint8Array([0xc3, 0x28])), uint(0)]),
        rawFrame([uint(1), blob(new Uint8Array([0xff, 0xfe, 0xfd])), uint(0), uint(0), uint(0)]),
      ];
      return { category: 'bad string', body: pick(variants), expect: 'protocol' };
    }
    case 11: {
      const bad = pick([
        'not a cursor',
        '..',
        'zz.1.abc',
        `${'a'.repeat(33)}.1.abc`,
        'abc.1234567890123456.key',
        'abc.-1.key',
        'abc.1.key!',
        'abc.1',
        `abc.1.${'k'.repeat(33)}`,
        String.fromCharCode(...Array.from({ length: 1 + int(40) }, () => 32 + int(200))),
        'c'.repeat(MAX_CURSOR_LENGTH + 1 + int(100)),
      ]);
      return { category: 'bad cursor', body: frame({ cursor: bad }), expect: 'protocol' };
    }
    case 12: {
      // Well-formed cursors that point past the log or into another database: the
      // device is told its history was lost and pulls from the start.
      const [epoch, , key] = cursor.split('.');
      const c = pick([
        `${epoch}.${repo.maxSeq() + 1 + int(1e9)}.${key}`,
        `0123456789ab.${int(3)}.${key}`,
        `${epoch}.0.otherscope`,
      ]);
      return { category: 'foreign cursor', body: frame({ cursor: c }), expect: 'answer' };
    }
    case 13: {
      // Garbage state vectors: a hint only; the relay answers with whole snapshots.
      const vectors: VectorOffer[] = Array.from({ length: 1 + int(4) }, () => ({
        docId: pick([...STORED, ...BAD_IDS.slice(1, 4)]),
        stateVector: pick([
          bytes(int(40)),
          rawFrame([uint(2 ** 40)]),
          rawFrame([uint(3), uint(1), uint(2 ** 50), uint(7)]),
          rawFrame([uint(1), uint(int(2 ** 31)), uint(Number.MAX_SAFE_INTEGER)]),
        ]),
      }));
      return {
        category: 'garbage state vectors',
        body: frame({ cursor: '', vectors }),
        expect: 'answer',
      };
    }
    default: {
      // A valid frame with a few bytes flipped anywhere; discarded when the result
      // happens to be a legitimate request that would change a document.
      for (;;) {
        const b = frame({ pushes: [realUpdate()] });
        for (let i = 1 + int(3); i > 0; i--) b[int(b.length)] = int(256);
        let req: SyncRequest;
        try {
          req = decodeRequest(b);
        } catch {
          return { category: 'flipped bytes', body: b, expect: 'protocol' };
        }
        if (req.pushes.some(acceptable)) continue;
        // It decodes: a flipped cursor is still a ProtocolError, anything else a refusal.
        return { category: 'flipped bytes', body: b, expect: 'protocol-or-refusal' };
      }
    }
  }
}

const CATEGORIES = 15;

/** Runs one body through the service in process and checks its outcome. */
function checkInProcess(b: Body, i: number): void {
  const label = `body #${i} (${b.category}, seed ${SEED})`;
  let answer: Uint8Array;
  try {
    answer = relay.sync.handle(teacher, b.body);
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw new Error(`${label}: ${String(e)}`, { cause: e });
    expect(
      ['protocol', 'protocol-or-refusal'],
      `${label}: unexpected ProtocolError ${e.message}`,
    ).toContain(b.expect);
    return;
  }
  expect(['refusal', 'answer', 'protocol-or-refusal'], `${label}: accepted as a frame`).toContain(
    b.expect,
  );
  const res = decodeResponse(answer);
  for (const ack of res.acks)
    if (ack.code === AckCode.ok)
      expect(ack.message, `${label}: ${ack.docId} acknowledged as new`).toBe('already known');
  if (b.expect === 'refusal')
    expect(
      res.acks.some((a) => a.code !== AckCode.ok),
      `${label}: nothing refused`,
    ).toBe(true);
}

beforeAll(async () => {
  relay = demoRelay({ sync: { backgroundCompaction: false, compactRows: 3 } });
  repo = new SyncRepo(relay.db);
  const signedIn = await signIn(relay, 'teacher');
  teacherToken = signedIn.token;
  teacher = relay.auth.authenticate(teacherToken);
  const region = relay.auth.authenticate((await signIn(relay, 'region')).token);
  // Documents with some history: snapshots, and log rows after them for half of them.
  const docs = new Map<string, { doc: Y.Doc; sv: Uint8Array }>();
  const push = (docId: string, i: number) => {
    const d = docs.get(docId)!;
    d.doc.getMap('meta').set(`field${i}`, `значение ${i}`);
    const update = Y.encodeStateAsUpdate(d.doc, d.sv);
    const res = decodeResponse(relay.sync.handle(region, frame({ pushes: [{ docId, update }] })));
    expect(res.acks[0]?.code).toBe(AckCode.ok);
    d.sv = Y.encodeStateVector(d.doc);
  };
  for (const docId of STORED) {
    const doc = new Y.Doc();
    initDocMeta(doc, parseDocId(docId)!.kind);
    // The empty state vector: the first push is the whole document.
    docs.set(docId, { doc, sv: new Uint8Array([0]) });
    for (let i = 0; i < 3; i++) push(docId, i);
  }
  expect(relay.sync.compactNow(true)).toBe(STORED.length);
  for (const docId of [ROADMAP, Q('risk_diagnostic'), TUTORING])
    for (let i = 3; i < 5; i++) push(docId, i);
  for (const [docId, { doc }] of docs) known.set(docId, Y.encodeStateAsUpdate(doc));
  cursor = decodeResponse(
    relay.sync.handle(teacher, encodeRequest({ cursor: '', maxBytes: 0, pushes: [], vectors: [] })),
  ).cursor;
});
afterAll(() => relay.close());

describe('malformed sync bodies', () => {
  it(`refuses ${BODIES} generated bodies in process, changing nothing`, () => {
    const before = storedState();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const seen = new Map<string, number>();
    for (let i = 0; i < BODIES; i++) {
      const b = generate(i % CATEGORIES);
      const key = b.category.replace(/ \(.*/, '');
      seen.set(key, (seen.get(key) ?? 0) + 1);
      checkInProcess(b, i);
      // Cheap enough to check every time: nothing was appended to the log.
      if (repo.maxSeq() !== before.maxSeq)
        throw new Error(`body #${i} (${b.category}, seed ${SEED}) changed the log`);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - heapBefore;
    expect(storedState()).toEqual(before);
    expect(grown, `heap grew by ${Math.round(grown / 1e6)} MB`).toBeLessThan(64 * 1024 * 1024);
    expect([...seen.keys()].length).toBe(CATEGORIES);
  });

  it('refuses oversized updates per document and keeps the rest of the request', () => {
    const before = storedState();
    const r = realUpdate();
    const res = decodeResponse(
      relay.sync.handle(
        teacher,
        frame({
          pushes: [
            { docId: Q('new'), update: new Uint8Array(MAX_UPDATE_BYTES + 1) },
            { docId: r.docId, update: r.update },
          ],
        }),
      ),
    );
    expect(res.acks.map((a) => a.code)).toEqual([AckCode.tooLarge, AckCode.ok]);
    expect(storedState()).toEqual(before);
  });

  it('stays usable: a valid push after all that is stored and pulled', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, known.get(Q('school_environment'))!);
    const sv = Y.encodeStateVector(doc);
    setAnswer(doc, formById('school_environment')!, 'env_safety', 4, 'teacher');
    const res = decodeResponse(
      relay.sync.handle(
        teacher,
        frame({
          pushes: [{ docId: Q('school_environment'), update: Y.encodeStateAsUpdate(doc, sv) }],
        }),
      ),
    );
    expect(res.acks).toEqual([
      { docId: Q('school_environment'), code: AckCode.ok, message: 'stored' },
    ]);
    const s = repo.loadDoc(Q('school_environment'));
    const stored = new Y.Doc();
    if (s.snapshot) Y.applyUpdate(stored, s.snapshot);
    for (const row of s.tail) Y.applyUpdate(stored, row.data);
    expect(readQuestionnaire(stored, formById('school_environment')!).values.env_safety).toBe(4);
  });
});

describe('malformed sync requests over HTTP', () => {
  const post = (
    body: RequestInit['body'],
    headers: Record<string, string> = {},
    init: RequestInit = {},
  ) =>
    relay.app.request(SYNC_PATH, {
      method: 'POST',
      headers: { ...bearer(teacherToken), 'content-type': SYNC_CONTENT_TYPE, ...headers },
      body,
      ...init,
    });
  const codeOf = async (res: Response) => ((await res.json()) as ErrorBody).error.code;

  it('answers 400 to malformed frames and 200 with refusals to bad updates', async () => {
    const before = storedState();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const b = generate(i % CATEGORIES);
      const res = await post(b.body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const label = `HTTP body #${i} (${b.category}, seed ${SEED})`;
      if (res.status === 400) {
        expect(['protocol', 'protocol-or-refusal'], label).toContain(b.expect);
        expect(await codeOf(res), label).toBe('bad_request');
      } else {
        expect(res.status, label).toBe(200);
        expect(['refusal', 'answer', 'protocol-or-refusal'], label).toContain(b.expect);
        const answer = decodeResponse(new Uint8Array(await res.arrayBuffer()));
        for (const ack of answer.acks)
          if (ack.code === AckCode.ok) expect(ack.message, label).toBe('already known');
      }
    }
    expect(storedState()).toEqual(before);
    expect([...statuses.keys()].sort()).toEqual([200, 400]);
  });

  it('refuses wrong content types, unknown encodings, and requests without a token', async () => {
    const body = frame({});
    expect((await post(body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(415);
    expect((await post(body, { 'content-encoding': 'br' })).status).toBe(415);
    expect((await post(body, { 'content-encoding': 'deflate, gzip' })).status).toBe(415);
    const anon = await relay.app.request(SYNC_PATH, {
      method: 'POST',
      headers: { 'content-type': SYNC_CONTENT_TYPE },
      body,
    });
    expect(anon.status).toBe(401);
    const forged = await post(body, { authorization: 'Bearer forged-token' });
    expect(forged.status).toBe(401);
    // The same frame, well formed, goes through.
    expect((await post(body)).status).toBe(200);
  });

  it('refuses corrupt gzip with 400 and gzip bombs with 413, without inflating them', async () => {
    const before = storedState();
    const good = gzipSync(frame({}));
    expect((await post(good, { 'content-encoding': 'gzip' })).status).toBe(200);
    for (let i = 0; i < 50; i++) {
      const bad = good.slice();
      const at = 10 + int(bad.length - 10);
      bad[at] = bad[at]! ^ (1 + int(255));
      const cut = good.slice(0, int(good.length));
      for (const body of [bad, cut, bytes(1 + int(100))]) {
        const res = await post(body, { 'content-encoding': 'gzip' });
        // gzip checks its CRC: a flipped byte past the header never inflates cleanly.
        expect(res.status).toBe(400);
      }
    }
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    // 1 GiB of zeros is about 1 MB compressed: refused once inflation passes the limit.
    const bomb = gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
    for (let i = 0; i < 3; i++) {
      const res = await post(bomb, { 'content-encoding': 'gzip' });
      expect(res.status).toBe(413);
      expect(await codeOf(res)).toBe('payload_too_large');
    }
    gc();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
    expect(storedState()).toEqual(before);
  });

  it('refuses a body over MAX_REQUEST_BYTES before reading it whole', async () => {
    // Announced: refused from the header, nothing read.
    let pulled = 0;
    const chunk = new Uint8Array(256 * 1024);
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
    const announced = await post(endless(), { 'content-length': String(MAX_REQUEST_BYTES + 1) }, {
      duplex: 'half',
    } as RequestInit);
    expect(announced.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(MAX_REQUEST_BYTES / 8);
    // Streamed without a length: reading stops soon after the limit.
    pulled = 0;
    const streamed = await post(endless(), {}, { duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await codeOf(streamed)).toBe('payload_too_large');
    expect(pulled).toBeLessThan(MAX_REQUEST_BYTES + 4 * chunk.byteLength);
  });
});
