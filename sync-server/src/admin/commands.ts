/**
 * The admin commands (`npm run admin -- <command>`): the directory, users and
 * their roles, devices, backup and restore, the demo region. Each command is a
 * function over an open database; `runAdmin` parses the command line, runs one
 * and returns the exit code (0 done, 1 refused or failed, 2 wrong usage).
 * Every change is recorded in the audit trail as `admin:<command>`.
 */
import { isRole, scopeKindOf, type Membership, type Track } from '@opora/shared';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openDb, type OpenDb } from '../db/open.ts';
import { storeDemoDocuments } from '../demo/documents.ts';
import { DEMO_LOGINS, isDatabaseEmpty, seedDemo } from '../demo/seed.ts';
import { demoTable } from '../demo/print.ts';
import { lockHolder } from '../relay-lock.ts';
import { AuditRepo } from '../repo/audit-repo.ts';
import { DirectoryRepo } from '../repo/directory-repo.ts';
import { UserRepo } from '../repo/user-repo.ts';
import { ROLE_TITLES } from '../roles-ru.ts';
import { normalizeLogin } from '../services/auth.ts';
import { DEFAULT_SCRYPT, hashPasswordSync, type ScryptParams } from '../services/password.ts';
import { backupTo, checkBackupFile, restoreFrom } from './restore.ts';

/** What the commands need from the outside world (the terminal, or a test). */
export interface AdminIO {
  /** Database to work on. */
  databasePath: string;
  out(line: string): void;
  err(line: string): void;
  /** Asks a yes/no question. */
  confirm(question: string): Promise<boolean>;
  /** Asks for a password without echo. */
  password(prompt: string): Promise<string>;
  now?: () => number;
  /** Hash cost (tests lower it). */
  scrypt?: ScryptParams;
}

/** A refusal the user can fix; exit code 1. */
export class AdminError extends Error {
  override name = 'AdminError';
}

/** Wrong command line; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const LOGIN = /^[a-z0-9][a-z0-9._@-]{1,99}$/;
const MIN_PASSWORD = 6;

type Values = Record<string, string | boolean | undefined>;

interface Command {
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  /** Whether the command opens the database itself (restore). */
  raw?: boolean;
  run(ctx: Ctx, args: string[], v: Values): Promise<void> | void;
}

interface Ctx {
  io: AdminIO;
  odb: OpenDb;
  now: number;
  directory: DirectoryRepo;
  users: UserRepo;
  audit(command: string, detail: Record<string, unknown>): void;
}

function slug(value: string | undefined, what: string): string {
  if (value === undefined || !SLUG.test(value))
    throw new UsageError(
      `${what}: нужен идентификатор из строчных латинских букв, цифр, «-» и «_» (например zar-sosh-3).`,
    );
  return value;
}

