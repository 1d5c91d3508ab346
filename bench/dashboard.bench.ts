/**
 * `npm run bench:dashboard`: the coordinator's workspace over a region of 2,000
 * generated schools (bench/dashboard-data.ts), in Debian's Chromium against the
 * real relay serving the web build.
 *
 * 1. The relay gets the region's documents, written as real Yjs documents from
 *    the generated summaries (questionnaires with their status, risk diagnostics,
 *    roadmaps with measures, curators' visits, exam results, the region's plans
 *    with regional averages and activities, municipal calendars with marks).
 * 2. Bootstrap: the regional coordinator signs in on a fresh browser profile
 *    (unthrottled: a laptop) and the app syncs every document into Dexie; time
 *    from pressing «Войти» to the last document stored, and the bytes of the
 *    API requests (headers and bodies, as Chromium counts them).
 * 3. Dashboards, with 4× CPU throttling: each dashboard's first render when the
 *    coordinator opens it from another screen of the workspace (median of RUNS,
 *    a fresh page each run, so nothing is computed in advance), and beside it
 *    the cold load (a reload straight onto the dashboard).
 * 4. XLSX export of the completion matrix (press to file), median of RUNS.
 *
 * Measures only; never asserts. Last line: one JSON object.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Page } from 'playwright-core';
import * as Y from 'yjs';
import {
  RoadmapEditor,
  addCalendarItem,
  addPlanActivity,
  decodeResponse,
  encodeRequest,
  formatDocId,
  markTouched,
  riskDiagnosticForm,
  setAnswer,
  setExamResult,
  setParticipation,
  setPlanActual,
  setRegionalAverage,
  submitForReview,
  type Push,
  type VisitSummaryInput,
} from '@opora/shared';
import { createVisit } from '@opora/shared/visits/model';
import { generateDashboardData, type DashboardData } from './dashboard-data.ts';
import { createRelay } from '../sync-server/src/app.ts';
import { DirectoryRepo } from '../sync-server/src/repo/directory-repo.ts';
import { UserRepo } from '../sync-server/src/repo/user-repo.ts';
import { hashPasswordSync } from '../sync-server/src/services/password.ts';
import { CHROMIUM_ARGS } from './lib/app-bench.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEB_BUILD = process.env.WEB_BUILD ?? join(ROOT, 'web/build');
const SCHOOLS = Number(process.env.SCHOOLS ?? 2000);
const RUNS = Number(process.env.RUNS ?? 5);
const PASSWORD = 'bench-password';
const USER = 'bench-region';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const log = (...a: unknown[]) => console.log(...a);

/** Risk diagnostic answers that put low adaptivity and low equipment at a level. */
const ADAPTIVITY = {
  high: ['rarely', false, 'no', 'report'],
  medium: ['sometimes', false, 'some', 'discuss'],
  low: ['most', true, 'system', 'adjust'],
} as const;

/** A curator's visit report with the generated date, curator and status. */
function createVisitDoc(doc: Y.Doc, v: VisitSummaryInput): void {
  createVisit(
    doc,
    { kind: 'visit', date: v.date, curatorId: v.curatorId, status: v.status },
    { by: v.curatorId, at: Date.parse(`${v.date}T12:00:00Z`) },
  );
}

