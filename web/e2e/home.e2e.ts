/**
 * The school's own staff see its real sections on the home screen (the
 * questionnaires of the current wave, plans, «Документы» without repeats), and
 * a questionnaire id of an unknown form or wave opens a read-only notice, not
 * an editor. Reads only; writes nothing.
 */
import { expect, test } from '@playwright/test';
import { SCHOOL, TEACHER, signIn } from './helpers';

test('home shows the school’s questionnaires by wave, plans and only the other documents', async ({
  page,
}) => {
  await signIn(page, TEACHER);
  await expect(page.getByRole('heading', { name: 'Анкеты мониторинга' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Программы и планы' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: `Дорожная карта на ${new Date().getFullYear()} год` }),
  ).toBeVisible();
  // One wave expanded; the others fold into a line each.
  const lines = page.locator('[data-testid^="q-item-"]');
  await expect(lines.first()).toBeVisible();
  const visible = await lines.evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
  expect(visible).toBeGreaterThan(0);
  expect(visible).toBeLessThanOrEqual(7);
  // «Документы»: the exam results, and no questionnaire the section above lists.
  const docs = page.locator('ul.docs');
  await expect(docs.getByRole('link', { name: 'Результаты экзаменов' })).toBeVisible();
  const year = new Date().getFullYear();
  await expect(docs.locator(`a[href*=":questionnaire:"][href$="${year}-entry"]`)).toHaveCount(0);
  await expect(page.getByText(/входной мониторинг$/)).toHaveCount(0);
});

test('a questionnaire of an unknown form or wave opens a notice, read-only', async ({ page }) => {
  await signIn(page, TEACHER);
  for (const id of [
    `school:${SCHOOL}:questionnaire:environment:entry`,
    `school:${SCHOOL}:questionnaire:management:entry`,
    `school:${SCHOOL}:questionnaire:no_such_form:2043-entry`,
  ]) {
    await page.goto(`/doc/${id}`);
    await expect(page.getByTestId('q-unknown')).toContainText('Анкета не найдена');
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('radio')).toHaveCount(0);
  }
});
