import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import * as Y from 'yjs';
import {
  AckCode,
  decodeResponse,
  encodeRequest,
  parseDocId,
  riskDiagnosticForm,
  schoolsOfDoc,
  setAnswer,
  setExamResult,
  submitForReview,
  SYNC_CONTENT_TYPE,
  SYNC_PATH,
  type DirectorySnapshot,
  type Push,
} from '@opora/shared';
import { DIRECTOR, TEACHER, goOffline, signIn, syncUntilClean } from './helpers';

const REGION = { login: 'region', password: 'region1', name: 'Соколова Ирина Петровна' };
const MO_ZARECHNY = {
  login: 'mo-zarechny',
  password: 'zarechny1',
  name: 'Кузнецов Андрей Викторович',
};

/** Track 1 schools of the demo region (ШНОР; sync-server/src/demo/seed.ts). */
const TRACK_1 = [
  'МБОУ СОШ № 3 с. Заречье',
  'МБОУ ООШ д. Кривая Лука',
  'МБОУ СОШ с. Покровское',
  'МБОУ НОШ п. Лесной',
  'МБОУ СОШ № 5 г. Озёрск',
  'МБОУ СОШ с. Рябиновка',
  'МБОУ ООШ д. Каменка',
  'МБОУ «Борская СОШ»',
  'МБОУ СОШ № 7 г. Североград',
  'МБОУ СОШ № 9 мкр. Северный',
  'МБОУ СОШ № 14 г. Североград',
  'МБОУ «Вечерняя (сменная) школа № 1»',
];
const NOT_TRACK_1 = ['МБОУ СОШ № 2 пгт Заречный', 'МАОУ «Лицей № 1» г. Североград'];

// Ids no other test writes: the risk diagnostic of the Лесной school in a mid wave, and exam documents.
const RISK_DOC = 'school:zar-nosh-lesnoy:questionnaire:risk_diagnostic:2026-mid';
const OTHER_MUNI_DOCS = ['school:oz-sosh-ryabinovka:exams', 'school:sev-sosh-18:exams'];

