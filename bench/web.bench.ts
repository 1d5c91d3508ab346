/**
 * `npm run bench:web`: the app on the device, in Debian's Chromium with 4× CPU
 * throttling, against the real relay.
 *
 * - JavaScript of the first screen (signed-in home), gzipped, beside yjs + dexie alone;
 * - offline reload to an interactive document list with 50 and 5,000 documents stored
 *   (median of 5);
 * - opening one questionnaire (a real form, every question answered) with 5,000 stored (median of 5);
 * - y-indexeddb against y-dexie with 5,000 documents: open and list, load one, storage.
 *
 * The last line is one JSON object (keys fixed by issue 3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { decodeResponse, encodeRequest, SYNC_CONTENT_TYPE, SYNC_PATH } from '@opora/shared';
import { CHROMIUM_ARGS } from './lib/app-bench.ts';
import { sampleQuestionnaire, sampleQuestionnaireId } from './lib/questionnaire-sample.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEB_BUILD = join(ROOT, 'web/build');
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = 5;
const SCHOOL = 'zar-sosh-3';
/** Issue 3: the signed-in home's JavaScript, gzipped. */
const FIRST_SCREEN_BUDGET_KB = 150;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const log = (...a: unknown[]) => console.log(...a);

async function startRelay(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'opora.db'),
      WEB_ROOT: WEB_BUILD,
      DEMO: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('relay did not start');
}

/** Stores 50 documents of the teacher's school and 4,950 of other schools on the relay. */
async function seedRelay(): Promise<string[]> {
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'region', password: 'region1' }),
  });
  const { token } = (await login.json()) as { token: string };
  const me = (await (
    await fetch(`${BASE}/api/me`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { directory: { schools: { id: string }[] } };
  const others = me.directory.schools.map((s) => s.id).filter((id) => id !== SCHOOL);
  const ids: string[] = [];
  // Real forms and waves (years from 2000, clear of the app's current ones).
  for (let i = 0; i < 50; i++) ids.push(sampleQuestionnaireId(SCHOOL, i));
  for (let i = 50; i < 5000; i++)
    ids.push(sampleQuestionnaireId(others[i % others.length]!, Math.floor(i / others.length)));
  for (let start = 0; start < ids.length; start += 500) {
    const pushes = ids.slice(start, start + 500).map((docId, k) => ({
      docId,
      update: sampleQuestionnaire(docId, start + k),
    }));
    const res = await fetch(`${BASE}${SYNC_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': SYNC_CONTENT_TYPE },
      body: encodeRequest({
        cursor: '',
        maxBytes: 1,
        pushes,
        vectors: [],
      }) as Uint8Array<ArrayBuffer>,
    });
    if (!res.ok) throw new Error(`seed: HTTP ${res.status}`);
    const answer = decodeResponse(new Uint8Array(await res.arrayBuffer()));
    const bad = answer.acks.filter((a) => a.code !== 0);
    if (bad.length > 0) throw new Error(`seed refused: ${bad[0]?.message}`);
  }
  return ids;
}

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${BASE}/`);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: /Здравствуйте/ }).waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** Waits until the device holds `count` documents and the last sync succeeded. */
async function waitForDocs(page: Page, count: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const held = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('opora');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains('docs')) return resolve(0);
            const c = db.transaction('docs').objectStore('docs').count();
            c.onsuccess = () => {
              resolve(c.result);
              db.close();
            };
          };
        }),
    );
    if (held >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${held} of ${count} documents synced`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function offline(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
}

async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** Offline reload of the school's page until its document links are on screen. */
async function reloadToList(page: Page): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = Date.now();
    await page.goto(`${BASE}/school/${SCHOOL}`);
    await page.locator('ul.docs a').first().waitFor();
    times.push(Date.now() - t0);
  }
  return median(times);
}

async function openDocTimes(page: Page, ids: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${BASE}/doc/${ids[i * 7]}`);
    await page.getByTestId('q-status').waitFor();
    const ms = await page.evaluate(() => {
      const m = performance.getEntriesByName('opora:open-doc');
      return m[m.length - 1]?.duration ?? NaN;
    });
    times.push(ms);
  }
  return median(times);
}

