/**
 * Document ids. The id says which school (or pair of schools) a document belongs
 * to, so access is decided from the id and the user's scope alone (DESIGN.md,
 * "Documents"). Segments are separated by ':' and are lower-case slugs.
 */

/** The kinds of collaborative documents. */
export const DOC_KINDS = [
  'questionnaire',
  'roadmap',
  'visit',
  'tutoring',
  'calendar',
  'plan',
  'exams',
  'waves',
] as const;

export type DocKind = (typeof DOC_KINDS)[number];

/** Longest document id accepted anywhere. */
export const MAX_DOC_ID_LENGTH = 200;

const SEGMENT = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const YEAR = /^(19|20|21)\d\d$/;

/** A parsed document id. */
export type DocRef =
  | { kind: 'questionnaire'; schoolId: string; formId: string; wave: string }
  | { kind: 'roadmap'; schoolId: string; year: number }
  | { kind: 'visit'; schoolId: string; visitId: string }
  | { kind: 'tutoring'; leaderSchoolId: string; schoolId: string; year: number }
  | { kind: 'calendar'; municipalityId: string; year: number }
  | { kind: 'plan'; regionId: string; year: number }
  | { kind: 'exams'; schoolId: string }
  /** The monitoring waves of a region, all years (questionnaires/waves-doc.ts). */
  | { kind: 'waves'; regionId: string };

/** Parses a document id; null when it is not a valid id. */
export function parseDocId(id: string): DocRef | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_DOC_ID_LENGTH) return null;
  const p = id.split(':');
  if (!p.every((s) => SEGMENT.test(s))) return null;
  const [head, a, b, c, d] = p;
  if (head === 'school' && a !== undefined) {
    if (b === 'questionnaire' && p.length === 5 && c !== undefined && d !== undefined)
      return { kind: 'questionnaire', schoolId: a, formId: c, wave: d };
    if (b === 'roadmap' && p.length === 4 && c !== undefined && YEAR.test(c))
      return { kind: 'roadmap', schoolId: a, year: Number(c) };
    if (b === 'visit' && p.length === 4 && c !== undefined)
      return { kind: 'visit', schoolId: a, visitId: c };
    if (b === 'exams' && p.length === 3) return { kind: 'exams', schoolId: a };
    return null;
  }
  if (head === 'partnership' && p.length === 4 && a && b && c && YEAR.test(c) && a !== b)
    return { kind: 'tutoring', leaderSchoolId: a, schoolId: b, year: Number(c) };
  if (head === 'municipality' && p.length === 4 && a && b === 'calendar' && c && YEAR.test(c))
    return { kind: 'calendar', municipalityId: a, year: Number(c) };
  if (head === 'region' && p.length === 4 && a && b === 'plan' && c && YEAR.test(c))
    return { kind: 'plan', regionId: a, year: Number(c) };
  if (head === 'region' && p.length === 3 && a && b === 'waves')
    return { kind: 'waves', regionId: a };
  return null;
}

/** Formats a reference back into its id. parseDocId(formatDocId(r)) equals r. */
export function formatDocId(ref: DocRef): string {
  switch (ref.kind) {
    case 'questionnaire':
      return `school:${ref.schoolId}:questionnaire:${ref.formId}:${ref.wave}`;
    case 'roadmap':
      return `school:${ref.schoolId}:roadmap:${ref.year}`;
    case 'visit':
      return `school:${ref.schoolId}:visit:${ref.visitId}`;
    case 'tutoring':
      return `partnership:${ref.leaderSchoolId}:${ref.schoolId}:${ref.year}`;
    case 'calendar':
      return `municipality:${ref.municipalityId}:calendar:${ref.year}`;
    case 'plan':
      return `region:${ref.regionId}:plan:${ref.year}`;
    case 'exams':
      return `school:${ref.schoolId}:exams`;
    case 'waves':
      return `region:${ref.regionId}:waves`;
  }
}

/** The schools a document belongs to (two for a partnership, none for region-level ones). */
export function schoolsOfDoc(ref: DocRef): string[] {
  switch (ref.kind) {
    case 'tutoring':
      return [ref.leaderSchoolId, ref.schoolId];
    case 'calendar':
    case 'plan':
    case 'waves':
      return [];
    default:
      return [ref.schoolId];
  }
}
