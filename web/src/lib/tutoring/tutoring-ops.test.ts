import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MATRIX_TEMPLATE_RU, readTutoring } from '@opora/shared';
import { TutoringOps } from './tutoring-ops';

const ORIGIN = Symbol('test-local');

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('TutoringOps', () => {
  it('moves an action within its stage only', () => {
    const ops = new TutoringOps(new Y.Doc(), { userId: 'u-tutor' }, ORIGIN);
    const e = ops.editor;
    const o1 = e.addAction('organizational', { text: 'о1' });
    e.addAction('main', { text: 'м1' });
    const o2 = e.addAction('organizational', { text: 'о2' });
    const m2 = e.addAction('main', { text: 'м2' });
    ops.moveAction('organizational', o2, 'up');
    ops.moveAction('main', m2, 'up');
    const s = ops.snapshot();
    expect(s.actions.organizational.map((a) => a.text)).toEqual(['о2', 'о1']);
    expect(s.actions.main.map((a) => a.text)).toEqual(['м2', 'м1']);
    ops.moveAction('organizational', o1, 'down'); // already last
    expect(ops.snapshot().actions.organizational.map((a) => a.text)).toEqual(['о2', 'о1']);
  });

  it('writes a one-line field per keystroke, with one history entry when it is left', () => {
    const ops = new TutoringOps(new Y.Doc(), { userId: 'u-tutor' }, ORIGIN);
    const updates: unknown[] = [];
    ops.doc.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin));
    const number = 'СП-17/2027';
    for (let i = 1; i <= number.length; i++)
      ops.editor.typing(() => ops.editor.setAgreementField('number', number.slice(0, i)));
    // Each keystroke is its own local transaction, stored at once; none is in the history.
    expect(updates).toHaveLength(number.length);
    expect(updates.every((o) => o === ORIGIN)).toBe(true);
    expect(ops.snapshot().agreement.number).toMatchObject({ value: number, conflict: false });
    expect(ops.snapshot().history).toEqual([]);
    ops.editor.setAgreementField('number', number);
    expect(ops.snapshot().history.map((h) => [h.action, h.field, h.value])).toEqual([
      ['update', 'number', number],
    ]);
  });

  it('moves matrix rows within a priority and mentor pairs', () => {
    const ops = new TutoringOps(new Y.Doc(), { userId: 'u' }, ORIGIN);
    const rows = ops.editor.addMatrixRowsFromTemplate(
      MATRIX_TEMPLATE_RU.filter((r) => r.priority === 1),
    );
    expect(rows).toHaveLength(2);
    ops.moveMatrixRow(1, rows[1] as string, 'up');
    expect(ops.snapshot().matrix[1].map((r) => r.id)).toEqual([rows[1], rows[0]]);
    const a = ops.editor.addMentorPair({ mentor: 'Наставник А', teacher: 'Учитель А' });
    const b = ops.editor.addMentorPair({ mentor: 'Наставник Б', teacher: 'Учитель Б' });
    ops.moveMentor(a, 'down');
    expect(ops.snapshot().mentors.map((m) => m.id)).toEqual([b, a]);
  });

  it('both schools write the essay at once and both texts stay; writes carry the local origin', () => {
    const leader = new TutoringOps(new Y.Doc(), { userId: 'u-tutor' }, ORIGIN);
    const school = new TutoringOps(new Y.Doc(), { userId: 'u-director' }, ORIGIN);
    const origins: unknown[] = [];
    const record = (_u: Uint8Array, o: unknown) => origins.push(o);
    leader.doc.on('update', record);
    leader.init();
    leader.editText({ kind: 'essay' }, 'Мы вместе.');
    leader.doc.off('update', record);
    expect(origins.length).toBeGreaterThan(0);
    sync(leader.doc, school.doc);
    leader.editText({ kind: 'essay' }, 'Мы вместе. Школа-лидер помогает.');
    school.editText({ kind: 'essay' }, 'Наша команда: Мы вместе.');
    sync(leader.doc, school.doc);
    const essay = readTutoring(leader.doc).essay;
    expect(essay).toBe(readTutoring(school.doc).essay);
    expect(essay).toContain('Наша команда:');
    expect(essay).toContain('Школа-лидер помогает.');
    expect(origins.every((o) => o === ORIGIN)).toBe(true);
    // The history notes the edit when the person leaves the field, not per keystroke.
    expect(readTutoring(leader.doc).history).toEqual([]);
    leader.noteTextEdited({ kind: 'essay' });
    leader.noteTextEdited({ kind: 'essay' });
    expect(readTutoring(leader.doc).history.map((h) => [h.action, h.targetKind, h.by])).toEqual([
      ['edit_text', 'essay', 'u-tutor'],
    ]);
    expect(readTutoring(leader.doc).lastChange?.by).toBe('u-tutor');
  });

  it('the goal written first on two devices shows both drafts until merged', () => {
    const a = new TutoringOps(new Y.Doc(), { userId: 'a' }, ORIGIN);
    const b = new TutoringOps(new Y.Doc(), { userId: 'b' }, ORIGIN);
    a.editText({ kind: 'goal' }, 'Цель А');
    b.editText({ kind: 'goal' }, 'Цель Б');
    sync(a.doc, b.doc);
    expect(readTutoring(a.doc).goal.conflict).toBe(true);
    a.editor.mergeGoal();
    sync(a.doc, b.doc);
    const goal = readTutoring(b.doc).goal;
    expect(goal.conflict).toBe(false);
    expect(goal.text).toContain('Цель А');
    expect(goal.text).toContain('Цель Б');
  });
});
