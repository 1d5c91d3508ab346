/**
 * `npm run bench:forms` (issue 4): a 300-question questionnaire in the real app,
 * in Debian's Chromium with 4× CPU throttling, against the real relay.
 *
 * - The form is bench-only (bench/web/bench-form.ts). The app renders only the
 *   forms of its registry, so the bench builds the web app itself with the form
 *   added to the registry by a Vite plugin (the product build is set aside and
 *   put back); nothing of it reaches `web/build`.
 * - Document size (Node, the shared writers the app uses): the state of a
 *   completely filled questionnaire; after 1,000 edits the stored updates before
 *   compaction (one per change, as the device and the relay's log keep them) and
 *   the document compacted (its state, as the relay folds a log into a snapshot).
 * - The filled document is pushed to the relay as the school's director, who
 *   signs in on the device and opens it:
 *   - one keystroke in a long answer: keydown → the next frame painted (median
 *     of KEYS), on a laptop (the whole form on screen) and on a 360-px phone;
 *   - rendering a section on the phone: the click on «Следующий/Предыдущий
 *     раздел» → the next frame painted with the new section (median of every
 *     move through the 10 sections and back).
 *
 * Measures only; never asserts the targets. Last line: one JSON object.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import * as Y from 'yjs';
import { FORMS, formatDocId, initQuestionnaireDoc, type FormDefinition } from '@opora/shared';
import { editForm, fillForm } from './forms-data.ts';
import { BENCH_SECTIONS, benchForm } from './web/bench-form.ts';
import {
  armTimer,
  installFrameProbes,
  launchChromium,
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
const WEB = join(ROOT, 'web');
/** A folder for the bench build: reused when it holds one (while working on the bench). */
const BUILD_DIR = process.env.FORMS_WEB_BUILD;
const KEYS = Number(process.env.KEYS ?? 40);
/** Pause between keystrokes: a person types a few characters a second. */
const TYPING_GAP_MS = 150;
const SCHOOL = 'zar-sosh-3';
const DIRECTOR = { id: 'u-director', login: 'director', password: 'director1' };
const DOC_ID = formatDocId({
  kind: 'questionnaire',
  schoolId: SCHOOL,
  formId: benchForm.id,
  wave: '2041-entry',
});
const KEYSTROKE_TARGET_MS = 50;
const SECTION_TARGET_MS = 200;
const log = (...a: unknown[]) => console.log(...a);

/** Builds the web app with the bench form into `out`; `web/build` is left as it was. */
async function buildWithBenchForm(out: string): Promise<void> {
  const product = join(WEB, 'build');
  const aside = join(WEB, `.build-aside-${process.pid}`);
  const hadProduct = existsSync(product);
  if (hadProduct) renameSync(product, aside);
  const cwd = process.cwd();
  try {
    process.chdir(WEB); // SvelteKit reads svelte.config.js from the working directory.
    await build({
      root: WEB,
      configFile: join(ROOT, 'bench/web/forms-vite.config.ts'),
      logLevel: 'warn',
    });
    const chunks = join(product, '_app/immutable/chunks');
    const inBuild = readdirSync(chunks).some((f) =>
      readFileSync(join(chunks, f), 'utf8').includes(benchForm.id),
    );
    if (!inBuild) throw new Error('bench:forms: the bench form is not in the build');
    cpSync(product, out, { recursive: true });
  } finally {
    process.chdir(cwd);
    rmSync(product, { recursive: true, force: true });
    if (hadProduct) renameSync(aside, product);
  }
}

interface Sizes {
  filledBytes: number;
  filledLogBytes: number;
  editedLogBytes: number;
  compactedBytes: number;
  filled: Uint8Array;
}

/** Fills the form, then edits it 1,000 times, recording every update as it is stored. */
function documentSizes(): Sizes {
  const doc = new Y.Doc();
  let logBytes = 0;
  doc.on('update', (u: Uint8Array) => (logBytes += u.byteLength));
  const at = Date.parse('2041-09-20T10:00:00Z');
  initQuestionnaireDoc(doc, benchForm, '2041-entry');
  fillForm(doc, benchForm, DIRECTOR.id, at);
  const filled = Y.encodeStateAsUpdate(doc);
  const filledLogBytes = logBytes;
  editForm(doc, benchForm, DIRECTOR.id, at + 60_000);
  const editedLogBytes = logBytes;
  // What the relay's compaction stores: the document's state, merged from its log.
  const merged = new Y.Doc();
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
  const compactedBytes = Y.encodeStateAsUpdate(merged).byteLength;
  merged.destroy();
  doc.destroy();
  return { filledBytes: filled.byteLength, filledLogBytes, editedLogBytes, compactedBytes, filled };
}

const kb = (b: number) => `${round(b / 1024)} KB`;