async function token(request: APIRequestContext, login: string, password: string) {
  const res = await request.post('/api/auth/login', { data: { login, password } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { token: string }).token;
}

async function sync(request: APIRequestContext, bearer: string, cursor: string, pushes: Push[]) {
  const res = await request.post(SYNC_PATH, {
    headers: { authorization: `Bearer ${bearer}`, 'content-type': SYNC_CONTENT_TYPE },
    data: Buffer.from(encodeRequest({ cursor, maxBytes: 0, pushes, vectors: [] })),
  });
  expect(res.status()).toBe(200);
  return decodeResponse(new Uint8Array(await res.body()));
}

let seeded = false;

/** The region stores a risk diagnostic (adaptivity: high) and exam results in other municipalities. */
async function seedRelay(request: APIRequestContext): Promise<void> {
  if (seeded) return;
  seeded = true;
  const risk = new Y.Doc();
  for (const [q, v] of [
    ['ad_differentiation', 'rarely'],
    ['ad_routes', false],
    ['ad_formative_practice', 'no'],
    ['ad_results_use', 'report'],
  ] as const)
    setAnswer(risk, riskDiagnosticForm, q, v, 'u-region');
  submitForReview(risk, 'u-region');
  const pushes: Push[] = [{ docId: RISK_DOC, update: Y.encodeStateAsUpdate(risk) }];
  for (const docId of OTHER_MUNI_DOCS) {
    const doc = new Y.Doc();
    setExamResult(doc, 2025, 'ege_math', 51.5);
    pushes.push({ docId, update: Y.encodeStateAsUpdate(doc) });
  }
  const answer = await sync(request, await token(request, 'region', 'region1'), '', pushes);
  expect(answer.acks.map((a) => a.code)).toEqual([0, 0, 0]);
}

test('a regional coordinator filters to track 1, opens the heatmap and exports it to XLSX', async ({
  page,
  request,
}) => {
  await seedRelay(request);
  await signIn(page, REGION);
  await page.getByRole('link', { name: /Панель координатора/ }).click();
  await expect(page.getByTestId('freshness')).toContainText('последняя успешная синхронизация');
  await expect(page.getByTestId('shown-count')).toHaveText('Показано: все 30');

  await page.getByRole('checkbox', { name: 'Трек 1' }).check();
  await expect(page.getByTestId('shown-count')).toHaveText('Показано: 12 из 30');

  await page.getByRole('link', { name: 'Факторы риска' }).click();
  await expect(page.getByRole('heading', { name: 'Факторы риска' })).toBeVisible();
  const row = page.getByRole('row', { name: /МБОУ НОШ п\. Лесной/ });
  // The summary detail of the synced diagnostic reaches the heatmap.
  await expect(row.getByRole('cell', { name: 'Высокий' })).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByRole('row', { name: /МБОУ СОШ № 2 пгт Заречный/ })).toHaveCount(0);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'XLSX' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Факторы риска \d{4}-\d{2}-\d{2}\.xlsx$/);
  const files = unzipSync(readFileSync(await download.path()));
  const workbook = strFromU8(files['xl/workbook.xml'] ?? new Uint8Array());
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
  expect(workbook).toContain('name="Факторы риска"');
  expect(sheet).toContain('Риски низкой адаптивности учебного процесса');
  const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => m[2] ?? '');
  expect(rows).toHaveLength(1 + TRACK_1.length);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  for (const name of TRACK_1) expect(rows.some((r) => r.includes(esc(name)))).toBe(true);
  for (const name of NOT_TRACK_1) expect(sheet).not.toContain(esc(name));
  const lesnoy = rows.find((r) => r.includes('МБОУ НОШ п. Лесной')) ?? '';
  expect(lesnoy).toContain('Высокий');
  expect(lesnoy).toContain('Зареченский муниципальный район');
});

