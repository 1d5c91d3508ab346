/**
 * Transfer without a network (issue 6): a school device and a curator device,
 * both offline, exchange a `.opora` file; the receiving device later syncs and
 * a coordinator sees the changes, which reached the relay only through the file.
 * The visit of this file is dated 2033, so its roadmap (2033) is no other test's.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DIRECTOR, goOffline, goOnline, newVisit, signIn, syncUntilClean } from './helpers';

const CURATOR = { login: 'curator', password: 'curator1', name: 'Морозова Татьяна Николаевна' };
const COORDINATOR = {
  login: 'mo-zarechny',
  password: 'zarechny1',
  name: 'Кузнецов Андрей Викторович',
};
const SCHOOL_NAME = /МБОУ СОШ № 3 с\. Заречье/;
const STEP = 'Провести педсовет по итогам ВПР';

/** Opens the transfer screen from the menu (in-app, so edits just made are not cut off by a reload). */
async function toTransfer(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Передать файлом' }).click();
  await expect(page.getByRole('heading', { name: 'Передача без интернета' })).toBeVisible();
}

/** Makes a file of the school's documents on «Передать без интернета» and downloads it. */
async function exportSchool(page: Page, note: string): Promise<string> {
  await toTransfer(page);
  await page.getByRole('radio', { name: SCHOOL_NAME }).check();
  await page.getByLabel('Записка для получателя (необязательно)').fill(note);
  await page.getByRole('button', { name: 'Подготовить файл' }).click();
  await expect(page.getByTestId('export-ready')).toContainText('Файл готов');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Скачать файл' }).click();
  const file = await (await download).path();
  expect(file).toBeTruthy();
  return file;
}

/** Chooses a file on «Принять файл» and checks the manifest shown before merging. */
async function chooseFile(page: Page, path: string) {
  await toTransfer(page);
  await page.locator('input[type=file]').setInputFiles(path);
}

/** Rows in the device's outbox (pending and refused). */
function outboxCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('opora');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').count();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

async function openVisit(page: Page, docId: string) {
  await page.goto(`/doc/${docId}`);
  await expect(page.getByLabel('Что увидели')).toBeVisible();
}

