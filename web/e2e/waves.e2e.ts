/**
 * Monitoring waves and the laptop form. The regional coordinator opens a wave
 * with its period and a teacher of the region sees its deadline on the school's
 * questionnaire list; on a 1280-px laptop the whole form shows at once and is
 * filled with the keyboard alone, the jump to the next unanswered required
 * question included. Years used only here: 2035 (wave) and 2036 (laptop form).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCHOOL, TEACHER, signIn, syncUntilClean } from './helpers';

const REGION = { login: 'region', password: 'region1', name: 'Соколова Ирина Петровна' };
const WAVES_DOC = 'region:north:waves';
const LAPTOP_DOC = `school:${SCHOOL}:questionnaire:management:2036-entry`;

/** Presses Tab until `target` has the focus (keyboard only); fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 150, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reached with ${key} in ${max} presses`);
}

test('the regional coordinator opens a wave with its period; a teacher sees its deadline', async ({
  browser,
}) => {
  const regionCtx = await browser.newContext();
  const region = await regionCtx.newPage();
  await signIn(region, REGION);
  await region.getByRole('link', { name: 'Волны мониторинга: открыть волну, сроки' }).click();
  await expect(region).toHaveURL(new RegExp(`/doc/${WAVES_DOC}$`));
  await expect(region.getByRole('heading', { level: 2, name: 'Открыть волну' })).toBeVisible();
  // A 360-px phone: nothing wider than the screen.
  expect(await region.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    360,
  );

  // A period that ends before it starts is explained in Russian, not saved.
  await region.getByLabel('Год').fill('2035');
  await region.getByLabel('Волна', { exact: true }).selectOption({ label: 'Входной мониторинг' });
  await region.getByLabel('Начало').fill('2035-02-01');
  await region.getByLabel('Срок (последний день)').fill('2035-01-20');
  await region.getByRole('button', { name: 'Открыть волну' }).click();
  await expect(
    region
      .getByRole('alert')
      .filter({ hasText: 'Волна не может закончиться раньше, чем начнётся.' }),
  ).toBeVisible();
  await expect(region.getByTestId('wave-2035-entry')).toHaveCount(0);
  await region.getByLabel('Срок (последний день)').fill('2035-03-20');
  await region.getByRole('checkbox', { name: 'Качество преподавания' }).uncheck();
  await region.getByRole('button', { name: 'Открыть волну' }).click();
  const item = region.getByTestId('wave-2035-entry');
  await expect(item).toContainText('Входной мониторинг 2035');
  await expect(item).toContainText('Срок: с 1 февраля 2035 г. по 20 марта 2035 г.');

  // The period is changed later: the new deadline replaces the old one.
  await item.getByRole('button', { name: 'Изменить период' }).click();
  await expect(
    region.getByRole('heading', { name: 'Изменить: Входной мониторинг 2035' }),
  ).toBeVisible();
  await region.getByLabel('Срок (последний день)').fill('2035-03-31');
  await region.getByRole('button', { name: 'Сохранить изменения' }).click();
  await expect(item).toContainText('по 31 марта 2035 г.');
  await syncUntilClean(region);

  const teacherCtx = await browser.newContext();
  const teacher = await teacherCtx.newPage();
  await signIn(teacher, TEACHER);
  await syncUntilClean(teacher);
  await teacher.goto(`/school/${SCHOOL}`);
  await expect(teacher.getByTestId('wave-period-2035-entry')).toContainText(
    'Срок: с 1 февраля 2035 г. по 31 марта 2035 г. · ещё не началась',
  );
  await expect(teacher.getByTestId('q-item-management-2035-entry')).toBeVisible();
  // Only the wave's forms are listed.
  await expect(teacher.getByTestId('q-item-teaching-2035-entry')).toHaveCount(0);
  // The teacher sees the waves but cannot change them.
  await teacher.goto(`/doc/${WAVES_DOC}`);
  await expect(teacher.getByTestId('wave-2035-entry')).toContainText('31 марта 2035 г.');
  await expect(teacher.getByRole('button', { name: 'Изменить период' })).toHaveCount(0);
  await expect(teacher.getByRole('button', { name: 'Открыть волну' })).toHaveCount(0);
  await regionCtx.close();
  await teacherCtx.close();
});

test('on a laptop the whole form shows at once and is filled with the keyboard alone', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, TEACHER);
  await page.goto(`/doc/${LAPTOP_DOC}`);
  await expect(page.getByTestId('q-percent')).toHaveText('0 %');

  // Every section at once, with a table of contents, and no pager.
  for (const title of [
    'Стратегия и программа',
    'Внутренняя система оценки качества',
    'Управление кадрами',
    'Партнёрство и внешняя поддержка',
  ])
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Разделы анкеты' })).toBeVisible();
  await expect(page.getByText(/Раздел 1 из/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Следующий раздел →' })).toHaveCount(0);
  // Nothing is wider than the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

  // Yes/no: Tab to the group, Space picks the focused option.
  const program = page.getByRole('group', { name: /Утверждена ли программа перехода/ });
  await tabTo(page, program.getByRole('radio', { name: 'Да' }));
  await page.keyboard.press('Space');
  await expect(program.getByRole('radio', { name: 'Да' })).toBeChecked();
  // The date appears (relevance) and is typed (day and month alike: the field's order follows
  // the browser's own locale).
  const date = page.getByLabel('Дата утверждения программы');
  await tabTo(page, date, 5);
  await page.keyboard.type('01012036');
  await expect(date).toHaveValue('2036-01-01');
  // Enter in a field sends nothing anywhere (each question is a form of its own, never submitted).
  await page.keyboard.press('Enter');
  await expect(date).toBeFocused();
  expect(page.url()).not.toContain('?');
  // Checkboxes: Tab from one to the next, Space toggles.
  const cycle = page.getByRole('group', { name: /Что содержит программа/ });
  await tabTo(page, cycle.getByRole('checkbox', { name: 'Цели и задачи' }), 10);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(cycle.getByRole('checkbox', { name: 'Цели и задачи' })).toBeChecked();
  await expect(cycle.getByRole('checkbox', { name: 'Измеримые показатели' })).toBeChecked();
  // A scale: arrows move along the points.
  const smart = page.getByRole('group', { name: /Насколько цель программы конкретна/ });
  await tabTo(page, smart.getByRole('radio', { name: '1', exact: true }), 20);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(smart.getByRole('radio', { name: /^4/ })).toBeChecked();
  await expect(page.getByTestId('q-percent')).not.toHaveText('0 %');

  // «To the next unanswered required question» from the keyboard: Enter on the button
  // takes the focus to the priorities (skipped above), and Space answers there.
  await page.reload();
  await expect(program.getByRole('radio', { name: 'Да' })).toBeChecked();
  const jump = page.getByRole('button', { name: 'К следующему вопросу без ответа' });
  await tabTo(page, jump, 60);
  await page.keyboard.press('Enter');
  const priorities = page.getByRole('group', { name: /Приоритетные направления/ });
  const first = priorities.getByRole('checkbox').first();
  await expect(first).toBeFocused();
  await page.keyboard.press('Space');
  await expect(first).toBeChecked();
  // Again: the next one is in the next section, already on screen.
  await tabTo(page, jump, 80, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const vsoko = page.getByRole('group', { name: /Действует ли положение/ });
  await expect(vsoko.getByRole('radio').first()).toBeFocused();
  await context.close();
});
