/**
 * The roadmap written together offline: the school's director and its curator
 * edit one roadmap without a network (different measures, and the same
 * measure's status), sync, and both see the merge and the surfaced conflict;
 * the curator's comment reaches the school; the analytical report prints.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIRECTOR, SCHOOL, goOffline, goOnline, signIn, syncUntilClean } from './helpers';

// The curator of МБОУ СОШ № 3 с. Заречье (sync-server/src/demo/seed.ts).
const CURATOR = { login: 'curator', password: 'curator1', name: 'Морозова Татьяна Николаевна' };
// A year no other test uses.
const ROADMAP = `school:${SCHOOL}:roadmap:2031`;
const PROBLEM = 'Низкая учебная мотивация обучающихся';
const SEMINAR = 'Семинар для учителей';
const LESSONS = 'Открытые уроки';

async function openRoadmap(page: Page) {
  await page.goto(`/doc/${ROADMAP}`);
  await expect(page.getByRole('heading', { name: 'Дорожная карта на 2031 год' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ключевые проблемы' })).toBeVisible();
}

async function expandProblem(page: Page) {
  const problem = page.getByRole('region', { name: `Проблема 1. ${PROBLEM}` });
  await problem.getByRole('button', { name: 'Развернуть' }).click();
  return problem;
}

const measure = (page: Page, title: string) =>
  page.getByRole('group', { name: new RegExp(`^Мероприятие \\d+\\. ${title}$`) });

test('director and curator edit one roadmap offline: merged measures, a surfaced status conflict, a comment, the report', async ({
  browser,
}) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();

  // The director creates the roadmap on first open and writes a problem with two measures.
  await signIn(pa, DIRECTOR);
  await openRoadmap(pa);
  await pa.getByLabel('Новая ключевая проблема').fill(PROBLEM);
  await pa.getByRole('button', { name: 'Добавить проблему' }).click();
  const problemA = pa.getByRole('region', { name: `Проблема 1. ${PROBLEM}` });
  await expect(problemA).toBeVisible();
  // The SMART check flags a goal with a number but no date, inline.
  await problemA.getByLabel(/^Цель/).fill('Повысить долю обучающихся с высокой мотивацией до 60 %');
  await expect(problemA.getByTestId('smart')).toContainText('не указан срок');
  await problemA.getByLabel(/^Цель/).fill('К маю 2031 года повысить долю мотивированных до 60 %');
  await expect(problemA.getByTestId('smart')).toContainText(
    'Цель измерима и определена во времени',
  );
  for (const title of [SEMINAR, LESSONS]) {
    await problemA.getByLabel('Новое мероприятие').fill(title);
    await problemA.getByRole('button', { name: 'Добавить мероприятие' }).click();
    await expect(measure(pa, title)).toBeVisible();
  }
  await syncUntilClean(pa);

  await signIn(pb, CURATOR);
  await syncUntilClean(pb);
  await openRoadmap(pb);
  await expandProblem(pb);
  await expect(measure(pb, SEMINAR)).toBeVisible();
  await expect(measure(pb, LESSONS)).toBeVisible();
  await openRoadmap(pa);
  await expandProblem(pa);

  // Offline: different measures on each side, and the same measure's status on both.
  await goOffline(a);
  await goOffline(b);
  const respA = measure(pa, SEMINAR).getByLabel('Ответственный');
  await respA.fill('Петрова А. И.');
  await respA.blur();
  await measure(pa, SEMINAR).getByLabel('Статус').selectOption({ label: 'Выполнено' });
  const respB = measure(pb, LESSONS).getByLabel('Ответственный');
  await respB.fill('Сидоров П. П.');
  await respB.blur();
  await measure(pb, SEMINAR).getByLabel('Статус').selectOption({ label: 'Отменено' });
  const problemB = pb.getByRole('region', { name: `Проблема 1. ${PROBLEM}` });
  await problemB.getByRole('button', { name: `Комментировать: Проблема 1. ${PROBLEM}` }).click();
  await problemB.getByLabel(`Комментарий: Проблема 1. ${PROBLEM}`).fill('Уточните сроки семинара');
  await problemB.getByRole('button', { name: 'Отправить комментарий' }).click();
  await expect(problemB.getByTestId('comment')).toContainText('Уточните сроки семинара');

  await goOnline(a);
  await goOnline(b);
  await syncUntilClean(pa);
  await syncUntilClean(pb);
  await syncUntilClean(pa);

  for (const page of [pa, pb]) {
    await openRoadmap(page);
    await expect(page.getByTestId('conflicts-banner')).toContainText('одновременно');
    await expandProblem(page);
    await expect(measure(page, SEMINAR).getByLabel('Ответственный')).toHaveValue('Петрова А. И.');
    await expect(measure(page, LESSONS).getByLabel('Ответственный')).toHaveValue('Сидоров П. П.');
    const conflict = measure(page, SEMINAR).getByTestId('conflict');
    await expect(conflict).toContainText('«Выполнено»');
    await expect(conflict).toContainText(DIRECTOR.name);
    await expect(conflict).toContainText('«Отменено»');
    await expect(conflict).toContainText(CURATOR.name);
  }

  // The curator's comment reached the school.
  const comment = pa.getByRole('region', { name: `Проблема 1. ${PROBLEM}` }).getByTestId('comment');
  await expect(comment).toContainText('Уточните сроки семинара');
  await expect(comment).toContainText(CURATOR.name);

  // The director keeps one value: the conflict is gone and the status holds it.
  await measure(pa, SEMINAR).getByRole('button', { name: 'Оставить «Выполнено»' }).click();
  await expect(measure(pa, SEMINAR).getByTestId('conflict')).toHaveCount(0);
  await expect(pa.getByTestId('conflicts-banner')).toHaveCount(0);
  await expect(measure(pa, SEMINAR).getByLabel('Статус')).toHaveValue('done');

  // The history shows who changed what.
  await pa.getByRole('button', { name: 'История изменений' }).click();
  await expect(pa.getByTestId('history')).toContainText(CURATOR.name);
  await expect(pa.getByTestId('history')).toContainText(`мероприятие «${SEMINAR}», статус`);

  // The analytical report renders, and prints without the app's chrome.
  await pa.getByRole('link', { name: 'Аналитическая справка' }).click();
  await expect(
    pa.getByRole('heading', {
      level: 1,
      name: 'Аналитическая справка о реализации программы перехода школы в эффективный режим работы',
    }),
  ).toBeVisible();
  for (const name of [
    'Общие сведения',
    `Проблема 1. ${PROBLEM}`,
    'Выполнение плана мероприятий',
    'Выводы',
  ])
    await expect(pa.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(pa.getByRole('table', { name: 'План мероприятий' })).toContainText(SEMINAR);
  await expect(pa.getByText('МБОУ СОШ № 3 с. Заречье')).toBeVisible();
  await pa
    .getByLabel('Управленческие решения и обоснование принимаемых мер')
    .fill('Продолжить семинары');
  await pa.emulateMedia({ media: 'print' });
  await expect(pa.getByRole('button', { name: 'Печать / сохранить в PDF' })).toBeHidden();
  await expect(pa.getByRole('navigation', { name: 'Основное меню' })).toBeHidden();
  await expect(pa.getByText('Продолжить семинары')).toBeVisible();

  await a.close();
  await b.close();
});

test('the leader school tutor writes the partnership plan; the participant school sees it, a third school cannot open it', async ({
  browser,
}) => {
  const TUTOR = { login: 'tutor', password: 'tutor1', name: 'Новикова Светлана Юрьевна' };
  const OTHER = { login: 'director-sev', password: 'director2', name: 'Павлов Игорь Николаевич' };
  // zar-sosh-1 tutors zar-sosh-3 (seed.ts); a year no other test uses.
  const PLAN = `partnership:zar-sosh-1:${SCHOOL}:2031`;
  const a = await browser.newContext();
  const pa = await a.newPage();
  await signIn(pa, TUTOR);
  await pa.goto(`/doc/${PLAN}`);
  await expect(pa.getByRole('heading', { name: 'Партнёрское соглашение' })).toBeVisible();
  await pa.getByLabel('Модель сетевого взаимодействия').selectOption({ label: 'Смешанная' });
  await pa.getByRole('checkbox', { name: /Консультирование директора/ }).check();
  await pa.getByRole('button', { name: 'Мероприятия' }).click();
  await pa.getByLabel('Тема нового мероприятия').fill('Модельный семинар по оцениванию');
  await pa.getByRole('button', { name: 'Добавить мероприятие' }).click();
  await expect(pa.getByTestId('event')).toContainText('Модельный семинар по оцениванию');
  await pa.getByRole('button', { name: 'Матрица приоритетов' }).click();
  await pa.getByRole('button', { name: 'Заполнить по образцу' }).first().click();
  await expect(pa.getByTestId('matrix-row')).toHaveCount(2);
  await pa.getByRole('button', { name: 'Эссе' }).click();
  await pa.getByLabel('Текст эссе').fill('Мы – одна команда: школа-лидер и школа-участник.');
  await syncUntilClean(pa);

  const b = await browser.newContext();
  const pb = await b.newPage();
  await signIn(pb, DIRECTOR);
  await syncUntilClean(pb);
  await pb.goto(`/school/${SCHOOL}`);
  await expect(pb.getByRole('link', { name: /Тьюторское сопровождение 2026/ })).toBeVisible();
  await pb.goto(`/doc/${PLAN}`);
  await expect(pb.getByLabel('Модель сетевого взаимодействия')).toHaveValue('mixed');
  await expect(pb.getByRole('checkbox', { name: /Консультирование директора/ })).toBeChecked();
  await pb.getByRole('button', { name: 'Эссе' }).click();
  await expect(pb.getByLabel('Текст эссе')).toHaveValue(
    'Мы – одна команда: школа-лидер и школа-участник.',
  );
  // The plan's history says who changed what.
  await pb.getByRole('button', { name: 'История изменений' }).click();
  const history = pb.getByTestId('history');
  await expect(history).toContainText(`${TUTOR.name} изменил(а) соглашение, модель: Смешанная`);
  await expect(history).toContainText(
    'изменил(а) пункт соглашения «Консультирование директора», включён: да',
  );
  await expect(history).toContainText('добавил(а) мероприятие «Модельный семинар по оцениванию»');

  const c = await browser.newContext();
  const pc = await c.newPage();
  await signIn(pc, OTHER);
  await syncUntilClean(pc);
  await pc.goto(`/doc/${PLAN}`);
  await expect(pc.getByText('Такого документа нет.')).toBeVisible();
  await expect(pc.getByLabel('Текст эссе')).toHaveCount(0);
  // Nor did the relay send it to this device.
  const held = await pc.evaluate(async (id) => {
    const req = indexedDB.open('opora');
    const db = await new Promise<IDBDatabase>((ok) => (req.onsuccess = () => ok(req.result)));
    const keys = await new Promise<IDBValidKey[]>((ok) => {
      const q = db
        .transaction('$docs.content_updates')
        .objectStore('$docs.content_updates')
        .getAll();
      q.onsuccess = () => ok((q.result as { k: string }[]).map((r) => r.k));
    });
    db.close();
    return keys.filter((k) => k === id).length;
  }, PLAN);
  expect(held).toBe(0);
  await a.close();
  await b.close();
  await c.close();
});

/** Runs the relay's admin CLI on the test relay's database (`npm run admin -- …`). */
function admin(...args: string[]) {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync('npx', ['tsx', 'sync-server/src/admin/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_PATH: join(process.env.OPORA_E2E_DIR ?? '', 'opora.db') },
    stdio: 'pipe',
  });
}

