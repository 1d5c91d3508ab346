/**
 * bench:sync — a device holding N filled questionnaires goes offline, edits 5 of
 * them (10 answers, one sentence typed key by key, one status) while 5 others
 * change on the relay through another device, then syncs. Measured at the socket
 * through a loopback proxy that adds a one-way delay: bytes up and down, and
 * round trips (wall time of the sync over the round-trip time). The same for
 * Hocuspocus on the same documents and edits. The limit is the changes' own size
 * as Yjs updates (each changed document's updates merged, local and remote).
 *
 * Env: NS (default "50,500,5000"), DELAY_MS (one-way, default 250).
 * Measures only; never asserts. Last line: one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { syncOnce, type Membership } from '@opora/shared';
import { MemoryStore } from './lib/memory-store.ts';
import { connectDevice, mapStorage, peerVersion, startPeer, until } from './lib/peer.ts';
import { startProxy } from './lib/proxy.ts';
import { directTransport, httpTransport, startRelay } from './lib/relay.ts';
import {
  LOAD_ROOT,
  benchDirectory,
  captureMerged,
  editDoc,
  fillQuestionnaire,
  questionnaireIds,
} from './lib/workload.ts';

const NS = (process.env.NS ?? '50,500,5000').split(',').map((s) => Number(s.trim()));
const DELAY_MS = Number(process.env.DELAY_MS ?? 250);
const PER_SCHOOL = 10;
const EDITED = 5;

interface SideResult {
  up: number;
  down: number;
  ms: number;
  roundTrips: number;
  requests?: number;
}

interface Run {
  n: number;
  docBytes: number;
  limitBytes: number;
  ours: SideResult;
  peer: SideResult;
  peerMsNoDelay: number;
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
/** Wall time over the round-trip time, to the nearest half (one-way delays, halved). */
const rt = (ms: number) => Math.round(ms / DELAY_MS) / 2;

/** Which documents the device edits and which change elsewhere: spread over the N. */
function pickDocs(n: number): { local: number[]; remote: number[] } {
  const local: number[] = [];
  const remote: number[] = [];
  for (let i = 0; i < EDITED; i++) {
    local.push(Math.floor((2 * i * n) / (2 * EDITED)));
    remote.push(Math.floor(((2 * i + 1) * n) / (2 * EDITED)));
  }
  return { local, remote };
}

const schoolOf = (docId: string) => docId.split(':')[1]!;

async function runOurs(
  n: number,
  ids: string[],
  states: Uint8Array[],
  dir: string,
): Promise<{ result: SideResult; limit: number }> {
  const directory = benchDirectory(Math.ceil(n / PER_SCHOOL), 10);
  const relay = await startRelay(join(dir, `ours-${n}.db`), directory);
  const region: Membership[] = [{ role: 'regional_coordinator', regionId: 'bench' }];
  const { local, remote } = pickDocs(n);

  // The documents reach the relay from the schools' own devices.
  relay.addUser('author', region);
  relay.addUser('coord', region);
  const author = new MemoryStore();
  const authorToken = await relay.login('author', 'author-device');
  for (let i = 0; i < n; i++) Y.applyUpdate(author.doc(ids[i]!), states[i]!);
  await syncOnce(author, directTransport(relay.sync, relay.session(authorToken)));
  author.destroy();

  // Device A (a regional coordinator's laptop) holds all N, synced.
  const a = new MemoryStore();
  const aToken = await relay.login('coord', 'coord-laptop');
  await syncOnce(a, directTransport(relay.sync, relay.session(aToken)));

  // Device B (staff of the schools whose documents change elsewhere) holds theirs.
  const bSchools = [...new Set(remote.map((i) => schoolOf(ids[i]!)))];
  const b = new MemoryStore();
  relay.addUser(
    'staff',
    bSchools.map((schoolId) => ({ role: 'school_coordinator', schoolId })),
  );
  const bToken = await relay.login('staff', 'staff-phone');
  await syncOnce(b, directTransport(relay.sync, relay.session(bToken)));

  // Offline: A edits 5 documents; B edits 5 others and syncs them to the relay.
  let limit = 0;
  for (const i of local) {
    const doc = a.doc(ids[i]!);
    limit += captureMerged(doc, () => editDoc(doc, 1000 + i)).byteLength;
  }
  for (const i of remote) {
    const doc = b.doc(ids[i]!);
    limit += captureMerged(doc, () => editDoc(doc, 2000 + i)).byteLength;
  }
  await syncOnce(b, directTransport(relay.sync, relay.session(bToken)));

  // A comes back online: one sync over HTTP through the delaying proxy.
  const proxy = await startProxy(relay.port, DELAY_MS);
  const t0 = performance.now();
  const report = await syncOnce(a, httpTransport(proxy.port, aToken));
  const ms = performance.now() - t0;
  const traffic = { ...proxy.traffic };
  await proxy.close();

  // Sanity (reported, never asserted): A has B's edits, the relay has A's.
  const converged = remote.every(
    (i) =>
      JSON.stringify(a.doc(ids[i]!).getMap(LOAD_ROOT).toJSON()) ===
      JSON.stringify(b.doc(ids[i]!).getMap(LOAD_ROOT).toJSON()),
  );
  if (!converged || report.acknowledged === 0 || a.outboxSize > 0)
    console.log(`  ours: WARNING converged=${converged} outbox=${a.outboxSize}`);
  a.destroy();
  b.destroy();
  await relay.close();
  return {
    result: { up: traffic.up, down: traffic.down, ms, roundTrips: rt(ms), requests: report.rounds },
    limit,
  };
}

