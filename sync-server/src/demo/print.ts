/** The demo logins as a plain-text table for the console. */
import { ROLE_TITLES } from '../roles-ru.ts';
import type { DemoLogin } from './seed.ts';

/** Login, password, role and scope of each demo user, aligned in columns (Russian headers). */
export function demoTable(logins: readonly DemoLogin[]): string {
  const rows = [
    ['Логин', 'Пароль', 'Роль', 'Область видимости'],
    ...logins.map((u) => [u.login, u.password, ROLE_TITLES[u.role], u.scope]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
    .map((l) => `  ${l.trimEnd()}`)
    .join('\n');
}
