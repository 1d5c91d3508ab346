/**
 * Password hashing with scrypt from node:crypto. The stored form carries its
 * parameters and salt, `scrypt$N$r$p$salt$hash` (salt and hash base64), so the
 * cost can be raised later without breaking existing hashes.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Default cost: about 50 ms and 32 MiB per hash on a small server. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const MAX_N = 2 ** 20;

function options(params: ScryptParams): ScryptOptions {
  return { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
}

function format(params: ScryptParams, salt: Buffer, hash: Buffer): string {
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > MAX_N || N & (N - 1) || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || hash.length === 0) return null;
  return { params: { N, r, p }, salt, hash };
}

function scryptAsync(password: string, salt: Buffer, len: number, params: ScryptParams) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, len, options(params), (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Hashes a password (blocking; for the admin CLI and the demo seed). */
export function hashPasswordSync(password: string, params: ScryptParams = DEFAULT_SCRYPT): string {
  const salt = randomBytes(SALT_LENGTH);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, options(params));
  return format(params, salt, hash);
}

/** Hashes a password off the event loop. */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  return format(params, salt, await scryptAsync(password, salt, KEY_LENGTH, params));
}

/** A hash of nothing, verified against when the login is unknown so timing does not tell. */
export const DUMMY_HASH = hashPasswordSync(randomBytes(16).toString('hex'));

/**
 * True when the password matches the stored hash (constant-time compare). A
 * malformed or deliberately unusable hash (a user nobody may sign in as) is
 * false, never an error.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  try {
    const key = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.params);
    return timingSafeEqual(key, parsed.hash);
  } catch {
    return false;
  }
}
