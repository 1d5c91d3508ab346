/**
 * Curators' activity (контроль за деятельностью кураторов, seed 004): per curator,
 * per school, the visits held and planned and the last contact, and the schools a
 * curator has not contacted for N days. The last contact is the latest held
 * visit (or interview); planned and cancelled visits are not contacts. A visit to
 * a school outside the curator's assignment still counts, under that school.
 */
import type { School } from '../domain/directory.ts';
import { dayNumber } from './dates.ts';
import type { CuratorInput, VisitSummaryInput } from './inputs.ts';

/** Russian headers of the curators' table. */
export const CURATOR_LABELS = {
  curator: 'Куратор',
  school: 'Школа',
  visitsDone: 'Проведено посещений',
  visitsPlanned: 'Запланировано посещений',
  lastContact: 'Последний контакт',
  daysSince: 'Дней без контакта',
  schoolsWithoutContact: 'Школ без контакта',
  never: 'Не было',
  notAssigned: 'Школа не закреплена за куратором',
} as const;

/** One curator × school pair. */
export interface CuratorSchoolActivity {
  schoolId: string;
  /** null when the school is not in the directory given. */
  school: School | null;
  assigned: boolean;
  visitsDone: number;
  visitsPlanned: number;
  lastContact: string | null;
  daysSince: number | null;
  /** No contact at all, or none for `staleAfterDays` days or more. */
  stale: boolean;
}

/** One curator's row. */
export interface CuratorActivity {
  curator: CuratorInput;
  schools: CuratorSchoolActivity[];
  visitsDone: number;
  visitsPlanned: number;
  lastContact: string | null;
  /** Assigned schools without contact for `staleAfterDays` days. */
  staleSchools: number;
}

/** Builds the curators' activity table as of a day. */
export function buildCuratorActivity(args: {
  curators: readonly CuratorInput[];
  schools: readonly School[];
  visits: readonly VisitSummaryInput[];
  asOf: string;
  staleAfterDays: number;
}): CuratorActivity[] {
  const schoolById = new Map(args.schools.map((s) => [s.id, s]));
  const today = dayNumber(args.asOf);
  const byCurator = new Map<string, VisitSummaryInput[]>();
  for (const v of args.visits) {
    const list = byCurator.get(v.curatorId) ?? [];
    list.push(v);
    byCurator.set(v.curatorId, list);
  }
  return args.curators.map((curator): CuratorActivity => {
    const pairs = new Map<string, CuratorSchoolActivity>();
    const pair = (schoolId: string, assigned: boolean) => {
      let p = pairs.get(schoolId);
      if (!p) {
        p = {
          schoolId,
          school: schoolById.get(schoolId) ?? null,
          assigned,
          visitsDone: 0,
          visitsPlanned: 0,
          lastContact: null,
          daysSince: null,
          stale: true,
        };
        pairs.set(schoolId, p);
      }
      return p;
    };
    for (const id of curator.schoolIds) pair(id, true);
    for (const v of byCurator.get(curator.id) ?? []) {
      const p = pair(v.schoolId, false);
      if (v.status === 'planned') p.visitsPlanned++;
      // A held visit without a readable date still counts, but cannot be a last contact.
      if (v.status !== 'done') continue;
      p.visitsDone++;
      if (Number.isNaN(dayNumber(v.date))) continue;
      if (p.lastContact === null || dayNumber(v.date) > dayNumber(p.lastContact))
        p.lastContact = v.date;
    }
    let visitsDone = 0;
    let visitsPlanned = 0;
    let lastContact: string | null = null;
    let staleSchools = 0;
    for (const p of pairs.values()) {
      p.daysSince = p.lastContact === null ? null : today - dayNumber(p.lastContact);
      p.stale = p.daysSince === null || p.daysSince >= args.staleAfterDays;
      if (p.stale && p.assigned) staleSchools++;
      visitsDone += p.visitsDone;
      visitsPlanned += p.visitsPlanned;
      if (p.lastContact !== null && (lastContact === null || p.lastContact > lastContact))
        lastContact = p.lastContact;
    }
    return {
      curator,
      schools: [...pairs.values()],
      visitsDone,
      visitsPlanned,
      lastContact,
      staleSchools,
    };
  });
}
