/**
 * bench:scale — a region of 2,000 schools × 12 documents × 50 updates, generated
 * straight into the relay's database through the sync service (in process, no
 * HTTP): database size; a municipal coordinator's device (about 700 schools)
 * bootstrapping through HTTP with the real client engine, before and after
 * compaction; database size after compaction (every document folded:
 * `markDirty` + `compactNow(true)`), and after VACUUM, since folding clears log
 * rows' data but SQLite keeps the freed pages in the file.
 *
 * Env: SCHOOLS (default 2000), DOCS (per school, default 12), UPDATES (per
 * document, default 50), COORD_SCHOOLS (default 700).
 * Measures only; never asserts. Last line: one JSON object.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import {
  AckCode,
  decodeResponse,
  encodeRequest,
  initDocMeta,
  syncOnce,
  type DirectorySnapshot,
  type Push,
} from '@opora/shared';
import type { Session } from '../sync-server/src/context.ts';
import { MemoryStore } from './lib/memory-store.ts';
import { startProxy } from './lib/proxy.ts';
import { httpTransport, startRelay, type BenchRelay } from './lib/relay.ts';
import { mulberry32 } from '@opora/shared/random';
import { LOAD_ROOT, benchDirectory, phrase } from './lib/workload.ts';
import { sampleQuestionnaireId } from './lib/questionnaire-sample.ts';

const SCHOOLS = Number(process.env.SCHOOLS ?? 2000);
const DOCS = Number(process.env.DOCS ?? 12);
const UPDATES = Number(process.env.UPDATES ?? 50);
const COORD_SCHOOLS = Math.min(Number(process.env.COORD_SCHOOLS ?? 700), SCHOOLS);
/** Documents generated together (kept under the relay's live-document cache of 2000). */
const CHUNK = 1000;
/** Pushes per request of the generator. */
const PUSHES = 500;

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Municipality m0 holds the coordinator's schools; the rest are spread over m1, m2. */
function directory(): DirectorySnapshot {
  const d = benchDirectory(SCHOOLS, 3);
  d.schools.forEach((s, i) => {
    s.municipalityId = i < COORD_SCHOOLS ? 'm0' : `m${1 + (i % 2)}`;
  });
  return d;
}

function docIdsOf(school: number): string[] {
  const ids: string[] = [];
  for (let k = 0; k < DOCS; k++) ids.push(sampleQuestionnaireId(`s${school}`, k, 2026));
  return ids;
}

/** Step `step` of a document's life: created, answered bit by bit, commented, submitted. */
function step(doc: Y.Doc, step: number, r: () => number): void {
  doc.transact(() => {
    const answers = doc.getMap(LOAD_ROOT);
    if (step === 0) {
      initDocMeta(doc, 'questionnaire');
      doc.getMap('meta').set('title', 'Анкета самообследования');
      doc.getMap('status').set('state', 'draft');
    }
    for (let i = 0; i < 3; i++)
      answers.set(
        `q${1 + Math.floor(r() * 120)}`,
        r() < 0.5 ? Math.floor(r() * 100) : phrase(r, 1 + Math.floor(r() * 6)),
      );
    const comments = doc.getArray<Y.Map<unknown>>('comments');
    if (step % 10 === 5) {
      const entry = new Y.Map<unknown>();
      entry.set('type', 'comment');
      entry.set('at', 1_760_000_000_000 + step);
      entry.set('text', new Y.Text(phrase(r, 6)));
      comments.push([entry]);
    } else if (step % 10 === 7 && comments.length > 0) {
      const t = comments.get(comments.length - 1).get('text');
      if (t instanceof Y.Text) t.insert(t.length, ` ${phrase(r, 8)}.`);
    }
    if (step === UPDATES - 1) doc.getMap('status').set('state', 'submitted');
  });
}

/** Writes every document's updates through the sync service; returns updates stored. */
function generate(relay: BenchRelay, session: Session): { updates: number; refused: number } {
  let cursor = '';
  let updates = 0;
  let refused = 0;
  const all: string[] = [];
  for (let s = 0; s < SCHOOLS; s++) all.push(...docIdsOf(s));
  for (let c = 0; c < all.length; c += CHUNK) {
    const ids = all.slice(c, c + CHUNK);
    const docs = ids.map(() => new Y.Doc());
    const r = mulberry32(c + 1);
    for (let u = 0; u < UPDATES; u++) {
      const pushes: Push[] = [];
      docs.forEach((doc, i) => {
        let update: Uint8Array | null = null;
        const on = (x: Uint8Array) => (update = x);
        doc.on('update', on);
        step(doc, u, r);
        doc.off('update', on);
        if (update) pushes.push({ docId: ids[i]!, update });
      });
      for (let p = 0; p < pushes.length; p += PUSHES) {
        const body = encodeRequest({
          cursor,
          maxBytes: 0,
          pushes: pushes.slice(p, p + PUSHES),
          vectors: [],
        });
        const res = decodeResponse(relay.sync.handle(session, body));
        cursor = res.cursor;
        for (const a of res.acks) {
          if (a.code === AckCode.ok) updates++;
          else refused++;
        }
      }
    }
    for (const d of docs) d.destroy();
  }
  return { updates, refused };
}

