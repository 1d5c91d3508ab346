/** Shared steps of the end-to-end tests. */
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** Demo users of one school (МБОУ СОШ № 3 с. Заречье), from sync-server/src/demo/seed.ts. */
export const TEACHER = { login: 'teacher', password: 'teacher1', name: 'Иванова Мария Алексеевна' };
export const DIRECTOR = {
  login: 'director',
  password: 'director1',
  name: 'Смирнова Елена Викторовна',
};
export const SCHOOL = 'zar-sosh-3';
/** The school's curator. */
export const CURATOR = {
  login: 'curator',
  password: 'curator1',
  name: 'Морозова Татьяна Николаевна',
};

/** A questionnaire of the school: a real form (shared/src/questionnaires/forms) and wave (`2043-entry`). */
export function questionnaireId(formId: string, wave: string): string {
  return `school:${SCHOOL}:questionnaire:${formId}:${wave}`;
}

/** The group of a question (radios, checkboxes) by its text. */
export function question(page: Page, text: string | RegExp): Locator {
  return page.getByRole('group', { name: text });
}

/** Signs in through the form and waits for the home screen and the service worker. */
export async function signIn(page: Page, user: { login: string; password: string; name: string }) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Вход в «Опору»' })).toBeVisible();
  await page.getByLabel('Логин').fill(user.login);
  await page.getByLabel('Пароль').fill(user.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { name: `Здравствуйте, ${user.name}` })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** Opens a questionnaire by its page address and waits for its form. */
export async function openDoc(page: Page, docId: string) {
  await page.goto(`/doc/${docId}`);
  await expect(page.getByTestId('q-status')).toBeVisible();
}

/** Shows a section of the open questionnaire by its title (a phone shows one at a time). */
export async function showSection(page: Page, title: string) {
  const select = page.getByLabel('Раздел', { exact: true });
  const value = await select.locator('option', { hasText: title }).getAttribute('value');
  await select.selectOption(value ?? '');
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

/**
 * Cuts the context off the network, the service worker's own requests included
 * (context.setOffline alone does not reach them: microsoft/playwright#2311).
 */
export async function goOffline(context: BrowserContext) {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
}

/** Restores the network. */
export async function goOnline(context: BrowserContext) {
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.setOffline(false);
}

/** Opens the sync page and presses the button until nothing is pending. */
export async function syncUntilClean(page: Page) {
  await page.getByRole('link', { name: /Синхронизация/ }).click();
  await expect(page.getByRole('heading', { name: 'Синхронизация' })).toBeVisible();
  await expect(async () => {
    const button = page.getByRole('button', { name: 'Синхронизировать' });
    if (await button.isEnabled()) await button.click();
    await expect(page.getByTestId('pending-count')).toHaveText('Все изменения отправлены', {
      timeout: 2_000,
    });
    await expect(page.getByTestId('last-sync')).toContainText('Последняя успешная синхронизация', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
}

/**
 * A questionnaire's line in the school's list (school page or home), its
 * wave's group expanded when the list shows that wave collapsed.
 */
export async function questionnaireItem(
  page: Page,
  formId: string,
  wave: string,
): Promise<Locator> {
  const item = page.getByTestId(`q-item-${formId}-${wave}`);
  await item.waitFor({ state: 'attached' });
  const group = page.getByTestId(`wave-group-${wave}`);
  if ((await group.count()) > 0 && !(await group.evaluate((d) => (d as HTMLDetailsElement).open)))
    await group.locator('summary').click();
  await expect(item).toBeVisible();
  return item;
}

/** Creates a visit of the school from its page; returns the visit's document id. */
export async function newVisit(page: Page, date: string): Promise<string> {
  await page.goto(`/school/${SCHOOL}`);
  const form = page.locator('details', { hasText: 'Новое посещение' });
  await form.locator('summary').click();
  await form.getByLabel('Дата').fill(date);
  await form.getByRole('button', { name: 'Создать отчёт' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/doc/school:${SCHOOL}:visit:${date.replaceAll('-', '')}-`),
  );
  await expect(page.getByLabel('Что увидели')).toBeVisible();
  return decodeURIComponent(new URL(page.url()).pathname.slice('/doc/'.length));
}