/** Every document of the region, as one update each. */
function regionDocuments(data: DashboardData): Push[] {
  const pushes: Push[] = [];
  const add = (docId: string, fill: (doc: Y.Doc) => void) => {
    const doc = new Y.Doc();
    fill(doc);
    pushes.push({ docId, update: Y.encodeStateAsUpdate(doc) });
    doc.destroy();
  };
  const profiles = new Map(data.riskProfiles.map((p) => [`${p.schoolId}/${p.wave}`, p]));
  for (const q of data.questionnaires) {
    const formId = q.formId; // the generator's forms are the real ones
    const at = Date.parse(q.updatedAt ?? `${data.asOf}T10:00:00Z`);
    add(
      formatDocId({ kind: 'questionnaire', schoolId: q.schoolId, formId, wave: q.wave }),
      (doc) => {
        markTouched(doc, 'u-school', { at });
        if (formId === 'risk_diagnostic') {
          const level = profiles.get(`${q.schoolId}/${q.wave}`)?.levels['adaptivity'] ?? 'medium';
          const a = ADAPTIVITY[level];
          setAnswer(doc, riskDiagnosticForm, 'ad_differentiation', a[0], 'u-school', { at });
          setAnswer(doc, riskDiagnosticForm, 'ad_routes', a[1], 'u-school', { at });
          setAnswer(doc, riskDiagnosticForm, 'ad_formative_practice', a[2], 'u-school', { at });
          setAnswer(doc, riskDiagnosticForm, 'ad_results_use', a[3], 'u-school', { at });
        }
        if (q.status === 'submitted')
          submitForReview(doc, 'u-school', { at: Date.parse(q.submittedAt ?? q.updatedAt ?? '') });
      },
    );
  }
  let seq = 0;
  const now = () => Date.parse(`${data.asOf}T09:00:00Z`) + seq++;
  const random = () => ((seq = (seq * 1103515245 + 12345) % 2147483648) / 2147483648) % 1;
  for (const r of data.roadmaps) {
    add(formatDocId({ kind: 'roadmap', schoolId: r.schoolId, year: r.year }), (doc) => {
      const ed = new RoadmapEditor(doc, { actor: { userId: 'u-school' }, now, random });
      ed.init();
      const p = ed.addProblem({ title: 'Низкая учебная мотивация', factorIds: ['low_motivation'] });
      for (let i = 0; i < r.measures.done; i++)
        ed.addMeasure(p, { title: `Мероприятие ${i + 1}`, status: 'done', end: `${r.year}-04-30` });
      for (let i = 0; i < r.measures.late; i++)
        ed.addMeasure(p, { title: 'Просроченное', status: 'planned', end: `${r.year}-06-30` });
      for (let i = 0; i < r.measures.planned; i++)
        ed.addMeasure(p, { title: 'Плановое', status: 'planned', end: `${r.year}-12-25` });
    });
  }
  for (const v of data.visits)
    add(formatDocId({ kind: 'visit', schoolId: v.schoolId, visitId: v.visitId }), (doc) =>
      createVisitDoc(doc, v),
    );
  const bySchool = new Map<string, typeof data.examResults>();
  for (const r of data.examResults)
    bySchool.set(r.schoolId, [...(bySchool.get(r.schoolId) ?? []), r]);
  for (const [schoolId, list] of bySchool)
    add(formatDocId({ kind: 'exams', schoolId }), (doc) => {
      for (const r of list) setExamResult(doc, r.year, r.indicator, r.average);
    });
  const years = [...new Set(data.regionalAverages.map((r) => r.year)), data.year];
  for (const year of years)
    add(formatDocId({ kind: 'plan', regionId: 'r1', year }), (doc) => {
      for (const r of data.regionalAverages)
        if (r.year === year) setRegionalAverage(doc, r.indicator, r.average);
      if (year !== data.year) return;
      for (const a of data.plan) {
        addPlanActivity(doc, a, a.id);
        if (a.actual !== null) setPlanActual(doc, a.id, a.actual, { by: 'u-rc', at: data.asOf });
      }
    });
  const schoolMuni = new Map(data.directory.schools.map((s) => [s.id, s.municipalityId]));
  for (const m of data.directory.municipalities)
    add(formatDocId({ kind: 'calendar', municipalityId: m.id, year: data.year }), (doc) => {
      for (const item of data.calendar) {
        addCalendarItem(doc, item, { by: 'u-rc', at: `${data.year}-09-07T10:00:00Z`, id: item.id });
        for (const mark of item.marks) {
          if (mark.kind === 'school' && schoolMuni.get(mark.id) !== m.id) continue;
          setParticipation(doc, item.id, mark, { at: mark.at, by: mark.by });
        }
      }
    });
  return pushes;
}

