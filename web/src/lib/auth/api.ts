/** The relay's JSON endpoints for sign-in and the user's scope (same origin as the app). */
import type { DirectorySnapshot, ErrorBody, ErrorCode, Membership } from '@opora/shared';

/** The relay answered with an error body (or at least an error status). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'unknown',
    message: string,
  ) {
    super(message);
  }
}

/** The request never got an answer: no network, relay down, or cut off. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** The signed-in user as the relay describes it. */
export interface ApiUser {
  id: string;
  login: string;
  name: string;
}

/** Answer of POST /api/auth/login. */
export interface LoginAnswer {
  token: string;
  deviceId: string;
  user: ApiUser;
  memberships: Membership[];
}

/** Answer of GET /api/me. */
export interface MeAnswer {
  user: ApiUser;
  memberships: Membership[];
  directory: DirectorySnapshot;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = value.error;
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string';
}

/** Throws ApiError for a non-2xx response, reading the relay's error body when there is one. */
export async function failOnError(res: Response): Promise<void> {
  if (res.ok) return;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's page): the status decides.
  }
  if (isErrorBody(body)) throw new ApiError(res.status, body.error.code, body.error.message);
  throw new ApiError(res.status, 'unknown', `HTTP ${res.status}`);
}

/** fetch that turns a failure to get any answer into NetworkError. */
export async function request(input: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(input, { cache: 'no-store', ...init });
  } catch (e) {
    throw new NetworkError(e instanceof Error ? e.message : String(e));
  }
}

async function json<T>(res: Response): Promise<T> {
  await failOnError(res);
  return (await res.json()) as T;
}

/** Bearer header for a token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Signs in; the device name lets the user recognise this device in a list of sessions. */
export async function login(loginName: string, password: string): Promise<LoginAnswer> {
  const res = await request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: loginName, password, deviceName: deviceName() }),
  });
  return json<LoginAnswer>(res);
}

/** The user, memberships and visible directory. */
export async function fetchMe(token: string): Promise<MeAnswer> {
  return json<MeAnswer>(await request('/api/me', { headers: bearer(token) }));
}

/** Revokes the token on the relay. */
export async function logout(token: string): Promise<void> {
  await failOnError(await request('/api/auth/logout', { method: 'POST', headers: bearer(token) }));
}

/** True when the relay answers its health check (navigator.onLine alone lies). */
export async function probeHealth(timeoutMs = 5000): Promise<boolean> {
  try {
    const res = await fetch('/api/health', {
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok;
  } catch {
    return false;
  }
}

function deviceName(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const browser = /Firefox\//.test(ua)
    ? 'Firefox'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return `${browser}${os ? ` · ${os}` : ''}`;
}
