import type { ErrorBody } from '@opora/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRelay, type Relay } from './app.ts';
import type { MeResponse } from './routes/me.ts';
import { UserRepo } from './repo/user-repo.ts';
import { hashToken } from './services/auth.ts';
import { CHEAP_SCRYPT, bearer, demoRelay, demoUser, postJson, signIn } from './testing/relay.ts';
import { seedDemo } from './demo/seed.ts';

let relay: Relay;
afterEach(() => relay.close());

const code = async (res: Response) => ((await res.json()) as ErrorBody).error.code;

describe('health and errors', () => {
  it('answers health without a token and 401 elsewhere', async () => {
    relay = demoRelay();
    const health = await relay.app.request('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const me = await relay.app.request('/api/me');
    expect(me.status).toBe(401);
    expect(await code(me)).toBe('unauthorized');
  });

  it('answers 404 JSON for an unknown API path with a valid token', async () => {
    relay = demoRelay();
    const { token } = await signIn(relay, 'teacher');
    const res = await relay.app.request('/api/nothing', { headers: bearer(token) });
    expect(res.status).toBe(404);
    expect(await code(res)).toBe('not_found');
  });
});

describe('login', () => {
  it('gives a token, a device and the memberships; the token is stored hashed', async () => {
    relay = demoRelay();
    const t = demoUser('teacher');
    const res = await signIn(relay, 'Teacher ', 'Телефон');
    expect(res.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.user).toEqual({ id: t.userId, login: 'teacher', name: t.name });
    expect(res.memberships).toEqual(t.memberships);
    const device = new UserRepo(relay.db).device(res.deviceId);
    expect(device?.tokenHash).toBe(hashToken(res.token));
    expect(device?.name).toBe('Телефон');
    expect(JSON.stringify(relay.db.sqlite.prepare('select * from devices').all())).not.toContain(
      res.token,
    );
    expect(relay.audit.recent().map((a) => a.action)).toContain('login');
  });

  it('answers the same 401 for a wrong password and an unknown login, and audits both', async () => {
    relay = demoRelay();
    const wrong = await postJson(relay, '/api/auth/login', { login: 'teacher', password: 'x' });
    const unknown = await postJson(relay, '/api/auth/login', { login: 'nobody', password: 'x' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [(await wrong.json()) as ErrorBody, (await unknown.json()) as ErrorBody];
    expect(a).toEqual(b);
    expect(a.error.code).toBe('invalid_credentials');
    expect(relay.audit.recent().filter((e) => e.action === 'login_failed')).toHaveLength(2);
  });

  it.each([
    ['not json', 'application/json', 400, 'bad_request'],
    ['{"login":"teacher"}', 'application/json', 400, 'bad_request'],
    ['{"login":5,"password":"x"}', 'application/json', 400, 'bad_request'],
    ['[]', 'application/json', 400, 'bad_request'],
    ['login=teacher', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    [
      JSON.stringify({ login: 'a', password: 'x'.repeat(20_000) }),
      'application/json',
      413,
      'payload_too_large',
    ],
  ])('refuses a bad body %#', async (body, type, status, errorCode) => {
    relay = demoRelay();
    const res = await relay.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(res.status).toBe(status);
    expect(await code(res)).toBe(errorCode);
  });

  it('rate-limits failures per login, with Retry-After, even for the right password', async () => {
    let now = 1_000_000;
    relay = demoRelay({
      now: () => now,
      auth: {
        perLogin: { limit: 3, windowMs: 60_000 },
        perAddress: { limit: 100, windowMs: 60_000 },
      },
    });
    for (let i = 0; i < 3; i++)
      expect(
        (await postJson(relay, '/api/auth/login', { login: 'tutor', password: 'no' })).status,
      ).toBe(401);
    const blocked = await postJson(relay, '/api/auth/login', {
      login: 'tutor',
      password: demoUser('tutor').password,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('60');
    expect(await code(blocked)).toBe('rate_limited');
    // Another login is not affected.
    await signIn(relay, 'teacher');
    now += 60_000;
    await signIn(relay, 'tutor');
  });

  it('rate-limits failures per client address', async () => {
    relay = demoRelay({
      trustProxy: true,
      auth: {
        perLogin: { limit: 100, windowMs: 60_000 },
        perAddress: { limit: 2, windowMs: 60_000 },
      },
    });
    const from = (ip: string, login: string, password = 'no') =>
      postJson(relay, '/api/auth/login', { login, password }, { 'x-forwarded-for': ip });
    expect((await from('10.0.0.1', 'teacher')).status).toBe(401);
    expect((await from('10.0.0.1', 'director')).status).toBe(401);
    expect((await from('10.0.0.1', 'curator', demoUser('curator').password)).status).toBe(429);
    expect((await from('10.0.0.2', 'curator', demoUser('curator').password)).status).toBe(200);
  });
});

describe('tokens', () => {
  it('logout revokes only the calling device', async () => {
    relay = demoRelay();
    const a = await signIn(relay, 'teacher', 'A');
    const b = await signIn(relay, 'teacher', 'B');
    const out = await relay.app.request('/api/auth/logout', {
      method: 'POST',
      headers: bearer(a.token),
    });
    expect(out.status).toBe(200);
    expect((await relay.app.request('/api/me', { headers: bearer(a.token) })).status).toBe(401);
    expect((await relay.app.request('/api/me', { headers: bearer(b.token) })).status).toBe(200);
    expect(relay.audit.recent().map((e) => e.action)).toContain('logout');
  });

  it('refuses malformed, unknown, revoked tokens and disabled users', async () => {
    relay = demoRelay();
    const a = await signIn(relay, 'teacher');
    for (const h of ['Bearer', 'Basic abc', `Bearer ${a.token}x`, 'Bearer ' + 'a'.repeat(500)]) {
      const res = await relay.app.request('/api/me', { headers: { authorization: h } });
      expect(res.status).toBe(401);
    }
    expect(relay.auth.revokeDevice(a.deviceId, 'test')).toBe(true);
    expect((await relay.app.request('/api/me', { headers: bearer(a.token) })).status).toBe(401);
    const b = await signIn(relay, 'director');
    new UserRepo(relay.db).setDisabled(demoUser('director').userId, true);
    expect((await relay.app.request('/api/me', { headers: bearer(b.token) })).status).toBe(401);
  });

  it('survives a restart: the token lives in SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opora-relay-'));
    try {
      const path = join(dir, 'r.db');
      relay = createRelay({ databasePath: path });
      seedDemo(relay.db, Date.now(), CHEAP_SCRYPT);
      const { token } = await signIn(relay, 'curator');
      relay.close();
      relay = createRelay({ databasePath: path });
      const res = await relay.app.request('/api/me', { headers: bearer(token) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as MeResponse).user.login).toBe('curator');
    } finally {
      relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('updates lastSeenAt, throttled', async () => {
    let now = 5_000_000;
    relay = demoRelay({ now: () => now });
    const a = await signIn(relay, 'teacher');
    const seen = () => new UserRepo(relay.db).device(a.deviceId)?.lastSeenAt;
    expect(seen()).toBe(5_000_000);
    now += 10_000;
    await relay.app.request('/api/me', { headers: bearer(a.token) });
    expect(seen()).toBe(5_000_000);
    now += 60_000;
    await relay.app.request('/api/me', { headers: bearer(a.token) });
    expect(seen()).toBe(5_070_000);
  });
});

describe('GET /api/me', () => {
  async function me(login: string): Promise<MeResponse> {
    const { token } = await signIn(relay, login);
    const res = await relay.app.request('/api/me', { headers: bearer(token) });
    expect(res.status).toBe(200);
    return (await res.json()) as MeResponse;
  }

  it('gives the regional coordinator the whole region', async () => {
    relay = demoRelay();
    const m = await me('region');
    expect(m.directory.regions.map((r) => r.id)).toEqual(['north']);
    expect(m.directory.municipalities).toHaveLength(3);
    expect(m.directory.schools).toHaveLength(30);
    expect(m.directory.partnerships).toHaveLength(7);
  });

  it('gives a municipal coordinator its municipality; a partner school outside it only names the plan', async () => {
    relay = demoRelay();
    const m = await me('mo-zarechny');
    const ids = m.directory.schools.map((s) => s.id);
    expect(ids).toHaveLength(10);
    expect(ids.every((id) => id.startsWith('zar-'))).toBe(true);
    // zar-sosh-pokrovskoe is tutored by the city lyceum.
    expect(m.directory.partnerSchools?.map((s) => s.id)).toEqual(['sev-lyceum-1']);
    expect(m.directory.municipalities.map((x) => x.id)).toEqual(['zarechny']);
    expect(m.directory.partnerships).toHaveLength(3);
  });

  it('gives a teacher its school, its partner school as a name and nothing else', async () => {
    relay = demoRelay();
    const m = await me('teacher');
    expect(m.user.login).toBe('teacher');
    expect(m.memberships).toEqual(demoUser('teacher').memberships);
    expect(m.directory.schools.map((s) => s.id)).toEqual(['zar-sosh-3']);
    expect(m.directory.partnerSchools?.map((s) => s.id)).toEqual(['zar-sosh-1']);
    expect(m.directory.partnerships).toEqual([
      { leaderSchoolId: 'zar-sosh-1', schoolId: 'zar-sosh-3', year: 2026 },
    ]);
    expect(m.directory.municipalities.map((x) => x.id)).toEqual(['zarechny']);
    expect(m.directory.regions.map((x) => x.id)).toEqual(['north']);
  });

  it('gives a curator its schools and their partners', async () => {
    relay = demoRelay();
    const m = await me('curator');
    expect(m.directory.schools.map((s) => s.id)).toEqual([
      'zar-oosh-krivaya-luka',
      'zar-sosh-3',
      'zar-sosh-pokrovskoe',
    ]);
    expect(m.directory.partnerSchools?.map((s) => s.id)).toEqual(['sev-lyceum-1', 'zar-sosh-1']);
  });

  it('sees a directory write made by another process at the next request', async () => {
    relay = demoRelay();
    const { token } = await signIn(relay, 'mo-ozerny');
    const count = async () =>
      (
        (await (
          await relay.app.request('/api/me', { headers: bearer(token) })
        ).json()) as MeResponse
      ).directory.schools.length;
    const before = await count();
    // A second connection stands for the admin CLI.
    const { DirectoryRepo } = await import('./repo/directory-repo.ts');
    new DirectoryRepo(relay.db).createSchool({
      id: 'oz-new',
      municipalityId: 'ozerny',
      name: 'Новая школа',
    });
    expect(await count()).toBe(before + 1);
  });
});
