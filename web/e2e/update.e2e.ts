import { expect, test } from '@playwright/test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_WEB_ROOT } from '../playwright.config';
import { TEACHER, openDoc, questionnaireId, signIn } from './helpers';

const SW = join(E2E_WEB_ROOT, 'service-worker.js');
let original: string;

test.beforeAll(() => {
  original = readFileSync(SW, 'utf8');
});
test.afterAll(() => {
  writeFileSync(SW, original);
});

test('a new build shows the update prompt, and updating keeps unsynced edits', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, TEACHER);
  // The relay is unreachable for sync, so the edit stays unsynced; the shell still updates.
  await context.route('**/api/sync', (route) => route.abort('connectionrefused'));
  const doc = questionnaireId('environment', 'final');
  await openDoc(page, doc);
  await page.getByLabel('Кто заполняет').fill('До обновления');
  await page.getByLabel('Заметки').fill('не отправлено');
  await expect(page.getByRole('alert').filter({ hasText: 'Доступна новая версия' })).toHaveCount(0);

  // Deploy: a service worker with different bytes, as any new build has.
  appendFileSync(SW, `\n// build ${Date.now()}\n`);
  const prompt = page.getByRole('alert').filter({ hasText: 'Доступна новая версия — обновить' });
  await expect(async () => {
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    await expect(prompt).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await prompt.getByRole('button', { name: 'Обновить' }).click();
  await expect(prompt).toHaveCount(0);
  await page.waitForLoadState('load');

  await openDoc(page, doc);
  await expect(page.getByLabel('Кто заполняет')).toHaveValue('До обновления');
  await expect(page.getByLabel('Заметки')).toHaveValue('не отправлено');
  await page.getByRole('link', { name: /Синхронизация/ }).click();
  await expect(page.getByTestId('pending-count')).toHaveText(/ожида(ет|ют) отправки/);
  await context.close();
});
