/**
 * A questionnaire holding an answer of the wrong type, brought by a transfer
 * file (which bypasses the relay's check): the app shows the bad answer marked
 * invalid at its question and the rest of the form keeps working; the relay
 * refuses to store it when the device syncs. Document used only here:
 * «Качество управления», final wave of 2036.
 */
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { formById, initQuestionnaireDoc, registerKey, setAnswer } from '@opora/shared';
import { TRANSFER_FILE_EXTENSION, encodeTransferFile } from '@opora/shared/transfer/format';
import { SCHOOL, TEACHER, signIn } from './helpers';

const DOC = `school:${SCHOOL}:questionnaire:management:2036-final`;

test('an answer of the wrong type from a file is marked invalid; the form works; the relay refuses it', async ({
  browser,
}, testInfo) => {
  // A hostile or old client's document: a valid answer and a number question holding text.
  const form = formById('management')!;
  const doc = new Y.Doc();
  initQuestionnaireDoc(doc, form, '2036-final');
  setAnswer(doc, form, 'mg_program', true, 'u-other');
  setAnswer(doc, form, 'mg_team', true, 'u-other');
  doc.getMap('answers').set(registerKey('mg_team_size', 'hostile1'), {
    v: 'много',
    by: 'u-other',
    at: Date.now(),
    ver: 1,
  });
  const file = testInfo.outputPath(`invalid${TRANSFER_FILE_EXTENSION}`);
  writeFileSync(
    file,
    await encodeTransferFile({
      createdAt: Date.now(),
      sender: { userId: 'u-other', userName: 'Старое приложение', deviceId: 'old-device' },
      note: '',
      documents: [
        {
          docId: DOC,
          base: 'full',
          baseVector: new Uint8Array(0),
          stateVector: Y.encodeStateVector(doc),
          update: Y.encodeStateAsUpdate(doc),
          pending: null,
        },
      ],
    }),
  );

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, TEACHER);
  await page.getByRole('navigation').getByRole('link', { name: 'Передать файлом' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: 'Принять', exact: true }).click();
  await expect(page.getByTestId('import-result')).toContainText('Принято из файла');

  await page.goto(`/doc/${DOC}`);
  const bad = page.getByTestId('invalid-mg_team_size');
  await expect(bad).toContainText('Ответ не подходит к вопросу: «много»');
  // The rest of the form works: the valid answer is there, others can be given.
  await expect(
    page.getByRole('group', { name: /Утверждена ли программа перехода/ }).getByRole('radio', {
      name: 'Да',
    }),
  ).toBeChecked();
  await page
    .getByRole('group', { name: /Действует ли положение/ })
    .getByRole('radio', { name: 'Да' })
    .check();
  await expect(page.getByTestId('q-percent')).not.toHaveText('0 %');
  // The relay refuses what the file brought; the device keeps it and says why.
  await page.goto('/sync');
  const refused = page.locator('li', { hasText: 'Качество управления' });
  await expect(async () => {
    const button = page.getByRole('button', { name: 'Синхронизировать' });
    if (await button.isEnabled()) await button.click();
    await expect(refused).toContainText('содержит ответ, который не подходит к вопросу анкеты', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });

  // Answering the question replaces the bad value.
  await page.goto(`/doc/${DOC}`);
  const size = page.getByLabel('Сколько человек в школьной команде?');
  await size.fill('12');
  await size.blur();
  await expect(bad).toHaveCount(0);
  await expect(size).toHaveValue('12');
  await context.close();
});
