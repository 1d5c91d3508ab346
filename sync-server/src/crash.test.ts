/**
 * Crash test (issue 2, "Tests"): the real relay process (`main.ts`, demo region,
 * a database file) serves several devices that push concurrently over HTTP; it is
 * killed with SIGKILL while requests are in flight, several times, and restarted
 * on the same database. After each restart, before any device retries, every
 * update the relay had acknowledged must be there (read back by a device that
 * never pushes). Then the devices' retries must converge: every device equals
 * the relay for everything it may read, and no edit is lost.
 *
 * Devices run the real sync engine (`syncOnce`) over an in-memory store. Nothing
 * sleeps: each step waits for a condition (the relay's log line, a count of
 * acknowledgements with requests in flight, the process's exit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AccessScope,
  SYNC_CONTENT_TYPE,
  SYNC_PATH,
  directoryFromSnapshot,
  initDocMeta,
  parseDocId,
  syncOnce,
  type AckCode,
  type Change,
  type DocKind,
  type SyncStore,
  type Transport,
} from '@opora/shared';
import { DEMO_DIRECTORY, DEMO_LOGINS } from './demo/seed.ts';
import type { LoginResponse } from './routes/auth.ts';
import { runTs, type Spawned } from './testing/spawn.ts';
import { describeDoc, mulberry32 } from './testing/sim.ts';

const dir = mkdtempSync(join(tmpdir(), 'opora-crash-'));
const databasePath = join(dir, 'relay.db');
const running: Spawned[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const SCHOOL = 'zar-sosh-3';
const DOCS = [
  `school:${SCHOOL}:questionnaire:risk_diagnostic:2026-entry`,
  `school:${SCHOOL}:questionnaire:school_environment:2026-entry`,
  `school:${SCHOOL}:roadmap:2026`,
  `partnership:zar-sosh-1:${SCHOOL}:2026`,
  'school:oz-sosh-5:questionnaire:risk_diagnostic:2026-entry',
];
/** A map root of each kind the edits write into. */
const ROOT: Partial<Record<DocKind, string>> = {
  questionnaire: 'status', // answers must fit the form (documents/content.ts)
  roadmap: 'report',
  tutoring: 'agreement',
};
const CYCLES = 3;
const rand = mulberry32(Number(process.env.SEED ?? 7));

function kindOf(docId: string): DocKind {
  return parseDocId(docId)!.kind;
}

/** Starts the relay on a free port over the test's database; resolves with its URL. */
async function startRelay(): Promise<{ proc: Spawned; url: string }> {
  const proc = runTs('main.ts', [], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    WEB_ROOT: dir,
    DEMO: '1',
  });
  running.push(proc);
  const [, url] = await proc.waitFor(/(http:\/\/127\.0\.0\.1:\d+)/);
  return { proc, url: url! };
}

interface Entry {
  id: number;
  docId: string;
  update: Uint8Array;
  /** The edit this local transaction made. */
  edit: string;
}

/** A device: the real sync engine over memory, pushing to whichever relay is up. */
class Device {
  readonly docs = new Map<string, Y.Doc>();
  outbox: Entry[] = [];
  cursor = '';
  nextId = 1;
  readonly writable: string[];
  readonly readable: (docId: string) => boolean;
  readonly refusals: string[] = [];
  /** Edits the relay acknowledged: they must survive any crash. */
  readonly acked = new Set<string>();
  readonly edits = new Set<string>();
  readonly store: SyncStore;

  constructor(
    readonly name: string,
    readonly token: string,
    readonly scope: AccessScope,
  ) {
    this.writable = DOCS.filter((d) => scope.canWrite(d));
    this.readable = (d) => scope.canRead(d);
    this.store = {
      loadCursor: () => Promise.resolve(this.cursor),
      pendingUpdates: () => Promise.resolve([...this.outbox]),
      applyChanges: (changes: Change[], cursor: string) => {
        for (const c of changes) {
          if (!this.readable(c.docId)) throw new Error(`${name} got ${c.docId}, out of scope`);
          Y.applyUpdate(this.doc(c.docId), c.update, 'remote');
        }
        this.cursor = cursor;
        return Promise.resolve();
      },
      acknowledge: (ids: number[]) => {
        const done = new Set(ids);
        for (const e of this.outbox) if (done.has(e.id)) this.acked.add(e.edit);
        this.outbox = this.outbox.filter((e) => !done.has(e.id));
        return Promise.resolve();
      },
      refuse: (_ids: number[], docId: string, code: AckCode, message: string) => {
        this.refusals.push(`${docId}: ${code} ${message}`);
        return Promise.resolve();
      },
      requeueAll: () => Promise.reject(new Error('the relay lost history after a crash')),
    };
  }

  /** The edit the current local transaction makes (outbox entries remember it). */
  private currentEdit = '';

  doc(docId: string): Y.Doc {
    let doc = this.docs.get(docId);
    if (doc) return doc;
    doc = new Y.Doc({ guid: docId });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote')
        this.outbox.push({ id: this.nextId++, docId, update, edit: this.currentEdit });
    });
    this.docs.set(docId, doc);
    return doc;
  }

  /** One local edit: a unique key in the document's map root. */
  edit(): void {
    const docId = this.writable[Math.floor(rand() * this.writable.length)]!;
    const doc = this.doc(docId);
    const kind = kindOf(docId);
    const key = `${this.name}-${this.edits.size}`;
    this.currentEdit = `${docId}|${key}`;
    this.edits.add(this.currentEdit);
    doc.transact(() => {
      initDocMeta(doc, kind);
      doc.getMap(ROOT[kind]!).set(key, Math.floor(rand() * 1000));
    });
  }

  /** Edits present in a document set (the relay's, read by another device). */
  static editsIn(docs: Map<string, Y.Doc>): Set<string> {
    const out = new Set<string>();
    for (const [docId, doc] of docs)
      for (const key of doc.getMap(ROOT[kindOf(docId)]!).keys()) out.add(`${docId}|${key}`);
    return out;
  }
}