test('a municipal coordinator never sees another municipality’s school, in the app or from the relay', async ({
  page,
  request,
}) => {
  await seedRelay(request);

  // From the relay: the sync pull holds no document of another municipality's school alone.
  const bearer = await token(request, MO_ZARECHNY.login, MO_ZARECHNY.password);
  const me = (await (
    await request.get('/api/me', { headers: { authorization: `Bearer ${bearer}` } })
  ).json()) as { directory: DirectorySnapshot };
  const zarechny = new Set(me.directory.schools.map((s) => s.id));
  expect(zarechny.size).toBe(10);
  expect(me.directory.schools.every((s) => s.municipalityId === 'zarechny')).toBe(true);
  expect(me.directory.municipalities.map((m) => m.id)).toEqual(['zarechny']);
  // Outside the municipality /api/me only names the leader school of a partnership's plan.
  expect(me.directory.partnerSchools?.map((s) => s.id)).toEqual(['sev-lyceum-1']);

  // A push to the partner school's own documents is refused.
  const refused = await sync(request, bearer, '', [
    {
      docId: 'school:sev-lyceum-1:questionnaire:risk_diagnostic:2041-entry',
      update: Y.encodeStateAsUpdate(new Y.Doc()),
    },
  ]);
  expect(refused.acks.map((a) => a.code)).toEqual([AckCode.forbidden]);

  const pulled: string[] = [];
  let cursor = '';
  for (let i = 0; i < 50; i++) {
    const answer = await sync(request, bearer, cursor, []);
    pulled.push(...answer.changes.map((c) => c.docId));
    cursor = answer.cursor;
    if (!answer.more) break;
  }
  expect(pulled).toContain(RISK_DOC);
  for (const id of pulled) {
    const ref = parseDocId(id);
    expect(ref, id).not.toBeNull();
    // The region's monitoring waves belong to no school; everyone in the region reads them.
    if (ref?.kind === 'waves') expect(ref.regionId).toBe('north');
    else if (ref)
      expect(
        schoolsOfDoc(ref).some((s) => zarechny.has(s)),
        id,
      ).toBe(true);
  }
  for (const id of OTHER_MUNI_DOCS) expect(pulled).not.toContain(id);

  // In the app: the workspace lists the ten schools of the municipality and nothing else.
  await signIn(page, MO_ZARECHNY);
  await page.getByRole('link', { name: /Панель координатора/ }).click();
  await expect(page.getByTestId('shown-count')).toHaveText('Показано: все 10');
  const main = page.locator('main');
  await expect(main.getByRole('link', { name: 'МБОУ НОШ п. Лесной' })).toBeVisible();
  // One municipality: no municipality filter to pick another from.
  await expect(page.getByLabel('Муниципалитет')).toHaveCount(0);
  await page.getByRole('searchbox').fill('Лицей');
  await expect(page.getByTestId('shown-count')).toHaveText('Показано: 0 из 10');
  await page.getByRole('searchbox').fill('');
  for (const path of [
    '/dashboard',
    '/dashboard/completion',
    '/dashboard/risks',
    '/dashboard/roadmaps',
    '/dashboard/exams',
    '/dashboard/curators',
    '/dashboard/report',
  ]) {
    await page.goto(path);
    // The printable report names schools without links.
    await expect(main.getByText('МБОУ СОШ № 3 с. Заречье', { exact: true }).first()).toBeVisible();
    await expect(main).not.toContainText('Североград');
    await expect(main).not.toContainText('Озёр');
  }
  // The report prints without the app's navigation and controls.
  await page.goto('/dashboard/report');
  await expect(
    page.getByText(
      /^Кураторов: \d+; проведено посещений: \d+; закреплённых школ без контакта 60 дней и дольше: \d+$/,
    ),
  ).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(
    page.getByRole('heading', {
      name: 'Сводный отчёт по муниципалитету: Зареченский муниципальный район',
    }),
  ).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Разделы панели' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Печать' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Синхронизация' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('button', { name: 'Печать' })).toBeVisible();

  // The curators of the municipality's schools are named from the directory, without any visit yet.
  await page.goto('/dashboard/curators');
  await expect(main.locator('th', { hasText: 'Морозова Татьяна Николаевна' })).toBeVisible();
  await expect(main).not.toContainText('Волков');
  await page.goto('/dashboard/school/sev-lyceum-1');
  await expect(page.getByText('Этой школы нет в вашей зоне ответственности.')).toBeVisible();
});

test('a coordinator adds a calendar item and marks a school; the school sees it', async ({
  browser,
}) => {
  const coordinator = await browser.newContext();
  const page = await coordinator.newPage();
  await signIn(page, MO_ZARECHNY);
  await page.goto('/dashboard/calendar');
  await expect(page.getByRole('heading', { name: 'Календарь ближайших дел' })).toBeVisible();
  const title = `Вебинар по ФГОС ${Date.now()}`;
  await page.getByLabel('Мероприятие', { exact: true }).fill(title);
  await page.getByLabel(/Сроки/).fill('до 19 декабря');
  await expect(page.getByText('Период: … — 19 декабря 2026 г.')).toBeVisible();
  await page.getByLabel('Запрос на содействие').fill('Обеспечить участие 100% школ');
  await expect(page.getByText('Цель: 100 % школ')).toBeVisible();
  await page.getByRole('button', { name: 'Добавить в календарь' }).click();
  const item = page.locator('ul.items > li', { hasText: title });
  await expect(item).toContainText('100 % школ: 0 из 10');
  await item.getByRole('button', { name: 'Отметить участие' }).click();
  await item.getByRole('checkbox', { name: 'МБОУ СОШ № 3 с. Заречье' }).check();
  await expect(item).toContainText('100 % школ: 1 из 10');
  await syncUntilClean(page);

  const school = await browser.newContext();
  const teacher = await school.newPage();
  await signIn(teacher, TEACHER);
  await teacher.getByRole('link', { name: 'Календарь ближайших дел' }).click();
  const mine = teacher.locator('li', { hasText: title });
  await expect(mine).toContainText('Школа отмечена как участник', { timeout: 30_000 });
  await coordinator.close();
  await school.close();
});

