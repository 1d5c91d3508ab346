/**
 * The load generator of bench:relay, run in its own process so it does not
 * share the relay's event loop or core: simulated devices, each editing its own
 * document and pushing one small update at a time (closed loop: the next edit
 * is pushed once the previous one is acknowledged). Reports, through IPC, every
 * acknowledgement's latency and how many each device got acknowledged.
 *
 * Ours: the real client engine (syncOnce over HTTP with an in-memory store).
 * Peer: one Hocuspocus provider per device on its own socket; an update counts
 * as acknowledged when the provider has no unsynced change left (the server's
 * SyncStatus).
 */
import * as Y from 'yjs';
import { initDocMeta, syncOnce } from '@opora/shared';
import { MemoryStore } from './memory-store.ts';
import { connectDevice, until } from './peer.ts';
import { httpTransport } from './relay.ts';
import { LOAD_ROOT } from './workload.ts';

/** What the parent passes (argv[2], JSON). */
export interface LoadConfig {
  side: 'ours' | 'peer';
  port: number;
  durationMs: number;
  devices: { docId: string; token: string }[];
}

/** What the child reports. */
export interface LoadResult {
  windowMs: number;
  latencies: number[];
  acked: number[];
  errors: number;
  firstError: string | null;
}

let counter = 0;
/** One small edit: a new answer key, so the relay's copy can be counted. */
function edit(doc: Y.Doc, n: number): void {
  doc.getMap(LOAD_ROOT).set(`k${n}`, `ответ ${n} ${counter++}`);
}

async function runOurs(cfg: LoadConfig): Promise<LoadResult> {
  const latencies: number[] = [];
  const acked = cfg.devices.map(() => 0);
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const deadline = start + cfg.durationMs;
  await Promise.all(
    cfg.devices.map(async (d, i) => {
      const store = new MemoryStore();
      const doc = store.doc(d.docId);
      initDocMeta(doc, 'questionnaire');
      const transport = httpTransport(cfg.port, d.token);
      let n = 0;
      while (performance.now() < deadline) {
        edit(doc, n);
        const t0 = performance.now();
        try {
          const report = await syncOnce(store, transport);
          latencies.push(performance.now() - t0);
          if (report.acknowledged > 0 && store.outboxSize === 0) {
            acked[i] = n + 1;
            n++;
          }
        } catch (e) {
          errors++;
          firstError ??= e instanceof Error ? e.message : String(e);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }),
  );
  return { windowMs: performance.now() - start, latencies, acked, errors, firstError };
}

async function runPeer(cfg: LoadConfig): Promise<LoadResult> {
  const latencies: number[] = [];
  const acked = cfg.devices.map(() => 0);
  const devices = cfg.devices.map((d) => {
    const doc = new Y.Doc();
    initDocMeta(doc, 'questionnaire');
    return { doc, conn: connectDevice(cfg.port, new Map([[d.docId, doc]]), d.token) };
  });
  await until(() => devices.every((d) => d.conn.settled()), 120_000, 10);
  const start = performance.now();
  const deadline = start + cfg.durationMs;
  await Promise.all(
    devices.map(async ({ doc, conn }, i) => {
      const provider = conn.providers[0]!;
      let n = 0;
      while (performance.now() < deadline) {
        const done = new Promise<void>((resolve) => {
          const on = ({ number }: { number: number }) => {
            if (number === 0) {
              provider.off('unsyncedChanges', on);
              resolve();
            }
          };
          provider.on('unsyncedChanges', on);
        });
        const t0 = performance.now();
        edit(doc, n);
        await done;
        latencies.push(performance.now() - t0);
        acked[i] = n + 1;
        n++;
      }
    }),
  );
  const windowMs = performance.now() - start;
  for (const d of devices) d.conn.destroy();
  return { windowMs, latencies, acked, errors: 0, firstError: null };
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const result = cfg.side === 'ours' ? await runOurs(cfg) : await runPeer(cfg);
process.send?.(result, () => process.exit(0));
