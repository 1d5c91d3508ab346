/**
 * Convergence property test of transfer without a network (issue 6, "Tests").
 *
 * Each schedule is a seeded random run of the relay (SQLite in memory +
 * SyncService with tiny compaction thresholds) and four devices: the school
 * coordinator's PC in a village that never reaches the relay, a teacher of the
 * same school now and then online, the curator of that school and another one,
 * and a teacher of the other school. Devices edit offline, export files
 * (full, or cut against the receiver's state vector remembered from the last
 * file it sent, with or without the unacknowledged outbox), import files from a
 * pool that keeps every file ever made (so files arrive stale, twice, in any
 * order, and at devices they were not cut for), restart, and sync with the
 * real engine (`syncOnce`) through the in-process relay.
 *
 * At the end the village PC hands a full file to the curator, everyone who can
 * syncs until quiet, and the curator hands a full file back. Then:
 * - every edit ever made and not later deleted is on the relay;
 * - every device holds exactly the documents it may read that the relay has,
 *   each equal to the relay's in content and state vector, none waiting on
 *   missing structs;
 * - the only refusals are the relay's `forbidden` for changes a device queued
 *   with the forward policy 'all' on a document its user may not write, and the
 *   refused content stays on that device.
 *
 * Replay a failing seed: `SEED=<n> npx vitest run --project sync-server src/transfer.property.test.ts`.
 * `SCHEDULES=<n>` runs more schedules, `STEPS=<n>` longer ones.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AckCode, syncOnce, type Change, type Membership, type SyncStore } from '@opora/shared';
import {
  exportTransfer,
  importTransfer,
  knownVectorsOf,
  type ForwardPolicy,
} from '@opora/shared/transfer/exchange';
import { MemoryTransferStore, REMOTE_ORIGIN } from '@opora/shared/transfer/memory-store';
import { SyncService } from './services/sync.ts';
import { sessionFor } from './testing/fixture.ts';
import { MemoryRelay, kindOf, rootsOf } from './testing/memory-relay.ts';
import { Rng, deleteRandomKey, describeDoc, mulberry32, scheduleFailure } from './testing/sim.ts';
import type { Session } from './context.ts';

const SCHEDULES = Number(process.env.SCHEDULES ?? 300);
const STEPS = Number(process.env.STEPS ?? 40);
const ONLY_SEED = process.env.SEED === undefined ? undefined : Number(process.env.SEED);

type Reach = 'never' | 'sometimes' | 'always';

const USERS: { id: string; name: string; memberships: Membership[]; reach: Reach }[] = [
  {
    id: 'sc1',
    name: 'Директор школы s1',
    memberships: [{ role: 'school_coordinator', schoolId: 's1' }],
    reach: 'never',
  },
  {
    id: 't1',
    name: 'Учитель школы s1',
    memberships: [{ role: 'teacher', schoolId: 's1' }],
    reach: 'sometimes',
  },
  {
    id: 'cur',
    name: 'Куратор',
    memberships: [
      { role: 'curator', schoolId: 's1' },
      { role: 'curator', schoolId: 's2' },
    ],
    reach: 'sometimes',
  },
  {
    id: 't2',
    name: 'Учитель школы s2',
    memberships: [{ role: 'teacher', schoolId: 's2' }],
    reach: 'always',
  },
];

const DOCS = [
  'school:s1:questionnaire:risk_diagnostic:2026-entry',
  'school:s1:roadmap:2026',
  'school:s1:visit:v1',
  'school:s2:questionnaire:risk_diagnostic:2026-entry',
  'school:s2:visit:v1',
];

/** Every edit: map keys set (and deleted), list items inserted (and deleted). */
class Model {
  readonly keys = new Map<string, Map<string, string>>();
  readonly items = new Map<string, Map<string, Set<string>>>();
  setKey(docId: string, root: string, key: string, value: string): void {
    let m = this.keys.get(docId);
    if (!m) this.keys.set(docId, (m = new Map()));
    m.set(`${root}/${key}`, value);
  }
  deleteKey(docId: string, root: string, key: string): void {
    this.keys.get(docId)?.delete(`${root}/${key}`);
  }
  itemsOf(docId: string, root: string): Set<string> {
    let m = this.items.get(docId);
    if (!m) this.items.set(docId, (m = new Map()));
    let s = m.get(root);
    if (!s) m.set(root, (s = new Set()));
    return s;
  }
  touched(): Set<string> {
    return new Set([...this.keys.keys(), ...this.items.keys()]);
  }
}

