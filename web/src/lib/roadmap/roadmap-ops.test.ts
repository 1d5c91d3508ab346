import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRoadmap } from '@opora/shared';
import {
  RoadmapOps,
  authorNames,
  conflictChoices,
  parseNumberInput,
  placementFor,
  spliceText,
  todayIso,
} from './roadmap-ops';

const ORIGIN = Symbol('test-local');

function replica(userId: string, name: string, start = 1_000): RoadmapOps {
  let t = start;
  return new RoadmapOps(new Y.Doc(), { userId, name }, ORIGIN, () => (t += 1000));
}

function sync(a: Y.Doc, b: Y.Doc): void {
  const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, ua);
  Y.applyUpdate(a, ub);
}

describe('placementFor', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves up after the item two places above, or to the top', () => {
    expect(placementFor(ids, 'c', 'up')).toEqual({ after: 'a' });
    expect(placementFor(ids, 'b', 'up')).toEqual({ after: null });
    expect(placementFor(ids, 'a', 'up')).toBeNull();
  });
  it('moves down after the next item; the last stays', () => {
    expect(placementFor(ids, 'b', 'down')).toEqual({ after: 'c' });
    expect(placementFor(ids, 'd', 'down')).toBeNull();
    expect(placementFor(ids, 'x', 'down')).toBeNull();
  });
});

describe('parseNumberInput', () => {
  it('reads a decimal comma, spaces, empty as null, junk as undefined', () => {
    expect(parseNumberInput('3,5')).toBe(3.5);
    expect(parseNumberInput(' 1 200 ')).toBe(1200);
    expect(parseNumberInput('')).toBeNull();
    expect(parseNumberInput('много')).toBeUndefined();
  });
});

describe('todayIso', () => {
  it('formats the local date', () => {
    expect(todayIso(new Date(2031, 0, 5, 23, 30))).toBe('2031-01-05');
  });
});

describe('spliceText', () => {
  it('turns a text into another with one splice and reports no-ops', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'Повысить долю');
    expect(spliceText(text, 'Повысить к маю долю')).toBe(true);
    expect(text.toString()).toBe('Повысить к маю долю');
    expect(spliceText(text, 'Повысить к маю долю')).toBe(false);
  });
});

