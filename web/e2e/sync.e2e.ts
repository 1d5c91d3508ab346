import { expect, test } from '@playwright/test';
import {
  DIRECTOR,
  TEACHER,
  goOffline,
  goOnline,
  openDoc,
  questionnaireId,
  signIn,
  syncUntilClean,
} from './helpers';

test('two users edit different fields of one document offline: both edits end up everywhere', async ({
  browser,
}) => {
  const doc = questionnaireId('teaching');
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();
  await signIn(pa, TEACHER);
  await signIn(pb, DIRECTOR);
  await openDoc(pa, doc);
  await openDoc(pb, doc);

  await goOffline(a);
  await goOffline(b);
  await pa.getByLabel('Кто заполняет').fill('Учитель');
  await pa.getByLabel('Заметки').fill('от учителя');
  await pb.getByLabel('Число обучающихся').fill('120');
  await pb.getByLabel('Главная проблема школы').fill('Нехватка учителей');
  // Both write notes too: the text slot both devices create offline must be one Y.Text.
  await pb.getByLabel('Заметки').fill('от директора');

  await goOnline(a);
  await goOnline(b);
  await syncUntilClean(pa);
  await syncUntilClean(pb);
  await syncUntilClean(pa);

  for (const page of [pa, pb]) {
    await openDoc(page, doc);
    await expect(page.getByLabel('Кто заполняет')).toHaveValue('Учитель');
    await expect(page.getByLabel('Заметки')).toHaveValue(/от учителя/);
    await expect(page.getByLabel('Заметки')).toHaveValue(/от директора/);
    await expect(page.getByLabel('Число обучающихся')).toHaveValue('120');
    await expect(page.getByLabel('Главная проблема школы')).toHaveValue('Нехватка учителей');
  }
  await a.close();
  await b.close();
});

test('a sync request cut off after the relay got it is retried and converges without duplicates', async ({
  browser,
}) => {
  const doc = questionnaireId('risk-profile');
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
  await page.getByLabel('Заметки').fill('один раз');
  await page.getByLabel('Кто заполняет').fill('Проверка обрыва');
  await expect.poll(() => delivered).toBe(1);
  await syncUntilClean(page);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DIRECTOR);
  await openDoc(otherPage, doc);
  await expect(otherPage.getByLabel('Заметки')).toHaveValue('один раз');
  await expect(otherPage.getByLabel('Кто заполняет')).toHaveValue('Проверка обрыва');
  await other.close();
  await context.close();
});
