import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateShape } from '../documents/layout.ts';
import {
  addParticipant,
  addStep,
  createVisit,
  editStep,
  linkStep,
  newVisitId,
  readCriterionLevel,
  readVisit,
  readVisitField,
  removeParticipant,
  removeStep,
  setCriterion,
  setStepState,
  setVisitField,
  visitText,
} from './model.ts';

const CURATOR = { by: 'cur', at: 1000 };
const DIRECTOR = { by: 'dir', at: 2000 };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function newReport(): Y.Doc {
  const doc = new Y.Doc();
  createVisit(
    doc,
    {
      kind: 'visit',
      date: '2026-03-12',
      curatorId: 'cur',
      participants: [{ name: 'Иванова А. П.', role: 'директор' }],
    },
    CURATOR,
  );
  return doc;
}

describe('visit report', () => {
  it('is created with its fields, texts and participants, in the visit layout', () => {
    const doc = newReport();
    visitText(doc, 'observations')!.insert(0, 'Посетили два урока математики.');
    setCriterion(doc, 'a', { level: 'met', comment: 'цели SMART' }, CURATOR);
    setCriterion(doc, 'b', { level: 'partly' }, CURATOR);
    const v = readVisit(doc);
    expect(v).toMatchObject({
      kind: 'visit',
      date: '2026-03-12',
      status: 'planned',
      purpose: null,
      curatorId: 'cur',
      observations: 'Посетили два урока математики.',
      changesSeen: '',
      conflicts: [],
      updatedAt: 1000,
    });
    expect(v.participants.map((p) => [p.name, p.role])).toEqual([['Иванова А. П.', 'директор']]);
    expect(v.evaluation.a).toEqual({ level: 'met', comment: 'цели SMART', conflict: false });
    expect(v.evaluation.b.level).toBe('partly');
    expect(v.evaluation.e).toEqual({ level: null, comment: '', conflict: false });
    expect(() => validateShape(doc, 'visit')).not.toThrow();
    expect(newVisitId('2026-03-12')).toMatch(/^20260312-[a-z0-9]+$/);
  });

  it('models an interview with its purpose', () => {
    const doc = new Y.Doc();
    createVisit(
      doc,
      { kind: 'interview', date: '2026-09-15', curatorId: 'mun1', purpose: 'agreeIndicators' },
      CURATOR,
    );
    expect(readVisit(doc)).toMatchObject({ kind: 'interview', purpose: 'agreeIndicators' });
    expect(() =>
      createVisit(new Y.Doc(), { kind: 'visit', date: '15.09.2026', curatorId: 'c' }, CURATOR),
    ).toThrow();
  });

  it('keeps both values of a field changed on two devices offline, until resolved', () => {
    const a = newReport();
    const b = new Y.Doc();
    sync(a, b);
    setCriterion(a, 'd', { level: 'met' }, CURATOR);
    setCriterion(b, 'd', { level: 'notMet' }, DIRECTOR);
    setVisitField(a, 'date', '2026-03-13', CURATOR);
    sync(a, b);
    const level = readCriterionLevel(b, 'd');
    expect(level.state).toBe('conflict');
    expect(level.state === 'conflict' && level.values.map((x) => [x.v, x.by])).toEqual([
      ['met', 'cur'],
      ['notMet', 'dir'],
    ]);
    expect(readVisit(a).conflicts).toEqual(['evaluation.d.level']);
    expect(readVisit(b).evaluation.d).toMatchObject({ level: 'notMet', conflict: true });
    expect(readVisitField(b, 'date')).toMatchObject({ state: 'single', value: '2026-03-13' });
    setCriterion(b, 'd', { level: 'partly' }, DIRECTOR);
    sync(a, b);
    expect(readVisit(a).evaluation.d).toEqual({ level: 'partly', comment: '', conflict: false });
  });

  it('takes a step from proposal to the roadmap, and guards the transitions', () => {
    const a = newReport();
    const id = addStep(
      a,
      { text: 'Пересмотреть показатели проблемы 2', owner: 'завуч', due: '2026-04-01' },
      CURATOR,
    );
    expect(() =>
      linkStep(
        a,
        id,
        { roadmapDocId: 'school:s1:roadmap:2026', target: 'measure', itemId: 'm7' },
        CURATOR,
      ),
    ).toThrow(/only accepted/);
    expect(() => setStepState(a, id, 'done', DIRECTOR)).toThrow(/not allowed/);
    // The school decides on its own device.
    const school = new Y.Doc();
    sync(a, school);
    setStepState(school, id, 'accepted', DIRECTOR);
    linkStep(
      school,
      id,
      { roadmapDocId: 'school:s1:roadmap:2026', target: 'measure', itemId: 'm7' },
      DIRECTOR,
    );
    editStep(a, id, { text: 'Пересмотреть показатели проблем 2 и 3' }, CURATOR);
    sync(a, school);
    const [step] = readVisit(a).steps;
    expect(step).toEqual({
      id,
      text: 'Пересмотреть показатели проблем 2 и 3',
      owner: 'завуч',
      due: '2026-04-01',
      becomes: 'measure',
      state: 'accepted',
      reason: '',
      link: { roadmapDocId: 'school:s1:roadmap:2026', target: 'measure', itemId: 'm7' },
      conflicts: [],
    });
    const other = addStep(a, { text: 'Открытый урок', becomes: 'comment' }, CURATOR);
    setStepState(a, other, 'declined', DIRECTOR, { reason: 'нет учителя' });
    expect(readVisit(a).steps[1]).toMatchObject({
      state: 'declined',
      reason: 'нет учителя',
      becomes: 'comment',
    });
    removeStep(a, other, CURATOR);
    expect(readVisit(a).steps.map((s) => s.id)).toEqual([id]);
  });

  it('adds and removes participants and reads hostile values as unset', () => {
    const doc = newReport();
    const id = addParticipant(doc, { name: 'Петров', role: 'куратор', userId: 'cur' }, CURATOR);
    expect(readVisit(doc).participants).toHaveLength(2);
    removeParticipant(doc, id, CURATOR);
    expect(readVisit(doc).participants.map((p) => p.name)).toEqual(['Иванова А. П.']);
    doc.getArray('participants').push([{ nonsense: true }]);
    doc.getMap('evaluation').set('c.level\u0001x', { v: 'excellent', by: 'x', at: 1 });
    doc.getMap('fields').set('status\u0001y', 42);
    const v = readVisit(doc);
    expect(v.participants).toHaveLength(1);
    expect(v.evaluation.c.level).toBeNull();
    expect(v.status).toBe('planned');
  });
});
