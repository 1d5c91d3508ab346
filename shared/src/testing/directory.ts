/**
 * Directory fixtures for tests (never imported by app code): a plain school,
 * a one-municipality region around some schools, and a school membership.
 */
import type { DirectorySnapshot, School } from '../domain/directory.ts';
import type { Membership, Role } from '../domain/roles.ts';

/** A participant school (ШНОР, track 1, rural) with these fields replaced. */
export function fixtureSchool(id: string, over: Partial<School> = {}): School {
  return {
    id,
    municipalityId: 'm',
    name: id.toUpperCase(),
    lowResults: true,
    unfavourableConditions: false,
    leader: false,
    cohortYear: null,
    tracks: [1],
    cluster: null,
    rural: true,
    ...over,
  };
}

/** Region `r`, municipality `m`, and these schools (by id, or whole). */
export function fixtureDirectory(
  schools: readonly (string | School)[],
  partnerships: DirectorySnapshot['partnerships'] = [],
): DirectorySnapshot {
  return {
    regions: [{ id: 'r', name: 'R' }],
    municipalities: [{ id: 'm', regionId: 'r', name: 'M' }],
    schools: schools.map((s) => (typeof s === 'string' ? fixtureSchool(s) : s)),
    partnerships: [...partnerships],
  };
}

/** A membership over one school. */
export function schoolMember(role: Role, schoolId: string): Membership {
  return { role, schoolId, municipalityId: null, regionId: null };
}