async function runPeer(
  n: number,
  ids: string[],
  states: Uint8Array[],
  delayMs: number,
): Promise<SideResult> {
  const stored = new Map<string, Uint8Array>();
  for (let i = 0; i < n; i++) stored.set(ids[i]!, states[i]!);
  const storage = mapStorage(stored);
  const peer = await startPeer(storage.extension);
  const { local, remote } = pickDocs(n);

  // Device A holds all N, synced (the same states as the server's).
  const aDocs = new Map<string, Y.Doc>();
  for (let i = 0; i < n; i++) {
    const d = new Y.Doc();
    Y.applyUpdate(d, states[i]!);
    aDocs.set(ids[i]!, d);
  }
  // Device B changes 5 others on the relay, online.
  const bDocs = new Map<string, Y.Doc>();
  for (const i of remote) {
    const d = new Y.Doc();
    Y.applyUpdate(d, states[i]!);
    bDocs.set(ids[i]!, d);
  }
  const b = connectDevice(peer.port, bDocs, 'staff-token');
  await until(() => b.settled(), 60_000);
  for (const i of remote) {
    const doc = bDocs.get(ids[i]!)!;
    editDoc(doc, 2000 + i);
  }
  await until(() => b.settled(), 60_000);
  const storesBefore = storage.stores();
  b.destroy();
  // unloadImmediately: the last disconnect stores each document at once.
  await until(() => storage.stores() >= storesBefore + EDITED, 60_000);

  // A edited offline (the providers are created when it comes back online:
  // its edits travel in the sync-step diff, the peer's cheapest path).
  for (const i of local) editDoc(aDocs.get(ids[i]!)!, 1000 + i);

  const proxy = await startProxy(peer.port, delayMs);
  const expected = remote.map((i) => ({
    doc: aDocs.get(ids[i]!)!,
    answers: JSON.stringify(bDocs.get(ids[i]!)!.getMap(LOAD_ROOT).toJSON()),
  }));
  const t0 = performance.now();
  const a = connectDevice(proxy.port, aDocs, 'coord-token');
  await until(
    () =>
      a.settled() &&
      expected.every((e) => JSON.stringify(e.doc.getMap(LOAD_ROOT).toJSON()) === e.answers),
    600_000,
    2,
  );
  const ms = performance.now() - t0;
  const traffic = { ...proxy.traffic };
  const serverHasEdits = local.every(
    (i) =>
      JSON.stringify(peer.server.hocuspocus.documents.get(ids[i]!)?.getMap(LOAD_ROOT).toJSON()) ===
      JSON.stringify(aDocs.get(ids[i]!)!.getMap(LOAD_ROOT).toJSON()),
  );
  if (!serverHasEdits) console.log('  peer: WARNING the server does not hold the device edits');
  a.destroy();
  await proxy.close();
  await peer.close();
  for (const d of aDocs.values()) d.destroy();
  for (const d of bDocs.values()) d.destroy();
  return { up: traffic.up, down: traffic.down, ms, roundTrips: rt(ms) };
}