test('a roadmap change the relay refuses is shown on the roadmap screen and sent again once the right is back', async ({
  browser,
}) => {
  // A teacher of another school, so no other test loses a right meanwhile; a year no other test uses.
  const OZ_TEACHER = { login: 'teacher-oz', password: 'teacher2', name: 'Козлова Анна Дмитриевна' };
  const DOC = 'school:oz-sosh-5:roadmap:2037';
  const grant = ['teacher-oz', 'teacher', '--school', 'oz-sosh-5'];
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, OZ_TEACHER);
  await page.goto(`/doc/${DOC}`);
  await expect(page.getByRole('heading', { name: 'Ключевые проблемы' })).toBeVisible();
  // A sync now, so this page's copy of the user's rights is fresh and stays in use.
  await syncUntilClean(page);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Ключевые проблемы' })).toBeVisible();

  // The school's administrator takes the right away on the relay; the device does not know yet.
  admin('revoke-grant', ...grant);
  try {
    await page.getByLabel('Новая ключевая проблема').fill('Низкие результаты ВПР по математике');
    await page.getByRole('button', { name: 'Добавить проблему' }).click();
    await expect(
      page.getByRole('region', { name: 'Проблема 1. Низкие результаты ВПР по математике' }),
    ).toBeVisible();
    await page.getByRole('link', { name: /Синхронизация/ }).click();
    const open = page.getByRole('link', { name: 'Открыть документ' });
    await expect(async () => {
      const button = page.getByRole('button', { name: 'Синхронизировать' });
      if (await button.isEnabled()) await button.click();
      await expect(open).toBeVisible({ timeout: 2_000 });
    }).toPass();
    await open.click();

    // The roadmap screen itself says the change was refused, why, and what to do.
    const notice = page.getByTestId('refused');
    await expect(notice).toContainText('Сервер не принял изменения этого документа');
    await expect(notice).toContainText('У вас нет права менять этот документ.');
    await expect(page.getByRole('heading', { name: 'Ключевые проблемы' })).toBeVisible();
  } finally {
    admin('grant', ...grant);
  }
  // The right is back: sending again clears the notice.
  await page.getByRole('button', { name: 'Повторить отправку' }).click();
  await syncUntilClean(page);
  await expect(page.getByText('Отклонённых изменений нет.')).toBeVisible();
  await context.close();
});