describe('RoadmapOps', () => {
  it('writes with the given origin and records who did what', () => {
    const ops = replica('u-director', 'Смирнова');
    const origins: unknown[] = [];
    ops.doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    ops.init();
    const p = ops.editor.addProblem({ title: 'Низкая мотивация' });
    ops.editText(
      { kind: 'problem', id: p, field: 'goal' },
      'До 1 мая 2031 года поднять долю до 60 %',
    );
    ops.noteTextEdited({ kind: 'problem', id: p, field: 'goal' });
    expect(origins.length).toBeGreaterThan(0);
    expect(origins.every((o) => o === ORIGIN)).toBe(true);
    const s = ops.snapshot();
    expect(s.problems[0]?.goal).toBe('До 1 мая 2031 года поднять долю до 60 %');
    expect(s.history.map((h) => h.action)).toEqual(['create', 'edit_text']);
    expect(authorNames(s).get('u-director')).toBe('Смирнова');
  });

  it('init is a no-op on a document that already has its kind', () => {
    const ops = replica('u', 'U');
    ops.init();
    const before = Y.encodeStateVector(ops.doc);
    ops.init();
    expect(Y.encodeStateVector(ops.doc)).toEqual(before);
  });

  it('moves problems and measures up and down by one place', () => {
    const ops = replica('u', 'U');
    const ids = ['A', 'B', 'C'].map((title) => ops.editor.addProblem({ title }));
    ops.moveProblem(ids[2] as string, 'up');
    expect(ops.snapshot().problems.map((p) => p.title)).toEqual(['A', 'C', 'B']);
    ops.moveProblem(ids[0] as string, 'down');
    expect(ops.snapshot().problems.map((p) => p.title)).toEqual(['C', 'A', 'B']);
    ops.moveProblem(ids[2] as string, 'up'); // already first
    expect(ops.snapshot().problems.map((p) => p.title)).toEqual(['C', 'A', 'B']);

    const p = ids[0] as string;
    const m = ['м1', 'м2', 'м3'].map((title) => ops.editor.addMeasure(p, { title }));
    ops.moveItem('measure', m[0] as string, 'down');
    ops.moveItem('measure', m[2] as string, 'up');
    const titles = ops
      .snapshot()
      .problems.find((x) => x.id === p)
      ?.measures.map((x) => x.title);
    expect(titles).toEqual(['м2', 'м3', 'м1']);
  });

  it('two people typing in one goal offline both keep their words', () => {
    const a = replica('u-a', 'А');
    const b = replica('u-b', 'Б');
    const p = a.editor.addProblem({ title: 'П' });
    a.editText({ kind: 'problem', id: p, field: 'goal' }, 'Поднять долю');
    sync(a.doc, b.doc);
    a.editText({ kind: 'problem', id: p, field: 'goal' }, 'Поднять долю до 60 %');
    b.editText({ kind: 'problem', id: p, field: 'goal' }, 'К маю 2031 Поднять долю');
    sync(a.doc, b.doc);
    const goal = readRoadmap(a.doc).problems[0]?.goal;
    expect(goal).toBe(readRoadmap(b.doc).problems[0]?.goal);
    expect(goal).toContain('К маю 2031');
    expect(goal).toContain('до 60 %');
  });

  it('a status changed on two devices is a conflict with both values and authors until one is picked', () => {
    const a = replica('u-director', 'Смирнова', 1_000);
    const b = replica('u-curator', 'Морозова', 5_000);
    const p = a.editor.addProblem({ title: 'П' });
    const m = a.editor.addMeasure(p, { title: 'Семинар' });
    sync(a.doc, b.doc);
    a.setMeasureStatus(m, 'done');
    b.setMeasureStatus(m, 'cancelled');
    sync(a.doc, b.doc);
    const s = readRoadmap(a.doc);
    expect(s.conflicts).toEqual([{ targetKind: 'measure', targetId: m, field: 'status' }]);
    const status = s.problems[0]!.measures[0]!.status;
    const choices = conflictChoices(status);
    expect(choices.map((c) => [c.value, c.by])).toEqual([
      ['done', 'u-director'],
      ['cancelled', 'u-curator'],
    ]);
    expect(authorNames(s).get('u-curator')).toBe('Морозова');

    a.setMeasureStatus(m, 'done');
    sync(a.doc, b.doc);
    expect(readRoadmap(b.doc).conflicts).toEqual([]);
    expect(readRoadmap(b.doc).problems[0]!.measures[0]!.status.value).toBe('done');
  });

  it('refuses a baseline that is not a number and a value without a date', () => {
    const ops = replica('u', 'U');
    const p = ops.editor.addProblem({ title: 'П' });
    const i = ops.editor.addIndicator(p, { name: 'Доля' });
    expect(ops.setIndicatorNumber(i, 'baseline', 'сорок')).toBe(false);
    expect(ops.setIndicatorNumber(i, 'baseline', '40,5')).toBe(true);
    expect(ops.addIndicatorValue(i, '', '41')).toBe(false);
    expect(ops.addIndicatorValue(i, '2031-02-30', '41')).toBe(false);
    expect(ops.addIndicatorValue(i, '2031-03-01', '41,5', ' март ')).toBe(true);
    const ind = ops.snapshot().problems[0]!.indicators[0]!;
    expect(ind.baseline.value).toBe(40.5);
    expect(ind.values.map((v) => [v.date, v.value, v.note, v.by])).toEqual([
      ['2031-03-01', 41.5, 'март', 'u'],
    ]);
  });

  it('edits a report conclusion, creating its text on first use', () => {
    const ops = replica('u', 'U');
    ops.editText({ kind: 'conclusion', sectionKey: 'overall' }, 'Программа выполняется');
    expect(ops.snapshot().conclusions.overall?.text).toBe('Программа выполняется');
  });
});
