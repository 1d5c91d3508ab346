/** Fixture builders for the dashboard tests (not exported from the package). */
import type { School } from '../domain/directory.ts';

/** A school with neutral defaults; override what the test is about. */
export function school(id: string, overrides: Partial<School> = {}): School {
  return {
    id,
    municipalityId: 'm1',
    name: `Школа ${id}`,
    lowResults: false,
    unfavourableConditions: false,
    leader: false,
    cohortYear: null,
    tracks: [],
    cluster: null,
    rural: false,
    ...overrides,
  };
}
