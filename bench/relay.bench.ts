/**
 * bench:relay — 200 simulated devices push small updates concurrently for 30 s
 * on loopback (closed loop: each device pushes its next edit once the previous
 * one is acknowledged): accepted updates per second, p50 and p99 latency. Then
 * every acknowledged update is looked for in SQLite. The same workload against
 * Hocuspocus with its SQLite extension (its default store debounce), whose
 * acknowledgement is sent before anything is written: its database is read at
 * the end of the run, as a crash would leave it, and again after a clean stop.
 *
 * The relay runs in this process, the devices in a child process (2 cores: one
 * each). Env: DEVICES (default 200), DURATION (seconds, default 30).
 * Measures only; never asserts. Last line: one JSON object.
 */
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQLite } from '@hocuspocus/extension-sqlite';
import * as Y from 'yjs';
import { SyncRepo } from '../sync-server/src/repo/sync-repo.ts';
import type { LoadConfig, LoadResult } from './lib/relay-load.ts';
import { peerVersion, startPeer } from './lib/peer.ts';
import { startRelay } from './lib/relay.ts';
import { LOAD_ROOT, benchDirectory } from './lib/workload.ts';
import { sampleQuestionnaireId } from './lib/questionnaire-sample.ts';

const DEVICES = Number(process.env.DEVICES ?? 200);
const DURATION_S = Number(process.env.DURATION ?? 30);
/** Which sides to run (default both); the ratio needs both. */
const SIDES = (process.env.SIDES ?? 'ours,peer').split(',');
/**
 * Diagnostic only: overrides the relay's `synchronous` pragma (it opens with FULL)
 * to show how much of its time is the fsync of each commit. Unset in real runs.
 */
const DIAG_SYNCHRONOUS = process.env.DIAG_SYNCHRONOUS;