function need(value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Не указано: ${what}.`);
  return value.trim();
}

function str(v: Values, key: string): string | undefined {
  const x = v[key];
  return typeof x === 'string' ? x : undefined;
}

function year(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^(19|20|21)\d\d$/.test(raw)) throw new UsageError(`Год «${raw}» указан неверно.`);
  return Number(raw);
}

function scopeOf(role: string, v: Values): Membership {
  if (!isRole(role))
    throw new UsageError(
      `Неизвестная роль «${role}». Роли: ${Object.keys(ROLE_TITLES).join(', ')}.`,
    );
  const kind = scopeKindOf(role);
  const given = (['school', 'municipality', 'region'] as const).filter((k) => str(v, k));
  if (given.length !== 1 || given[0] !== kind)
    throw new UsageError(`Для роли ${role} укажите ровно один параметр --${kind} <id>.`);
  const id = slug(str(v, kind), `--${kind}`);
  return {
    role,
    schoolId: kind === 'school' ? id : null,
    municipalityId: kind === 'municipality' ? id : null,
    regionId: kind === 'region' ? id : null,
  };
}

function userByLogin(ctx: Ctx, login: string | undefined) {
  const u = ctx.users.byLogin(normalizeLogin(need(login, 'логин')));
  if (!u) throw new AdminError(`Пользователь «${login}» не найден.`);
  return u;
}

function checkScopeExists(ctx: Ctx, m: Membership): void {
  if (m.schoolId && !ctx.directory.school(m.schoolId))
    throw new AdminError(`Школа «${m.schoolId}» не найдена.`);
  if (m.municipalityId && !ctx.directory.municipality(m.municipalityId))
    throw new AdminError(`Муниципалитет «${m.municipalityId}» не найден.`);
  if (m.regionId && !ctx.directory.region(m.regionId))
    throw new AdminError(`Регион «${m.regionId}» не найден.`);
}

async function newPassword(ctx: Ctx, login: string, given: string | undefined): Promise<string> {
  let password = given;
  if (password === undefined) {
    password = await ctx.io.password(`Пароль для ${login}: `);
    const again = await ctx.io.password('Повторите пароль: ');
    if (again !== password) throw new AdminError('Пароли не совпадают.');
  }
  if (password.length < MIN_PASSWORD)
    throw new AdminError(`Пароль слишком короткий: нужно не меньше ${MIN_PASSWORD} символов.`);
  return password;
}

function when(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

const SCOPE_OPTIONS = {
  school: { type: 'string' },
  municipality: { type: 'string' },
  region: { type: 'string' },
} as const;

/** Every command, by name. */
export const COMMANDS: Record<string, Command> = {
  'create-region': {
    usage: 'create-region <id> <название>',
    summary: 'создать регион',
    run(ctx, [id, name]) {
      const r = { id: slug(id, 'id региона'), name: need(name, 'название') };
      if (ctx.directory.region(r.id)) throw new AdminError(`Регион «${r.id}» уже есть.`);
      ctx.directory.createRegion(r);
      ctx.audit('create-region', r);
      ctx.io.out(`Регион «${r.name}» (${r.id}) создан.`);
    },
  },
  'create-municipality': {
    usage: 'create-municipality <id> <название> --region <id>',
    summary: 'создать муниципалитет',
    options: { region: { type: 'string' } },
    run(ctx, [id, name], v) {
      const m = {
        id: slug(id, 'id муниципалитета'),
        name: need(name, 'название'),
        regionId: slug(str(v, 'region'), '--region'),
      };
      if (!ctx.directory.region(m.regionId))
        throw new AdminError(`Регион «${m.regionId}» не найден.`);
      if (ctx.directory.municipality(m.id))
        throw new AdminError(`Муниципалитет «${m.id}» уже есть.`);
      ctx.directory.createMunicipality(m);
      ctx.audit('create-municipality', m);
      ctx.io.out(`Муниципалитет «${m.name}» (${m.id}) создан.`);
    },
  },
  'create-school': {
    usage:
      'create-school <id> <название> --municipality <id> [--low-results] [--unfavourable] [--leader] [--cohort <год>] [--tracks 1,2,3] [--cluster <текст>] [--rural]',
    summary: 'создать школу (флаги ШНОР, ШНСУ, школа-лидер, когорта 500+, треки, кластер)',
    options: {
      municipality: { type: 'string' },
      'low-results': { type: 'boolean' },
      unfavourable: { type: 'boolean' },
      leader: { type: 'boolean' },
      cohort: { type: 'string' },
      tracks: { type: 'string' },
      cluster: { type: 'string' },
      rural: { type: 'boolean' },
    },
    run(ctx, [id, name], v) {
      const municipalityId = slug(str(v, 'municipality'), '--municipality');
      const tracksRaw = str(v, 'tracks');
      const tracks = tracksRaw
        ? [...new Set(tracksRaw.split(',').map((t) => t.trim()))].map((t) => {
            if (!['1', '2', '3'].includes(t))
              throw new UsageError(`Трек «${t}»: допустимы 1, 2, 3.`);
            return Number(t) as Track;
          })
        : [];
      const school = {
        id: slug(id, 'id школы'),
        municipalityId,
        name: need(name, 'название'),
        lowResults: v['low-results'] === true,
        unfavourableConditions: v.unfavourable === true,
        leader: v.leader === true,
        cohortYear: str(v, 'cohort') === undefined ? null : year(str(v, 'cohort'), 0),
        tracks: tracks.sort(),
        cluster: str(v, 'cluster') ?? null,
        rural: v.rural === true,
      };
      if (!ctx.directory.municipality(municipalityId))
        throw new AdminError(`Муниципалитет «${municipalityId}» не найден.`);
      if (ctx.directory.school(school.id)) throw new AdminError(`Школа «${school.id}» уже есть.`);
      ctx.directory.createSchool(school);
      ctx.audit('create-school', school);
      ctx.io.out(`Школа «${school.name}» (${school.id}) создана.`);
    },
  },
  'create-user': {
    usage: 'create-user <логин> --name <ФИО> [--password <пароль>] [--id <id>]',
    summary: 'создать пользователя (без --password пароль спрашивается)',
    options: { name: { type: 'string' }, password: { type: 'string' }, id: { type: 'string' } },
    async run(ctx, [loginRaw], v) {
      const login = normalizeLogin(need(loginRaw, 'логин'));
      if (!LOGIN.test(login))
        throw new UsageError('Логин: латинские буквы, цифры, «.», «_», «-», «@», от 2 символов.');
      const name = need(str(v, 'name'), '--name');
      if (ctx.users.byLogin(login)) throw new AdminError(`Логин «${login}» уже занят.`);
      const id = str(v, 'id') ?? randomUUID();
      if (ctx.users.byId(id)) throw new AdminError(`Пользователь с id «${id}» уже есть.`);
      const password = await newPassword(ctx, login, str(v, 'password'));
      ctx.users.createUser({
        id,
        login,
        name,
        passwordHash: hashPasswordSync(password, ctx.io.scrypt ?? DEFAULT_SCRYPT),
        createdAt: ctx.now,
      });
      ctx.audit('create-user', { id, login, name });
      ctx.io.out(`Пользователь ${login} (${name}) создан, id ${id}.`);
      ctx.io.out(`Назначьте роль: npm run admin -- grant ${login} <роль> --school <id>`);
    },
  },
  'set-password': {
    usage: 'set-password <логин> [--password <пароль>]',
    summary: 'сменить пароль (без --password спрашивается); устройства остаются в системе',
    options: { password: { type: 'string' } },
    async run(ctx, [login], v) {
      const u = userByLogin(ctx, login);
      const password = await newPassword(ctx, u.login, str(v, 'password'));
      ctx.users.setPasswordHash(u.id, hashPasswordSync(password, ctx.io.scrypt ?? DEFAULT_SCRYPT));
      ctx.audit('set-password', { userId: u.id });
      ctx.io.out(`Пароль ${u.login} изменён.`);
    },
  },
  'disable-user': {
    usage: 'disable-user <логин>',
    summary: 'отключить пользователя: вход и все его устройства получают отказ',
    run(ctx, [login]) {
      const u = userByLogin(ctx, login);
      ctx.users.setDisabled(u.id, true);
      ctx.audit('disable-user', { userId: u.id });
      ctx.io.out(`Пользователь ${u.login} отключён.`);
    },
  },
  'enable-user': {
    usage: 'enable-user <логин>',
    summary: 'снова включить пользователя',
    run(ctx, [login]) {
      const u = userByLogin(ctx, login);
      ctx.users.setDisabled(u.id, false);
      ctx.audit('enable-user', { userId: u.id });
      ctx.io.out(`Пользователь ${u.login} включён.`);
    },
  },
  'list-users': {
    usage: 'list-users',
    summary: 'пользователи и их роли',
    run(ctx) {
      for (const u of ctx.users.listUsers()) {
        const roles = ctx.users
          .memberships(u.id)
          .map((m) => `${m.role}@${m.schoolId ?? m.municipalityId ?? m.regionId}`)
          .join(', ');
        ctx.io.out(`${u.login}\t${u.name}${u.disabled ? ' (отключён)' : ''}\t${roles || '—'}`);
      }
    },
  },
  grant: {
    usage: 'grant <логин> <роль> (--school <id> | --municipality <id> | --region <id>)',
    summary: `назначить роль: ${Object.keys(ROLE_TITLES).join(', ')}`,
    options: SCOPE_OPTIONS,
    run(ctx, [login, role], v) {
      const m = scopeOf(need(role, 'роль'), v);
      const u = userByLogin(ctx, login);
      checkScopeExists(ctx, m);
      if (!ctx.users.grant(u.id, m)) {
        ctx.io.out(`У ${u.login} уже есть эта роль.`);
        return;
      }
      ctx.audit('grant', { userId: u.id, ...m });
      ctx.io.out(`${u.login}: назначена роль «${ROLE_TITLES[m.role]}».`);
    },
  },
  'revoke-grant': {
    usage: 'revoke-grant <логин> <роль> (--school <id> | --municipality <id> | --region <id>)',
    summary: 'снять роль',
    options: SCOPE_OPTIONS,
    run(ctx, [login, role], v) {
      const m = scopeOf(need(role, 'роль'), v);
      const u = userByLogin(ctx, login);
      if (!ctx.users.revokeGrant(u.id, m)) throw new AdminError(`У ${u.login} нет такой роли.`);
      ctx.audit('revoke-grant', { userId: u.id, ...m });
      ctx.io.out(`${u.login}: роль «${ROLE_TITLES[m.role]}» снята.`);
    },
  },
  'link-partnership': {
    usage: 'link-partnership <id школы-лидера> <id школы-участника> [--year <год>]',
    summary: 'связать школу-лидера со школой-участником (партнёрское соглашение)',
    options: { year: { type: 'string' } },
    run(ctx, [leader, school], v) {
      const p = {
        leaderSchoolId: slug(leader, 'школа-лидер'),
        schoolId: slug(school, 'школа-участник'),
        year: year(str(v, 'year'), new Date(ctx.now).getFullYear()),
      };
      if (p.leaderSchoolId === p.schoolId)
        throw new UsageError('Школа не может быть партнёром себе.');
      const l = ctx.directory.school(p.leaderSchoolId);
      if (!l) throw new AdminError(`Школа «${p.leaderSchoolId}» не найдена.`);
      if (!ctx.directory.school(p.schoolId))
        throw new AdminError(`Школа «${p.schoolId}» не найдена.`);
      if (!l.leader) ctx.io.err(`Внимание: «${l.name}» не отмечена как школа-лидер.`);
      ctx.directory.linkPartnership(p);
      ctx.audit('link-partnership', p);
      ctx.io.out(`Партнёрство ${p.leaderSchoolId} → ${p.schoolId} (${p.year}) записано.`);
    },
  },
  'list-devices': {
    usage: 'list-devices [логин]',
    summary: 'устройства (все или одного пользователя)',
    run(ctx, [login]) {
      const userId = login === undefined ? undefined : userByLogin(ctx, login).id;
      const list = ctx.users.listDevices(userId);
      if (list.length === 0) ctx.io.out('Устройств нет.');
      for (const d of list)
        ctx.io.out(
          [
            d.id,
            d.login,
            d.name,
            `вход ${when(d.createdAt)}`,
            `был ${when(d.lastSeenAt)}`,
            d.revokedAt === null ? 'активно' : `отозвано ${when(d.revokedAt)}`,
          ].join('\t'),
        );
    },
  },
  'revoke-device': {
    usage: 'revoke-device <id устройства>',
    summary: 'отозвать устройство: следующий его запрос получит отказ',
    run(ctx, [id]) {
      const deviceId = need(id, 'id устройства');
      const d = ctx.users.device(deviceId);
      if (!d) throw new AdminError(`Устройство «${deviceId}» не найдено.`);
      if (!ctx.users.revokeDevice(deviceId, ctx.now)) {
        ctx.io.out('Устройство уже отозвано.');
        return;
      }
      ctx.audit('revoke-device', { deviceId, userId: d.userId });
      ctx.io.out(`Устройство «${d.name}» отозвано.`);
    },
  },
  backup: {
    usage: 'backup <файл> [--force]',
    summary: 'резервная копия работающей базы (онлайн, сервер можно не останавливать)',
    options: { force: { type: 'boolean' } },
    async run(ctx, [file], v) {
      const target = resolve(need(file, 'файл копии'));
      if (target === resolve(ctx.io.databasePath))
        throw new AdminError('Копию нельзя записать поверх самой базы.');
      if (existsSync(target) && v.force !== true)
        throw new AdminError(`Файл ${target} уже есть (добавьте --force, чтобы перезаписать).`);
      await backupTo(ctx.odb, target);
      const stats = checkBackupFile(target);
      ctx.audit('backup', { file: target });
      ctx.io.out(
        `Копия записана: ${target} (пользователей ${stats.users}, записей журнала ${stats.updates}).`,
      );
    },
  },
  restore: {
    usage: 'restore <файл> [--yes] [--force]',
    summary: 'восстановить базу из копии (сервер должен быть остановлен)',
    options: { force: { type: 'boolean' } },
    raw: true,
    async run(ctx, [file], v) {
      const source = resolve(need(file, 'файл копии'));
      const target = resolve(ctx.io.databasePath);
      if (source === target) throw new AdminError('Файл копии совпадает с базой.');
      const stats = checkBackupFile(source);
      const holder = lockHolder(target);
      if (holder !== null && v.force !== true)
        throw new AdminError(
          `База ${target} занята работающим сервером (pid ${holder}). Остановите сервер и повторите.`,
        );
      const ok =
        v.yes === true ||
        (await ctx.io.confirm(
          `Заменить базу ${target} копией ${source} (пользователей ${stats.users}, записей журнала ${stats.updates})? Текущие данные будут потеряны.`,
        ));
      if (!ok) throw new AdminError('Отменено.');
      const epoch = await restoreFrom(source, target);
      const odb = openDb(target);
      try {
        new AuditRepo(odb, () => ctx.now).record({
          action: 'admin:restore',
          detail: { file: source, epoch },
        });
      } finally {
        odb.close();
      }
      ctx.io.out(`База восстановлена из ${source}. Новая эпоха: ${epoch}.`);
      ctx.io.out(
        'Устройства при следующей синхронизации досылают свои данные; вошедшие после копии войдут заново.',
      );
    },
  },
  'seed-demo': {
    usage: 'seed-demo',
    summary: 'заполнить пустую базу демонстрационным регионом «Северная область»',
    run(ctx) {
      if (!isDatabaseEmpty(ctx.odb))
        throw new AdminError(
          'База не пуста: демонстрационные данные пишутся только в пустую базу.',
        );
      seedDemo(ctx.odb, ctx.now, ctx.io.scrypt ?? DEFAULT_SCRYPT);
      const documents = storeDemoDocuments(ctx.odb, ctx.now);
      ctx.audit('seed-demo', { users: DEMO_LOGINS.length, documents });
      ctx.io.out('Демонстрационный регион создан. Входы:');
      ctx.io.out(demoTable(DEMO_LOGINS));
    },
  },
};

const COMMON: NonNullable<ParseArgsConfig['options']> = {
  help: { type: 'boolean', short: 'h' },
  yes: { type: 'boolean', short: 'y' },
  db: { type: 'string' },
};

/** The help text. */
export function helpText(): string {
  const lines = [
    'Администрирование «Опоры»: npm run admin -- <команда> [параметры]',
    '',
    'Команды:',
    ...Object.values(COMMANDS).flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Общие параметры:',
    '  --db <файл>   база данных (по умолчанию DATABASE_PATH или ./data/opora.db)',
    '  --yes, -y     не спрашивать подтверждения',
    '  --help, -h    эта справка',
    '',
    'Коды выхода: 0 — выполнено, 1 — отказ или ошибка, 2 — неверные параметры.',
  ];
  return lines.join('\n');
}

/** Runs one admin command line; returns the exit code. */
export async function runAdmin(argv: string[], io: AdminIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`Неизвестная команда «${name}». Список команд: npm run admin -- --help`);
    return 2;
  }
  let odb: OpenDb | null = null;
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...COMMON, ...cmd.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const v = parsed.values as Values;
    if (v.help === true) {
      io.out(`npm run admin -- ${cmd.usage}\n  ${cmd.summary}`);
      return 0;
    }
    const databasePath = resolve(str(v, 'db') ?? io.databasePath);
    const cmdIo = { ...io, databasePath };
    const now = (io.now ?? Date.now)();
    if (!cmd.raw) odb = openDb(databasePath);
    const db = odb;
    const ctx: Ctx = {
      io: cmdIo,
      get odb(): OpenDb {
        if (!db) throw new Error('database not open');
        return db;
      },
      now,
      get directory() {
        return new DirectoryRepo(this.odb);
      },
      get users() {
        return new UserRepo(this.odb);
      },
      audit: (command, detail) =>
        new AuditRepo(ctx.odb, () => now).record({ action: `admin:${command}`, detail }),
    };
    await cmd.run(ctx, parsed.positionals, v);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nИспользование: npm run admin -- ${cmd.usage}`);
      return 2;
    }
    if (e instanceof AdminError) {
      io.err(e.message);
      return 1;
    }
    io.err(`Ошибка: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    odb?.close();
  }
}