test('exam results imported from CSV give seed 000’s cohort table', async ({ page }) => {
  await signIn(page, REGION);
  await page.goto('/dashboard/exams');
  await expect(page.getByRole('heading', { name: 'Результаты ОГЭ и ЕГЭ' })).toBeVisible();
  const csv = [
    'Код школы;Год;ЕГЭ русский язык;ЕГЭ математика;ОГЭ русский язык;ОГЭ математика',
    'sev-sosh-7;2023-2024;60;40;25;12',
    'sev-sosh-7;2025;65,5;45;27;14',
    'Регион;2025;70;50;28;15',
    'no-such-school;2025;1;1;1;1',
  ].join('\r\n');
  await page.getByLabel('Файл CSV').setInputFiles({
    name: 'exams.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByText('Строка 5: школа «no-such-school» не найдена.')).toBeVisible();
  await expect(
    page.getByText('В файле есть ошибки, ничего не загружено.', { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Загрузить \d/ })).toHaveCount(0);

  await page.getByLabel('Если в файле есть ошибки').selectOption('partial');
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await page.getByRole('button', { name: 'Загрузить 3 строки' }).click();
  await expect(page.getByText('Загружено: 3 строки.')).toBeVisible();

  await page.getByLabel('Отчётный год').selectOption('2025');
  // Cohort 2021 has six schools; one (СОШ № 7) grew in all four indicators: 1 of 6.
  const cohort = page.getByRole('row', { name: /Школы 500\+ 2021 года/ });
  await expect(cohort).toContainText('16,7 %', { timeout: 30_000 });
  const row = page.getByRole('row', { name: /МБОУ СОШ № 7 г\. Североград/ });
  await expect(row.getByRole('cell').first()).toHaveText('60 → 65,5');
  await expect(page.getByLabel('ЕГЭ, русский язык', { exact: true })).toHaveValue('70');
});

test('the school enters its exam results; the coordinator’s laptop shows them offline, saying how fresh they are', async ({
  browser,
}) => {
  const school = await browser.newContext();
  const director = await school.newPage();
  await signIn(director, DIRECTOR);
  // The school's documents on its home screen include its exam results.
  await director.getByRole('link', { name: 'Результаты экзаменов' }).click();
  await expect(director.getByRole('heading', { name: 'Результаты экзаменов' })).toBeVisible();
  await director.getByLabel('Год', { exact: true }).fill('2041');
  await director.getByRole('button', { name: '+ 2041' }).click();
  const cell = director.getByLabel('ЕГЭ, русский язык, 2041', { exact: true });
  await cell.fill('71,5');
  await cell.press('Tab');
  await expect(director.getByText('Результаты сохранены на устройстве')).toBeVisible();
  await syncUntilClean(director);
  await school.close();

  const laptop = await browser.newContext();
  const page = await laptop.newPage();
  await signIn(page, MO_ZARECHNY);
  await page.getByRole('link', { name: /Панель координатора/ }).click();
  await expect(page.getByTestId('freshness')).toContainText('последняя успешная синхронизация');
  await page.getByRole('link', { name: 'МБОУ СОШ № 3 с. Заречье' }).first().click();
  const row = page.getByRole('row', { name: /^2041/ });
  await expect(row).toContainText('71,5', { timeout: 30_000 });

  await goOffline(laptop);
  await page.reload();
  const freshness = page.getByTestId('freshness');
  await expect(freshness).toContainText(
    /Нет (сети|связи с сервером): показаны данные, сохранённые на устройстве\./,
  );
  await expect(freshness).toContainText(/по состоянию на .+ \(последняя успешная синхронизация\)/);
  await expect(page.getByRole('row', { name: /^2041/ })).toContainText('71,5');
  // A dashboard not opened before, by address, offline: built from the summaries on the device.
  await page.goto('/dashboard/exams');
  await expect(page.getByRole('heading', { name: 'Результаты ОГЭ и ЕГЭ' })).toBeVisible();
  await page.getByLabel('Отчётный год').selectOption('2041');
  await expect(page.getByRole('row', { name: /МБОУ СОШ № 3 с\. Заречье/ })).toContainText('71,5');
  await laptop.close();
});

test('the plan-schedule computes the share of schools that submitted a questionnaire', async ({
  page,
  request,
}) => {
  const doc = new Y.Doc();
  setAnswer(doc, riskDiagnosticForm, 'ad_differentiation', 'rarely', 'u-region');
  submitForReview(doc, 'u-region');
  const stored = await sync(request, await token(request, 'region', 'region1'), '', [
    {
      docId: 'school:zar-nosh-lesnoy:questionnaire:risk_diagnostic:2041-entry',
      update: Y.encodeStateAsUpdate(doc),
    },
  ]);
  expect(stored.acks.map((a) => a.code)).toEqual([AckCode.ok]);

  await signIn(page, REGION);
  await page.goto('/dashboard/plan');
  await expect(page.getByRole('heading', { name: 'План-график региона' })).toBeVisible();
  await page.getByLabel('Год', { exact: true }).fill('2041');
  await page.getByLabel('Наименование мероприятия').fill('Диагностика рисков во всех школах');
  await page.getByLabel('Период (как в плане)').fill('до 1 марта');
  await page.getByLabel(/^Прогнозируемый результат/).fill('100%');
  await page
    .getByLabel('Фактический результат считать автоматически')
    .selectOption('questionnaire_done');
  await page.getByLabel('Анкета', { exact: true }).selectOption('risk_diagnostic');
  await page.getByLabel('Этап мониторинга').selectOption('2041-entry');
  await page.getByRole('button', { name: 'Добавить в план-график' }).click();
  const row = page.getByRole('row', { name: /Диагностика рисков во всех школах/ });
  // One school of thirty submitted the 2041 entry diagnostic.
  await expect(row).toContainText('рассчитано: 3,3 %', { timeout: 30_000 });
  await expect(row).toContainText('Факт считается: Школ, заполнивших анкету');
  // «до 1 марта» 2041: under way, behind the 100 % planned.
  await expect(row).toContainText('Выполняется');
});

test('a regional coordinator adds one calendar item to every municipality at once and marks a school', async ({
  page,
}) => {
  await signIn(page, REGION);
  await page.goto('/dashboard/calendar');
  await page.getByLabel('Муниципалитет').selectOption('*');
  const title = `Региональный семинар ${Date.now()}`;
  await page.getByLabel('Мероприятие', { exact: true }).fill(title);
  await page.getByLabel(/Сроки/).fill('до 20 марта 2041');
  await page.getByLabel('Запрос на содействие').fill('Обеспечить участие 100% школ');
  await page.getByRole('button', { name: 'Добавить в календарь' }).click();
  const items = page.locator('ul.items > li', { hasText: title });
  await expect(items).toHaveCount(3);
  const zarechny = items.filter({ hasText: 'Зареченский муниципальный район' });
  await expect(zarechny).toContainText('100 % школ: 0 из 10');
  await zarechny.getByRole('button', { name: 'Отметить участие' }).click();
  await zarechny.getByRole('checkbox', { name: 'МБОУ НОШ п. Лесной' }).check();
  await expect(zarechny).toContainText('100 % школ: 1 из 10');
  // One municipality's calendar alone holds its own copy.
  await page.getByLabel('Муниципалитет').selectOption({ label: 'Зареченский муниципальный район' });
  await expect(page.locator('ul.items > li', { hasText: title })).toHaveCount(1);
  await expect(page.locator('ul.items > li', { hasText: title })).toContainText(
    '100 % школ: 1 из 10',
  );
});
