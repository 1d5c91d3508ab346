/**
 * Test fixtures for the sync service: a small directory (one region, two
 * municipalities, four schools, one partnership) and sessions for users of each
 * role, without the auth layer.
 */
import {
  AccessScope,
  directoryFromSnapshot,
  type DirectorySnapshot,
  type Membership,
  type School,
} from '@opora/shared';
import type { Session } from '../context.ts';
import { scopeKeyOf } from '../services/sync.ts';

function school(id: string, municipalityId: string, leader = false): School {
  return {
    id,
    municipalityId,
    name: `Школа ${id}`,
    lowResults: !leader,
    unfavourableConditions: false,
    leader,
    cohortYear: null,
    tracks: [1],
    cluster: null,
    rural: true,
  };
}

/** North region: municipality m1 with schools s1, s2 and leader l1; municipality m2 with s3. */
export const FIXTURE_DIRECTORY: DirectorySnapshot = {
  regions: [{ id: 'north', name: 'Северная область' }],
  municipalities: [
    { id: 'm1', regionId: 'north', name: 'Первый район' },
    { id: 'm2', regionId: 'north', name: 'Второй район' },
  ],
  schools: [school('s1', 'm1'), school('s2', 'm1'), school('l1', 'm1', true), school('s3', 'm2')],
  partnerships: [{ leaderSchoolId: 'l1', schoolId: 's1', year: 2026 }],
};

/** A session for a user with these memberships, as the auth middleware would build it. */
export function sessionFor(
  userId: string,
  memberships: Membership[],
  deviceId = `${userId}-device`,
  directory: DirectorySnapshot = FIXTURE_DIRECTORY,
): Session {
  return {
    userId,
    deviceId,
    login: userId,
    memberships,
    scope: new AccessScope(memberships, directoryFromSnapshot(directory)),
    scopeKey: scopeKeyOf(memberships),
  };
}