interface SideFigures {
  accepted: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Acknowledged updates found in the database at the end of the run. */
  committedAtEnd: number;
  /** …and after a clean shutdown (the peer flushes its debounced stores). */
  committedAfterStop: number;
  /** CPU time of the relay's process (user + system) per accepted update, in ms. */
  cpuMsPerUpdate: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function load(cfg: LoadConfig): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./lib/relay-load.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(cfg)], { execArgv: ['--import', 'tsx'] });
    let result: LoadResult | null = null;
    child.on('message', (m) => (result = m as LoadResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

/** Runs the load and measures this process's (the relay's) CPU time meanwhile. */
async function measured(cfg: LoadConfig): Promise<{ r: LoadResult; cpuMs: number }> {
  const before = process.cpuUsage();
  const r = await load(cfg);
  const used = process.cpuUsage(before);
  return { r, cpuMs: (used.user + used.system) / 1000 };
}

function figures(
  r: LoadResult,
  cpuMs: number,
): Omit<SideFigures, 'committedAtEnd' | 'committedAfterStop'> {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const accepted = r.acked.reduce((s, n) => s + n, 0);
  return {
    accepted,
    perSecond: accepted / (r.windowMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: r.errors,
    cpuMsPerUpdate: cpuMs / Math.max(1, accepted),
  };
}

/** Keys the stored document holds, per device: each acknowledged update added one. */
function countKeys(state: Uint8Array | null): number {
  if (!state) return 0;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const n = [...doc.getMap(LOAD_ROOT).keys()].filter((k) => k.startsWith('k')).length;
  doc.destroy();
  return n;
}

function committed(acked: number[], stored: number[]): number {
  return acked.reduce((s, n, i) => s + Math.min(n, stored[i] ?? 0), 0);
}

const docIds = Array.from({ length: DEVICES }, (_, i) => sampleQuestionnaireId(`s${i}`, 0, 2026));

async function runOurs(dir: string): Promise<SideFigures & { rows: number }> {
  const path = join(dir, 'ours.db');
  const relay = await startRelay(path, benchDirectory(DEVICES, 10));
  if (DIAG_SYNCHRONOUS) {
    relay.relay.db.sqlite.pragma(`synchronous = ${DIAG_SYNCHRONOUS}`);
    console.log(
      `  ours: DIAGNOSTIC RUN with synchronous = ${DIAG_SYNCHRONOUS}, not the relay's setting`,
    );
  }
  const devices: LoadConfig['devices'] = [];
  for (let i = 0; i < DEVICES; i++) {
    relay.addUser(`teacher${i}`, [{ role: 'teacher', schoolId: `s${i}` }]);
    devices.push({ docId: docIds[i]!, token: await relay.login(`teacher${i}`, 'phone') });
  }
  const rowsBefore = relay.relay.db.sqlite
    .prepare(
      // Folded rows move to update_history: count both.
      'SELECT (SELECT count(*) FROM updates) + (SELECT count(*) FROM update_history) AS n',
    )
    .get() as {
    n: number;
  };
  const { r, cpuMs } = await measured({
    side: 'ours',
    port: relay.port,
    durationMs: DURATION_S * 1000,
    devices,
  });
  const f = figures(r, cpuMs);
  // Read the file through a second connection, as a restarted relay would.
  const check = new Database(path, { readonly: true });
  const rows =
    (
      check
        .prepare(
          'SELECT (SELECT count(*) FROM updates) + (SELECT count(*) FROM update_history) AS n',
        )
        .get() as { n: number }
    ).n - rowsBefore.n;
  check.close();
  const repo = new SyncRepo(relay.relay.db);
  const stored = docIds.map((id) => {
    const d = repo.loadDoc(id);
    const doc = new Y.Doc();
    if (d.snapshot) Y.applyUpdate(doc, d.snapshot);
    for (const t of d.tail) Y.applyUpdate(doc, t.data);
    return countKeys(Y.encodeStateAsUpdate(doc));
  });
  const atEnd = committed(r.acked, stored);
  await relay.close();
  if (r.firstError) console.log(`  ours: ${r.errors} failed requests, first: ${r.firstError}`);
  return { ...f, committedAtEnd: atEnd, committedAfterStop: atEnd, rows };
}

async function runPeer(dir: string): Promise<SideFigures> {
  const path = join(dir, 'peer.db');
  const peer = await startPeer(new SQLite({ database: path }));
  const devices = docIds.map((docId, i) => ({ docId, token: `teacher${i}` }));
  const { r, cpuMs } = await measured({
    side: 'peer',
    port: peer.port,
    durationMs: DURATION_S * 1000,
    devices,
  });
  const f = figures(r, cpuMs);
  const read = () => {
    const db = new Database(path, { readonly: true });
    const q = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?');
    const out = docIds.map((id) => countKeys(q.get(id)?.data ?? null));
    db.close();
    return out;
  };
  const atEnd = committed(r.acked, read());
  await peer.close();
  const afterStop = committed(r.acked, read());
  return { ...f, committedAtEnd: atEnd, committedAfterStop: afterStop };
}

const fmt = (x: number) => x.toFixed(1);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opora-bench-relay-'));
  const version = peerVersion('@hocuspocus/server');
  console.log(
    `bench:relay — ${DEVICES} devices, ${DURATION_S} s each side, loopback; load average at start ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (2 cores; other work on the machine skews this)`,
  );
  try {
    const ours = SIDES.includes('ours') ? await runOurs(dir) : null;
    if (ours)
      console.log(
        `  ours: ${ours.accepted} updates accepted, ${fmt(ours.perSecond)}/s, p50 ${fmt(ours.p50)} ms, p99 ${fmt(ours.p99)} ms; ${ours.committedAtEnd} of ${ours.accepted} acknowledged updates found in SQLite (${ours.rows} log rows), ${ours.errors} failed requests; relay CPU ${ours.cpuMsPerUpdate.toFixed(2)} ms per update`,
      );
    const peer = SIDES.includes('peer') ? await runPeer(dir) : null;
    if (peer)
      console.log(
        `  peer (Hocuspocus ${version} + extension-sqlite, store debounce 2 s): ${peer.accepted} updates acknowledged, ${fmt(peer.perSecond)}/s, p50 ${fmt(peer.p50)} ms, p99 ${fmt(peer.p99)} ms; in SQLite at the end of the run: ${peer.committedAtEnd} of ${peer.accepted} (${peer.accepted - peer.committedAtEnd} acknowledged but not written), after a clean stop: ${peer.committedAfterStop}; server CPU ${peer.cpuMsPerUpdate.toFixed(2)} ms per update`,
      );
    const ratio = ours && peer ? ours.perSecond / peer.perSecond : null;
    if (ours && peer && ratio !== null)
      console.log(
        `  ours/peer throughput ${ratio.toFixed(2)}×; p50 ${fmt(ours.p50 / peer.p50)}×, p99 ${fmt(ours.p99 / peer.p99)}× the peer's latency`,
      );
    const round = (x: number | undefined) => (x === undefined ? null : Number(x.toFixed(2)));
    console.log(
      JSON.stringify({
        bench: 'relay',
        devices: DEVICES,
        durationS: DURATION_S,
        accepted: ours?.accepted ?? null,
        perSecond: round(ours?.perSecond),
        p50Ms: round(ours?.p50),
        p99Ms: round(ours?.p99),
        committed: ours?.committedAtEnd ?? null,
        cpuMsPerUpdate: round(ours?.cpuMsPerUpdate),
        peerAccepted: peer?.accepted ?? null,
        peerPerSecond: round(peer?.perSecond),
        peerP50Ms: round(peer?.p50),
        peerP99Ms: round(peer?.p99),
        peerCommittedAtEnd: peer?.committedAtEnd ?? null,
        peerCommittedAfterStop: peer?.committedAfterStop ?? null,
        peerCpuMsPerUpdate: round(peer?.cpuMsPerUpdate),
        ratio: ratio === null ? null : round(ratio),
        peer: `@hocuspocus/server@${version} @hocuspocus/extension-sqlite@${peerVersion('@hocuspocus/extension-sqlite')}`,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