interface TransferFile {
  from: number;
  bytes: Uint8Array;
}

interface Counters {
  edits: number;
  exports: number;
  diffExports: number;
  imports: number;
  docsUpdated: number;
  docsUnchanged: number;
  docsRefusedOnImport: number;
  staleDiffsRefused: number;
  syncs: number;
  relayRefusals: number;
}

class Device {
  readonly store: MemoryTransferStore;
  readonly sync: SyncStore;
  cursor = '';
  online: boolean;
  /** What each peer held, from the last file it sent here (peer index → docId → vector). */
  readonly peerVectors = new Map<number, Map<string, Uint8Array>>();
  /** Docs for which this device queued changes it may not write (forward 'all'). */
  readonly queuedUnwritable = new Set<string>();
  readonly refusals: { docId: string; code: AckCode }[] = [];

  constructor(
    readonly index: number,
    readonly session: Session,
    readonly name: string,
    readonly reach: Reach,
    nextClientId: () => number,
    private readonly relay: () => SyncService,
  ) {
    this.store = new MemoryTransferStore(nextClientId);
    this.online = reach === 'always';
    this.sync = {
      loadCursor: () => Promise.resolve(this.cursor),
      pendingUpdates: () => Promise.resolve(this.store.pending().map((e) => ({ ...e }))),
      applyChanges: (changes: Change[], cursor: string) => {
        for (const c of changes) Y.applyUpdate(this.store.doc(c.docId), c.update, REMOTE_ORIGIN);
        this.cursor = cursor;
        return Promise.resolve();
      },
      acknowledge: (ids: number[]) => {
        const done = new Set(ids);
        this.store.outbox = this.store.outbox.filter((e) => !done.has(e.id));
        return Promise.resolve();
      },
      refuse: (ids: number[], docId: string, code: AckCode) => {
        for (const id of ids) this.store.refused.add(id);
        this.refusals.push({ docId, code });
        return Promise.resolve();
      },
      requeueAll: () => {
        for (const [docId, doc] of this.store.docs)
          this.store.enqueue(docId, Y.encodeStateAsUpdate(doc));
        return Promise.resolve();
      },
    };
  }

  get writable(): string[] {
    return DOCS.filter((id) => this.session.scope.canWrite(id));
  }

  readonly transport = (body: Uint8Array): Promise<Uint8Array> =>
    Promise.resolve(this.relay().handle(this.session, body));
}

