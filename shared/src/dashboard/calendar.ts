/**
 * The calendar of near deadlines (календарь ближайших дел, seed 004). Each item
 * has a period, a request to municipalities («запрос на содействие», e.g.
 * «Обеспечить участие 100% школ и кураторов») and participation targets read from
 * it: a minimum share of the schools concerned and/or of their curators. A
 * coordinator marks who took part; attainment is computed from the marks.
 *
 * Attainment of a target: eligible = the schools matching the target's school
 * filter (all schools in scope when unset), or the curators assigned to at least
 * one of them; participated = eligible ones with a mark; attained when
 * participated / eligible ≥ minShare (a target with nobody eligible is attained
 * vacuously and says so with eligible = 0). An item is attained when all its
 * targets are; it is overdue when its period is past and it is not attained.
 *
 * Yjs layout of the `municipality:<m>:calendar:<year>` document: root `items` is
 * a Y.Array of Y.Map, one per item, holding `id`, `title`, `request`,
 * `periodText`, `periodStart`, `periodEnd`, `targets` (a JSON array, replaced as a
 * whole), `createdAt`, `createdBy`, and `marks`, a nested Y.Map keyed
 * `school:<id>` or `curator:<id>` → `{ at, by }`. One key per participant, so two
 * coordinators marking different schools at once both stay.
 */
import * as Y from 'yjs';
import * as random from 'lib0/random';
import type { School } from '../domain/directory.ts';
import { dayNumber } from './dates.ts';
import { matchesFilter, type SchoolFilter } from './filters.ts';
import type { CuratorInput } from './inputs.ts';
import { periodPhase, type Period } from './period.ts';
import { compareRu, normalizeRu } from './text.ts';

/** Russian labels of the calendar. */
export const CALENDAR_LABELS = {
  title: 'Календарь ближайших дел',
  item: 'Мероприятие',
  period: 'Сроки',
  request: 'Запрос на содействие',
  target: 'Целевой показатель',
  participation: 'Участие',
  attained: 'Достигнуто',
  notAttained: 'Не достигнуто',
  overdue: 'Срок прошёл, цель не достигнута',
  phases: { upcoming: 'Впереди', current: 'Идёт', past: 'Прошло' },
  audience: { schools: 'школ', curators: 'кураторов' },
  targetText: (t: ParticipationTarget) =>
    `${t.minShare >= 1 ? '' : 'не менее '}${Math.round(t.minShare * 100)} % ${
      t.audience === 'schools' ? 'школ' : 'кураторов'
    }`,
  progress: (participated: number, eligible: number) => `${participated} из ${eligible}`,
} as const;

/** Who a target counts. */
export type ParticipationAudience = 'schools' | 'curators';

/** A participation target: at least `minShare` of the audience takes part. */
export interface ParticipationTarget {
  audience: ParticipationAudience;
  /** 0–1: 1 for «100 % школ», 0.25 for «не менее 25 %». */
  minShare: number;
  /** The schools concerned (for curators: the curators of these schools); all when unset. */
  schools?: SchoolFilter;
}

/** A participant: a school or a curator. */
export interface CalendarParticipant {
  kind: 'school' | 'curator';
  id: string;
}

/** A participation mark: who marked it and when. */
export interface ParticipationMark extends CalendarParticipant {
  at: string;
  by: string;
}

/** A calendar item as read from the document. */
export interface CalendarItem {
  id: string;
  title: string;
  period: Period;
  request: string;
  targets: ParticipationTarget[];
  marks: ParticipationMark[];
  createdAt: string | null;
  createdBy: string | null;
}

/** What a coordinator fills in to create or change an item. */
export interface CalendarItemInput {
  title: string;
  period: Period;
  request: string;
  targets: ParticipationTarget[];
}

/**
 * Reads participation targets from a request written as in seed 004: «100% школ и
 * кураторов» gives two targets of 1; «Не менее 25% ШНОР/ШНСУ» gives schools ≥ 0.25
 * with the ШНОР-or-ШНСУ filter; no percentage gives no targets.
 */
