import { describe, expect, it, onTestFinished } from 'vitest';
import { openDb } from '../db/open.ts';
import { seedDemo } from '../demo/seed.ts';
import { InvalidCredentials, RateLimited, Unauthorized } from '../errors.ts';
import { AuditRepo } from '../repo/audit-repo.ts';
import { DirectoryRepo } from '../repo/directory-repo.ts';
import { UserRepo } from '../repo/user-repo.ts';
import { CHEAP_SCRYPT } from '../testing/relay.ts';
import { AuthService, hashToken, normalizeLogin } from './auth.ts';
import { DirectoryService } from './directory.ts';
import { scopeKeyOf } from './sync.ts';

function setup(now = () => 1_000, perLoginLimit = 2) {
  const odb = openDb(':memory:');
  onTestFinished(() => odb.close());
  seedDemo(odb, 0, CHEAP_SCRYPT);
  const users = new UserRepo(odb);
  const audit = new AuditRepo(odb, now);
  const directory = new DirectoryService(new DirectoryRepo(odb));
  const auth = new AuthService(users, audit, directory, {
    now,
    perLogin: { limit: perLoginLimit, windowMs: 1000 },
    perAddress: { limit: 3, windowMs: 1000 },
  });
  return { odb, users, audit, auth, directory };
}

describe('AuthService', () => {
  it('signs in and resolves the token to a full session', async () => {
    const { auth, directory } = setup();
    const r = await auth.login({ login: ' CURATOR ', password: 'curator1' }, '1.2.3.4');
    const s = auth.authenticate(r.token);
    expect(s.userId).toBe('u-curator');
    expect(s.deviceId).toBe(r.deviceId);
    expect(s.login).toBe('curator');
    expect(s.memberships).toHaveLength(3);
    expect(s.scopeKey).toBe(scopeKeyOf(s.memberships, directory.scopeFingerprint(s.memberships)));
    expect(s.scope.canWrite('school:zar-sosh-3:visit:v1')).toBe(true);
    expect(s.scope.canRead('school:oz-sosh-5:visit:v1')).toBe(false);
  });

  it('names the device and defaults the name', async () => {
    const { auth, users } = setup();
    const a = await auth.login({ login: 'teacher', password: 'teacher1' }, 'x');
    const b = await auth.login(
      { login: 'teacher', password: 'teacher1', deviceName: '  Планшет  ' },
      'x',
    );
    expect(users.device(a.deviceId)?.name).toBe('Устройство');
    expect(users.device(b.deviceId)?.name).toBe('Планшет');
    expect(a.token).not.toBe(b.token);
  });

  it('refuses disabled users at login', async () => {
    const { auth, users } = setup();
    users.setDisabled('u-teacher', true);
    await expect(auth.login({ login: 'teacher', password: 'teacher1' }, 'x')).rejects.toThrow(
      InvalidCredentials,
    );
  });

  it('counts parallel guesses before the slow hash', async () => {
    const { auth, audit } = setup();
    const guesses = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => auth.login({ login: 'teacher', password: `bad${i}` }, 'x')),
    );
    const reasons = guesses.map((g) => (g.status === 'rejected' ? g.reason : null));
    expect(reasons.filter((r) => r instanceof InvalidCredentials)).toHaveLength(2);
    expect(reasons.filter((r) => r instanceof RateLimited)).toHaveLength(2);
    expect(audit.recent().filter((e) => e.action === 'login_failed')).toHaveLength(2);
  });

  it('lets many devices behind one address sign in at once', async () => {
    const { auth } = setup(undefined, 1000);
    const many = await Promise.all(
      Array.from({ length: 120 }, () =>
        auth.login({ login: 'region', password: 'region1' }, 'nat'),
      ),
    );
    expect(new Set(many.map((r) => r.deviceId)).size).toBe(120);
  });

  it('a success clears the login count', async () => {
    const { auth } = setup();
    await expect(auth.login({ login: 'tutor', password: 'x' }, 'a')).rejects.toThrow();
    await auth.login({ login: 'tutor', password: 'tutor1' }, 'a');
    await expect(auth.login({ login: 'tutor', password: 'x' }, 'a')).rejects.toThrow(
      InvalidCredentials,
    );
    await expect(auth.login({ login: 'tutor', password: 'tutor1' }, 'a')).resolves.toBeDefined();
  });

  it('revokes, reports activity and refuses unknown tokens', async () => {
    const { auth, audit } = setup();
    const r = await auth.login({ login: 'director', password: 'director1' }, 'x');
    expect(auth.deviceActive(r.deviceId)).toBe(true);
    expect(() => auth.authenticate('')).toThrow(Unauthorized);
    expect(() => auth.authenticate('nope')).toThrow(Unauthorized);
    expect(auth.revokeDevice(r.deviceId, 'admin')).toBe(true);
    expect(auth.revokeDevice(r.deviceId, 'admin')).toBe(false);
    expect(auth.deviceActive(r.deviceId)).toBe(false);
    expect(() => auth.authenticate(r.token)).toThrow(Unauthorized);
    expect(audit.recent()[0]?.action).toBe('device_revoked');
  });

  it('hashes tokens with SHA-256 and normalises logins', () => {
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(normalizeLogin('  Ivan.Petrov ')).toBe('ivan.petrov');
  });
});
