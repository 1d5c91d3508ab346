import { describe, expect, it } from 'vitest';
import type { DirectorySnapshot } from '@opora/shared';
import { fixtureSchool } from '@opora/shared/testing/directory';
import { homeModel } from './home';

const school = (id: string, municipalityId: string, name: string) =>
  fixtureSchool(id, { municipalityId, name });

const dir: DirectorySnapshot = {
  regions: [{ id: 'r1', name: 'Регион' }],
  municipalities: [
    { id: 'm1', regionId: 'r1', name: 'Южный' },
    { id: 'm2', regionId: 'r1', name: 'Аринский' },
  ],
  schools: [
    school('s1', 'm1', 'Школа Б'),
    school('s2', 'm1', 'Школа А'),
    school('s3', 'm2', 'Школа В'),
  ],
  partnerships: [],
};

describe('homeModel', () => {
  it('lists a teacher her school only', () => {
    const m = homeModel([{ role: 'teacher', schoolId: 's1' }], dir);
    expect(m.ownSchools.map((s) => s.id)).toEqual(['s1']);
    expect(m.curatedSchools).toEqual([]);
    expect(m.municipalities).toEqual([]);
  });

  it('lists a curator the assigned schools by name', () => {
    const m = homeModel(
      [
        { role: 'curator', schoolId: 's1' },
        { role: 'curator', schoolId: 's2' },
      ],
      dir,
    );
    expect(m.curatedSchools.map((s) => s.name)).toEqual(['Школа А', 'Школа Б']);
  });

  it('groups a coordinator region by municipality', () => {
    const muni = homeModel([{ role: 'municipal_coordinator', municipalityId: 'm1' }], dir);
    expect(muni.municipalities.map((g) => g.schools.length)).toEqual([2]);
    const reg = homeModel([{ role: 'regional_coordinator', regionId: 'r1' }], dir);
    expect(reg.regions[0]?.municipalities.map((g) => g.municipality.name)).toEqual([
      'Аринский',
      'Южный',
    ]);
  });
});
