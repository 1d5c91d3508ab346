import { describe, expect, it, onTestFinished } from 'vitest';
import { openDb } from '../db/open.ts';
import { DEMO_DIRECTORY } from '../demo/seed.ts';
import { DirectoryRepo } from '../repo/directory-repo.ts';
import { DirectoryService } from './directory.ts';

function service() {
  const odb = openDb(':memory:');
  onTestFinished(() => odb.close());
  const repo = new DirectoryRepo(odb);
  repo.createMany(DEMO_DIRECTORY);
  return { repo, dir: new DirectoryService(repo), odb };
}

describe('DirectoryService', () => {
  it('answers access facts from the directory', () => {
    const { dir } = service();
    const a = dir.access();
    expect(a.locateSchool('oz-sosh-5')).toEqual({ municipalityId: 'ozerny', regionId: 'north' });
    expect(a.locateSchool('nope')).toBeUndefined();
    expect(a.municipalityRegion('severograd')).toBe('north');
    expect(a.hasPartnership('zar-sosh-1', 'zar-sosh-3')).toBe(true);
    expect(a.hasPartnership('zar-sosh-3', 'zar-sosh-1')).toBe(false);
  });

  it('keeps one index until the directory changes, then reloads', () => {
    const { dir, repo } = service();
    const first = dir.access();
    expect(dir.access()).toBe(first);
    repo.linkPartnership({ leaderSchoolId: 'oz-gimn-1', schoolId: 'oz-sosh-bor', year: 2026 });
    const second = dir.access();
    expect(second).not.toBe(first);
    expect(second.hasPartnership('oz-gimn-1', 'oz-sosh-bor')).toBe(true);
    expect(
      repo.unlinkPartnership({ leaderSchoolId: 'oz-gimn-1', schoolId: 'oz-sosh-bor', year: 2026 }),
    ).toBe(true);
    expect(dir.access().hasPartnership('oz-gimn-1', 'oz-sosh-bor')).toBe(false);
    expect(repo.updateSchool('oz-sosh-bor', { leader: true })).toBe(true);
    expect(repo.updateSchool('nope', { leader: true })).toBe(false);
    expect(repo.school('oz-sosh-bor')?.leader).toBe(true);
  });

  it('changes the scope fingerprint only when the directory widens what a user reaches', () => {
    const { dir, repo } = service();
    const muni = [{ role: 'municipal_coordinator' as const, municipalityId: 'ozerny' }];
    const region = [{ role: 'regional_coordinator' as const, regionId: 'north' }];
    const teacher = [{ role: 'teacher' as const, schoolId: 'zar-sosh-2' }];
    const before = [muni, region, teacher].map((m) => dir.scopeFingerprint(m));
    // A school moves into the municipality: its existing documents become visible.
    expect(repo.updateSchool('zar-sosh-2', { municipalityId: 'ozerny' })).toBe(true);
    // A partnership reaches the teacher's school.
    repo.linkPartnership({ leaderSchoolId: 'zar-sosh-1', schoolId: 'zar-sosh-2', year: 2026 });
    const after = [muni, region, teacher].map((m) => dir.scopeFingerprint(m));
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
  });

  it('builds scopes over the current directory', () => {
    const { dir, repo } = service();
    const teacher = [{ role: 'teacher' as const, schoolId: 'zar-sosh-2' }];
    expect(dir.scope(teacher).canRead('partnership:zar-sosh-1:zar-sosh-2:2026')).toBe(false);
    repo.linkPartnership({ leaderSchoolId: 'zar-sosh-1', schoolId: 'zar-sosh-2', year: 2026 });
    expect(dir.scope(teacher).canRead('partnership:zar-sosh-1:zar-sosh-2:2026')).toBe(true);
  });

  it('slices the directory per membership, unknown scopes give nothing', () => {
    const { dir } = service();
    expect(dir.snapshotFor([])).toEqual({
      regions: [],
      municipalities: [],
      schools: [],
      partnerSchools: [],
      partnerships: [],
    });
    expect(dir.snapshotFor([{ role: 'regional_coordinator', regionId: 'south' }]).schools).toEqual(
      [],
    );
    const tutor = dir.snapshotFor([{ role: 'leader_tutor', schoolId: 'sev-lyceum-1' }]);
    // The partner schools name the plans; they are not the tutor's schools.
    expect(tutor.schools.map((s) => s.id)).toEqual(['sev-lyceum-1']);
    expect(tutor.partnerSchools?.map((s) => s.id)).toEqual(['sev-sosh-7', 'zar-sosh-pokrovskoe']);
    expect(tutor.municipalities.map((m) => m.id)).toEqual(['severograd']);
    expect(tutor.partnerships).toHaveLength(2);
    const two = dir.snapshotFor([
      { role: 'municipal_coordinator', municipalityId: 'ozerny' },
      { role: 'curator', schoolId: 'oz-sosh-5' },
    ]);
    expect(two.schools.filter((s) => s.municipalityId === 'ozerny')).toHaveLength(10);
    expect(new Set(two.partnerships.map((p) => p.schoolId))).toEqual(
      new Set(['oz-sosh-5', 'oz-oosh-kamenka']),
    );
  });
});
