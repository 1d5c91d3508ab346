import { describe, expect, it, onTestFinished } from 'vitest';
import { openDb } from '../db/open.ts';
import { AuditRepo } from './audit-repo.ts';
import { DirectoryRepo } from './directory-repo.ts';
import { UserRepo } from './user-repo.ts';

function db() {
  const odb = openDb(':memory:');
  onTestFinished(() => odb.close());
  return odb;
}

describe('DirectoryRepo', () => {
  it('bumps the version on every write, in the write transaction', () => {
    const odb = db();
    const repo = new DirectoryRepo(odb);
    expect(repo.isEmpty()).toBe(true);
    repo.createRegion({ id: 'r', name: 'Р' });
    repo.createMunicipality({ id: 'm', regionId: 'r', name: 'М' });
    repo.createSchool({ id: 's', municipalityId: 'm', name: 'Ш', tracks: [2] });
    expect(repo.version()).toBe(3);
    // A failed write rolls the bump back too.
    expect(() => repo.createSchool({ id: 's2', municipalityId: 'none', name: 'Ш' })).toThrow();
    expect(repo.version()).toBe(3);
    const all = repo.loadAll();
    expect(all.version).toBe(3);
    expect(all.schools[0]).toMatchObject({
      id: 's',
      tracks: [2],
      lowResults: false,
      cohortYear: null,
    });
  });
});

describe('UserRepo', () => {
  it('grants idempotently and revokes exactly one scope', () => {
    const odb = db();
    new DirectoryRepo(odb).createMany({
      regions: [{ id: 'r', name: 'Р' }],
      municipalities: [{ id: 'm', regionId: 'r', name: 'М' }],
      schools: [
        { id: 'a', municipalityId: 'm', name: 'А' },
        { id: 'b', municipalityId: 'm', name: 'Б' },
      ],
    });
    const users = new UserRepo(odb);
    users.createUser({ id: 'u', login: 'u', name: 'У', passwordHash: 'x', createdAt: 1 });
    expect(users.grant('u', { role: 'curator', schoolId: 'a' })).toBe(true);
    expect(users.grant('u', { role: 'curator', schoolId: 'a' })).toBe(false);
    expect(users.grant('u', { role: 'curator', schoolId: 'b' })).toBe(true);
    expect(users.revokeGrant('u', { role: 'curator', schoolId: 'a' })).toBe(true);
    expect(users.memberships('u')).toEqual([
      { role: 'curator', schoolId: 'b', municipalityId: null, regionId: null },
    ]);
  });

  it('finds devices by token hash and lists them newest first', () => {
    const odb = db();
    const users = new UserRepo(odb);
    users.createUser({ id: 'u', login: 'u', name: 'У', passwordHash: 'x', createdAt: 1 });
    users.createDevice({ id: 'd1', userId: 'u', tokenHash: 'h1', name: 'A', createdAt: 10 });
    users.createDevice({ id: 'd2', userId: 'u', tokenHash: 'h2', name: 'B', createdAt: 20 });
    expect(users.deviceByTokenHash('h2')?.device.id).toBe('d2');
    expect(users.deviceByTokenHash('h3')).toBeUndefined();
    expect(users.listDevices().map((d) => [d.id, d.login])).toEqual([
      ['d2', 'u'],
      ['d1', 'u'],
    ]);
    expect(users.revokeDevice('d1', 30)).toBe(true);
    expect(users.device('d1')?.revokedAt).toBe(30);
  });
});

describe('AuditRepo', () => {
  it('records entries with time and JSON detail, newest first', () => {
    const odb = db();
    const audit = new AuditRepo(odb, () => 42);
    audit.record({ action: 'login', userId: 'u', deviceId: 'd' });
    audit.record({ action: 'admin:grant', detail: { role: 'teacher' } });
    const [last, first] = audit.recent();
    expect(last).toMatchObject({ at: 42, action: 'admin:grant', detail: '{"role":"teacher"}' });
    expect(first).toMatchObject({ action: 'login', userId: 'u', deviceId: 'd', detail: null });
  });
});
