/**
 * Offline use of real questionnaires: the app and a filled form open offline;
 * offline answers survive a reload, reach the relay on reconnect, and another
 * user sees them. Documents used only here: «Качество школьной среды» and
 * «Качество управления» of the entry wave of 2043.
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

const CLUBS = 'Количество кружков и секций дополнительного образования, работающих в школе';
const UPBRINGING = 'Образовательная и воспитательная среда';
const PARTNERSHIP = 'Партнёрство и внешняя поддержка';
const AGREEMENT = 'Заключено ли партнёрское соглашение со школой-лидером?';
const LEADER = 'Название школы-лидера';
const COMMENT = 'Какие управленческие решения за последний период дали наибольший эффект?';

test('after the first visit the app and its documents open offline', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, TEACHER);
  const doc = questionnaireId('school_environment', '2043-entry');
  await openDoc(page, doc);
  await showSection(page, UPBRINGING);
  await page.getByLabel(CLUBS).fill('12');
  await syncUntilClean(page);

  await goOffline(context);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Синхронизация' })).toBeVisible();
  await expect(page.getByTestId('network-state')).toHaveText(/Нет сети/);
  await page.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByRole('heading', { name: `Здравствуйте, ${TEACHER.name}` })).toBeVisible();
  // A route never visited in this page load, opened by address while offline.
  await openDoc(page, doc);
  await showSection(page, UPBRINGING);
  await expect(page.getByLabel(CLUBS)).toHaveValue('12');
  await context.close();
});

test('offline edits survive a reload, reach the relay on reconnect, and another user sees them', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, TEACHER);
  const doc = questionnaireId('management', '2043-entry');
  await openDoc(page, doc);
  await showSection(page, PARTNERSHIP);

  await goOffline(context);
  await question(page, AGREEMENT).getByRole('radio', { name: 'Да' }).check();
  await page.getByLabel(LEADER).fill('Записано без сети');
  await page.getByLabel(COMMENT).fill('Заметка без сети');
  await page.getByRole('link', { name: /Синхронизация/ }).click();
  await expect(page.getByTestId('pending-count')).toHaveText(
    /^\d+ изменени(е|я|й) ожида(ет|ют) отправки$/,
  );
  await page.reload();
  await openDoc(page, doc);
  await showSection(page, PARTNERSHIP);
  await expect(question(page, AGREEMENT).getByRole('radio', { name: 'Да' })).toBeChecked();
  await expect(page.getByLabel(LEADER)).toHaveValue('Записано без сети');
  await expect(page.getByLabel(COMMENT)).toHaveValue('Заметка без сети');

  await goOnline(context);
  await syncUntilClean(page);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DIRECTOR);
  await openDoc(otherPage, doc);
  await showSection(otherPage, PARTNERSHIP);
  await expect(question(otherPage, AGREEMENT).getByRole('radio', { name: 'Да' })).toBeChecked();
  await expect(otherPage.getByLabel(LEADER)).toHaveValue('Записано без сети');
  await expect(otherPage.getByLabel(COMMENT)).toHaveValue('Заметка без сети');
  await other.close();
  await context.close();
});