async function firstScreenJs(browser: Browser): Promise<{ kb: number; files: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'teacher', 'teacher1');
  const urls = new Set<string>();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('.js') && u.pathname !== '/service-worker.js') urls.add(u.pathname);
  });
  await page.goto(`${BASE}/`);
  await page.locator('ul.docs a').first().waitFor();
  let bytes = 0;
  const sizes: [string, number][] = [];
  for (const p of urls) {
    const n = gzipSync(readFileSync(join(WEB_BUILD, p))).length;
    sizes.push([p, n]);
    bytes += n;
  }
  for (const [p, n] of sizes.sort((a, b) => b[1] - a[1]))
    log(`  ${(n / 1024).toFixed(1).padStart(6)} KB  ${p}`);
  await context.close();
  return { kb: round(bytes / 1024), files: urls.size };
}

async function yjsDexieAloneKB(): Promise<number> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      write: false,
      minify: true,
      lib: { entry: join(ROOT, 'bench/web/yjs-dexie-entry.ts'), formats: ['es'], fileName: 'x' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) =>
    'output' in o ? o.output : [],
  );
  let bytes = 0;
  for (const o of outputs) if (o.type === 'chunk') bytes += gzipSync(o.code).length;
  return round(bytes / 1024);
}

async function persistenceBundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      write: false,
      minify: false,
      lib: {
        entry: join(ROOT, 'bench/web/persistence-entry.ts'),
        formats: ['es'],
        fileName: 'p',
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) =>
    'output' in o ? o.output : [],
  );
  const chunk = outputs.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no bundle');
  return chunk.code;
}

interface PersistenceFigures {
  populateS: number;
  openMs: number;
  listed: number;
  loadMs: number;
  storageMB: number;
}

type BenchApi = {
  populateYIndexeddb(n: number): Promise<void>;
  populateYDexie(n: number): Promise<void>;
  openYIndexeddb(): Promise<{ ms: number; count: number }>;
  openYDexie(): Promise<{ ms: number; count: number }>;
  loadYIndexeddb(i: number): Promise<number>;
  loadYDexie(i: number): Promise<number>;
  usage(): Promise<number>;
};

async function comparePersistence(
  browser: Browser,
  code: string,
  which: 'y-indexeddb' | 'y-dexie',
  n: number,
): Promise<PersistenceFigures> {
  // localhost: a secure context (navigator.storage), served by the route below.
  const origin = 'http://localhost:39999';
  const context = await browser.newContext();
  await context.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/b.js')
      return route.fulfill({ body: code, contentType: 'text/javascript; charset=utf-8' });
    return route.fulfill({
      body: '<!doctype html><meta charset="utf-8"><script type="module" src="/b.js"></script>',
      contentType: 'text/html; charset=utf-8',
    });
  });
  const page = await context.newPage();
  const ready = () => page.waitForFunction(() => 'bench' in globalThis);
  await page.goto(`${origin}/`);
  await ready();
  const t0 = Date.now();
  await page.evaluate(
    ([w, count]) => {
      const api = (globalThis as unknown as { bench: BenchApi }).bench;
      return w === 'y-dexie' ? api.populateYDexie(count) : api.populateYIndexeddb(count);
    },
    [which, n] as const,
  );
  const populateS = (Date.now() - t0) / 1000;
  await page.reload();
  await ready();
  await throttle(context, page);
  const opened = await page.evaluate((w) => {
    const api = (globalThis as unknown as { bench: BenchApi }).bench;
    return w === 'y-dexie' ? api.openYDexie() : api.openYIndexeddb();
  }, which);
  const loads: number[] = [];
  for (let i = 0; i < RUNS; i++)
    loads.push(
      await page.evaluate(
        ([w, k]) => {
          const api = (globalThis as unknown as { bench: BenchApi }).bench;
          return w === 'y-dexie' ? api.loadYDexie(k) : api.loadYIndexeddb(k);
        },
        [which, 100 + i * 997] as const,
      ),
    );
  const usage = await page.evaluate(() =>
    (globalThis as unknown as { bench: BenchApi }).bench.usage(),
  );
  await context.close();
  return {
    populateS: round(populateS),
    openMs: round(opened.ms),
    listed: opened.count,
    loadMs: round(median(loads)),
    storageMB: round(usage / 1024 / 1024, 2),
  };
}