/** Opens the document and waits for its first section heading. */
async function openForm(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/doc/${encodeURIComponent(DOC_ID)}`);
  await page.getByRole('heading', { level: 2, name: /^Раздел 1\./ }).waitFor({ timeout: 120_000 });
}

/** Medians of KEYS keystrokes typed at the end of the first section's long answer. */
async function keystrokes(page: Page): Promise<number> {
  const area = page.locator('#qi-s0_q5');
  await area.click();
  await area.press('Control+End');
  const before = await area.inputValue();
  const times: number[] = [];
  let typed = '';
  for (let i = 0; i < KEYS; i++) {
    const key = 'abcdefghij'.charAt(i % 10);
    await armTimer(page, 'keydown');
    await page.keyboard.press(key);
    times.push((await measured(page)).ms);
    typed += key;
    await page.waitForTimeout(TYPING_GAP_MS);
  }
  const after = await area.inputValue();
  if (after !== before + typed)
    throw new Error(`bench:forms: the keystrokes did not all land: «${after.slice(-60)}»`);
  return median(times);
}

/** Medians of moves through every section and back on the phone. */
async function sectionMoves(page: Page): Promise<{ median: number; runs: number }> {
  const times: number[] = [];
  const move = async (button: RegExp, expect: number) => {
    await armTimer(page, 'click', { probe: '.q-section h2' });
    await page.getByRole('button', { name: button }).click();
    const { ms, probe } = await measured(page);
    if (!probe?.startsWith(`Раздел ${expect}.`))
      throw new Error(`bench:forms: the frame showed «${probe}», not section ${expect}`);
    times.push(ms);
    await page.waitForTimeout(TYPING_GAP_MS);
  };
  for (let s = 2; s <= BENCH_SECTIONS; s++) await move(/^Следующий раздел/, s);
  for (let s = BENCH_SECTIONS - 1; s >= 1; s--) await move(/^← Предыдущий раздел/, s);
  return { median: median(times), runs: times.length };
}

async function onDevice(
  browser: Browser,
  base: string,
  viewport: { width: number; height: number },
  measure: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({ viewport, locale: 'ru-RU' });
  await installFrameProbes(context);
  try {
    const page = await context.newPage();
    await signIn(page, base, DIRECTOR.login, DIRECTOR.password);
    await waitForDocs(page, [DOC_ID]);
    await throttle(context, page);
    await openForm(page, base);
    await measure(page);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'opora-bench-forms-'));
  const webBuild = BUILD_DIR ?? join(dir, 'web');
  const t0 = performance.now();
  if (!existsSync(join(webBuild, 'index.html'))) await buildWithBenchForm(webBuild);
  log(
    `bench:forms — web app built with the ${benchForm.sections.length * benchForm.sections[0]!.questions.length}-question bench form in ${round((performance.now() - t0) / 1000)} s`,
  );

  const sizes = documentSizes();
  log(
    `document filled completely: ${kb(sizes.filledBytes)} (state), ${kb(sizes.filledLogBytes)} of updates as written`,
  );
  log(
    `after 1,000 more edits: ${kb(sizes.editedLogBytes)} of stored updates before compaction, ${kb(sizes.compactedBytes)} compacted (${round(sizes.editedLogBytes / sizes.compactedBytes)}× smaller)`,
  );

  // The relay runs in this process and checks answers against the form registry, as the
  // bench build of the app does: it knows the bench form too.
  if (!FORMS.includes(benchForm)) (FORMS as FormDefinition[]).unshift(benchForm);
  const relay = await startDemoRelay(webBuild);
  const browser = await launchChromium();
  let laptopKey = NaN;
  let phoneKey = NaN;
  let section = { median: NaN, runs: 0 };
  try {
    await relay.push(DIRECTOR.login, DIRECTOR.password, [{ docId: DOC_ID, update: sizes.filled }]);
    await onDevice(browser, relay.base, { width: 1366, height: 900 }, async (page) => {
      laptopKey = await keystrokes(page);
    });
    await onDevice(browser, relay.base, { width: 360, height: 780 }, async (page) => {
      phoneKey = await keystrokes(page);
      section = await sectionMoves(page);
    });
  } finally {
    await browser.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  }
  printAgainstTarget(
    `keystroke in a long answer, laptop (all 300 questions on screen), median of ${KEYS}`,
    laptopKey,
    KEYSTROKE_TARGET_MS,
    '4× CPU',
  );
  printAgainstTarget(
    `keystroke in a long answer, 360-px phone (one section), median of ${KEYS}`,
    phoneKey,
    KEYSTROKE_TARGET_MS,
    '4× CPU',
  );
  printAgainstTarget(
    `rendering a section on the phone, median of ${section.runs}`,
    section.median,
    SECTION_TARGET_MS,
    '4× CPU',
  );
  console.log(
    JSON.stringify({
      bench: 'forms',
      keystrokeMs: round(Math.max(laptopKey, phoneKey)),
      sectionRenderMs: round(section.median),
      docBytesFilled: sizes.filledBytes,
      docBytesAfter1000Edits: sizes.editedLogBytes,
      docBytesCompacted: sizes.compactedBytes,
      keystrokeLaptopMs: round(laptopKey),
      keystrokePhoneMs: round(phoneKey),
    }),
  );
}

await main();