interface DbSize {
  fileBytes: number;
  usedBytes: number;
}

function dbSize(relay: BenchRelay, path: string): DbSize {
  const sqlite = relay.relay.db.sqlite;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  const free = sqlite.pragma('freelist_count', { simple: true }) as number;
  const wal = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
  return { fileBytes: statSync(path).size + wal, usedBytes: (pages - free) * pageSize };
}

interface Bootstrap {
  ms: number;
  up: number;
  down: number;
  requests: number;
  docs: number;
  docBytes: number;
}

async function bootstrap(relay: BenchRelay, token: string): Promise<Bootstrap> {
  const proxy = await startProxy(relay.port, 0);
  const store = new MemoryStore();
  const t0 = performance.now();
  const report = await syncOnce(store, httpTransport(proxy.port, token));
  const ms = performance.now() - t0;
  let docBytes = 0;
  for (const d of store.docs.values()) docBytes += Y.encodeStateAsUpdate(d).byteLength;
  const result = {
    ms,
    up: proxy.traffic.up,
    down: proxy.traffic.down,
    requests: report.rounds,
    docs: store.docs.size,
    docBytes,
  };
  store.destroy();
  await proxy.close();
  return result;
}

function describe(b: Bootstrap): string {
  return `${b.docs} documents in ${secs(b.ms)}, ${b.requests} requests, ${mb(b.down)} down + ${mb(b.up)} up (documents' own state: ${mb(b.docBytes)}; ${(b.down / b.docBytes).toFixed(2)}× on the wire); at 250 ms one-way it would add ${secs(b.requests * 500)} of latency`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opora-bench-scale-'));
  const path = join(dir, 'scale.db');
  console.log(
    `bench:scale — ${SCHOOLS} schools × ${DOCS} documents × ${UPDATES} updates; coordinator over ${COORD_SCHOOLS} schools; load average at start ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (2 cores)`,
  );
  const relay = await startRelay(path, directory(), { backgroundCompaction: false });
  try {
    relay.addUser('region', [{ role: 'regional_coordinator', regionId: 'bench' }]);
    relay.addUser('muni', [{ role: 'municipal_coordinator', municipalityId: 'm0' }]);
    const genToken = await relay.login('region', 'generator');
    // Setup, not measured: the generator's commits skip fsync; FULL again afterwards.
    relay.relay.db.sqlite.pragma('synchronous = OFF');
    const t0 = performance.now();
    const gen = generate(relay, relay.session(genToken));
    const genMs = performance.now() - t0;
    relay.relay.db.sqlite.pragma('synchronous = FULL');
    const before = dbSize(relay, path);
    console.log(
      `  generated ${gen.updates} updates (${gen.refused} refused) in ${secs(genMs)} (${Math.round(gen.updates / (genMs / 1000))}/s); database ${mb(before.fileBytes)}`,
    );
    const coordToken = await relay.login('muni', 'laptop');
    const logBoot = await bootstrap(relay, coordToken);
    console.log(`  coordinator bootstrap from the log: ${describe(logBoot)}`);

    const t1 = performance.now();
    for (let s = 0; s < SCHOOLS; s++) for (const id of docIdsOf(s)) relay.sync.markDirty(id);
    const folded = relay.sync.compactNow(true);
    const compactMs = performance.now() - t1;
    const after = dbSize(relay, path);
    console.log(
      `  compaction: ${folded} documents folded in ${secs(compactMs)}; database ${mb(after.fileBytes)} on disk, ${mb(after.usedBytes)} in use (freed pages stay in the file until VACUUM)`,
    );
    const snapBoot = await bootstrap(relay, coordToken);
    console.log(`  coordinator bootstrap from snapshots: ${describe(snapBoot)}`);

    const t2 = performance.now();
    relay.relay.db.sqlite.exec('VACUUM');
    const vacuumMs = performance.now() - t2;
    const vacuumed = dbSize(relay, path);
    console.log(`  VACUUM: ${mb(vacuumed.fileBytes)} in ${secs(vacuumMs)}`);
    console.log(
      JSON.stringify({
        bench: 'scale',
        schools: SCHOOLS,
        docs: SCHOOLS * DOCS,
        updates: gen.updates,
        generateMs: Math.round(genMs),
        dbBytesBefore: before.fileBytes,
        dbBytesAfterCompaction: after.fileBytes,
        dbUsedBytesAfterCompaction: after.usedBytes,
        dbBytesAfterVacuum: vacuumed.fileBytes,
        compactMs: Math.round(compactMs),
        coordSchools: COORD_SCHOOLS,
        bootstrapDocs: snapBoot.docs,
        bootstrapMs: Math.round(snapBoot.ms),
        bootstrapBytes: snapBoot.up + snapBoot.down,
        bootstrapRequests: snapBoot.requests,
        bootstrapFromLogMs: Math.round(logBoot.ms),
        bootstrapFromLogBytes: logBoot.up + logBoot.down,
        bootstrapFromLogRequests: logBoot.requests,
      }),
    );
  } finally {
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
