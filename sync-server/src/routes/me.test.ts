/**
 * GET /api/me through the real relay: a municipal coordinator's directory holds
 * the schools of their municipality only (a leader school of another
 * municipality is a partner-school entry naming the partnership's plan), the
 * curators of their schools, and nothing the relay would refuse them.
 */
import {
  AccessScope,
  AckCode,
  directoryFromSnapshot,
  schoolNameIn,
  type Membership,
} from '@opora/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../app.ts';
import { bearer, demoRelay, docUpdate, signIn, syncCall } from '../testing/relay.ts';
import { DEMO_DIRECTORS, DEMO_LOGINS, DEMO_REGION_ID } from '../demo/seed.ts';
import type { MeResponse } from './me.ts';

let relay: Relay;
afterEach(() => relay.close());

async function me(login: string): Promise<{ token: string; me: MeResponse }> {
  const { token } = await signIn(relay, login);
  const res = await relay.app.request('/api/me', { headers: bearer(token) });
  expect(res.status).toBe(200);
  return { token, me: (await res.json()) as MeResponse };
}

// The demo's one partnership across municipalities: the Severograd lyceum tutors Pokrovskoe (Zarechny).
const LEADER_ROADMAP = 'school:sev-lyceum-1:roadmap:2041';
const PLAN = 'partnership:sev-lyceum-1:zar-sosh-pokrovskoe:2026';

/** Every demo user with their memberships: the logins and the generated directors. */
function everyone(): { userId: string; name: string; memberships: Membership[] }[] {
  return [
    ...DEMO_LOGINS,
    ...DEMO_DIRECTORS.map((d) => ({
      ...d,
      memberships: [
        {
          role: 'school_coordinator' as const,
          schoolId: d.schoolId,
          municipalityId: null,
          regionId: null,
        },
      ],
    })),
  ];
}

