/**
 * Filters and search over the schools in a coordinator's scope. A filter is plain
 * data (it can be kept in a URL or in Dexie); every set field narrows the list,
 * and inside one field any listed value matches (tracks [1, 2] = track 1 or 2;
 * flags ['lowResults', 'unfavourableConditions'] = ШНОР or ШНСУ, as seed 004
 * writes «ШНОР/ШНСУ»).
 *
 * Search is Russian-aware: case-, ё/е- and punctuation-insensitive, every word of
 * the query must start a word of the school's name, its municipality's name or
 * its id ("сош 5 елкин" finds «МБОУ "СОШ №5" с. Ёлкино»); a number matches a
 * whole number, so "5" does not find «СОШ № 15».
 */
import type { Municipality, School, Track } from '../domain/directory.ts';
import { compareRu, normalizeRu, wordsRu } from './text.ts';

/** A flag a school may carry. */
export type SchoolFlag = 'lowResults' | 'unfavourableConditions' | 'leader';

/** Russian labels of the filter fields and flags, for the filter bar and exports. */
export const FILTER_LABELS = {
  municipality: 'Муниципалитет',
  track: 'Трек',
  flags: 'Статус школы',
  cohort: 'Когорта 500+',
  cluster: 'Кластер',
  rural: 'Местность',
  search: 'Поиск по названию',
  flag: {
    lowResults: 'ШНОР',
    unfavourableConditions: 'ШНСУ',
    leader: 'Школа-лидер',
  } satisfies Record<SchoolFlag, string>,
  tracks: {
    1: 'Трек 1 «Адресная поддержка школ с низкими результатами обучения»',
    2: 'Трек 2 «Адресная поддержка школ, функционирующих в зоне риска снижения образовательных результатов»',
    3: 'Трек 3 «Профилактика учебной неуспешности»',
  } satisfies Record<Track, string>,
  ruralValue: { true: 'Сельская', false: 'Городская' },
  noCohort: 'Не в проекте 500+',
  noCluster: 'Без кластера',
} as const;

/** A filter over schools; unset (or empty) fields do not filter. */
export interface SchoolFilter {
  municipalityIds?: readonly string[];
  tracks?: readonly Track[];
  /** Any of these flags (ШНОР or ШНСУ or leader). */
  flags?: readonly SchoolFlag[];
  /** 500+ cohort years; null stands for "not in a cohort". */
  cohortYears?: readonly (number | null)[];
  /** Clusters; null stands for "no cluster". */
  clusters?: readonly (string | null)[];
  rural?: boolean;
  /** Free-text search (Russian). */
  query?: string;
}

/** True when a school passes every set field of the filter except the text query. */
export function matchesFilter(school: School, filter: SchoolFilter): boolean {
  const { municipalityIds, tracks, flags, cohortYears, clusters, rural } = filter;
  if (municipalityIds?.length && !municipalityIds.includes(school.municipalityId)) return false;
  if (tracks?.length && !tracks.some((t) => school.tracks.includes(t))) return false;
  if (flags?.length && !flags.some((f) => school[f])) return false;
  if (cohortYears?.length && !cohortYears.includes(school.cohortYear)) return false;
  if (clusters?.length && !clusters.includes(school.cluster)) return false;
  if (rural !== undefined && school.rural !== rural) return false;
  return true;
}

/** A prepared search over a list of schools (build once per directory, query per keystroke). */
export interface SchoolSearchIndex {
  /** The schools whose words start with every word of the query, in list order. */
  search(query: string): School[];
  /** True when this school matches the query. */
  matches(schoolId: string, query: string): boolean;
}

/** Builds the search index of schools (name, municipality name, id). */
export function createSchoolSearchIndex(
  schools: readonly School[],
  municipalities: readonly Municipality[] = [],
): SchoolSearchIndex {
  const muniNames = new Map(municipalities.map((m) => [m.id, m.name]));
  const words = new Map<string, string[]>();
  for (const s of schools)
    words.set(s.id, [
      ...wordsRu(s.name),
      ...wordsRu(muniNames.get(s.municipalityId) ?? ''),
      normalizeRu(s.id),
    ]);
  const matchWords = (own: readonly string[], query: readonly string[]) =>
    query.every((q) => own.some((w) => (/^\p{N}+$/u.test(q) ? w === q : w.startsWith(q))));
  return {
    search(query) {
      const q = wordsRu(query);
      if (q.length === 0) return [...schools];
      return schools.filter((s) => matchWords(words.get(s.id) ?? [], q));
    },
    matches(schoolId, query) {
      const q = wordsRu(query);
      return q.length === 0 || matchWords(words.get(schoolId) ?? [], q);
    },
  };
}

/** Applies a filter (fields and query) to schools, keeping their order. */
export function filterSchools(
  schools: readonly School[],
  filter: SchoolFilter,
  municipalities: readonly Municipality[] = [],
  index?: SchoolSearchIndex,
): School[] {
  const passing = schools.filter((s) => matchesFilter(s, filter));
  const query = filter.query?.trim() ?? '';
  if (query === '') return passing;
  const idx = index ?? createSchoolSearchIndex(passing, municipalities);
  return passing.filter((s) => idx.matches(s.id, query));
}

/** A value a filter field can take and how many schools have it. */
export interface FacetValue<T> {
  value: T;
  count: number;
}

/** The values present in a list of schools, with counts, for the filter bar. */
export interface SchoolFacets {
  municipalities: FacetValue<string>[];
  tracks: FacetValue<Track>[];
  flags: FacetValue<SchoolFlag>[];
  cohortYears: FacetValue<number | null>[];
  clusters: FacetValue<string | null>[];
  rural: FacetValue<boolean>[];
}

function counted<T>(counts: Map<T, number>, order: (a: T, b: T) => number): FacetValue<T>[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => order(a.value, b.value));
}

function count<T>(counts: Map<T, number>, value: T): void {
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

const nullsLast =
  <T>(cmp: (a: T, b: T) => number) =>
  (a: T | null, b: T | null) =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : cmp(a, b);

const FLAGS: readonly SchoolFlag[] = ['lowResults', 'unfavourableConditions', 'leader'];

/** Counts schools per filter value (municipalities, tracks, flags, cohorts, clusters, rural). */
export function schoolFacets(schools: readonly School[]): SchoolFacets {
  // One pass over the schools (2,000 of them on every dashboard with a filter bar).
  const municipalities = new Map<string, number>();
  const tracks = new Map<Track, number>();
  const flags = new Map<SchoolFlag, number>();
  const cohortYears = new Map<number | null, number>();
  const clusters = new Map<string | null, number>();
  const rural = new Map<boolean, number>();
  for (const s of schools) {
    count(municipalities, s.municipalityId);
    for (const t of s.tracks) count(tracks, t);
    for (const f of FLAGS) if (s[f]) count(flags, f);
    count(cohortYears, s.cohortYear);
    count(clusters, s.cluster);
    count(rural, s.rural);
  }
  return {
    municipalities: counted(municipalities, (a, b) => a.localeCompare(b)),
    tracks: counted(tracks, (a, b) => a - b),
    // In order of first appearance.
    flags: counted(flags, () => 0),
    cohortYears: counted(
      cohortYears,
      nullsLast((a: number, b: number) => a - b),
    ),
    clusters: counted(
      clusters,
      nullsLast((a: string, b: string) => compareRu(a, b)),
    ),
    rural: counted(rural, (a, b) => Number(b) - Number(a)),
  };
}
