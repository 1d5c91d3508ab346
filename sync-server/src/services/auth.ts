/**
 * Sign-in, sign-out and token checks. A login gives the device a random token
 * (32 bytes, base64url) that the relay keeps only as its SHA-256, so a copy of
 * the database does not let anyone in; revoking the device row stops the token
 * at its next request. Failed logins are counted per login and per address.
 */
import type { DirectoryCurator, DirectoryPerson, Membership } from '@opora/shared';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Session } from '../context.ts';
import { InvalidCredentials, RateLimited, Unauthorized } from '../errors.ts';
import type { AuditRepo } from '../repo/audit-repo.ts';
import type { UserRepo } from '../repo/user-repo.ts';
import type { DirectoryService } from './directory.ts';
import { scopeKeyOf } from './sync.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { FailureLimiter, type LimitRule } from './rate-limit.ts';

/** What a device sends to sign in. */
export interface LoginInput {
  login: string;
  password: string;
  deviceName?: string | undefined;
}

/** The user as the device sees it. */
export interface PublicUser {
  id: string;
  login: string;
  name: string;
}

/** What a successful sign-in returns. */
export interface LoginResult {
  token: string;
  deviceId: string;
  user: PublicUser;
  memberships: Membership[];
}

/** Options of the auth service. */
export interface AuthOptions {
  now?: () => number;
  /** Failed logins allowed per login (default 10 per 15 min). */
  perLogin?: LimitRule;
  /** Failed logins allowed per client address (default 30 per 15 min). */
  perAddress?: LimitRule;
  /** How often lastSeenAt is written at most (default 60 s). */
  touchEveryMs?: number;
}

const FIFTEEN_MIN = 15 * 60 * 1000;

/** SHA-256 of a token, hex: what the devices table stores. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Normalises a login as stored: trimmed, lower-case. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** The relay's authentication. */
export class AuthService {
  private readonly now: () => number;
  private readonly byLogin: FailureLimiter;
  private readonly byAddress: FailureLimiter;
  private readonly touchEveryMs: number;

  constructor(
    private readonly users: UserRepo,
    private readonly audit: AuditRepo,
    private readonly directory: DirectoryService,
    options: AuthOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.byLogin = new FailureLimiter(
      options.perLogin ?? { limit: 10, windowMs: FIFTEEN_MIN },
      this.now,
    );
    this.byAddress = new FailureLimiter(
      options.perAddress ?? { limit: 30, windowMs: FIFTEEN_MIN },
      this.now,
    );
    this.touchEveryMs = options.touchEveryMs ?? 60_000;
  }

  /** Checks a login and password and signs a new device in. */
  async login(input: LoginInput, address: string): Promise<LoginResult> {
    const login = normalizeLogin(input.login);
    const wait = Math.max(this.byLogin.retryAfter(login), this.byAddress.retryAfter(address));
    if (wait > 0) throw new RateLimited(wait);
    // Count the attempt on the login before the slow hash, so parallel guesses at one
    // account cannot slip past its limit. The address is charged only for failures:
    // a classroom behind one NAT may sign in many devices at once.
    this.byLogin.fail(login);
    const user = this.users.byLogin(login);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      this.byAddress.fail(address);
      this.audit.record({
        action: 'login_failed',
        userId: user?.id ?? null,
        detail: { login: login.slice(0, 100), address },
      });
      throw new InvalidCredentials();
    }
    this.byLogin.reset(login);
    const token = randomBytes(32).toString('base64url');
    const deviceId = randomUUID();
    const name = (input.deviceName ?? '').trim().slice(0, 100) || 'Устройство';
    this.users.createDevice({
      id: deviceId,
      userId: user.id,
      tokenHash: hashToken(token),
      name,
      createdAt: this.now(),
    });
    this.audit.record({ action: 'login', userId: user.id, deviceId, detail: { address, name } });
    return {
      token,
      deviceId,
      user: { id: user.id, login: user.login, name: user.name },
      memberships: this.users.memberships(user.id),
    };
  }

  /** Resolves a bearer token to a session; throws Unauthorized. */
  authenticate(token: string): Session {
    if (token.length === 0 || token.length > 200) throw new Unauthorized();
    const found = this.users.deviceByTokenHash(hashToken(token));
    if (!found || found.device.revokedAt !== null || found.user.disabled) throw new Unauthorized();
    const { device, user } = found;
    const now = this.now();
    if (device.lastSeenAt === null || now - device.lastSeenAt >= this.touchEveryMs)
      this.users.touchDevice(device.id, now);
    const memberships = this.users.memberships(user.id);
    return {
      userId: user.id,
      deviceId: device.id,
      login: user.login,
      memberships,
      scope: this.directory.scope(memberships),
      scopeKey: scopeKeyOf(memberships, this.directory.scopeFingerprint(memberships)),
    };
  }

  /** Signs the session's device out (revokes its token). */
  logout(session: Session): void {
    this.users.revokeDevice(session.deviceId, this.now());
    this.audit.record({ action: 'logout', userId: session.userId, deviceId: session.deviceId });
  }

  /** Revokes a device by id (admin); false when unknown or already revoked. */
  revokeDevice(deviceId: string, by: string): boolean {
    const device = this.users.device(deviceId);
    const done = this.users.revokeDevice(deviceId, this.now());
    if (done)
      this.audit.record({
        action: 'device_revoked',
        userId: device?.userId ?? null,
        deviceId,
        detail: { by },
      });
    return done;
  }

  /** True while the device may still use its token (not revoked, user not disabled). */
  deviceActive(deviceId: string): boolean {
    const device = this.users.device(deviceId);
    if (!device || device.revokedAt !== null) return false;
    return this.users.byId(device.userId)?.disabled === false;
  }

  /** The curators assigned to any of these schools, each with only those of their schools. */
  curatorsAt(schoolIds: ReadonlySet<string>): DirectoryCurator[] {
    if (schoolIds.size === 0) return [];
    const byId = new Map<string, DirectoryCurator>();
    for (const a of this.users.curatorAssignments()) {
      if (!schoolIds.has(a.schoolId)) continue;
      const c = byId.get(a.userId) ?? { id: a.userId, name: a.name, schoolIds: [] };
      c.schoolIds.push(a.schoolId);
      byId.set(a.userId, c);
    }
    return [...byId.values()];
  }

  /** The people with a membership at these schools, municipalities or regions: ids and names only. */
  peopleIn(scope: {
    schoolIds: Iterable<string>;
    municipalityIds: Iterable<string>;
    regionIds: Iterable<string>;
  }): DirectoryPerson[] {
    return this.users.peopleIn(scope);
  }

  /** The public form of a user. */
  user(userId: string): PublicUser {
    const u = this.users.byId(userId);
    if (!u) throw new Unauthorized();
    return { id: u.id, login: u.login, name: u.name };
  }
}
