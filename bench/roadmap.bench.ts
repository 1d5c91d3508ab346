/**
 * `npm run bench:roadmap` (issue 5): a big roadmap in the real app, in Debian's
 * Chromium with 4× CPU throttling, against the real relay serving `web/build`.
 *
 * The roadmap (written with the shared RoadmapEditor, as the app writes it):
 * 40 key problems, each with a goal, analysis, two tasks, 10 measures (done,
 * late, planned, cancelled, with dates and responsible people) and two
 * indicators with 5 measured values each; pushed to the relay as the school's
 * director, who signs in on the device.
 *
 * - Roadmap: the click on the school page's link → the frame painted with the
 *   40th problem on screen (median of RUNS), beside a cold load (reload straight
 *   onto the roadmap until its 40th problem shows).
 * - Report: the click on «Аналитическая справка» → the frame painted with its
 *   last section (median of RUNS), beside a cold load.
 *
 * Measures only; never asserts the targets. Last line: one JSON object.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { RoadmapEditor, formatDocId, type MeasureStatus } from '@opora/shared';
import {
  armTimer,
  installFrameProbes,
  launchChromium,
  loadedAt,
  measured,
  median,
  printAgainstTarget,
  round,
  signIn,
  startDemoRelay,
  throttle,
  waitForDocs,
} from './lib/app-bench.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEB_BUILD = process.env.WEB_BUILD ?? join(ROOT, 'web/build');
const RUNS = Number(process.env.RUNS ?? 11);
const PROBLEMS = 40;
const MEASURES = 10;
const INDICATORS = 2;
const VALUES = 5;
const SCHOOL = 'zar-sosh-3';
const YEAR = 2041;
const DIRECTOR = { id: 'u-director', login: 'director', password: 'director1' };
const DOC_ID = formatDocId({ kind: 'roadmap', schoolId: SCHOOL, year: YEAR });
const ROADMAP_TARGET_MS = 300;
const REPORT_TARGET_MS = 500;
const FACTORS = ['low_motivation', 'weak_management', 'low_adaptivity', 'low_equipment'];
const STATUSES: MeasureStatus[] = ['done', 'done', 'planned', 'in_progress', 'cancelled'];
const log = (...a: unknown[]) => console.log(...a);

/** The roadmap as one update. */
function bigRoadmap(): Uint8Array {
  const doc = new Y.Doc();
  let clock = Date.parse(`${YEAR}-09-01T09:00:00Z`);
  let seed = 7;
  const ed = new RoadmapEditor(doc, {
    actor: { userId: DIRECTOR.id, name: 'Директор' },
    now: () => clock++,
    random: () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648,
  });
  ed.init();
  ed.setMeta('title', `Программа перехода школы в эффективный режим работы на ${YEAR} год`);
  ed.setMeta('periodStart', `${YEAR}-01-01`);
  ed.setMeta('periodEnd', `${YEAR}-12-31`);
  for (let p = 0; p < PROBLEMS; p++) {
    const id = ed.addProblem({
      title: `Проблема ${p + 1}: низкая доля обучающихся, успешно осваивающих программу`,
      factorIds: [FACTORS[p % FACTORS.length] as string],
    });
    ed.problemText(id, 'goal').insert(
      0,
      `К маю ${YEAR} года повысить долю обучающихся с отметками «4» и «5» по направлению ${p + 1} до 55 %`,
    );
    ed.problemText(id, 'analysis').insert(
      0,
      'Анализ результатов диагностики показал, что причины связаны с организацией урока и оцениванием. '.repeat(
        3,
      ),
    );
    ed.addTask(id, 'Организовать методическое сопровождение педагогов');
    ed.addTask(id, 'Ввести формирующее оценивание на уроках');
    for (let i = 0; i < INDICATORS; i++) {
      const ind = ed.addIndicator(id, {
        name: `Доля обучающихся с отметками «4» и «5», показатель ${i + 1}`,
        unit: '%',
        baseline: 30,
        target: 55,
        targetDate: `${YEAR}-05-31`,
      });
      for (let v = 0; v < VALUES; v++)
        ed.addIndicatorValue(ind, {
          date: `${YEAR}-0${1 + v * 2}-15`,
          value: 30 + v * 4 + i,
          note: v === VALUES - 1 ? 'По итогам четверти' : '',
        });
    }
    for (let m = 0; m < MEASURES; m++) {
      const status = STATUSES[(p + m) % STATUSES.length] as MeasureStatus;
      ed.addMeasure(id, {
        title: `Мероприятие ${m + 1}: семинар для педагогов по теме «Оценивание на уроке»`,
        description:
          'Провести семинар, посетить уроки, обсудить результаты с методическим объединением.',
        start: `${YEAR}-0${1 + (m % 9)}-01`,
        end: `${YEAR}-0${1 + (m % 9)}-28`,
        responsible: 'Иванова М. П., заместитель директора',
        status,
      });
    }
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** What shows once a page has rendered: a selector and how many must match. */
interface Ready {
  ready: string;
  count: number;
}

/** Every problem card of the roadmap. */
const ROADMAP_READY: Ready = { ready: 'section[data-testid="problem"]', count: PROBLEMS };
/** Every section of the report: general, problems, one per problem, execution, indicators, resources, conclusions. */
const REPORT_READY: Ready = { ready: 'article.report > section', count: PROBLEMS + 6 };

/** Cold load: navigation to the frame where the page shows (the page's own clock). */
async function coldLoad(page: Page, url: string, r: Ready): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return loadedAt(page, r.ready, r.count);
}

/** In the app: a click on `link` to the frame where the next page shows. */
async function inApp(page: Page, click: () => Promise<void>, r: Ready): Promise<number> {
  await armTimer(page, 'click', r);
  await click();
  return (await measured(page)).ms;
}

async function main(): Promise<void> {
  if (!existsSync(join(WEB_BUILD, 'index.html')))
    throw new Error('web/build is missing: run `npm run build` first');
  const update = bigRoadmap();
  log(
    `bench:roadmap — ${PROBLEMS} problems × ${MEASURES} measures, ${INDICATORS} indicators × ${VALUES} values each: ${round(update.byteLength / 1024)} KB of Yjs state`,
  );
  const relay = await startDemoRelay(WEB_BUILD);
  const browser = await launchChromium();
  const base = relay.base;
  const roadmapUrl = `${base}/doc/${encodeURIComponent(DOC_ID)}`;
  const reportUrl = `${roadmapUrl}/report`;
  const roadmapInApp: number[] = [];
  const roadmapCold: number[] = [];
  const reportInApp: number[] = [];
  const reportCold: number[] = [];
  try {
    await relay.push(DIRECTOR.login, DIRECTOR.password, [{ docId: DOC_ID, update }]);
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'ru-RU',
    });
    await installFrameProbes(context);
    const page = await context.newPage();
    await signIn(page, base, DIRECTOR.login, DIRECTOR.password);
    await waitForDocs(page, [DOC_ID]);
    await throttle(context, page);
    for (let i = 0; i < RUNS; i++) {
      // In the app: from the school's page to the roadmap, then to its report.
      await page.goto(`${base}/school/${SCHOOL}`);
      const link = page.locator(`a[href*="roadmap:${YEAR}"], a[href*="roadmap%3A${YEAR}"]`).first();
      await link.waitFor({ timeout: 60_000 });
      roadmapInApp.push(await inApp(page, () => link.click(), ROADMAP_READY));
      const report = page.getByRole('link', { name: 'Аналитическая справка' });
      reportInApp.push(await inApp(page, () => report.click(), REPORT_READY));
      // Cold loads: a reload straight onto each page.
      roadmapCold.push(await coldLoad(page, roadmapUrl, ROADMAP_READY));
      reportCold.push(await coldLoad(page, reportUrl, REPORT_READY));
    }
    await context.close();
  } finally {
    await browser.close();
    await relay.close();
  }
  const roadmapRenderMs = median(roadmapInApp);
  const reportRenderMs = median(reportInApp);
  printAgainstTarget(
    `roadmap render (school page → roadmap, ${PROBLEMS} problems painted), median of ${RUNS}`,
    roadmapRenderMs,
    ROADMAP_TARGET_MS,
    `4× CPU; cold load ${round(median(roadmapCold))} ms`,
  );
  printAgainstTarget(
    `report render (roadmap → аналитическая справка painted), median of ${RUNS}`,
    reportRenderMs,
    REPORT_TARGET_MS,
    `4× CPU; cold load ${round(median(reportCold))} ms`,
  );
  console.log(
    JSON.stringify({
      bench: 'roadmap',
      roadmapRenderMs: round(roadmapRenderMs),
      reportRenderMs: round(reportRenderMs),
      roadmapColdLoadMs: round(median(roadmapCold)),
      reportColdLoadMs: round(median(reportCold)),
    }),
  );
}

await main();
