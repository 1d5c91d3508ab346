import { ROLES, parseDocId } from '@opora/shared';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDb } from '../db/open.ts';
import { DirectoryRepo } from '../repo/directory-repo.ts';
import { UserRepo } from '../repo/user-repo.ts';
import { verifyPassword } from '../services/password.ts';
import { CHEAP_SCRYPT } from '../testing/relay.ts';
import { DEMO_DIRECTORS, DEMO_DIRECTORY, DEMO_LOGINS, isDatabaseEmpty, seedDemo } from './seed.ts';

describe('demo seed', () => {
  it('describes a region of 3 municipalities and about 30 varied schools', () => {
    const s = DEMO_DIRECTORY.schools;
    expect(DEMO_DIRECTORY.municipalities).toHaveLength(3);
    expect(s.length).toBeGreaterThanOrEqual(28);
    expect(s.some((x) => x.lowResults)).toBe(true);
    expect(s.some((x) => x.unfavourableConditions)).toBe(true);
    expect(s.filter((x) => x.leader).length).toBeGreaterThanOrEqual(3);
    for (const t of [1, 2, 3] as const) expect(s.some((x) => x.tracks.includes(t))).toBe(true);
    expect(new Set(s.map((x) => x.cohortYear))).toEqual(new Set([null, 2021, 2022]));
    expect(s.some((x) => x.rural) && s.some((x) => !x.rural)).toBe(true);
    for (const p of DEMO_DIRECTORY.partnerships) {
      const leader = s.find((x) => x.id === p.leaderSchoolId);
      expect(leader?.leader).toBe(true);
      // Every id is a valid slug: it forms valid document ids.
      expect(parseDocId(`partnership:${p.leaderSchoolId}:${p.schoolId}:${p.year}`)).not.toBeNull();
    }
    for (const x of s) expect(parseDocId(`school:${x.id}:roadmap:2026`)).not.toBeNull();
  });

  it('has a user of every role, curators with 2–4 schools', () => {
    expect(new Set(DEMO_LOGINS.map((u) => u.role))).toEqual(new Set(ROLES));
    for (const c of DEMO_LOGINS.filter((u) => u.role === 'curator')) {
      expect(c.memberships.length).toBeGreaterThanOrEqual(2);
      expect(c.memberships.length).toBeLessThanOrEqual(4);
    }
  });

  it('writes everything into an empty database, with working passwords', async () => {
    const odb = openDb(':memory:');
    onTestFinished(() => odb.close());
    expect(isDatabaseEmpty(odb)).toBe(true);
    seedDemo(odb, 1, CHEAP_SCRYPT);
    expect(isDatabaseEmpty(odb)).toBe(false);
    expect(new DirectoryRepo(odb).loadAll().schools).toHaveLength(DEMO_DIRECTORY.schools.length);
    const users = new UserRepo(odb);
    for (const d of DEMO_LOGINS) {
      const u = users.byLogin(d.login);
      expect(u?.id).toBe(d.userId);
      expect(users.memberships(d.userId)).toEqual(d.memberships);
    }
    const t = users.byLogin('teacher');
    expect(await verifyPassword('teacher1', t?.passwordHash ?? '')).toBe(true);
    expect(() => seedDemo(odb, 1, CHEAP_SCRYPT)).toThrow();
  });

  it('gives every participant school without a demo login a named director nobody can sign in as', async () => {
    const odb = openDb(':memory:');
    onTestFinished(() => odb.close());
    const printed = seedDemo(odb, 1, CHEAP_SCRYPT);
    expect(printed).toBe(DEMO_LOGINS);
    const participants = DEMO_DIRECTORY.schools.filter(
      (s) => s.lowResults || s.unfavourableConditions,
    );
    const users = new UserRepo(odb);
    for (const s of participants) {
      const directors =
        DEMO_LOGINS.filter((u) =>
          u.memberships.some((m) => m.role === 'school_coordinator' && m.schoolId === s.id),
        ).length + DEMO_DIRECTORS.filter((d) => d.schoolId === s.id).length;
      expect(directors, s.id).toBe(1);
    }
    expect(new Set(DEMO_DIRECTORS.map((d) => d.name)).size).toBe(DEMO_DIRECTORS.length);
    for (const d of DEMO_DIRECTORS) {
      expect(d.name).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/);
      expect(DEMO_LOGINS.some((l) => l.login === d.login)).toBe(false);
      const u = users.byLogin(d.login);
      expect(u?.name).toBe(d.name);
      expect(users.memberships(d.userId)).toEqual([
        { role: 'school_coordinator', schoolId: d.schoolId, municipalityId: null, regionId: null },
      ]);
      expect(await verifyPassword('', u?.passwordHash ?? '')).toBe(false);
      expect(await verifyPassword(d.login, u?.passwordHash ?? '')).toBe(false);
    }
  });
});