export function parseParticipationTargets(request: string): ParticipationTarget[] {
  const text = normalizeRu(request);
  const m = /(\d{1,3}) ?(?:%|процент)/.exec(request.toLocaleLowerCase('ru-RU'));
  if (!m) return [];
  const minShare = Math.min(100, Number(m[1])) / 100;
  const flags: ('lowResults' | 'unfavourableConditions')[] = [];
  if (text.includes('шнор') || text.includes('шснор')) flags.push('lowResults');
  if (text.includes('шнсу') || text.includes('шфнсу')) flags.push('unfavourableConditions');
  const schools: SchoolFilter | undefined = flags.length ? { flags } : undefined;
  const targets: ParticipationTarget[] = [];
  const mentionsCurators = text.includes('куратор');
  const mentionsSchools = text.includes('школ') || flags.length > 0 || !mentionsCurators;
  if (mentionsSchools)
    targets.push(
      schools ? { audience: 'schools', minShare, schools } : { audience: 'schools', minShare },
    );
  if (mentionsCurators)
    targets.push(
      schools ? { audience: 'curators', minShare, schools } : { audience: 'curators', minShare },
    );
  return targets;
}

/** How far one target is reached. */
export interface TargetAttainment {
  target: ParticipationTarget;
  eligible: number;
  participated: number;
  /** participated / eligible (1 when nobody is eligible). */
  share: number;
  attained: boolean;
  /** Eligible ids without a mark, for the coordinator to chase. */
  missing: string[];
}

/** An item with its phase and attainment. */
export interface CalendarItemStatus {
  item: CalendarItem;
  phase: 'upcoming' | 'current' | 'past';
  /** Days from asOf to the deadline (negative when past); null without an end. */
  daysLeft: number | null;
  targets: TargetAttainment[];
  /** null when the item has no targets. */
  attained: boolean | null;
  /** Past and not attained. */
  overdue: boolean;
}

/** Computes attainment of every item, near deadlines first (past items last). */
export function evaluateCalendar(args: {
  items: readonly CalendarItem[];
  schools: readonly School[];
  curators: readonly CuratorInput[];
  asOf: string;
}): CalendarItemStatus[] {
  const today = dayNumber(args.asOf);
  const statuses = args.items.map((item): CalendarItemStatus => {
    const marked = new Set(item.marks.map((m) => `${m.kind}:${m.id}`));
    const targets = item.targets.map((target): TargetAttainment => {
      const schools = args.schools.filter(
        (s) => !target.schools || matchesFilter(s, target.schools),
      );
      let ids: string[];
      if (target.audience === 'schools') ids = schools.map((s) => s.id);
      else {
        const concerned = new Set(schools.map((s) => s.id));
        ids = args.curators
          .filter((c) => c.schoolIds.some((id) => concerned.has(id)))
          .map((c) => c.id);
      }
      const kind = target.audience === 'schools' ? 'school' : 'curator';
      const missing = ids.filter((id) => !marked.has(`${kind}:${id}`));
      const participated = ids.length - missing.length;
      const share = ids.length === 0 ? 1 : participated / ids.length;
      return {
        target,
        eligible: ids.length,
        participated,
        share,
        attained: share >= target.minShare - 1e-9,
        missing,
      };
    });
    const phase = periodPhase(item.period, args.asOf);
    const attained = targets.length === 0 ? null : targets.every((t) => t.attained);
    return {
      item,
      phase,
      daysLeft: item.period.end === null ? null : dayNumber(item.period.end) - today,
      targets,
      attained,
      overdue: phase === 'past' && attained === false,
    };
  });
  return statuses.sort(compareCalendarStatuses);
}

/** The calendar's order: near deadlines first, past items last, then by title (merges several calendars too). */
export function compareCalendarStatuses(a: CalendarItemStatus, b: CalendarItemStatus): number {
  const rank = (s: CalendarItemStatus) => (s.phase === 'past' ? 1 : 0);
  return (
    rank(a) - rank(b) ||
    (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
    compareRu(a.item.title, b.item.title)
  );
}

/** Items whose deadline falls within the next `days` days (and not past). */
export function nearDeadlines(
  statuses: readonly CalendarItemStatus[],
  days: number,
): CalendarItemStatus[] {
  return statuses.filter((s) => s.phase !== 'past' && s.daysLeft !== null && s.daysLeft <= days);
}

/** A school's view of the calendar: the items that concern it and whether it is marked. */
export function calendarForSchool(
  items: readonly CalendarItem[],
  school: School,
): { item: CalendarItem; participated: boolean }[] {
  return items
    .filter((i) =>
      i.targets.some(
        (t) => t.audience === 'schools' && (!t.schools || matchesFilter(school, t.schools)),
      ),
    )
    .map((item) => ({
      item,
      participated: item.marks.some((m) => m.kind === 'school' && m.id === school.id),
    }));
}

// ---- Yjs accessors over the calendar document's `items` ----

const ITEMS_ROOT = 'items';

function itemsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ITEMS_ROOT);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function strOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function readTargets(v: unknown): ParticipationTarget[] {
  if (!Array.isArray(v)) return [];
  return v.filter(
    (t): t is ParticipationTarget =>
      typeof t === 'object' &&
      t !== null &&
      ((t as ParticipationTarget).audience === 'schools' ||
        (t as ParticipationTarget).audience === 'curators') &&
      typeof (t as ParticipationTarget).minShare === 'number',
  );
}

