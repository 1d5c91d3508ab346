/**
 * Sync of real questionnaires between users: two offline users answer
 * different questions (and type in the same long answer) and both edits end up
 * everywhere; a request cut off after the relay got it is retried without
 * duplicates. Documents used only here: «Качество управления» of the
 * intermediate wave of 2043 and of the entry wave of 2044.
 */
import { expect, test } from '@playwright/test';
import {
  DIRECTOR,
  TEACHER,
  goOffline,
  goOnline,
  openDoc,
  question,
  questionnaireId,
  showSection,
  signIn,
  syncUntilClean,
} from './helpers';

const PARTNERSHIP = 'Партнёрство и внешняя поддержка';
const AGREEMENT = 'Заключено ли партнёрское соглашение со школой-лидером?';
const LEADER = 'Название школы-лидера';
const SUPPORT = 'Оцените поддержку школы со стороны муниципального органа управления образованием';
const COMMENT = 'Какие управленческие решения за последний период дали наибольший эффект?';

test('two users edit different fields of one document offline: both edits end up everywhere', async ({
  browser,
}) => {
  const doc = questionnaireId('management', '2043-mid');
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();
  await signIn(pa, TEACHER);
  await signIn(pb, DIRECTOR);
  await openDoc(pa, doc);
  await openDoc(pb, doc);
  await showSection(pa, PARTNERSHIP);
  await showSection(pb, PARTNERSHIP);

  await goOffline(a);
  await goOffline(b);
  await question(pa, AGREEMENT).getByRole('radio', { name: 'Да' }).check();
  await pa.getByLabel(COMMENT).fill('от учителя');
  await question(pb, SUPPORT).getByRole('radio', { name: '4' }).check();
  // Both type the same long answer too: the text slot both devices create offline must be one Y.Text.
  await pb.getByLabel(COMMENT).fill('от директора');

  await goOnline(a);
  await goOnline(b);
  await syncUntilClean(pa);
  await syncUntilClean(pb);
  await syncUntilClean(pa);

  for (const page of [pa, pb]) {
    await openDoc(page, doc);
    await showSection(page, PARTNERSHIP);
    await expect(question(page, AGREEMENT).getByRole('radio', { name: 'Да' })).toBeChecked();
    await expect(question(page, SUPPORT).getByRole('radio', { name: '4' })).toBeChecked();
    await expect(page.getByLabel(COMMENT)).toHaveValue(/от учителя/);
    await expect(page.getByLabel(COMMENT)).toHaveValue(/от директора/);
  }
  await a.close();
  await b.close();
});

test('a sync request cut off after the relay got it is retried and converges without duplicates', async ({
  browser,
}) => {
  const doc = questionnaireId('management', '2044-entry');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, TEACHER);
  await syncUntilClean(page);

  // The next sync request reaches the relay, but its answer never reaches the page.
  let delivered = 0;
  await context.route('**/api/sync', async (route) => {
    if (delivered === 0 && route.request().postDataBuffer()?.length) {
      delivered++;
      await route.fetch();
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });

  await openDoc(page, doc);
  await showSection(page, PARTNERSHIP);
  await page.getByLabel(COMMENT).fill('один раз');
  await question(page, AGREEMENT).getByRole('radio', { name: 'Да' }).check();
  await page.getByLabel(LEADER).fill('Проверка обрыва');
  await expect.poll(() => delivered).toBe(1);
  await syncUntilClean(page);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DIRECTOR);
  await openDoc(otherPage, doc);
  await showSection(otherPage, PARTNERSHIP);
  await expect(otherPage.getByLabel(COMMENT)).toHaveValue('один раз');
  await expect(otherPage.getByLabel(LEADER)).toHaveValue('Проверка обрыва');
  await other.close();
  await context.close();
});
