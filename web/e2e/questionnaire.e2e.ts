/**
 * Questionnaires on a 360 px phone: a whole form filled offline across a
 * reload, submitted and synced, seen by the director; and a same-answer
 * conflict from two offline devices, shown as «Два разных ответа» and resolved
 * by one user for both. Documents used only here: «Качество управления» of the
 * final wave of the current year, and of the entry wave of 2031.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  DIRECTOR,
  SCHOOL,
  TEACHER,
  goOffline,
  goOnline,
  questionnaireItem,
  signIn,
  syncUntilClean,
} from './helpers';

const YEAR = new Date().getFullYear();
const FILL_DOC = `school:${SCHOOL}:questionnaire:management:${YEAR}-final`;
const CONFLICT_DOC = `school:${SCHOOL}:questionnaire:management:2031-entry`;

const group = (page: Page, text: string | RegExp) => page.getByRole('group', { name: text });

async function openQuestionnaire(page: Page, docId: string) {
  await page.goto(`/doc/${docId}`);
  await expect(page.getByRole('heading', { level: 1, name: /Качество управления/ })).toBeVisible();
  await expect(page.getByTestId('q-status')).toBeVisible();
}

async function nextSection(page: Page, title: string) {
  await page.getByRole('button', { name: 'Следующий раздел →' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

test('a teacher fills a whole questionnaire offline on a phone, across a reload; the director sees it', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, TEACHER);

  // Started from the school's list of forms × waves.
  await page.goto(`/school/${SCHOOL}`);
  const item = await questionnaireItem(page, 'management', `${YEAR}-final`);
  await expect(item).toContainText('не начата');
  await item.getByRole('link', { name: /Начать/ }).click();
  await expect(page).toHaveURL(new RegExp(`/doc/${FILL_DOC}$`));
  await expect(page.getByTestId('q-percent')).toHaveText('0 %');

  await goOffline(context);
  // Section 1 of 4: one section at a time on a phone.
  await expect(page.getByText('Раздел 1 из 4')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Внутренняя система' })).toHaveCount(0);
  const program = group(page, /Утверждена ли программа перехода/);
  // Relevance: the date is asked only after «Да».
  await expect(page.getByLabel('Дата утверждения программы')).toHaveCount(0);
  await program.getByRole('radio', { name: 'Да' }).check();
  await page.getByLabel('Дата утверждения программы').fill(`${YEAR}-09-01`);
  const cycle = group(page, /Что содержит программа/);
  await cycle.getByRole('checkbox', { name: 'Цели и задачи' }).check();
  await cycle.getByRole('checkbox', { name: 'Измеримые показатели' }).check();
  const priorities = group(page, /Приоритетные направления/);
  await priorities.getByRole('checkbox', { name: 'Предметные результаты' }).check();
  // A constraint with its Russian message, gone once satisfied.
  await expect(page.getByText('Выберите не менее 2')).toBeVisible();
  await priorities.getByRole('checkbox', { name: 'Партнёрство с родителями' }).check();
  await expect(page.getByText('Выберите не менее 2')).toHaveCount(0);
  await group(page, /Насколько цель программы конкретна/)
    .getByRole('radio', { name: '4' })
    .check();

  await nextSection(page, 'Внутренняя система оценки качества');
  await group(page, /Действует ли положение/)
    .getByRole('radio', { name: 'Да' })
    .check();
  await group(page, /Как администрация использует/)
    .getByRole('radio', { name: 'Обсуждает на педсовете' })
    .check();
  await group(page, /Привлекаются ли независимые наблюдатели/)
    .getByRole('radio', { name: 'Нет' })
    .check();
  const midway = await page.getByTestId('q-percent').textContent();

  // Reload midway, still offline: everything answered is there.
  await page.reload();
  await expect(page.getByTestId('q-percent')).toHaveText(midway ?? '');
  await expect(program.getByRole('radio', { name: 'Да' })).toBeChecked();
  await expect(page.getByLabel('Дата утверждения программы')).toHaveValue(`${YEAR}-09-01`);

  // «К следующему вопросу без ответа» goes to section 3 and focuses the question.
  await page.getByRole('button', { name: 'К следующему вопросу без ответа' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Управление кадрами' })).toBeVisible();
  const team = group(page, /Создана ли рабочая группа/);
  await expect(team.getByRole('radio', { name: 'Да' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(team.getByRole('radio', { name: 'Да' })).toBeChecked();
  const size = page.getByLabel('Сколько человек в школьной команде?');
  await size.fill('1');
  await expect(page.getByText('Значение не может быть меньше 2')).toBeVisible();
  await size.fill('6');
  await expect(page.getByText('Значение не может быть меньше 2')).toHaveCount(0);
  await group(page, /стимулирующих выплатах/)
    .getByRole('radio', { name: 'Планируется' })
    .check();

  await nextSection(page, 'Партнёрство и внешняя поддержка');
  await group(page, /партнёрское соглашение/)
    .getByRole('radio', { name: 'Да' })
    .check();
  await page.getByLabel('Название школы-лидера').fill('МБОУ СОШ № 1 пгт Заречный');
  await page.getByLabel('Дата заключения соглашения').fill(`${YEAR}-10-15`);
  await group(page, /Оцените поддержку школы/)
    .getByRole('radio', { name: '3' })
    .check();
  await page
    .getByLabel('Какие управленческие решения')
    .fill('Создали школьную команду и ввели наставничество.');
  await expect(page.getByTestId('q-required-left')).toHaveText('Все обязательные вопросы отвечены');
  await expect(page.getByTestId('q-percent')).toHaveText('100 %');
  // Computed values on the last section.
  await expect(page.getByText('Балл качества управления')).toBeVisible();

  await page.getByRole('button', { name: 'Отправить на проверку' }).click();
  await expect(page.getByTestId('q-status')).toContainText('На проверке');
  await expect(page.getByTestId('q-status')).toContainText(TEACHER.name);

  await goOnline(context);
  await syncUntilClean(page);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, DIRECTOR);
  await syncUntilClean(otherPage);
  await otherPage.goto(`/school/${SCHOOL}`);
  const seen = await questionnaireItem(otherPage, 'management', `${YEAR}-final`);
  await expect(seen).toContainText('На проверке');
  await expect(seen).toContainText('заполнено 100 %');
  await seen.getByRole('link', { name: /Открыть/ }).click();
  await expect(otherPage.getByTestId('q-status')).toContainText('На проверке');
  await expect(
    group(otherPage, /Утверждена ли программа перехода/).getByRole('radio', { name: 'Да' }),
  ).toBeChecked();
  await otherPage.getByLabel('Раздел').selectOption({ index: 3 });
  await expect(otherPage.getByLabel('Какие управленческие решения')).toHaveValue(
    'Создали школьную команду и ввели наставничество.',
  );
  await expect(otherPage.getByLabel('Название школы-лидера')).toHaveValue(
    'МБОУ СОШ № 1 пгт Заречный',
  );
  await other.close();
  await context.close();
});

test('two different offline answers to one question show «Два разных ответа» until one user picks one', async ({
  browser,
}) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();
  await signIn(pa, TEACHER);
  await signIn(pb, DIRECTOR);
  await openQuestionnaire(pa, CONFLICT_DOC);
  await openQuestionnaire(pb, CONFLICT_DOC);

  await goOffline(a);
  await goOffline(b);
  for (const [page, answer] of [
    [pa, 'Обсуждает на педсовете'],
    [pb, 'Результаты собираются, но не анализируются'],
  ] as const) {
    await page.getByLabel('Раздел').selectOption({ index: 1 });
    await group(page, /Как администрация использует/)
      .getByRole('radio', { name: answer })
      .check();
  }

  await goOnline(a);
  await goOnline(b);
  await syncUntilClean(pa);
  await syncUntilClean(pb);
  await syncUntilClean(pa);

  for (const page of [pa, pb]) {
    await openQuestionnaire(page, CONFLICT_DOC);
    // The progress panel leads to the conflict on another section.
    await page.getByRole('button', { name: 'Показать' }).click();
    const conflict = page.getByTestId('conflict');
    await expect(conflict).toContainText('Два разных ответа');
    await expect(conflict).toContainText('Обсуждает на педсовете');
    await expect(conflict).toContainText('Результаты собираются, но не анализируются');
  }
  // Each device names both people (the other one from the directory's people), never by id.
  for (const page of [pa, pb]) {
    await expect(page.getByTestId('conflict')).toContainText(TEACHER.name);
    await expect(page.getByTestId('conflict')).toContainText(DIRECTOR.name);
    await expect(page.getByTestId('conflict')).not.toContainText('u-');
  }

  await pb.getByRole('button', { name: 'Оставить ответ «Обсуждает на педсовете»' }).click();
  await expect(pb.getByTestId('conflict')).toHaveCount(0);
  await syncUntilClean(pb);
  await syncUntilClean(pa);

  await openQuestionnaire(pa, CONFLICT_DOC);
  await pa.getByLabel('Раздел').selectOption({ index: 1 });
  await expect(
    group(pa, /Как администрация использует/).getByRole('radio', {
      name: 'Обсуждает на педсовете',
    }),
  ).toBeChecked();
  await expect(pa.getByTestId('conflict')).toHaveCount(0);
  await expect(pa.getByRole('button', { name: 'Показать' })).toHaveCount(0);
  await a.close();
  await b.close();
});
