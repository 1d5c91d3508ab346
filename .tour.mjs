import { chromium } from '@playwright/test';
const B = 'http://127.0.0.1:18080';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
async function as(login, pw, width, pages) {
  const ctx = await browser.newContext({ viewport: { width, height: 780 }, locale: 'ru-RU' });
  const page = await ctx.newPage();
  await page.goto(B + '/');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(pw);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForTimeout(5000);
  await page.screenshot({ path: `/tmp/tour/${login}-home.png`, fullPage: true });
  for (const [name, url] of pages) {
    await page.goto(B + url);
    await page.waitForTimeout(3000);
    await page.screenshot({ path: `/tmp/tour/${login}-${name}.png`, fullPage: true });
  }
  await ctx.close();
}
const [who, pw, width, ...rest] = process.argv.slice(2);
const pages = [];
for (let i = 0; i < rest.length; i += 2) pages.push([rest[i], rest[i + 1]]);
await as(who, pw, Number(width), pages);
await browser.close();
