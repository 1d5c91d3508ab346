import { expect, test } from '@playwright/test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_WEB_ROOT } from '../playwright.config';
import { TEACHER, openDoc, question, questionnaireId, showSection, signIn } from './helpers';

// «Качество управления», final wave of 2045: used only here.
const PARTNERSHIP = 'Партнёрство и внешняя поддержка';
const AGREEMENT = 'Заключено ли партнёрское соглашение со школой-лидером?';
const LEADER = 'Название школы-лидера';
const COMMENT = 'Какие управленческие решения за последний период дали наибольший эффект?';
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
  const doc = questionnaireId('management', '2045-final');
  await openDoc(page, doc);
  await showSection(page, PARTNERSHIP);
  await question(page, AGREEMENT).getByRole('radio', { name: 'Да' }).check();
  await page.getByLabel(LEADER).fill('До обновления');
  await page.getByLabel(COMMENT).fill('не отправлено');
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
  await showSection(page, PARTNERSHIP);
  await expect(page.getByLabel(LEADER)).toHaveValue('До обновления');
  await expect(page.getByLabel(COMMENT)).toHaveValue('не отправлено');
  await page.getByRole('link', { name: /Синхронизация/ }).click();
  await expect(page.getByTestId('pending-count')).toHaveText(/ожида(ет|ют) отправки/);
  await context.close();
});
