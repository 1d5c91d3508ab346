import { describe, expect, it } from 'vitest';
import { createSchoolSearchIndex, filterSchools, matchesFilter, schoolFacets } from './filters.ts';
import { school } from './test-fixtures.ts';
import { normalizeRu } from './text.ts';

const munis = [
  { id: 'm1', regionId: 'r', name: 'Ёлкинский район' },
  { id: 'm2', regionId: 'r', name: 'Город Рязань' },
];
const schools = [
  school('s1', {
    name: 'МБОУ «СОШ № 5» с. Ёлкино',
    lowResults: true,
    tracks: [1, 3],
    cohortYear: 2021,
    cluster: 'A',
    rural: true,
  }),
  school('s2', {
    name: 'МБОУ СОШ №15',
    municipalityId: 'm2',
    unfavourableConditions: true,
    tracks: [2, 3],
    cohortYear: 2022,
    cluster: 'B',
  }),
  school('s3', { name: 'Гимназия №2 имени Петрова', municipalityId: 'm2', leader: true }),
  school('s4', { name: 'Елкинская основная школа', tracks: [1], cohortYear: 2021, rural: true }),
];

describe('school filters', () => {
  it('normalises case, ё and punctuation', () => {
    expect(normalizeRu('МБОУ «СОШ № 5» с. Ёлкино')).toBe('мбоу сош 5 с елкино');
  });

  it('finds a school whether the query or the name has ё or е, in any case', () => {
    const idx = createSchoolSearchIndex(schools, munis);
    expect(idx.search('елкино').map((s) => s.id)).toEqual(['s1']);
    expect(idx.search('ЁЛКИНСКАЯ').map((s) => s.id)).toEqual(['s4']);
    // The municipality's name is searched too: «Ёлкинский район» holds s1 and s4.
    expect(idx.search('елкинский').map((s) => s.id)).toEqual(['s1', 's4']);
  });

  it('matches word prefixes and whole numbers', () => {
    const idx = createSchoolSearchIndex(schools, munis);
    expect(idx.search('сош 5').map((s) => s.id)).toEqual(['s1']);
    expect(idx.search('сош 15').map((s) => s.id)).toEqual(['s2']);
    expect(idx.search('петров').map((s) => s.id)).toEqual(['s3']);
    expect(idx.search('рязань гимн').map((s) => s.id)).toEqual(['s3']);
    expect(idx.search('').length).toBe(4);
    expect(idx.search('лицей')).toEqual([]);
  });

  it('ORs values within a field and ANDs the fields', () => {
    const ids = (f: Parameters<typeof filterSchools>[1]) =>
      filterSchools(schools, f, munis).map((s) => s.id);
    expect(ids({ flags: ['lowResults', 'unfavourableConditions'] })).toEqual(['s1', 's2']);
    expect(ids({ tracks: [1] })).toEqual(['s1', 's4']);
    expect(ids({ tracks: [2], municipalityIds: ['m1'] })).toEqual([]);
    expect(ids({ cohortYears: [null] })).toEqual(['s3']);
    expect(ids({ cohortYears: [2021], rural: true })).toEqual(['s1', 's4']);
    expect(ids({ clusters: ['B', null] })).toEqual(['s2', 's3', 's4']);
    expect(ids({ rural: false })).toEqual(['s2', 's3']);
    expect(ids({ tracks: [1], query: 'елкинская' })).toEqual(['s4']);
    expect(ids({})).toEqual(['s1', 's2', 's3', 's4']);
    expect(matchesFilter(schools[2]!, { flags: ['leader'] })).toBe(true);
  });

  it('counts schools per filter value', () => {
    const f = schoolFacets(schools);
    expect(f.tracks).toEqual([
      { value: 1, count: 2 },
      { value: 2, count: 1 },
      { value: 3, count: 2 },
    ]);
    expect(f.cohortYears).toEqual([
      { value: 2021, count: 2 },
      { value: 2022, count: 1 },
      { value: null, count: 1 },
    ]);
    expect(f.municipalities).toEqual([
      { value: 'm1', count: 2 },
      { value: 'm2', count: 2 },
    ]);
  });
});
