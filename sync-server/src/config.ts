/**
 * The relay's settings, read from the environment once at start-up and checked
 * there: a wrong value stops the program with a clear message instead of
 * surfacing later as a strange failure.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The relay's checked settings. */
export interface Config {
  /** TCP port to listen on (PORT, default 8080). */
  port: number;
  /** Interface to bind (HOST, default 0.0.0.0). */
  host: string;
  /** Absolute path of the SQLite database (DATABASE_PATH, default ./data/opora.db). */
  databasePath: string;
  /** Absolute path of the web build to serve (WEB_ROOT, default <repo>/web/build). */
  webRoot: string;
  /** Seed the demo region when the database is empty (DEMO, default on). */
  demo: boolean;
  /** With the demo region, also its filled questionnaires, roadmaps, exams and visits (DEMO_DOCUMENTS, default on). */
  demoDocuments: boolean;
  /** Take the client address from X-Forwarded-For (TRUST_PROXY, default off). */
  trustProxy: boolean;
}

/** A setting that cannot be used; the message names the variable, in Russian and English. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The repository root (two levels above this file's folder). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const TRUE = new Set(['1', 'true', 'yes', 'on', 'да']);
const FALSE = new Set(['0', 'false', 'no', 'off', 'нет']);

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const v = raw.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new ConfigError(
    `${name}="${raw}": ожидается 1/0, true/false, on/off (expected a boolean such as 1 or 0)`,
  );
}

function text(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const v = raw.trim();
  if (v === '' || v.includes('\0'))
    throw new ConfigError(`${name} пуст или недопустим (${name} must not be empty)`);
  return v;
}

function port(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT?.trim();
  if (raw === undefined || raw === '') return 8080;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535)
    throw new ConfigError(
      `PORT="${raw}": нужен номер порта от 0 до 65535 (PORT must be an integer 0–65535)`,
    );
  return Number(raw);
}

/** Reads and checks the settings; throws ConfigError on the first wrong value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: port(env),
    host: text(env, 'HOST', '0.0.0.0'),
    databasePath: resolve(text(env, 'DATABASE_PATH', './data/opora.db')),
    webRoot: resolve(text(env, 'WEB_ROOT', resolve(REPO_ROOT, 'web/build'))),
    demo: flag(env, 'DEMO', true),
    demoDocuments: flag(env, 'DEMO_DOCUMENTS', true),
    trustProxy: flag(env, 'TRUST_PROXY', false),
  };
}