describe('GET /api/me', () => {
  it('gives a municipal coordinator only their municipality’s schools; the partner school only names the plan', async () => {
    relay = demoRelay();
    const { token, me: answer } = await me('mo-zarechny');
    const dir = answer.directory;
    expect(dir.schools).toHaveLength(10);
    expect(dir.schools.every((s) => s.municipalityId === 'zarechny')).toBe(true);
    expect(dir.municipalities.map((m) => m.id)).toEqual(['zarechny']);
    expect(dir.partnerSchools).toEqual([
      {
        id: 'sev-lyceum-1',
        name: 'МАОУ «Лицей № 1» г. Североград',
        municipalityId: 'severograd',
        regionId: 'north',
      },
    ]);
    expect(schoolNameIn(dir, 'sev-lyceum-1')).toBe('МАОУ «Лицей № 1» г. Североград');

    // The device's access over this directory reads the plan, not the leader school's documents.
    const scope = new AccessScope(answer.memberships, directoryFromSnapshot(dir));
    expect(scope.canRead(PLAN)).toBe(true);
    expect(scope.canRead(LEADER_ROADMAP)).toBe(false);

    // The relay: the region stores both; the municipal coordinator pulls the plan only and may push neither.
    const region = await signIn(relay, 'region');
    const stored = await syncCall(relay, region.token, {
      pushes: [
        { docId: LEADER_ROADMAP, update: docUpdate('roadmap') },
        { docId: PLAN, update: docUpdate('tutoring') },
      ],
    });
    expect(stored.acks.map((a) => a.code)).toEqual([AckCode.ok, AckCode.ok]);
    const pulled = await syncCall(relay, token, {});
    const ids = pulled.changes.map((c) => c.docId);
    expect(ids).toContain(PLAN);
    expect(ids.filter((id) => id.startsWith('school:sev-') || id.startsWith('school:oz-'))).toEqual(
      [],
    );
    const refused = await syncCall(relay, token, {
      pushes: [
        { docId: LEADER_ROADMAP, update: docUpdate('roadmap', 'y') },
        { docId: 'school:sev-lyceum-1:exams', update: docUpdate('exams') },
      ],
    });
    expect(refused.acks.map((a) => a.code)).toEqual([AckCode.forbidden, AckCode.forbidden]);
  });

  it('names the curators of the coordinated schools, with only those schools', async () => {
    relay = demoRelay();
    const zarechny = (await me('mo-zarechny')).me.directory.curators;
    expect(zarechny).toEqual([
      {
        id: 'u-curator',
        name: 'Морозова Татьяна Николаевна',
        schoolIds: ['zar-oosh-krivaya-luka', 'zar-sosh-3', 'zar-sosh-pokrovskoe'],
      },
    ]);
    const region = (await me('region')).me.directory.curators ?? [];
    expect(region.map((c) => c.name).sort()).toEqual([
      'Волков Сергей Александрович',
      'Морозова Татьяна Николаевна',
    ]);
    expect((await me('mo-severograd')).me.directory.curators).toEqual([]);
    // Curators and school staff get no one else's assignments.
    expect((await me('curator')).me.directory.curators).toBeUndefined();
    expect((await me('teacher')).me.directory.curators).toBeUndefined();
  });

  it('keeps a tutor’s partner school of another municipality out of their schools', async () => {
    relay = demoRelay();
    const dir = (await me('tutor-sev')).me.directory;
    expect(dir.schools.map((s) => s.id)).toEqual(['sev-lyceum-1']);
    expect(dir.partnerSchools?.map((s) => s.id)).toEqual(['sev-sosh-7', 'zar-sosh-pokrovskoe']);
    expect(dir.municipalities.map((m) => m.id)).toEqual(['severograd']);
  });

  it('names the people a teacher works with: own school staff, its curator, its coordinators', async () => {
    relay = demoRelay();
    const dir = (await me('teacher')).me.directory;
    const partners = new Set(
      dir.partnerships
        .flatMap((p) => [p.leaderSchoolId, p.schoolId])
        .filter((id) => id !== 'zar-sosh-3'),
    );
    const expected = everyone()
      .filter((u) =>
        u.memberships.some(
          (m) =>
            m.schoolId === 'zar-sosh-3' ||
            partners.has(m.schoolId ?? '') ||
            m.municipalityId === 'zarechny' ||
            m.regionId === DEMO_REGION_ID,
        ),
      )
      .map((u) => ({ id: u.userId, name: u.name }));
    expect(dir.people).toEqual(expect.arrayContaining(expected));
    expect(dir.people).toHaveLength(expected.length);
    const ids = (dir.people ?? []).map((p) => p.id);
    for (const id of ['u-teacher', 'u-director', 'u-curator', 'u-mo-zarechny', 'u-region'])
      expect(ids).toContain(id);
    // Nobody of another school or municipality, and only ids and names.
    expect(ids).not.toContain('u-teacher-oz');
    expect(ids).not.toContain('u-mo-severograd');
    expect(ids).not.toContain('u-curator-oz');
    for (const p of dir.people ?? []) expect(Object.keys(p).sort()).toEqual(['id', 'name']);
  });

  it('gives a municipal coordinator nobody of another municipality but their partner school', async () => {
    relay = demoRelay();
    const dir = (await me('mo-ozerny')).me.directory;
    const people = dir.people ?? [];
    const inScope = new Set([...dir.schools, ...(dir.partnerSchools ?? [])].map((s) => s.id));
    const named = new Set(people.map((p) => p.id));
    // Every generated director of the municipality's schools is named, with their real name.
    const own = DEMO_DIRECTORS.filter((d) => inScope.has(d.schoolId));
    expect(own.length).toBeGreaterThan(0);
    for (const d of own) expect(people).toContainEqual({ id: d.userId, name: d.name });
    // Nobody whose memberships are all elsewhere.
    for (const u of DEMO_LOGINS)
      if (named.has(u.userId))
        expect(
          u.memberships.some(
            (m) =>
              inScope.has(m.schoolId ?? '') ||
              m.municipalityId === 'ozerny' ||
              m.regionId === DEMO_REGION_ID,
          ),
          u.login,
        ).toBe(true);
    for (const d of DEMO_DIRECTORS) expect(named.has(d.userId)).toBe(inScope.has(d.schoolId));
    for (const id of [
      'u-mo-zarechny',
      'u-mo-severograd',
      'u-teacher',
      'u-curator',
      'u-director-sev',
    ])
      expect(named.has(id), id).toBe(false);
    expect(named.has('u-curator-oz')).toBe(true);
    expect(named.has('u-teacher-oz')).toBe(true);
  });
});