test('a roadmap opened again shows its cached view read-only at once, then the live document', async ({
  browser,
}) => {
  // A year no other test uses.
  const DOC = `school:${SCHOOL}:roadmap:2041`;
  const TITLE = 'Низкая доля обучающихся, читающих книги';
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DIRECTOR);
  await page.goto(`/doc/${DOC}`);
  await page.getByLabel('Новая ключевая проблема').fill(TITLE);
  await page.getByRole('button', { name: 'Добавить проблему' }).click();
  const card = page.getByRole('region', { name: `Проблема 1. ${TITLE}` });
  await expect(card).toBeVisible();
  // The cache of its last read takes the change within a few seconds.
  await expect
    .poll(
      () =>
        page.evaluate(
          (id) =>
            new Promise<string>((resolve, reject) => {
              const open = indexedDB.open('opora');
              open.onerror = () => reject(new Error('no database'));
              open.onsuccess = () => {
                const get = open.result.transaction('views').objectStore('views').get(id);
                get.onsuccess = () => {
                  const row = get.result as
                    { roadmap: { problems: { title: string }[] } } | undefined;
                  resolve(row?.roadmap.problems[0]?.title ?? '');
                  open.result.close();
                };
              };
            }),
          DOC,
        ),
      { timeout: 15_000 },
    )
    .toBe(TITLE);
  await page.goto(`/school/${SCHOOL}`);

  // On every load, note whether a problem card was ever in the DOM inside the disabled
  // (read-only) part, and whether the «Загрузка…» marker showed with it.
  await page.addInitScript(() => {
    const seen = { disabledCards: 0, marker: false };
    (window as unknown as { __cached: typeof seen }).__cached = seen;
    new MutationObserver(() => {
      const cards = document.querySelectorAll(
        'fieldset.live-gate[disabled] section[data-testid="problem"]',
      ).length;
      if (cards > seen.disabledCards) seen.disabledCards = cards;
      if (document.querySelector('[data-testid="roadmap-loading"]')) seen.marker = true;
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.goto(`/doc/${DOC}`);
  await expect(card).toBeVisible();
  // The live document replaced the cache: the marker is gone and the controls work.
  await expect(page.getByTestId('roadmap-loading')).toHaveCount(0);
  await expect(page.getByLabel('Новая ключевая проблема')).toBeEnabled();
  const seen = await page.evaluate(
    () => (window as unknown as { __cached: { disabledCards: number; marker: boolean } }).__cached,
  );
  expect(seen).toEqual({ disabledCards: 1, marker: true });
  await context.close();
});
