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

/** What a device knows of the organisation: only what the user may see. */
export interface DirectorySnapshot {
  regions: Region[];
  municipalities: Municipality[];
  schools: School[];
  partnerships: Partnership[];
}
