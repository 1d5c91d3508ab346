/** What a user's home screen lists, from memberships and the directory on the device. */
import type { DirectorySnapshot, Membership, Municipality, Region, School } from '@opora/shared';

/** A municipality with its schools. */
export interface MunicipalityGroup {
  municipality: Municipality;
  schools: School[];
}

/** The home screen's content. */
export interface HomeModel {
  /** Schools where the user works (teacher, coordinator, tutor). */
  ownSchools: School[];
  /** Schools the user curates. */
  curatedSchools: School[];
  /** Municipalities the user coordinates. */
  municipalities: MunicipalityGroup[];
  /** Regions the user coordinates, with their municipalities. */
  regions: { region: Region; municipalities: MunicipalityGroup[] }[];
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'ru');

/** Builds the home model. */
export function homeModel(memberships: readonly Membership[], dir: DirectorySnapshot): HomeModel {
  const schools = new Map(dir.schools.map((s) => [s.id, s]));
  const group = (m: Municipality): MunicipalityGroup => ({
    municipality: m,
    schools: dir.schools.filter((s) => s.municipalityId === m.id).sort(byName),
  });
  const pick = (roles: string[]) => [
    ...new Set(
      memberships
        .filter((m) => roles.includes(m.role) && m.schoolId)
        .map((m) => m.schoolId as string),
    ),
  ];
  const resolve = (ids: string[]) =>
    ids
      .map((id) => schools.get(id))
      .filter((s): s is School => s !== undefined)
      .sort(byName);
  const muniIds = new Set(
    memberships.filter((m) => m.role === 'municipal_coordinator').map((m) => m.municipalityId),
  );
  const regionIds = new Set(
    memberships.filter((m) => m.role === 'regional_coordinator').map((m) => m.regionId),
  );
  return {
    ownSchools: resolve(pick(['teacher', 'school_coordinator', 'leader_tutor'])),
    curatedSchools: resolve(pick(['curator'])),
    municipalities: dir.municipalities
      .filter((m) => muniIds.has(m.id))
      .sort(byName)
      .map(group),
    regions: dir.regions
      .filter((r) => regionIds.has(r.id))
      .map((region) => ({
        region,
        municipalities: dir.municipalities
          .filter((m) => m.regionId === region.id)
          .sort(byName)
          .map(group),
      })),
  };
}