interface Served {
  port: number;
  close(): Promise<void>;
  seed(pushes: Push[]): Promise<void>;
}

async function startRelay(dir: string, data: DashboardData): Promise<Served> {
  // A copy of the build: another engineer's build may rewrite web/build during the run.
  cpSync(WEB_BUILD, join(dir, 'web'), { recursive: true });
  const relay = createRelay({ databasePath: join(dir, 'opora.db'), webRoot: join(dir, 'web') });
  new DirectoryRepo(relay.db).createMany(data.directory);
  const users = new UserRepo(relay.db);
  const hash = hashPasswordSync(PASSWORD, { N: 1024, r: 8, p: 1 });
  users.createUser({
    id: USER,
    login: USER,
    name: 'Региональный координатор',
    passwordHash: hash,
    createdAt: Date.now(),
  });
  users.grant(USER, {
    role: 'regional_coordinator',
    regionId: 'r1',
    schoolId: null,
    municipalityId: null,
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: relay.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    async seed(pushes) {
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: USER, password: PASSWORD, deviceName: 'generator' }),
      });
      const { token } = (await res.json()) as { token: string };
      const session = relay.auth.authenticate(token);
      relay.db.sqlite.pragma('synchronous = OFF');
      let cursor = '';
      for (let i = 0; i < pushes.length; i += 500) {
        const body = encodeRequest({
          cursor,
          maxBytes: 0,
          pushes: pushes.slice(i, i + 500),
          vectors: [],
        });
        const answer = decodeResponse(relay.sync.handle(session, body));
        cursor = answer.cursor;
        const bad = answer.acks.find((a) => a.code !== 0);
        if (bad) throw new Error(`seed refused ${bad.docId}: ${bad.message}`);
      }
      relay.db.sqlite.pragma('synchronous = FULL');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          relay.close();
          resolve();
        });
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/**
 * Documents in the device's index and, with `pending`, those still without a
 * summary detail (a walk of every row; without it only a count, since walking
 * 23,000 rows every poll slowed the sync it waited for).
 */
async function deviceCounts(
  page: Page,
  pending = true,
): Promise<{ docs: number; pending: number }> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(
    (walk) =>
      new Promise<{ docs: number; pending: number }>((resolve, reject) => {
        const req = indexedDB.open('opora');
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error('blocked'));
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('docs')) {
            db.close();
            return resolve({ docs: 0, pending: 0 });
          }
          const store = db.transaction('docs').objectStore('docs');
          if (!walk) {
            const count = store.count();
            count.onsuccess = () => {
              db.close();
              resolve({ docs: count.result, pending: 0 });
            };
            count.onerror = () => reject(count.error);
            return;
          }
          let docs = 0;
          let pending = 0;
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) {
              db.close();
              return resolve({ docs, pending });
            }
            docs++;
            const v = c.value as { summary?: { detail?: unknown } };
            if (v.summary?.detail === undefined) pending++;
            c.continue();
          };
        };
      }),
    pending,
  );
}

