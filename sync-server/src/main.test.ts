import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from './demo/seed.ts';
import { demoTable } from './demo/print.ts';
import { lockPath } from './relay-lock.ts';
import { runTs } from './testing/spawn.ts';

const dir = mkdtempSync(join(tmpdir(), 'opora-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('main', () => {
  it('starts, seeds the demo region, prints the logins, serves and stops on SIGTERM', async () => {
    const db = join(dir, 'a.db');
    const p = runTs('main.ts', [], { PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: db });
    const [, url] = await p.waitFor(/(http:\/\/127\.0\.0\.1:\d+)/);
    await p.waitFor(/Демонстрационные входы/);
    for (const u of DEMO_LOGINS) expect(p.stdout()).toContain(u.login);
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({ ok: true });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'region', password: 'region1' }),
    });
    expect(login.status).toBe(200);
    expect(existsSync(lockPath(db))).toBe(true);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(existsSync(lockPath(db))).toBe(false);
  });

  it('stops with exit code 1 and a message on a wrong setting', async () => {
    const p = runTs('main.ts', [], { PORT: 'восемь', DATABASE_PATH: join(dir, 'b.db') });
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toMatch(/PORT/);
  });

  it('stops with exit code 1 when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const p = runTs('main.ts', [], {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'c.db'),
        DEMO: '0',
      });
      expect(await p.exited).toBe(1);
      expect(p.stderr()).toContain(`Порт ${port} уже занят`);
    } finally {
      blocker.close();
    }
  });

  it('formats the demo table with one row per login', () => {
    const lines = demoTable(DEMO_LOGINS).split('\n');
    expect(lines).toHaveLength(DEMO_LOGINS.length + 2);
    expect(lines[0]).toContain('Пароль');
  });
});
