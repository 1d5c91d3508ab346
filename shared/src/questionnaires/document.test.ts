import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { registerKey, writeRegister } from '../documents/register.ts';
import { validateShape } from '../documents/layout.ts';
import {
  addTableRow,
  clearAnswer,
  evaluateQuestionnaire,
  initQuestionnaireDoc,
  longTextFor,
  readQuestionnaire,
  removeTableRow,
  resolveConflict,
  setAnswer,
  setTableCell,
  textSlotUpdate,
} from './document.ts';
import type { FormDefinition } from './form.ts';
import { translateAnswer } from './migrate.ts';

const v1: FormDefinition = {
  id: 'mig',
  version: 1,
  title: 'v1',
  respondent: 'school_team',
  sections: [
    {
      id: 's',
      title: 'S',
      questions: [
        {
          id: 'meetings',
          type: 'single',
          text: 'Собрания',
          required: true,
          options: [
            { value: 'most', label: 'Большинство' },
            { value: 'about_half', label: 'Около половины' },
            { value: 'few', label: 'Мало' },
          ],
        },
        { id: 'load', type: 'number', text: 'Нагрузка', required: true },
        { id: 'repeat', type: 'number', text: 'Второгодники' },
        { id: 'story', type: 'longText', text: 'Рассказ' },
      ],
    },
  ],
};

/** Version 2: `load` renamed to `overload`, `repeat` removed, `about_half` merged into `third`, `story` renamed. */
const v2: FormDefinition = {
  ...v1,
  version: 2,
  title: 'v2',
  sections: [
    {
      id: 's',
      title: 'S',
      questions: [
        {
          id: 'meetings',
          type: 'single',
          text: 'Собрания',
          required: true,
          options: [
            { value: 'most', label: 'Большинство' },
            { value: 'third', label: 'От трети до половины' },
            { value: 'few', label: 'Мало' },
          ],
        },
        { id: 'overload', type: 'number', text: 'Перегрузка', required: true },
        { id: 'story2', type: 'longText', text: 'Рассказ' },
        {
          id: 'rows',
          type: 'table',
          text: 'Строки',
          columns: [
            { id: 'name', type: 'shortText', text: 'Имя' },
            { id: 'n', type: 'number', text: 'Число' },
          ],
        },
      ],
    },
  ],
  migrations: [
    {
      from: 1,
      ops: [
        { op: 'rename', from: 'load', to: 'overload' },
        { op: 'remove', id: 'repeat' },
        { op: 'recode', id: 'meetings', map: { about_half: 'third' } },
        { op: 'rename', from: 'story', to: 'story2' },
      ],
    },
  ],
};

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function relaySees(doc: Y.Doc): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
}

