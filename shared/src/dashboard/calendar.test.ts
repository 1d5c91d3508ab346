import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateShape } from '../documents/layout.ts';
import {
  addCalendarItem,
  calendarForSchool,
  evaluateCalendar,
  nearDeadlines,
  parseParticipationTargets,
  readCalendarItems,
  removeCalendarItem,
  setParticipation,
  updateCalendarItem,
  type CalendarItem,
} from './calendar.ts';
import { parseRussianPeriod } from './period.ts';
import { school } from './test-fixtures.ts';

const schools = [
  school('a', { lowResults: true }),
  school('b', { unfavourableConditions: true }),
  school('c', { lowResults: true }),
  school('d'),
];
const curators = [
  { id: 'k1', name: 'Куратор 1', schoolIds: ['a', 'b'] },
  { id: 'k2', name: 'Куратор 2', schoolIds: ['c'] },
  { id: 'k3', name: 'Куратор 3', schoolIds: [] },
];
const item = (over: Partial<CalendarItem>): CalendarItem => ({
  id: 'i',
  title: 'Мероприятие',
  period: { text: '', start: null, end: null },
  request: '',
  targets: [],
  marks: [],
  createdAt: null,
  createdBy: null,
  ...over,
});
const mark = (kind: 'school' | 'curator', id: string) => ({ kind, id, at: '2022-09-20', by: 'mc' });

describe('calendar targets (seed 004)', () => {
  it('reads targets from the request', () => {
    expect(parseParticipationTargets('Обеспечить участие 100% школ и кураторов')).toEqual([
      { audience: 'schools', minShare: 1 },
      { audience: 'curators', minShare: 1 },
    ]);
    expect(
      parseParticipationTargets('Не менее 25% ШНОР/ШНСУ представили школьные практики на конкурс'),
    ).toEqual([
      {
        audience: 'schools',
        minShare: 0.25,
        schools: { flags: ['lowResults', 'unfavourableConditions'] },
      },
    ]);
    expect(parseParticipationTargets('100% заполнили шаблон аналитической справки')).toEqual([
      { audience: 'schools', minShare: 1 },
    ]);
    expect(parseParticipationTargets('Направить муниципальных координаторов')).toEqual([]);
  });

  it('computes attainment of schools and curators targets from the marks', () => {
    const marathon = item({
      id: 'marathon',
      title: 'Марафон практик',
      period: parseRussianPeriod('С 23 сентября', 2022),
      targets: parseParticipationTargets('Обеспечить участие 100% школ и кураторов'),
      marks: [mark('school', 'a'), mark('school', 'b'), mark('school', 'c'), mark('curator', 'k1')],
    });
    const contest = item({
      id: 'contest',
      title: 'Конкурс «Панорама методических кейсов»',
      period: parseRussianPeriod('ноябрь', 2022),
      targets: parseParticipationTargets('Не менее 25% ШНОР/ШНСУ'),
      marks: [mark('school', 'b'), mark('school', 'd')], // d is not ШНОР/ШНСУ: does not count
    });
    const [second, first] = evaluateCalendar({
      items: [marathon, contest],
      schools,
      curators,
      asOf: '2022-10-01',
    });
    // The contest has a deadline (30 November); the open-ended marathon comes after it.
    expect(second?.item.id).toBe('contest');
    expect(first?.targets.map((t) => [t.eligible, t.participated, t.attained, t.missing])).toEqual([
      [4, 3, false, ['d']],
      [2, 1, false, ['k2']], // k3 has no schools: not concerned
    ]);
    expect(first?.attained).toBe(false);
    expect(second?.targets[0]).toMatchObject({ eligible: 3, participated: 1, attained: true });
    expect(second?.daysLeft).toBe(60);
  });

  it('flags a past item whose target is not reached and lists near deadlines', () => {
    const due = item({
      id: 'due',
      period: parseRussianPeriod('До 19 сентября', 2022),
      targets: [{ audience: 'schools', minShare: 1 }],
    });
    const soon = item({ id: 'soon', period: parseRussianPeriod('30 сентября', 2022) });
    const later = item({ id: 'later', period: parseRussianPeriod('4 квартал', 2022) });
    const s = evaluateCalendar({
      items: [due, soon, later],
      schools,
      curators,
      asOf: '2022-09-20',
    });
    expect(s.map((x) => [x.item.id, x.phase, x.overdue])).toEqual([
      ['soon', 'upcoming', false],
      ['later', 'upcoming', false],
      ['due', 'past', true],
    ]);
    expect(nearDeadlines(s, 14).map((x) => x.item.id)).toEqual(['soon']);
  });

  it('shows a school the items that concern it and its own mark', () => {
    const contest = item({
      id: 'c',
      targets: [{ audience: 'schools', minShare: 0.25, schools: { flags: ['lowResults'] } }],
      marks: [mark('school', 'a')],
    });
    const all = item({ id: 'all', targets: [{ audience: 'schools', minShare: 1 }] });
    expect(
      calendarForSchool([contest, all], schools[0]!).map((x) => [x.item.id, x.participated]),
    ).toEqual([
      ['c', true],
      ['all', false],
    ]);
    expect(calendarForSchool([contest, all], schools[3]!).map((x) => x.item.id)).toEqual(['all']);
  });
});

describe('calendar document', () => {
  it('adds, edits, marks and removes items; concurrent marks both survive', () => {
    const doc = new Y.Doc();
    const id = addCalendarItem(
      doc,
      {
        title: 'Вебинар ФГОС',
        period: parseRussianPeriod('30 сентября', 2022),
        request: 'Участие 100% школ',
        targets: [{ audience: 'schools', minShare: 1 }],
      },
      { by: 'mc', at: '2022-09-07T10:00:00Z' },
    );
    updateCalendarItem(doc, id, { title: 'Вебинар «ФГОС НОО и ООО»' });

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setParticipation(doc, id, { kind: 'school', id: 'a' }, { at: '2022-09-30', by: 'mc' });
    setParticipation(other, id, { kind: 'school', id: 'b' }, { at: '2022-09-30', by: 'rc' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));

    const [read] = readCalendarItems(doc);
    expect(read).toMatchObject({
      id,
      title: 'Вебинар «ФГОС НОО и ООО»',
      period: { text: '30 сентября', start: '2022-09-30', end: '2022-09-30' },
      createdBy: 'mc',
    });
    expect(read?.marks.map((m) => `${m.kind}:${m.id}:${m.by}`).sort()).toEqual([
      'school:a:mc',
      'school:b:rc',
    ]);
    expect(readCalendarItems(other)).toEqual(readCalendarItems(doc));

    setParticipation(doc, id, { kind: 'school', id: 'a' }, null);
    expect(readCalendarItems(doc)[0]?.marks.map((m) => m.id)).toEqual(['b']);
    expect(() => validateShape(doc, 'calendar')).not.toThrow();
    expect(setParticipation(doc, 'nope', { kind: 'school', id: 'a' }, null)).toBe(false);
    expect(removeCalendarItem(doc, id)).toBe(true);
    expect(readCalendarItems(doc)).toEqual([]);
  });
});
