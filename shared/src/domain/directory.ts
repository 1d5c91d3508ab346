/** The organisation as both sides see it: region → municipalities → schools. */

/** Support track of a school (seed 004). */
export type Track = 1 | 2 | 3;

export interface Region {
  id: string;
  name: string;
}

export interface Municipality {
  id: string;
  regionId: string;
  name: string;
}

/** A school with the flags the programme gives it for the current year. */
export interface School {
  id: string;
  municipalityId: string;
  name: string;
  /** ШНОР: school with low educational results. */
  lowResults: boolean;
  /** ШНСУ: school in unfavourable social conditions. */
  unfavourableConditions: boolean;
  /** Школа-лидер (ШВР). */
  leader: boolean;
  /** Year of the 500+ cohort, when the school is in one. */
  cohortYear: number | null;
  /** Support tracks 1–3 the school is on. */
  tracks: Track[];
  cluster: string | null;
  rural: boolean;
}

/** A leader school tutoring a participant school. */
export interface Partnership {
  leaderSchoolId: string;
  schoolId: string;
  year: number;
}

/**
 * A school outside the user's scope that one of their partnerships names (the
 * leader school of another municipality): enough to name the partnership's
 * plan and decide access to it, nothing of the school itself.
 */
export interface PartnerSchool {
  id: string;
  name: string;
  municipalityId: string;
  regionId: string;
}

/** A curator as a coordinator's directory names them, with their schools in the coordinator's scope. */
export interface DirectoryCurator {
  /** The curator's user id (a visit's `curatorId`). */
  id: string;
  name: string;
  schoolIds: string[];
}

/** A person the user works with, as the directory names them: id and name, nothing else. */
export interface DirectoryPerson {
  /** The user id documents record as an author (`by`, `curatorId`). */
  id: string;
  name: string;
}

/** What a device knows of the organisation: only what the user may see. */
export interface DirectorySnapshot {
  regions: Region[];
  municipalities: Municipality[];
  /** The schools in the user's scope: those whose documents they read. */
  schools: School[];
  partnerships: Partnership[];
  /** The other schools the partnerships name (absent in snapshots stored before it existed). */
  partnerSchools?: PartnerSchool[];
  /** Coordinators only: the curators of the schools they coordinate. */
  curators?: DirectoryCurator[];
  /**
   * The people whose names the user's documents may show: staff and curators of
   * the scope's schools and partner schools, coordinators of its municipalities
   * and regions (absent in snapshots stored before it existed).
   */
  people?: DirectoryPerson[];
}

/** A school's name from a snapshot: in scope or a partner school; undefined when unknown. */
export function schoolNameIn(dir: DirectorySnapshot, schoolId: string): string | undefined {
  return (
    dir.schools.find((s) => s.id === schoolId)?.name ??
    dir.partnerSchools?.find((s) => s.id === schoolId)?.name
  );
}
