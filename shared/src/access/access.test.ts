import { describe, expect, it } from 'vitest';
import type { DirectorySnapshot, School } from '../domain/directory.ts';
import type { Membership } from '../domain/roles.ts';
import { AccessScope, directoryFromSnapshot } from './access.ts';

const school = (id: string, municipalityId: string): School => ({
  id,
  municipalityId,
  name: id,
  lowResults: true,
  unfavourableConditions: false,
  leader: id.startsWith('l'),
  cohortYear: null,
  tracks: [1],
  cluster: null,
  rural: false,
});

const DIR: DirectorySnapshot = {
  regions: [
    { id: 'north', name: 'N' },
    { id: 'south', name: 'S' },
  ],
  municipalities: [
    { id: 'm1', regionId: 'north', name: 'M1' },
    { id: 'm2', regionId: 'north', name: 'M2' },
    { id: 'm9', regionId: 'south', name: 'M9' },
  ],
  schools: [
    school('s1', 'm1'),
    school('s2', 'm1'),
    school('l1', 'm1'),
    school('s3', 'm2'),
    school('s9', 'm9'),
  ],
  partnerships: [{ leaderSchoolId: 'l1', schoolId: 's1', year: 2026 }],
};

const scope = (...m: Membership[]) => new AccessScope(m, directoryFromSnapshot(DIR));
const Q = (s: string) => `school:${s}:questionnaire:risk:2026-entry`;
const R = (s: string) => `school:${s}:roadmap:2026`;
const V = (s: string) => `school:${s}:visit:v1`;
const T = 'partnership:l1:s1:2026';
const CAL1 = 'municipality:m1:calendar:2026';
const PLAN = 'region:north:plan:2026';

function rights(s: AccessScope, id: string): string {
  return (s.canRead(id) ? 'r' : '-') + (s.canWrite(id) ? 'w' : '-');
}

describe('access rules', () => {
  it('monitoring waves: read by everyone in the region, written by its regional coordinator only', () => {
    const NORTH = 'region:north:waves';
    const SOUTH = 'region:south:waves';
    const cases: [Membership, string, string][] = [
      [{ role: 'regional_coordinator', regionId: 'north' }, 'rw', '--'],
      [{ role: 'municipal_coordinator', municipalityId: 'm2' }, 'r-', '--'],
      [{ role: 'teacher', schoolId: 's1' }, 'r-', '--'],
      [{ role: 'school_coordinator', schoolId: 's3' }, 'r-', '--'],
      [{ role: 'curator', schoolId: 's9' }, '--', 'r-'],
      [{ role: 'leader_tutor', schoolId: 'l1' }, 'r-', '--'],
    ];
    for (const [m, north, south] of cases)
      expect([rights(scope(m), NORTH), rights(scope(m), SOUTH)]).toEqual([north, south]);
    expect(
      scope({ role: 'regional_coordinator', regionId: 'north' }).decide(
        'region:nowhere:waves',
        'read',
      ),
    ).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });

  it('teacher: own school questionnaires and roadmap, not visits; nothing elsewhere', () => {
    const s = scope({ role: 'teacher', schoolId: 's1' });
    expect(
      [Q('s1'), R('s1'), V('s1'), T, Q('s2'), Q('s3'), CAL1, PLAN].map((id) => rights(s, id)),
    ).toEqual(['rw', 'rw', 'r-', 'rw', '--', '--', 'r-', '--']);
  });

  it('school coordinator of the participant and of the leader school share the plan', () => {
    expect(rights(scope({ role: 'school_coordinator', schoolId: 's1' }), T)).toBe('rw');
    expect(rights(scope({ role: 'school_coordinator', schoolId: 'l1' }), T)).toBe('rw');
    expect(rights(scope({ role: 'school_coordinator', schoolId: 's2' }), T)).toBe('--');
    expect(rights(scope({ role: 'school_coordinator', schoolId: 's1' }), V('s1'))).toBe('rw');
  });

  it('leader tutor reads its school and writes only its partnerships’ plans', () => {
    const s = scope({ role: 'leader_tutor', schoolId: 'l1' });
    expect([Q('l1'), R('l1'), T, Q('s1')].map((id) => rights(s, id))).toEqual([
      'r-',
      'r-',
      'rw',
      '--',
    ]);
  });

  it('curator writes its schools’ documents and the participant’s plan', () => {
    const s = scope({ role: 'curator', schoolId: 's1' }, { role: 'curator', schoolId: 's3' });
    expect([Q('s1'), V('s3'), R('s3'), T, Q('s2')].map((id) => rights(s, id))).toEqual([
      'rw',
      'rw',
      'rw',
      'rw',
      '--',
    ]);
  });

  it('municipal coordinator reads its municipality and writes its calendar and visits', () => {
    const s = scope({ role: 'municipal_coordinator', municipalityId: 'm1' });
    expect(
      [
        Q('s1'),
        R('s2'),
        V('s2'),
        T,
        Q('s3'),
        V('s3'),
        CAL1,
        'municipality:m2:calendar:2026',
        PLAN,
      ].map((id) => rights(s, id)),
    ).toEqual(['r-', 'r-', 'rw', 'r-', '--', '--', 'rw', '--', 'r-']);
  });

  it('regional coordinator has its region and nothing of another', () => {
    const s = scope({ role: 'regional_coordinator', regionId: 'north' });
    expect(
      [Q('s3'), T, CAL1, PLAN, Q('s9'), 'region:south:plan:2026'].map((id) => rights(s, id)),
    ).toEqual(['rw', 'rw', 'rw', 'rw', '--', '--']);
  });

  it('gives reasons: bad id, unknown school or partnership, forbidden', () => {
    const s = scope({ role: 'regional_coordinator', regionId: 'north' });
    expect(s.decide('nonsense', 'read')).toEqual({ ok: false, reason: 'bad_document_id' });
    expect(s.decide(Q('nope'), 'read')).toEqual({ ok: false, reason: 'unknown_document' });
    expect(s.decide('partnership:l1:s2:2026', 'write')).toEqual({
      ok: false,
      reason: 'unknown_document',
    });
    expect(s.decide(Q('s9'), 'write')).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('names a small scope’s reach and leaves coordinators without one', () => {
    expect(
      scope({ role: 'teacher', schoolId: 's1' }, { role: 'curator', schoolId: 's3' }).reach(),
    ).toEqual({
      schools: ['s1', 's3'],
      municipalities: ['m1', 'm2'],
      docs: ['region:north:waves'],
    });
    expect(scope({ role: 'municipal_coordinator', municipalityId: 'm1' }).reach()).toBeNull();
    expect(scope({ role: 'regional_coordinator', regionId: 'north' }).reach()).toBeNull();
  });
});
