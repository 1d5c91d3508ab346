/**
 * «Nothing typed is ever lost»: text typed into a questionnaire or a roadmap
 * and the page reloaded or closed AT ONCE (no wait of any kind) comes back
 * after the reload, online and offline, and reaches the relay afterwards.
 * One-line fields of the roadmap and a visit's comments are written per
 * keystroke too, and the roadmap's history gets one entry per edit, not per key.
 * Documents used only here: «Качество управления» and «Качество преподавания»
 * of the entry wave of 2053, «Качество школьной среды» of the entry wave of
 * 2054, the roadmaps of 2053 and 2057, visits on days of 2058. Every run writes
 * its own unique text, so `--repeat-each` works.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
  CURATOR,
  DIRECTOR,
  SCHOOL,
  TEACHER,
  goOffline,
  goOnline,
  newVisit,
  openDoc,
  question,
  questionnaireId,
  showSection,
  signIn,
  syncUntilClean,
} from './helpers';

const MANAGEMENT = questionnaireId('management', '2053-entry');
const PARTNERSHIP = 'Партнёрство и внешняя поддержка';
const AGREEMENT = 'Заключено ли партнёрское соглашение со школой-лидером?';
const LEADER = 'Название школы-лидера';
const COMMENT = 'Какие управленческие решения за последний период дали наибольший эффект?';

const ENVIRONMENT = questionnaireId('school_environment', '2054-entry');
const OPENNESS = 'Открытость и сетевое взаимодействие';
const PARTNERS = 'С кем школа сотрудничает на основе договоров (сетевое взаимодействие)?';
const PARTNERS_OTHER = 'Укажите других партнёров';
const CHANGE_FIRST = 'Что в школьной среде необходимо изменить в первую очередь?';

const TEACHING = questionnaireId('teaching', '2053-entry');
const DEVELOPMENT = 'Профессиональное развитие';

const ROADMAP = `school:${SCHOOL}:roadmap:2053`;
const ROADMAP_2057 = `school:${SCHOOL}:roadmap:2057`;

/** A text no other run wrote. */
function unique(label: string): string {
  return `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A long answer: about 3,000 characters over several paragraphs. */
function longAnswer(tag: string): string {
  const paragraph =
    'Введены еженедельные методические совещания, разбор уроков с наставником и общий план ' +
    'работы с родителями; результаты отслеживаются по журналу и по итогам контрольных работ. ';
  return `${tag}\n${Array.from({ length: 16 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n')}`;
}

/** Signs in with a fresh context and takes everything the relay has (earlier runs' writes). */
async function freshDevice(
  browser: import('@playwright/test').Browser,
  user: typeof TEACHER,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  await syncUntilClean(page);
  return { context, page };
}

async function openPartnership(page: Page) {
  await openDoc(page, MANAGEMENT);
  await showSection(page, PARTNERSHIP);
}

/** Closes the page without waiting for anything and opens a new one in the same context. */
async function closeAndReopen(context: BrowserContext, page: Page): Promise<Page> {
  await page.close();
  const next = await context.newPage();
  await next.goto('/');
  return next;
}

test('a long and a short answer typed, then an immediate reload: both are there', async ({
  browser,
}) => {
  const { context, page } = await freshDevice(browser, TEACHER);
  await openPartnership(page);
  await question(page, AGREEMENT).getByRole('radio', { name: 'Да' }).check();
  const leader = unique('Школа-лидер');
  const comment = longAnswer(unique('Решения'));

  await page.getByLabel(LEADER).fill(leader);
  await page.getByLabel(COMMENT).fill(comment);
  await page.reload();
  await openPartnership(page);
  await expect(page.getByLabel(COMMENT)).toHaveValue(comment);
  await expect(page.getByLabel(LEADER)).toHaveValue(leader);

  // The short answer typed last this time, and the page reloaded at once again.
  const leader2 = unique('Школа-лидер');
  await page.getByLabel(LEADER).fill(leader2);
  await page.reload();
  await openPartnership(page);
  await expect(page.getByLabel(LEADER)).toHaveValue(leader2);
  await context.close();
});

test('a table cell typed, then an immediate reload: it is there', async ({ browser }) => {
  const { context, page } = await freshDevice(browser, TEACHER);
  await openDoc(page, TEACHING);
  await showSection(page, DEVELOPMENT);
  await page.getByRole('button', { name: 'Добавить курс' }).click();
  const teacher = unique('Петрова Анна');
  // The new row's first cell has the focus.
  await expect(page.locator('input:focus')).toHaveAttribute('id', /-teacher$/);
  await page.locator('input:focus').fill(teacher);
  await page.reload();
  await openDoc(page, TEACHING);
  await showSection(page, DEVELOPMENT);
  // The «Педагог» cells (their labels end in the required mark).
  const teachers = page.locator('input[id^="qc-t_courses-"][id$="-teacher"]');
  await expect
    .poll(() => teachers.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
    .toContain(teacher);
  await context.close();
});

test('typed offline, the tab closed at once: the answers are there in a new tab and reach the relay', async ({
  browser,
}) => {
  const { context, page } = await freshDevice(browser, TEACHER);
  await openDoc(page, ENVIRONMENT);
  await showSection(page, OPENNESS);
  await question(page, PARTNERS).getByRole('checkbox', { name: 'Другое' }).check();
  await goOffline(context);
  const partners = unique('Совет ветеранов');
  const comment = longAnswer(unique('Среда'));
  await page.getByLabel(CHANGE_FIRST).fill(comment);
  await page.getByLabel(PARTNERS_OTHER).fill(partners);
  const reopened = await closeAndReopen(context, page);
  await openDoc(reopened, ENVIRONMENT);
  await showSection(reopened, OPENNESS);
  await expect(reopened.getByLabel(CHANGE_FIRST)).toHaveValue(comment);
  await expect(reopened.getByLabel(PARTNERS_OTHER)).toHaveValue(partners);

  // Both were queued for the relay too: another user sees them after the sync.
  await goOnline(context);
  await syncUntilClean(reopened);
  const other = await freshDevice(browser, DIRECTOR);
  await openDoc(other.page, ENVIRONMENT);
  await showSection(other.page, OPENNESS);
  await expect(other.page.getByLabel(CHANGE_FIRST)).toHaveValue(comment);
  await expect(other.page.getByLabel(PARTNERS_OTHER)).toHaveValue(partners);
  await other.context.close();
  await context.close();
});

async function openRoadmap(page: Page, docId = ROADMAP) {
  await page.goto(`/doc/${docId}`);
  const year = docId.slice(-4);
  await expect(page.getByRole('heading', { name: `Дорожная карта на ${year} год` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ключевые проблемы' })).toBeVisible();
}

const cardOf = (page: Page, title: string) =>
  page.getByRole('region', { name: new RegExp(`^Проблема \\d+\\. ${title}$`) });

/** Adds a problem with a unique title and returns its card, expanded. */
async function addProblem(page: Page, title: string) {
  await page.getByLabel('Новая ключевая проблема').fill(title);
  await page.getByRole('button', { name: 'Добавить проблему' }).click();
  const card = cardOf(page, title);
  await expect(card).toBeVisible();
  return card;
}

/** A problem's card after a load (collapsed), expanded. */
async function problemCard(page: Page, title: string) {
  const card = cardOf(page, title);
  await card.getByRole('button', { name: 'Развернуть' }).click();
  await expect(card.getByLabel(/^Цель/)).toBeVisible();
  return card;
}

test('roadmap text typed, then an immediate reload, and offline with the tab closed', async ({
  browser,
}) => {
  const { context, page } = await freshDevice(browser, DIRECTOR);
  await openRoadmap(page);
  const title = unique('Проблема');
  const card = await addProblem(page, title);
  const goal = unique('К маю 2053 года повысить долю мотивированных до 60 %');
  const analysis = longAnswer(unique('Анализ'));
  await card.getByLabel(/^Цель/).fill(goal);
  await card.getByLabel(/^Подходы к анализу/).fill(analysis);
  await page.reload();
  await openRoadmap(page);
  let again = await problemCard(page, title);
  await expect(again.getByLabel(/^Цель/)).toHaveValue(goal);
  await expect(again.getByLabel(/^Подходы к анализу/)).toHaveValue(analysis);

  await goOffline(context);
  const goal2 = unique('К июню 2053 года');
  await again.getByLabel(/^Цель/).fill(goal2);
  const reopened = await closeAndReopen(context, page);
  await openRoadmap(reopened);
  again = await problemCard(reopened, title);
  await expect(again.getByLabel(/^Цель/)).toHaveValue(goal2);
  await goOnline(context);
  await context.close();
});

/**
 * Key by key at a fast typist's pace (about 1,000 characters a minute). Each key's
 * IndexedDB transaction queues behind the previous ones: keys pressed faster than
 * they commit (every few ms, as a bare `pressSequentially` does on a loaded machine)
 * lost the last 8 to 26 characters to an immediate reload.
 */
const KEY = { delay: 60 };

const measureOf = (page: Page, title: string) =>
  page.getByRole('group', { name: new RegExp(`^Мероприятие \\d+\\. ${title}$`) });

test('a one-line roadmap field typed key by key: one history entry when left, kept by an immediate reload and offline with the tab closed', async ({
  browser,
}) => {
  const { context, page } = await freshDevice(browser, DIRECTOR);
  await openRoadmap(page, ROADMAP_2057);
  const title = unique('Проблема');
  const card = await addProblem(page, title);
  const seminar = unique('Семинар');
  await card.getByLabel('Новое мероприятие').fill(seminar);
  await card.getByRole('button', { name: 'Добавить мероприятие' }).click();
  const responsible = () => measureOf(page, seminar).getByLabel('Ответственный');

  // Typed key by key and left: one history entry, with the whole value.
  const first = unique('Петрова А. И.');
  await responsible().pressSequentially(first, KEY);
  await responsible().blur();

  // Typed key by key, the page reloaded with the caret still in the field.
  const second = unique('Сидоров П. П.');
  await responsible().fill('');
  await responsible().pressSequentially(second, KEY);
  await page.reload();
  await openRoadmap(page, ROADMAP_2057);
  await problemCard(page, title);
  await expect(responsible()).toHaveValue(second);

  // Offline, the tab closed with the caret in the field.
  await goOffline(context);
  const third = unique('Кузнецова Е. В.');
  await responsible().fill('');
  await responsible().pressSequentially(third, KEY);
  const reopened = await closeAndReopen(context, page);
  await openRoadmap(reopened, ROADMAP_2057);
  await problemCard(reopened, title);
  await expect(measureOf(reopened, seminar).getByLabel('Ответственный')).toHaveValue(third);

  // The history: one entry per edit, never one per key. The edit left by blur is there
  // with its whole value; one left by a reload has none (its value is kept all the
  // same); a closed tab fired `change` here, so that edit has its entry too.
  await reopened.getByRole('button', { name: 'История изменений' }).click();
  const entries = reopened
    .getByTestId('history')
    .getByRole('listitem')
    .filter({ hasText: `«${seminar}», ответственный` });
  await expect(entries.filter({ hasText: `ответственный: ${first}` })).toHaveCount(1);
  await expect(entries.first()).toBeVisible();
  expect(await entries.count()).toBeLessThanOrEqual(3);
  await goOnline(context);
  await syncUntilClean(reopened);
  await context.close();
});

test('a visit comment typed, then an immediate reload, and offline with the tab closed', async ({
  browser,
}) => {
  const { context, page } = await freshDevice(browser, CURATOR);
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const visitId = await newVisit(page, `2058-03-${day}`);
  const goals = unique('Цели сформулированы, сроков нет');
  await page.locator('#comment-a').pressSequentially(goals, KEY);
  await page.reload();
  await expect(page.locator('#comment-a')).toHaveValue(goals);

  await goOffline(context);
  const indicators = unique('Показатели измеримы');
  await page.locator('#comment-b').pressSequentially(indicators, KEY);
  const reopened = await closeAndReopen(context, page);
  await reopened.goto(`/doc/${visitId}`);
  await expect(reopened.locator('#comment-a')).toHaveValue(goals);
  await expect(reopened.locator('#comment-b')).toHaveValue(indicators);
  await goOnline(context);
  await syncUntilClean(reopened);
  await context.close();
});