/**
 * Polls `check` every 500 ms until it holds. A check that fails is tried again
 * (a poll that lands on the app's navigation after sign-in loses its page
 * context); the last failure is reported on timeout.
 */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 900_000) {
  const deadline = Date.now() + timeoutMs;
  let failure: unknown = null;
  for (;;) {
    try {
      // A poll whose page is gone (a navigation) may never settle: give up on it after 10 s.
      const stuck = new Promise<never>((_, reject) => {
        const t = setTimeout(() => reject(new Error('poll did not settle')), 10_000);
        t.unref();
      });
      if (await Promise.race([check(), stuck])) return;
      failure = null;
    } catch (e) {
      failure = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}`, { cause: failure ?? undefined });
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The dashboards: path, nav link, and the heading that says it rendered. */
const DASHBOARDS: { path: string; link: string; heading: RegExp; from: string }[] = [
  { path: '/dashboard', link: 'Школы', heading: /^Школы$/, from: '/dashboard/plan' },
  {
    path: '/dashboard/completion',
    link: 'Анкеты',
    heading: /^Заполнение анкет$/,
    from: '/dashboard/plan',
  },
  {
    path: '/dashboard/risks',
    link: 'Факторы риска',
    heading: /^Факторы риска$/,
    from: '/dashboard/plan',
  },
  {
    path: '/dashboard/roadmaps',
    link: 'Дорожные карты',
    heading: /^Дорожные карты$/,
    from: '/dashboard/plan',
  },
  {
    path: '/dashboard/exams',
    link: 'Экзамены',
    heading: /^Результаты ОГЭ и ЕГЭ$/,
    from: '/dashboard/plan',
  },
  {
    path: '/dashboard/calendar',
    link: 'Календарь',
    heading: /^Календарь ближайших дел$/,
    from: '/dashboard/plan',
  },
  {
    path: '/dashboard/plan',
    link: 'План-график',
    heading: /^План-график региона$/,
    from: '/dashboard/calendar',
  },
  {
    path: '/dashboard/curators',
    link: 'Кураторы',
    heading: /^Деятельность кураторов$/,
    from: '/dashboard/plan',
  },
  { path: '/dashboard/report', link: 'Отчёт', heading: /^Сводный отчёт/, from: '/dashboard/plan' },
];

async function loaded(page: Page, heading: RegExp): Promise<void> {
  await page.locator('.workspace[data-loaded="true"]').waitFor({ timeout: 120_000 });
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 120_000 });
}

async function ready(page: Page, path: string): Promise<void> {
  // Tables (or the calendar's items) show rows once the screen has its data.
  const rows = path === '/dashboard/calendar' ? 'ul.items > li h2' : 'main table tbody tr';
  try {
    await page.locator(rows).first().waitFor({ timeout: 120_000 });
  } catch (e) {
    console.error(await page.locator('main').innerText());
    throw e;
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(WEB_BUILD, 'index.html')))
    throw new Error('web/build is missing: run `npm run build` first');
  const data = generateDashboardData({ schools: SCHOOLS });
  const dir = mkdtempSync(join(tmpdir(), 'opora-bench-dashboard-'));
  const t0 = performance.now();
  const pushes = regionDocuments(data);
  const docBytes = pushes.reduce((s, p) => s + p.update.byteLength, 0);
  log(
    `bench:dashboard — ${SCHOOLS} schools, ${pushes.length} documents (${mb(docBytes)} of Yjs state) generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const relay = await startRelay(dir, data);
  await relay.seed(pushes);
  const base = `http://127.0.0.1:${relay.port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'ru-RU',
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    let apiBytes = 0;
    let apiRequests = 0;
    context.on('requestfinished', (req) => {
      if (!new URL(req.url()).pathname.startsWith('/api/') || req.url().endsWith('/api/events'))
        return;
      apiRequests++;
      void req.sizes().then((s) => {
        apiBytes +=
          s.requestHeadersSize + s.requestBodySize + s.responseHeadersSize + s.responseBodySize;
      });
    });

    // ---- bootstrap ----
    await page.goto(`${base}/`);
    await page.getByLabel('Логин').fill(USER);
    await page.getByLabel('Пароль').fill(PASSWORD);
    const b0 = Date.now();
    await page.getByRole('button', { name: 'Войти' }).click();
    await waitFor(
      'the bootstrap',
      async () => (await deviceCounts(page, false)).docs >= pushes.length,
    );
    const bootstrapMs = Date.now() - b0;
    await new Promise((r) => setTimeout(r, 500));
    const bootstrapBytes = apiBytes;
    log(
      `bootstrap (unthrottled): ${pushes.length} documents in ${(bootstrapMs / 1000).toFixed(1)} s, ${apiRequests} API requests, ${mb(bootstrapBytes)} on the wire`,
    );

    // ---- details the sync stored before the summarizers had loaded ----
    const d0 = Date.now();
    await page.goto(`${base}/dashboard`);
    await waitFor('the summary details', async () => (await deviceCounts(page)).pending === 0);
    log(
      `summary details completed by the backfill in ${((Date.now() - d0) / 1000).toFixed(1)} s after opening the workspace`,
    );

    // ---- dashboards, 4× CPU ----
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const results: Record<string, { firstRenderMs: number; coldMs: number }> = {};
    const reads: number[] = [];
    for (const d of DASHBOARDS) {
      const inApp: number[] = [];
      const cold: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(`${base}${d.from}`);
        await page.locator('.workspace[data-loaded="true"]').waitFor({ timeout: 120_000 });
        await page.getByRole('heading', { level: 1 }).waitFor();
        const s0 = Date.now();
        await page
          .getByRole('navigation', { name: 'Разделы панели' })
          .getByRole('link', { name: d.link, exact: true })
          .click();
        await page
          .getByRole('heading', { level: 1, name: d.heading })
          .waitFor({ timeout: 120_000 });
        await ready(page, d.path);
        inApp.push(Date.now() - s0);

        const c0 = Date.now();
        await page.goto(`${base}${d.path}`);
        await loaded(page, d.heading);
        await ready(page, d.path);
        cold.push(Date.now() - c0);
        reads.push(
          await page.evaluate(() => {
            const m = performance.getEntriesByName('opora:dashboard-read');
            return m[m.length - 1]?.duration ?? NaN;
          }),
        );
      }
      results[d.path] = { firstRenderMs: median(inApp), coldMs: median(cold) };
      log(
        `${d.path.padEnd(22)} first render ${String(median(inApp)).padStart(5)} ms · cold load ${String(median(cold)).padStart(5)} ms (median of ${RUNS}, 4× CPU)`,
      );
    }

    // ---- XLSX of the completion matrix ----
    const exports: number[] = [];
    let xlsxBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${base}/dashboard/completion`);
      await loaded(page, /^Заполнение анкет$/);
      const x0 = Date.now();
      const downloading = page.waitForEvent('download', { timeout: 120_000 });
      await page.getByRole('button', { name: 'XLSX' }).click();
      const download = await downloading;
      exports.push(Date.now() - x0);
      xlsxBytes = readFileSync(await download.path()).byteLength;
    }
    const xlsxExportMs = median(exports);
    log(
      `XLSX of the completion matrix (${SCHOOLS} rows): ${xlsxExportMs} ms median of ${RUNS} (first ${exports[0]} ms, with loading the writer), ${(xlsxBytes / 1024).toFixed(0)} KB (4× CPU)`,
    );

    log(
      `reading the summaries from Dexie on opening the workspace: ${Math.round(median(reads))} ms median (4× CPU)`,
    );
    const worst = Math.max(...Object.values(results).map((r) => r.firstRenderMs));
    const worstCold = Math.max(...Object.values(results).map((r) => r.coldMs));
    log(`worst first render ${worst} ms (target ≤ 1000); worst cold load ${worstCold} ms`);
    await context.close();
    console.log(
      JSON.stringify({
        bench: 'dashboard',
        schools: SCHOOLS,
        worstDashboardMs: worst,
        xlsxExportMs,
        bootstrapMs,
        bootstrapBytes,
        documents: pushes.length,
        worstColdLoadMs: worstCold,
        dashboards: Object.fromEntries(
          Object.entries(results).map(([k, v]) => [k, v.firstRenderMs]),
        ),
      }),
    );
  } finally {
    await browser.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