async function runSchedule(seed: number, c: Counters): Promise<void> {
  const rng = new Rng(mulberry32(seed));
  const relay = new MemoryRelay({
    backgroundCompaction: false,
    compactRows: 3,
    compactBytes: 1024,
  });
  const model = new Model();
  let clientId = 1;
  let token = 1;
  let clock = 1_773_000_000_000;
  const devices = USERS.map(
    (u, i) =>
      new Device(
        i,
        sessionFor(u.id, u.memberships, `${u.id}-dev`),
        u.name,
        u.reach,
        () => clientId++,
        () => relay.service,
      ),
  );
  const pool: TransferFile[] = [];

  const edit = (d: Device) => {
    const docId = rng.pick(d.writable);
    const doc = d.store.localDoc(docId);
    const kind = kindOf(docId);
    const maps = rootsOf(kind, 'map');
    const arrays = rootsOf(kind, 'array');
    const op = rng.int(4);
    if (op === 0) {
      const root = rng.pick(maps);
      const key = `k${d.index}.${token++}`;
      const value = `v${token++}`;
      doc.getMap(root).set(key, value);
      model.setKey(docId, root, key, value);
    } else if (op === 1) {
      const deleted = deleteRandomKey(rng, doc, maps);
      if (!deleted) return;
      model.deleteKey(docId, ...deleted);
    } else if (op === 2) {
      const root = rng.pick(arrays);
      const arr = doc.getArray<string>(root);
      const item = `i${d.index}.${token++}`;
      arr.insert(rng.int(arr.length + 1), [item]);
      model.itemsOf(docId, root).add(item);
    } else {
      const root = rng.pick(arrays);
      const arr = doc.getArray<string>(root);
      if (arr.length === 0) return;
      const at = rng.int(arr.length);
      model.itemsOf(docId, root).delete(arr.get(at));
      arr.delete(at, 1);
    }
    c.edits++;
  };

  const exportFrom = async (d: Device, full: boolean) => {
    const held = [...d.store.docs.keys()];
    if (held.length === 0) return;
    const docIds = full || rng.chance(0.5) ? held : held.filter(() => rng.chance(0.6));
    // Mostly to a peer whose state is known from a file it sent, so the file can be a diff.
    const others = devices.filter((p) => p !== d);
    const knownPeers = others.filter((p) => d.peerVectors.has(p.index));
    const peer = rng.pick(knownPeers.length > 0 && rng.chance(0.8) ? knownPeers : others);
    const known = full || rng.chance(0.3) ? undefined : d.peerVectors.get(peer.index);
    const file = await exportTransfer(d.store, {
      docIds,
      sender: { userId: d.session.userId, userName: d.name, deviceId: d.session.deviceId },
      knownVectors: known,
      includeUnacknowledged: rng.chance(0.5),
      now: clock++,
    });
    c.exports++;
    if (file.manifest.documents.some((e) => e.base === 'diff')) c.diffExports++;
    pool.push({ from: d.index, bytes: file.bytes });
    return file.bytes;
  };

  const importInto = async (d: Device, file: TransferFile, policy: ForwardPolicy) => {
    const report = await importTransfer(file.bytes, d.store, {
      access: d.session.scope,
      forward: policy,
    });
    c.imports++;
    for (const doc of report.documents) {
      if (doc.status === 'refused') {
        c.docsRefusedOnImport++;
        if (doc.refusal?.code === 'missingDependencies') c.staleDiffsRefused++;
        // Only what the user may not read, or a diff cut for a state this device lacks.
        expect(['forbidden', 'missingDependencies']).toContain(doc.refusal?.code);
        if (doc.refusal?.code === 'forbidden')
          expect(d.session.scope.canRead(doc.docId)).toBe(false);
      } else if (doc.status === 'unchanged') c.docsUnchanged++;
      else {
        c.docsUpdated++;
        if (doc.forward === 'relayDecides') {
          expect(d.session.scope.canWrite(doc.docId)).toBe(false);
          d.queuedUnwritable.add(doc.docId);
        } else if (doc.forward === 'queued') expect(d.session.scope.canWrite(doc.docId)).toBe(true);
      }
    }
    if (file.from !== d.index) d.peerVectors.set(file.from, knownVectorsOf(report.manifest));
  };

  const syncDevice = async (d: Device) => {
    await syncOnce(d.sync, d.transport, { maxBytes: rng.chance(0.3) ? 1024 : 0 });
    c.syncs++;
  };

  try {
    for (let step = 0; step < STEPS; step++) {
      const r = rng.next();
      const d = rng.pick(devices);
      if (r < 0.3) edit(d);
      else if (r < 0.45) await exportFrom(d, false);
      else if (r < 0.65 && pool.length > 0) {
        // Any file of the pool: stale, repeated, not cut for this device, in any order.
        const file = rng.chance(0.3) ? pool[pool.length - 1]! : rng.pick(pool);
        await importInto(d, file, rng.chance(0.25) ? 'all' : 'writable');
        if (rng.chance(0.1)) await importInto(d, file, 'writable');
      } else if (r < 0.82) {
        if (d.online) await syncDevice(d);
      } else if (r < 0.9) {
        if (d.reach === 'sometimes') d.online = !d.online;
      } else if (r < 0.95) d.store.restart();
      else if (r < 0.97) relay.restart();
      else {
        for (const id of relay.docIds()) relay.service.markDirty(id);
        relay.service.compactNow(true);
      }
    }

    // Heal: the village PC sends everything with the curator, everyone who can syncs, and the
    // curator brings everything back.
    const curator = devices.find((d) => d.session.userId === 'cur')!;
    const village = devices.filter((d) => d.reach === 'never');
    for (const v of village) {
      const bytes = await exportFrom(v, true);
      if (bytes) await importInto(curator, { from: v.index, bytes }, 'writable');
    }
    const online = devices.filter((d) => d.reach !== 'never');
    let quiet = false;
    for (let round = 0; round < 6 && !quiet; round++) {
      quiet = true;
      for (const d of online) {
        const report = await syncOnce(d.sync, d.transport);
        c.syncs++;
        if (report.pushedDocs + report.receivedChanges > 0) quiet = false;
      }
    }
    expect(quiet, 'syncing never went quiet').toBe(true);
    const back = await exportFrom(curator, true);
    for (const v of village)
      if (back) await importInto(v, { from: curator.index, bytes: back }, 'writable');

    // Nothing lost: every edit not later deleted is on the relay.
    const stored = relay.docIds();
    expect(
      [...model.touched()].filter((id) => !stored.includes(id)),
      'edited documents missing on the relay',
    ).toEqual([]);
    const relayView = new Map<string, string>();
    for (const docId of stored) {
      const doc = relay.storedDoc(docId);
      const kind = kindOf(docId);
      const keys = new Map<string, string>();
      for (const root of rootsOf(kind, 'map'))
        for (const [k, v] of doc.getMap(root).entries())
          if (k.startsWith('k')) keys.set(`${root}/${k}`, String(v));
      expect(keys, `${docId}: map keys on the relay`).toEqual(model.keys.get(docId) ?? new Map());
      for (const root of rootsOf(kind, 'array'))
        expect(new Set(doc.getArray<string>(root).toArray()), `${docId}: ${root}`).toEqual(
          model.items.get(docId)?.get(root) ?? new Set(),
        );
      relayView.set(docId, describeDoc(doc, kindOf(docId)));
      doc.destroy();
    }
    // All converge on what each may read.
    for (const d of devices) {
      const who = d.session.deviceId;
      expect([...d.store.docs.keys()].sort(), `${who}: documents held`).toEqual(
        stored.filter((id) => d.session.scope.canRead(id)),
      );
      for (const [docId, doc] of d.store.docs) {
        expect(doc.store.pendingStructs, `${who} ${docId}: pending structs`).toBeNull();
        expect(doc.store.pendingDs, `${who} ${docId}: pending deletes`).toBeNull();
        expect(describeDoc(doc, kindOf(docId)), `${who} ${docId}`).toBe(relayView.get(docId));
      }
      // The relay refused only what this user may not write and this device chose to forward;
      // the refused entries stay on the device.
      for (const r of d.refusals) {
        expect(r.code, `${who} ${r.docId}`).toBe(AckCode.forbidden);
        expect(d.queuedUnwritable.has(r.docId), `${who} ${r.docId} refused`).toBe(true);
        c.relayRefusals++;
      }
      if (d.reach !== 'never')
        expect(
          d.store.outbox.every((e) => d.store.refused.has(e.id)),
          `${who}: unacknowledged entries left`,
        ).toBe(true);
      for (const id of d.store.refused)
        expect(
          d.store.outbox.some((e) => e.id === id),
          `${who}: refused entry kept`,
        ).toBe(true);
    }
  } catch (e) {
    const replay = `SEED=${seed} npx vitest run --project sync-server src/transfer.property.test.ts`;
    throw scheduleFailure(seed, replay, e);
  } finally {
    for (const d of devices) for (const doc of d.store.docs.values()) doc.destroy();
    relay.close();
  }
}

