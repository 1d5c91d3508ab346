import { DEMO_DEVICE_ID } from '../demo/documents.ts';
import { AckCode } from '@opora/shared';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRelay } from '../app.ts';
import { openDb } from '../db/open.ts';
import { holdLock } from '../relay-lock.ts';
import { AuditRepo } from '../repo/audit-repo.ts';
import { DirectoryRepo } from '../repo/directory-repo.ts';
import { getEpoch } from '../repo/meta.ts';
import { UserRepo } from '../repo/user-repo.ts';
import { verifyPassword } from '../services/password.ts';
import { CHEAP_SCRYPT, docUpdate, signIn, syncCall } from '../testing/relay.ts';
import { runTs } from '../testing/spawn.ts';
import { runAdmin, type AdminIO } from './commands.ts';

const dir = mkdtempSync(join(tmpdir(), 'opora-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A fresh database path and an IO capturing output, with scripted answers. */
function setup(answers: { confirm?: boolean; passwords?: string[] } = {}) {
  const databasePath = join(dir, `db${++n}.db`);
  const out: string[] = [];
  const err: string[] = [];
  const passwords = [...(answers.passwords ?? [])];
  const io: AdminIO = {
    databasePath,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    confirm: () => Promise.resolve(answers.confirm ?? false),
    password: () => Promise.resolve(passwords.shift() ?? ''),
    scrypt: CHEAP_SCRYPT,
  };
  const run = (...argv: string[]) => runAdmin(argv, io);
  return { databasePath, io, out, err, run };
}

async function directory(t: ReturnType<typeof setup>) {
  expect(await t.run('create-region', 'north', 'Северная область')).toBe(0);
  expect(await t.run('create-municipality', 'm1', 'Район', '--region', 'north')).toBe(0);
  expect(await t.run('create-school', 'l1', 'Лицей', '--municipality', 'm1', '--leader')).toBe(0);
  expect(
    await t.run(
      'create-school',
      's1',
      'МБОУ СОШ № 3 с. Заречье',
      '--municipality',
      'm1',
      '--low-results',
      '--unfavourable',
      '--cohort',
      '2021',
      '--tracks',
      '3,1',
      '--cluster',
      'Сельские',
      '--rural',
    ),
  ).toBe(0);
}

describe('admin: directory', () => {
  it('creates a region, a municipality and schools with their flags, and audits it', async () => {
    const t = setup();
    await directory(t);
    const odb = openDb(t.databasePath);
    try {
      expect(new DirectoryRepo(odb).school('s1')).toEqual({
        id: 's1',
        municipalityId: 'm1',
        name: 'МБОУ СОШ № 3 с. Заречье',
        lowResults: true,
        unfavourableConditions: true,
        leader: false,
        cohortYear: 2021,
        tracks: [1, 3],
        cluster: 'Сельские',
        rural: true,
      });
      const actions = new AuditRepo(odb).recent().map((a) => a.action);
      expect(actions).toContain('admin:create-school');
      expect(actions).toContain('admin:create-region');
    } finally {
      odb.close();
    }
  });

  it('refuses duplicates, unknown parents, bad ids and bad flags with the right codes', async () => {
    const t = setup();
    await directory(t);
    expect(await t.run('create-region', 'north', 'Ещё')).toBe(1);
    expect(await t.run('create-municipality', 'm2', 'Район', '--region', 'south')).toBe(1);
    expect(await t.run('create-school', 'Bad Id', 'Школа', '--municipality', 'm1')).toBe(2);
    expect(
      await t.run('create-school', 's9', 'Школа', '--municipality', 'm1', '--tracks', '4'),
    ).toBe(2);
    expect(
      await t.run('create-school', 's9', 'Школа', '--municipality', 'm1', '--cohort', '21'),
    ).toBe(2);
    expect(await t.run('create-school', 's9', 'Школа', '--municipality', 'm1', '--unknown')).toBe(
      2,
    );
    expect(await t.run('frobnicate')).toBe(2);
    expect(t.err.join('\n')).toContain('Неизвестная команда «frobnicate»');
  });

  it('links partnerships', async () => {
    const t = setup();
    await directory(t);
    expect(await t.run('link-partnership', 'l1', 's1', '--year', '2026')).toBe(0);
    expect(await t.run('link-partnership', 's1', 's1')).toBe(2);
    expect(await t.run('link-partnership', 'l1', 'nope')).toBe(1);
    const odb = openDb(t.databasePath);
    try {
      expect(new DirectoryRepo(odb).loadAll().partnerships).toEqual([
        { leaderSchoolId: 'l1', schoolId: 's1', year: 2026 },
      ]);
    } finally {
      odb.close();
    }
  });
});

describe('admin: users and devices', () => {
  it('creates a user with a prompted password, grants and revokes roles', async () => {
    const t = setup({ passwords: ['секрет-1', 'секрет-1'] });
    await directory(t);
    expect(await t.run('create-user', 'Ivan', '--name', 'Иван Иванов', '--id', 'u-ivan')).toBe(0);
    expect(await t.run('create-user', 'ivan', '--name', 'Двойник', '--password', 'xxxxxx')).toBe(1);
    expect(await t.run('create-user', 'petr', '--name', 'Пётр', '--password', '123')).toBe(1);
    expect(await t.run('grant', 'ivan', 'teacher', '--school', 's1')).toBe(0);
    expect(await t.run('grant', 'ivan', 'municipal_coordinator', '--municipality', 'm1')).toBe(0);
    expect(await t.run('grant', 'ivan', 'teacher', '--region', 'north')).toBe(2);
    expect(await t.run('grant', 'ivan', 'pope', '--school', 's1')).toBe(2);
    expect(await t.run('grant', 'ivan', 'teacher', '--school', 'zz')).toBe(1);
    expect(await t.run('grant', 'nobody', 'teacher', '--school', 's1')).toBe(1);
    expect(await t.run('revoke-grant', 'ivan', 'teacher', '--school', 's1')).toBe(0);
    expect(await t.run('revoke-grant', 'ivan', 'teacher', '--school', 's1')).toBe(1);
    const odb = openDb(t.databasePath);
    try {
      const users = new UserRepo(odb);
      const u = users.byLogin('ivan');
      expect(u?.id).toBe('u-ivan');
      expect(await verifyPassword('секрет-1', u?.passwordHash ?? '')).toBe(true);
      expect(users.memberships('u-ivan')).toEqual([
        { role: 'municipal_coordinator', municipalityId: 'm1', schoolId: null, regionId: null },
      ]);
    } finally {
      odb.close();
    }
  });

  it('refuses mismatched password confirmation', async () => {
    const t = setup({ passwords: ['abcdefg', 'abcdefh'] });
    expect(await t.run('create-user', 'ivan', '--name', 'Иван')).toBe(1);
    expect(t.err.join()).toContain('Пароли не совпадают');
  });

  it('changes passwords and disables and enables users', async () => {
    const t = setup({ passwords: ['новый-пароль', 'новый-пароль'] });
    expect(await t.run('seed-demo')).toBe(0);
    expect(await t.run('set-password', 'teacher')).toBe(0);
    expect(await t.run('set-password', 'teacher', '--password', '123')).toBe(1);
    expect(await t.run('set-password', 'nobody', '--password', '123456')).toBe(1);
    const relay = createRelay({ databasePath: t.databasePath });
    try {
      const login = (password: string) =>
        relay.app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: 'teacher', password }),
        });
      expect((await login('teacher1')).status).toBe(401);
      expect((await login('новый-пароль')).status).toBe(200);
      expect(await t.run('disable-user', 'teacher')).toBe(0);
      expect((await login('новый-пароль')).status).toBe(401);
      expect(await t.run('enable-user', 'teacher')).toBe(0);
      expect((await login('новый-пароль')).status).toBe(200);
      expect(await t.run('list-users')).toBe(0);
      expect(t.out.join('\n')).toMatch(/teacher\tИванова Мария Алексеевна\tteacher@zar-sosh-3/);
    } finally {
      relay.close();
    }
  });

  it('lists and revokes devices; the relay refuses the revoked token at once', async () => {
    const t = setup();
    expect(await t.run('seed-demo')).toBe(0);
    expect(await t.run('seed-demo')).toBe(1);
    const relay = createRelay({ databasePath: t.databasePath });
    try {
      const a = await signIn(relay, 'curator', 'Ноутбук');
      expect(await t.run('list-devices', 'curator')).toBe(0);
      expect(t.out.join('\n')).toMatch(new RegExp(`${a.deviceId}\\tcurator\\tНоутбук.*активно`));
      expect(await t.run('revoke-device', a.deviceId)).toBe(0);
      expect(await t.run('revoke-device', 'nope')).toBe(1);
      const res = await relay.app.request('/api/me', {
        headers: { authorization: `Bearer ${a.token}` },
      });
      expect(res.status).toBe(401);
    } finally {
      relay.close();
    }
  });
});