/**
 * Sends sync frames to the relay at `url()`; throws on a network failure or a
 * non-200. `onSend` runs once the request is under way, with the number of
 * requests of all devices then in flight.
 */
let inflight = 0;
function httpTransport(token: string, url: () => string, onSend?: (n: number) => void): Transport {
  return async (body) => {
    inflight++;
    try {
      const pending = fetch(`${url()}${SYNC_PATH}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': SYNC_CONTENT_TYPE,
          'accept-encoding': 'gzip',
        },
        body,
      });
      onSend?.(inflight);
      const res = await pending;
      if (res.status !== 200) throw new Error(`relay answered ${res.status}: ${await res.text()}`);
      return new Uint8Array(await res.arrayBuffer());
    } finally {
      inflight--;
    }
  };
}

async function login(url: string, loginName: string): Promise<LoginResponse> {
  const user = DEMO_LOGINS.find((u) => u.login === loginName)!;
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user.login, password: user.password, deviceName: loginName }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as LoginResponse;
}

const directory = directoryFromSnapshot(DEMO_DIRECTORY);

describe('relay killed with SIGKILL while devices push', () => {
  it(`keeps every acknowledged update across ${CYCLES} kills, and the retries converge`, async () => {
    let relay = await startRelay();
    const url = () => relay.url;
    const signIn = async (name: string) => {
      const r = await login(relay.url, name);
      return new Device(name, r.token, new AccessScope(r.memberships, directory));
    };
    // Two staff of one school, its curator, the region (all write the same documents).
    const devices = await Promise.all(['teacher', 'director', 'curator', 'region'].map(signIn));
    // Reads everything, never pushes: what it pulls is what the relay holds.
    const reader = await signIn('region');

    let killed = false;
    let killWhenAcked = Infinity;
    const acked = () => devices.reduce((n, d) => n + d.acked.size, 0);
    let killedInFlight = 0;
    const transports = new Map<Device, Transport>();
    for (const d of devices)
      transports.set(
        d,
        httpTransport(d.token, url, (n) => {
          // Mid-push: enough acknowledged, and other requests on the wire right now.
          if (!killed && acked() >= killWhenAcked && n >= 2) {
            killed = true;
            killedInFlight = n;
            relay.proc.child.kill('SIGKILL');
          }
        }),
      );
    const sync = (d: Device) => syncOnce(d.store, transports.get(d)!, { maxPushBytes: 400 });
    /** The edits the relay holds, read by a fresh device that never pushes. */
    const pullAll = async () => {
      const fresh = new Device('reader', reader.token, reader.scope);
      await syncOnce(fresh.store, httpTransport(fresh.token, url));
      return fresh;
    };

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      killed = false;
      killWhenAcked = acked() + 20 + Math.floor(rand() * 40);
      // Each device edits and syncs in a loop until the relay dies under it.
      let failures = 0;
      await Promise.all(
        devices.map(async (d) => {
          while (!killed) {
            for (let i = Math.floor(rand() * 3); i >= 0; i--) d.edit();
            try {
              await sync(d);
            } catch {
              failures++;
            }
          }
        }),
      );
      expect(await relay.proc.exited).toBeNull(); // killed by a signal, not exited
      expect(killedInFlight).toBeGreaterThanOrEqual(2);
      expect(failures).toBeGreaterThan(0);

      relay = await startRelay();
      // Before any device retries: everything acknowledged is there.
      const stored = Device.editsIn((await pullAll()).docs);
      const lost = devices.flatMap((d) => [...d.acked].filter((e) => !stored.has(e)));
      expect(lost, `cycle ${cycle}: acknowledged but lost`).toEqual([]);
    }

    // The devices retry on a calm relay until quiet.
    for (let round = 0, quiet = false; !quiet; round++) {
      expect(round).toBeLessThan(10);
      quiet = true;
      for (const d of devices) {
        const report = await syncOnce(
          d.store,
          httpTransport(d.token, url, () => undefined),
        );
        if (report.pushedDocs + report.receivedChanges > 0) quiet = false;
      }
    }
    const relayView = await pullAll();
    const stored = Device.editsIn(relayView.docs);
    for (const d of devices) {
      expect(d.refusals, d.name).toEqual([]);
      expect(d.outbox, d.name).toEqual([]);
      expect(
        [...d.edits].filter((e) => !stored.has(e)),
        `${d.name}: edits lost`,
      ).toEqual([]);
      expect([...d.docs.keys()].sort(), d.name).toEqual(
        [...relayView.docs.keys()].filter(d.readable).sort(),
      );
      for (const [docId, doc] of d.docs)
        expect(describeDoc(doc, kindOf(docId)), `${d.name} ${docId}`).toBe(
          describeDoc(relayView.docs.get(docId)!, kindOf(docId)),
        );
    }
    expect(acked()).toBeGreaterThan(CYCLES * 20);
    relay.proc.child.kill('SIGTERM');
    expect(await relay.proc.exited).toBe(0);
  });
});