function readItem(m: Y.Map<unknown>): CalendarItem | null {
  const id = m.get('id');
  if (typeof id !== 'string') return null;
  const marksMap = m.get('marks');
  const marks: ParticipationMark[] = [];
  if (marksMap instanceof Y.Map)
    for (const [key, value] of marksMap as Y.Map<unknown>) {
      const sep = key.indexOf(':');
      const kind = key.slice(0, sep);
      if (sep < 0 || (kind !== 'school' && kind !== 'curator')) continue;
      const v =
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
      marks.push({ kind, id: key.slice(sep + 1), at: str(v['at']), by: str(v['by']) });
    }
  // Map iteration order differs between replicas; sort so every replica reads the same list.
  marks.sort((x, y) => x.kind.localeCompare(y.kind) || x.id.localeCompare(y.id));
  return {
    id,
    title: str(m.get('title')),
    request: str(m.get('request')),
    period: {
      text: str(m.get('periodText')),
      start: strOrNull(m.get('periodStart')),
      end: strOrNull(m.get('periodEnd')),
    },
    targets: readTargets(m.get('targets')),
    marks,
    createdAt: strOrNull(m.get('createdAt')),
    createdBy: strOrNull(m.get('createdBy')),
  };
}

/** The items of a calendar document, in document order. */
export function readCalendarItems(doc: Y.Doc): CalendarItem[] {
  const out: CalendarItem[] = [];
  for (const m of itemsOf(doc)) {
    const item = m instanceof Y.Map ? readItem(m) : null;
    if (item) out.push(item);
  }
  return out;
}

function writeFields(m: Y.Map<unknown>, input: Partial<CalendarItemInput>): void {
  if (input.title !== undefined) m.set('title', input.title);
  if (input.request !== undefined) m.set('request', input.request);
  if (input.period !== undefined) {
    m.set('periodText', input.period.text);
    m.set('periodStart', input.period.start ?? '');
    m.set('periodEnd', input.period.end ?? '');
  }
  if (input.targets !== undefined)
    m.set(
      'targets',
      input.targets.map((t) => ({ ...t })),
    );
}

/** Appends an item; returns its id. */
export function addCalendarItem(
  doc: Y.Doc,
  input: CalendarItemInput,
  meta: { by: string; at: string; id?: string },
  origin?: unknown,
): string {
  const id = meta.id ?? random.uuidv4();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('id', id);
    m.set('createdAt', meta.at);
    m.set('createdBy', meta.by);
    m.set('marks', new Y.Map<unknown>());
    writeFields(m, input);
    itemsOf(doc).push([m]);
  }, origin);
  return id;
}

function findItem(doc: Y.Doc, id: string): { map: Y.Map<unknown>; index: number } | null {
  const arr = itemsOf(doc);
  for (let i = 0; i < arr.length; i++) {
    const m = arr.get(i);
    if (m instanceof Y.Map && m.get('id') === id) return { map: m, index: i };
  }
  return null;
}

/** Changes the given fields of an item; false when there is no such item. */
export function updateCalendarItem(
  doc: Y.Doc,
  id: string,
  patch: Partial<CalendarItemInput>,
  origin?: unknown,
): boolean {
  const found = findItem(doc, id);
  if (!found) return false;
  doc.transact(() => writeFields(found.map, patch), origin);
  return true;
}

/** Removes an item; false when there is no such item. */
export function removeCalendarItem(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const found = findItem(doc, id);
  if (!found) return false;
  doc.transact(() => itemsOf(doc).delete(found.index, 1), origin);
  return true;
}

/** Marks (mark given) or unmarks (null) a participant of an item; false when there is no such item. */
export function setParticipation(
  doc: Y.Doc,
  itemId: string,
  who: CalendarParticipant,
  mark: { at: string; by: string } | null,
  origin?: unknown,
): boolean {
  const found = findItem(doc, itemId);
  if (!found) return false;
  doc.transact(() => {
    let marks = found.map.get('marks');
    if (!(marks instanceof Y.Map)) {
      marks = new Y.Map<unknown>();
      found.map.set('marks', marks);
    }
    const key = `${who.kind}:${who.id}`;
    const map = marks as Y.Map<unknown>;
    if (mark === null) map.delete(key);
    else map.set(key, { at: mark.at, by: mark.by });
  }, origin);
  return true;
}