describe('admin: backup and restore', () => {
  it('restores a backup with a new epoch; a device syncing across it is told history was lost', async () => {
    const t = setup({ confirm: true });
    expect(await t.run('seed-demo')).toBe(0);
    const backup = join(dir, `backup${n}.db`);
    let relay = createRelay({ databasePath: t.databasePath });
    const doc = 'school:zar-sosh-3:roadmap:2026';
    let cursor: string;
    try {
      const { token } = await signIn(relay, 'director');
      const first = await syncCall(relay, token, {
        pushes: [{ docId: doc, update: docUpdate('roadmap') }],
      });
      expect(first.acks[0]?.code).toBe(AckCode.ok);
      // The backup is taken online, while the relay holds the database.
      expect(await t.run('backup', backup)).toBe(0);
      expect(await t.run('backup', backup)).toBe(1);
      const later = await syncCall(relay, token, {
        cursor: first.cursor,
        pushes: [{ docId: doc, update: docUpdate('roadmap', 'after', 'backup') }],
      });
      cursor = later.cursor;
      // Refused while a relay holds the database.
      const release = holdLock(t.databasePath);
      try {
        expect(await t.run('restore', backup)).toBe(1);
        expect(t.err.join()).toContain('занята работающим сервером');
      } finally {
        release();
      }
    } finally {
      relay.close();
    }
    const before = (() => {
      const odb = openDb(t.databasePath);
      try {
        return getEpoch(odb);
      } finally {
        odb.close();
      }
    })();
    expect(await t.run('restore', backup)).toBe(0);
    relay = createRelay({ databasePath: t.databasePath });
    try {
      expect(getEpoch(relay.db)).not.toBe(before);
      // The demo documents, and of the device's two pushes only the one made before the backup.
      const pushed = relay.db.sqlite
        .prepare('select count(*) as n from updates where device_id != ?')
        .get(DEMO_DEVICE_ID);
      expect(pushed).toEqual({ n: 1 });
      const { token } = await signIn(relay, 'director');
      const res = await syncCall(relay, token, { cursor });
      expect(res.historyLost).toBe(true);
      expect(new AuditRepo(relay.db).recent().map((a) => a.action)).toContain('admin:restore');
    } finally {
      relay.close();
    }
  });

  it('refuses to restore a file that is not an Opora database, or without confirmation', async () => {
    const t = setup({ confirm: false });
    expect(await t.run('seed-demo')).toBe(0);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all');
    expect(await t.run('restore', junk, '--yes')).toBe(1);
    const other = join(dir, 'other.db');
    const raw = new Database(other);
    raw.exec('create table users (id text)');
    raw.close();
    expect(await t.run('restore', other, '--yes')).toBe(1);
    expect(t.err.join('\n')).toContain('не база «Опоры»');
    const backup = join(dir, `b${n}.db`);
    expect(await t.run('backup', backup)).toBe(0);
    expect(await t.run('restore', backup)).toBe(1);
    expect(t.err.join('\n')).toContain('Отменено');
  });

  it('backs up and restores through the real CLI process', async () => {
    const t = setup();
    expect(await t.run('seed-demo')).toBe(0);
    const backup = join(dir, 'cli-backup.db');
    const env = { DATABASE_PATH: t.databasePath };
    const b = runTs('admin/cli.ts', ['backup', backup], env);
    expect(await b.exited).toBe(0);
    expect(b.stdout()).toContain('Копия записана');
    expect(await t.run('create-user', 'extra', '--name', 'Лишний', '--password', 'extra-pw')).toBe(
      0,
    );
    const r = runTs('admin/cli.ts', ['restore', backup], env, 'да\n');
    expect(await r.exited).toBe(0);
    expect(r.stdout()).toContain('База восстановлена');
    const odb = openDb(t.databasePath);
    try {
      expect(new UserRepo(odb).byLogin('extra')).toBeUndefined();
      expect(new UserRepo(odb).byLogin('region')).toBeDefined();
    } finally {
      odb.close();
    }
    const help = runTs('admin/cli.ts', ['--help'], env);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain('revoke-device');
  });
});
