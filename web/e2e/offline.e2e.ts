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

test('after the first visit the app and its documents open offline', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, TEACHER);
  const doc = questionnaireId('environment');
  await openDoc(page, doc);
  await page.getByLabel('Кто заполняет').fill('Иванова М. А.');
  await syncUntilClean(page);

  await goOffline(context);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Синхронизация' })).toBeVisible();
  await expect(page.getByTestId('network-state')).toHaveText(/Нет сети/);
  await page.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByRole('heading', { name: `Здравствуйте, ${TEACHER.name}` })).toBeVisible();
  // A route never visited in this page load, opened by address while offline.
  await page.goto(`/doc/${doc}`);
  await expect(page.getByLabel('Кто заполняет')).toHaveValue('Иванова М. А.');
  await context.close();
});

test('offline edits survive a reload, reach the relay on reconnect, and another user sees them', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, TEACHER);
  const doc = questionnaireId('management');
  await openDoc(page, doc);

  await goOffline(context);
  await page.getByLabel('Кто заполняет').fill('Записано без сети');
  await page.getByLabel('Заметки').fill('Заметка без сети');
  await page.getByLabel('Число обучающихся').fill('87');
  await page.reload();
  await expect(page.getByLabel('Кто заполняет')).toHaveValue('Записано без сети');
  await expect(page.getByLabel('Заметки')).toHaveValue('Заметка без сети');
  await expect(page.getByLabel('Число обучающихся')).toHaveValue('87');
  await page.getByRole('link', { name: /Синхронизация/ }).click();
  await expect(page.getByTestId('pending-count')).toHaveText(
    /^\d+ изменени(е|я|й) ожида(ет|ют) отправки$/,
  );

  await goOnline(context);
  await syncUntilClean(page);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DIRECTOR);
  await openDoc(otherPage, doc);
  await expect(otherPage.getByLabel('Кто заполняет')).toHaveValue('Записано без сети');
  await expect(otherPage.getByLabel('Заметки')).toHaveValue('Заметка без сети');
  await expect(otherPage.getByLabel('Число обучающихся')).toHaveValue('87');
  await other.close();
  await context.close();
});