describe('questionnaire document', () => {
  it('a document filled under v1 opens and stays valid under v2', () => {
    const old = new Y.Doc();
    initQuestionnaireDoc(old, v1, '2026-entry');
    setAnswer(old, v1, 'meetings', 'about_half', 'anna', { at: 1 });
    setAnswer(old, v1, 'load', 3, 'anna', { at: 2 });
    setAnswer(old, v1, 'repeat', 1, 'anna', { at: 3 });
    longTextFor(old, v1, 'story')?.insert(0, 'Было так');

    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(old));
    initQuestionnaireDoc(doc, v2, '2026-entry');
    const { state, evaluation } = evaluateQuestionnaire(doc, v2);
    expect(state.values).toEqual({ meetings: 'third', overload: 3, story2: 'Было так' });
    expect(state.invalid).toEqual([]);
    expect(evaluation.issues).toEqual([]);
    expect(evaluation.progress.requiredAnswered).toBe(2);
    // A v2 write supersedes the value stored under the old name.
    setAnswer(doc, v2, 'overload', 5, 'boris', { at: 10 });
    expect(readQuestionnaire(doc, v2).values.overload).toBe(5);
    expect(doc.getMap('answers').size).toBe(3); // meetings, overload, repeat (kept, ignored)
    // The old device still reads its own names, and the document keeps a valid shape.
    expect(() => validateShape(relaySees(doc), 'questionnaire')).not.toThrow();
  });

  it('a v1 write concurrent with a v2 write of the renamed question surfaces as a conflict', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setAnswer(a, v1, 'load', 3, 'anna', { at: 1 });
    sync(a, b);
    setAnswer(a, v1, 'load', 4, 'anna', { at: 2 });
    setAnswer(b, v2, 'overload', 6, 'boris', { at: 3 });
    sync(a, b);
    const s = readQuestionnaire(b, v2);
    expect(s.conflicts.map((c) => [c.field, c.values.map((x) => x.value)])).toEqual([
      ['overload', [4, 6]],
    ]);
    resolveConflict(b, v2, 'overload', 4, 'boris', { at: 4 });
    sync(a, b);
    expect(readQuestionnaire(a, v2).conflicts).toEqual([]);
    expect(readQuestionnaire(a, v2).values.overload).toBe(4);
  });

  it('translates values written by a newer version as unknown, not invalid', () => {
    expect(translateAnswer(v1, 'overload', 1, 2)).toEqual({ ok: false, reason: 'newer_version' });
    expect(translateAnswer(v2, 'repeat', 1, 1)).toEqual({ ok: false, reason: 'removed' });
    expect(translateAnswer(v2, 'meetings', 'about_half', 2)).toEqual({
      ok: true,
      field: 'meetings',
      value: 'about_half',
    });
  });

  it('two people typing the same long answer offline merge into one text', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    initQuestionnaireDoc(a, v2, '2026-entry');
    initQuestionnaireDoc(b, v2, '2026-entry');
    longTextFor(a, v2, 'story2')?.insert(0, 'Анна пишет. ');
    longTextFor(b, v2, 'story2')?.insert(0, 'Борис пишет. ');
    sync(a, b);
    const ta = longTextFor(a, v2, 'story2')?.toString() ?? '';
    expect(ta).toContain('Анна пишет. ');
    expect(ta).toContain('Борис пишет. ');
    expect(longTextFor(b, v2, 'story2')?.toString()).toBe(ta);
    // Character-level merge inside the shared text.
    longTextFor(a, v2, 'story2')?.insert(0, '[А]');
    longTextFor(b, v2, 'story2')?.insert(ta.length, '[Б]');
    sync(a, b);
    expect(longTextFor(a, v2, 'story2')?.toString()).toBe(`[А]${ta}[Б]`);
    expect(textSlotUpdate('mig', 'story2')).toEqual(textSlotUpdate('mig', 'story2'));
  });

  it('marks wrong-type and unknown-question entries invalid without breaking the form', () => {
    const doc = new Y.Doc();
    const answers = doc.getMap('answers');
    setAnswer(doc, v2, 'overload', 2, 'anna');
    writeRegister(answers, 'meetings', 42, 'hacker', { ver: 2 });
    writeRegister(answers, 'nonexistent', 'x', 'hacker', { ver: 2 });
    answers.set('garbage', { nope: true });
    const s = readQuestionnaire(doc, v2);
    expect(s.values).toEqual({ overload: 2 });
    expect(s.invalid.map((i) => [i.field, i.reason])).toEqual([
      ['garbage', 'malformed'],
      ['meetings', 'wrong_type'],
      ['nonexistent', 'unknown_question'],
    ]);
    expect(() => setAnswer(doc, v2, 'overload', 'два' as unknown as number, 'anna')).toThrow(
      /wrong type/,
    );
    expect(() => setAnswer(doc, v2, 'nope', 1, 'anna')).toThrow(/no question/);
  });

  it('tables: concurrent rows both survive, a cell conflict surfaces, a removed row comes back if edited concurrently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const r1 = addTableRow(a, v2, 'rows', 'anna', { at: 1 });
    setTableCell(a, v2, 'rows', r1, 'name', 'Первая', 'anna', { at: 2 });
    sync(a, b);
    const r2 = addTableRow(b, v2, 'rows', 'boris', { at: 3 });
    setTableCell(b, v2, 'rows', r2, 'n', 7, 'boris', { at: 4 });
    setTableCell(a, v2, 'rows', r1, 'n', 1, 'anna', { at: 5 });
    setTableCell(b, v2, 'rows', r1, 'n', 2, 'boris', { at: 6 });
    sync(a, b);
    const s = readQuestionnaire(a, v2);
    const rows = s.values.rows as { rowId: string; cells: Record<string, unknown> }[];
    expect(rows.map((r) => r.rowId).sort()).toEqual([r1, r2].sort());
    expect(s.conflicts.map((c) => [c.field, c.rowId, c.columnId])).toEqual([
      [`rows/${r1}/n`, r1, 'n'],
    ]);
    expect(s.conflictQuestions.has('rows')).toBe(true);
    resolveConflict(a, v2, `rows/${r1}/n`, 2, 'anna', { at: 7 });
    sync(a, b);
    expect(readQuestionnaire(b, v2).conflicts).toEqual([]);
    removeTableRow(a, v2, 'rows', r2);
    setTableCell(b, v2, 'rows', r2, 'name', 'Поздно', 'boris', { at: 8 });
    sync(a, b);
    const after = readQuestionnaire(a, v2).values.rows as {
      rowId: string;
      cells: Record<string, unknown>;
    }[];
    expect(after.find((r) => r.rowId === r2)?.cells).toEqual({ name: 'Поздно' });
    clearAnswer(a, v2, 'rows');
    expect(readQuestionnaire(a, v2).values.rows).toBeUndefined();
  });

  it('equal concurrent answers are not a conflict, and records last change', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setAnswer(a, v2, 'meetings', 'few', 'anna', { at: 5 });
    setAnswer(b, v2, 'meetings', 'few', 'boris', { at: 9 });
    sync(a, b);
    const s = readQuestionnaire(a, v2);
    expect(s.conflicts).toEqual([]);
    expect(s.lastChange).toEqual({ by: 'boris', at: 9 });
    expect(s.attribution.get('meetings')).toEqual({ by: 'boris', at: 9 });
    expect(a.getMap('answers').has(registerKey('meetings', 'x'))).toBe(false);
  });
});