async function main(): Promise<void> {
  const maxN = Math.max(...NS);
  const dir = mkdtempSync(join(tmpdir(), 'opora-bench-sync-'));
  const server = peerVersion('@hocuspocus/server');
  const provider = peerVersion('@hocuspocus/provider');
  console.log(
    `bench:sync — one-way delay ${DELAY_MS} ms; peer: @hocuspocus/server ${server}, @hocuspocus/provider ${provider} on Node ${process.versions.node}`,
  );
  const ids = questionnaireIds(maxN, PER_SCHOOL);
  const states: Uint8Array[] = [];
  for (let i = 0; i < maxN; i++) states.push(fillQuestionnaire(i + 1));
  const runs: Run[] = [];
  try {
    for (const n of NS) {
      const docBytes = states.slice(0, n).reduce((s, u) => s + u.byteLength, 0) / n;
      const ours = await runOurs(n, ids, states, dir);
      const peer = await runPeer(n, ids, states, DELAY_MS);
      // The same sync without the delay: how much of the peer's time is processing.
      const peerNoDelay = await runPeer(n, ids, states, 0);
      const run: Run = {
        n,
        docBytes,
        limitBytes: ours.limit,
        ours: ours.result,
        peer,
        peerMsNoDelay: peerNoDelay.ms,
      };
      runs.push(run);
      report(run);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const last = runs.at(-1)!;
  console.log(
    JSON.stringify({
      bench: 'sync',
      n: last.n,
      bytes: last.ours.up + last.ours.down,
      limitBytes: last.limitBytes,
      roundTrips: last.ours.roundTrips,
      peerBytes: last.peer.up + last.peer.down,
      peerRoundTrips: last.peer.roundTrips,
      delayMs: DELAY_MS,
      peer: `@hocuspocus/server@${server} @hocuspocus/provider@${provider}`,
      runs: runs.map((r) => ({
        n: r.n,
        bytes: r.ours.up + r.ours.down,
        bytesUp: r.ours.up,
        bytesDown: r.ours.down,
        limitBytes: r.limitBytes,
        targetBytes: Math.round(1.25 * r.limitBytes + 1024),
        roundTrips: r.ours.roundTrips,
        requests: r.ours.requests,
        ms: Math.round(r.ours.ms),
        peerBytes: r.peer.up + r.peer.down,
        peerBytesUp: r.peer.up,
        peerBytesDown: r.peer.down,
        peerRoundTrips: r.peer.roundTrips,
        peerMs: Math.round(r.peer.ms),
        peerMsNoDelay: Math.round(r.peerMsNoDelay),
      })),
    }),
  );
}

function report(r: Run): void {
  const ours = r.ours.up + r.ours.down;
  const peer = r.peer.up + r.peer.down;
  const target = 1.25 * r.limitBytes + 1024;
  console.log(
    `N=${r.n} (documents of ${kb(r.docBytes)} each); limit ${kb(r.limitBytes)} = ${EDITED} local + ${EDITED} remote changed documents as merged Yjs updates`,
  );
  console.log(
    `  ours: ${kb(ours)} (up ${kb(r.ours.up)}, down ${kb(r.ours.down)}) = ${(ours / r.limitBytes).toFixed(2)}× limit, target ≤ ${kb(target)}: ${ours <= target ? 'met' : 'MISSED'}; ${r.ours.roundTrips} round trips (${r.ours.requests} request${r.ours.requests === 1 ? '' : 's'}, ${Math.round(r.ours.ms)} ms)`,
  );
  console.log(
    `  peer: ${kb(peer)} (up ${kb(r.peer.up)}, down ${kb(r.peer.down)}) = ${(peer / r.limitBytes).toFixed(2)}× limit; ${r.peer.roundTrips} round trips (${Math.round(r.peer.ms)} ms; ${Math.round(r.peerMsNoDelay)} ms with no delay)`,
  );
  console.log(
    `  peer/ours: bytes ${(peer / ours).toFixed(1)}×, round trips ${(r.peer.roundTrips / r.ours.roundTrips).toFixed(1)}×`,
  );
}

await main();