test('a school’s changes travel to the relay through the curator’s file, and the curator’s back through the school', async ({
  browser,
}) => {
  const curatorCtx = await browser.newContext();
  const schoolCtx = await browser.newContext();
  const curator = await curatorCtx.newPage();
  const school = await schoolCtx.newPage();

  // Online: the curator plans a visit with a step; both devices have it.
  await signIn(curator, CURATOR);
  const visitId = await newVisit(curator, '2033-03-12');
  await curator.getByLabel('Что сделать').fill(STEP);
  await curator.getByLabel('Ответственный в школе').fill('Смирнова Е. В.');
  await curator.getByRole('button', { name: 'Добавить шаг' }).click();
  await expect(curator.getByTestId('step')).toHaveAttribute('data-state', 'proposed');
  await syncUntilClean(curator);

  await signIn(school, DIRECTOR);
  await syncUntilClean(school);
  await openVisit(school, visitId);
  await expect(school.getByTestId('step')).toContainText(STEP);

  // Nothing connects at the school.
  await goOffline(curatorCtx);
  await goOffline(schoolCtx);

  // The director accepts the step (it becomes a measure of the 2033 roadmap) and notes a change.
  await school.getByTestId('step').getByRole('button', { name: 'Принять', exact: true }).click();
  await expect(school.getByTestId('step')).toHaveAttribute('data-state', 'accepted');
  await expect(school.getByTestId('step')).toContainText('Внесено в дорожную карту');
  await school.getByLabel('Изменения в школе').fill('Открыт кабинет робототехники');
  const fromSchool = await exportSchool(school, 'Школа № 3, посещение 12 марта');

  // The curator takes the file: first the manifest, then what arrived.
  await chooseFile(curator, fromSchool);
  const preview = curator.getByTestId('import-preview');
  await expect(preview).toContainText(`От кого: ${DIRECTOR.name}`);
  await expect(preview).toContainText('Записка: Школа № 3, посещение 12 марта');
  await expect(preview).toContainText('Дорожная карта на 2033 год');
  await curator.getByRole('button', { name: 'Принять', exact: true }).click();
  const result = curator.getByTestId('import-result');
  await expect(result).toContainText('Принято из файла');
  await expect(result.locator('li', { hasText: 'Дорожная карта на 2033 год' })).toContainText(
    'новый',
  );
  await expect(result.locator('li', { hasText: 'Посещение школы 12 марта 2033' })).toContainText(
    'обновлён',
  );
  await openVisit(curator, visitId);
  await expect(curator.getByLabel('Изменения в школе')).toHaveValue('Открыт кабинет робототехники');
  await expect(curator.getByTestId('step')).toHaveAttribute('data-state', 'accepted');

  // Importing the same file again changes nothing.
  await chooseFile(curator, fromSchool);
  await curator.getByRole('button', { name: 'Принять', exact: true }).click();
  await expect(curator.getByTestId('import-result')).not.toContainText(/новых|обновлено/);

  // The curator reaches a network; the school is still offline.
  await goOnline(curatorCtx);
  await syncUntilClean(curator);

  const coordCtx = await browser.newContext();
  const coord = await coordCtx.newPage();
  await signIn(coord, COORDINATOR);
  await syncUntilClean(coord);
  await openVisit(coord, visitId);
  await expect(coord.getByLabel('Изменения в школе')).toHaveValue('Открыт кабинет робототехники');
  await expect(coord.getByTestId('step')).toHaveAttribute('data-state', 'accepted');
  await expect(coord.getByTestId('step')).toContainText('Внесено в дорожную карту');

  // The reverse: the curator, offline again, writes the report at the school and leaves a file.
  await goOffline(curatorCtx);
  await openVisit(curator, visitId);
  await curator.getByLabel('Что увидели').fill('Посетила уроки математики в 5 и 7 классах');
  const criterionA = curator.getByRole('group', { name: /а\) Цели и задачи/ });
  await criterionA.getByRole('radio', { name: 'Частично соответствует' }).check();
  await criterionA.getByLabel('Комментарий').fill('Цель не измерима');
  await criterionA.getByLabel('Комментарий').blur();
  await expect(curator.getByLabel('Что увидели')).toHaveValue(/уроки математики/);
  const fromCurator = await exportSchool(curator, 'Отчёт о посещении');

  await chooseFile(school, fromCurator);
  await expect(school.getByTestId('import-preview')).toContainText(`От кого: ${CURATOR.name}`);
  await school.getByRole('button', { name: 'Принять', exact: true }).click();
  await expect(
    school.getByTestId('import-result').locator('li', { hasText: 'Посещение школы 12 марта 2033' }),
  ).toContainText('обновлён');
  await openVisit(school, visitId);
  await expect(school.getByLabel('Что увидели')).toHaveValue(
    'Посетила уроки математики в 5 и 7 классах',
  );

  // The school reaches a network; the curator stays offline.
  await goOnline(schoolCtx);
  await syncUntilClean(school);
  await syncUntilClean(coord);
  await openVisit(coord, visitId);
  await expect(coord.getByLabel('Что увидели')).toHaveValue(
    'Посетила уроки математики в 5 и 7 классах',
  );
  const coordA = coord.getByRole('group', { name: /а\) Цели и задачи/ });
  await expect(coordA.getByRole('radio', { name: 'Частично соответствует' })).toBeChecked();
  await expect(coordA.getByLabel('Комментарий')).toHaveValue('Цель не измерима');

  await curatorCtx.close();
  await schoolCtx.close();
  await coordCtx.close();
});

test('a truncated or random file is refused with a Russian message and changes nothing', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DIRECTOR);
  await newVisit(page, '2032-04-01');
  await goOffline(context);

  const good = readFileSync(await exportSchool(page, ''));
  const allLabel = await page.getByText(/Всё на этом устройстве/).textContent();
  const outbox = await outboxCount(page);

  const cases = [
    {
      name: 'cut.opora',
      buffer: good.subarray(0, Math.floor(good.length / 2)),
      message: 'Файл передан не полностью (оборван). Передайте его ещё раз.',
    },
    {
      name: 'random.opora',
      buffer: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
      message: 'Это не файл передачи «Опоры».',
    },
  ];
  for (const c of cases) {
    await page.goto('/transfer');
    await page.locator('input[type=file]').setInputFiles({
      name: c.name,
      mimeType: 'application/octet-stream',
      buffer: c.buffer,
    });
    const error = page.getByTestId('import-error');
    await expect(error).toContainText(c.message);
    await expect(error).toContainText(c.name);
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Принять', exact: true })).toHaveCount(0);
  }
  // Same documents, same outbox.
  await page.goto('/transfer');
  expect(await page.getByText(/Всё на этом устройстве/).textContent()).toBe(allLabel);
  const after = await outboxCount(page);
  expect(after).toBe(outbox);
  await context.close();
});