describe('transfer without a network converges', () => {
  it(`over ${ONLY_SEED ?? SCHEDULES} seeded schedule(s) of files and syncs`, async () => {
    const seeds =
      ONLY_SEED === undefined ? Array.from({ length: SCHEDULES }, (_, i) => i + 1) : [ONLY_SEED];
    const c: Counters = {
      edits: 0,
      exports: 0,
      diffExports: 0,
      imports: 0,
      docsUpdated: 0,
      docsUnchanged: 0,
      docsRefusedOnImport: 0,
      staleDiffsRefused: 0,
      syncs: 0,
      relayRefusals: 0,
    };
    for (const seed of seeds) await runSchedule(seed, c);
    if (process.env.TRANSFER_STATS) console.log(JSON.stringify(c));
    // The schedules exercised the interesting paths, not only the happy one.
    expect(c.edits).toBeGreaterThan(seeds.length * 3);
    if (seeds.length >= 100) {
      expect(c.diffExports).toBeGreaterThan(0);
      expect(c.docsUnchanged).toBeGreaterThan(0);
      expect(c.docsRefusedOnImport).toBeGreaterThan(0);
      expect(c.staleDiffsRefused).toBeGreaterThan(0);
      expect(c.relayRefusals).toBeGreaterThan(0);
    }
  });
});