async function main(): Promise<void> {
  if (!existsSync(join(WEB_BUILD, 'index.html')))
    throw new Error('web/build is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'opora-bench-web-'));
  const relay = await startRelay(dir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const js = await firstScreenJs(browser);
    const alone = await yjsDexieAloneKB();
    log(
      `first screen JS: ${js.kb} KB gzip in ${js.files} files (target ≤ ${FIRST_SCREEN_BUDGET_KB} KB: ${js.kb <= FIRST_SCREEN_BUDGET_KB ? 'met' : 'NOT MET'}; yjs + dexie + y-dexie alone: ${alone} KB)`,
    );
    // BENCH_WEB_FIRST_SCREEN=1: only the bundle figure (quick check while trimming imports).
    if (process.env.BENCH_WEB_FIRST_SCREEN === '1') return;

    log('seeding the relay with 5,000 questionnaire-sized documents…');
    const ids = await seedRelay();

    const small = await browser.newContext();
    const smallPage = await small.newPage();
    await signIn(smallPage, 'teacher', 'teacher1');
    await waitForDocs(smallPage, 50);
    await offline(small);
    await throttle(small, smallPage);
    const reload50 = await reloadToList(smallPage);
    await small.close();
    log(
      `offline reload to the document list, 50 stored: ${reload50} ms (median of ${RUNS}, 4× CPU)`,
    );

    const big = await browser.newContext();
    const bigPage = await big.newPage();
    const t0 = Date.now();
    await signIn(bigPage, 'region', 'region1');
    await waitForDocs(bigPage, 5000);
    log(`first sync of 5,000 documents: ${round((Date.now() - t0) / 1000)} s (unthrottled)`);
    await offline(big);
    await throttle(big, bigPage);
    const reload5000 = await reloadToList(bigPage);
    log(
      `offline reload to the document list, 5,000 stored: ${reload5000} ms (median of ${RUNS}, 4× CPU)`,
    );
    const openDoc = await openDocTimes(bigPage, ids);
    log(`open one questionnaire, 5,000 stored: ${round(openDoc)} ms (median of ${RUNS}, 4× CPU)`);
    await big.close();

    const code = await persistenceBundle();
    const figures: Record<string, PersistenceFigures> = {};
    for (const which of ['y-dexie', 'y-indexeddb'] as const) {
      figures[which] = await comparePersistence(browser, code, which, 5000);
      const f = figures[which];
      log(
        `${which.padEnd(11)} 5,000 docs: store ${f.populateS} s · open+list ${f.openMs} ms (${f.listed}) · load one ${f.loadMs} ms · storage ${f.storageMB} MB`,
      );
    }
    const d = figures['y-dexie']!;
    const i = figures['y-indexeddb']!;
    log(
      `ratios y-indexeddb / y-dexie: open ${round(i.openMs / d.openMs)}× · load ${round(i.loadMs / d.loadMs)}× · storage ${round(i.storageMB / d.storageMB)}×`,
    );
    const better = d.openMs + d.loadMs <= i.openMs + i.loadMs ? 'y-dexie' : 'y-indexeddb';
    console.log(
      JSON.stringify({
        bench: 'web',
        firstScreenJsGzipKB: js.kb,
        yjsDexieGzipKB: alone,
        offlineReloadMs50: reload50,
        offlineReloadMs5000: reload5000,
        openDocMs5000: round(openDoc),
        persistence: better,
      }),
    );
  } finally {
    await browser.close();
    relay.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
