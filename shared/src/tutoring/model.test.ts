import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateShape } from '../documents/layout.ts';
import { DocInputError } from '../roadmap/crdt-kit.ts';
import { AGREEMENT_CLAUSES, MATRIX_TEMPLATE_RU } from './catalogue.ts';
import { TutoringEditor, readTutoring } from './model.ts';
import { summarizeTutoring } from './summary.ts';

function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 16807) % 2147483647;
    return (x - 1) / 2147483646;
  };
}

function editor(doc: Y.Doc, userId: string, seed: number): TutoringEditor {
  let t = Date.UTC(2026, 8, 1) + seed * 1000;
  return new TutoringEditor(doc, {
    actor: { userId },
    now: () => (t += 60_000),
    random: rng(seed),
  });
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function fixture(): { doc: Y.Doc; ed: TutoringEditor } {
  const doc = new Y.Doc();
  const ed = editor(doc, 'tutor-1', 1);
  ed.init();
  ed.setAgreementField('model', 'horizontal');
  ed.setAgreementField('status', 'signed');
  ed.setAgreementField('signedOn', '2026-09-05');
  ed.setClauseIncluded('director_consulting', true);
  ed.setClauseIncluded('teacher_tutors', true);
  ed.setClauseIncluded('joint_seminars', true);
  ed.setClauseNote('teacher_tutors', 'математика, русский язык');
  ed.goalText().insert(0, 'Повысить качество обучения математике в школе-участнике');
  ed.addTask('Организовать наставничество');
  ed.addAction('organizational', { text: 'Заключение партнёрского соглашения' });
  ed.addAction('main', { text: 'Семинары по подготовке к ОГЭ', responsible: 'Смирнова О. Н.' });
  ed.addAction('analytical', { text: 'Мониторинг результатов ГИА' });
  const e1 = ed.addEvent({
    type: 'seminar',
    title: 'Установочный семинар',
    date: '2026-09-20',
    stage: 'organizational',
  });
  ed.setEventField(e1, 'done', true);
  ed.addParticipant(e1, {
    name: 'Кузнецова Л. А.',
    side: 'participant',
    role: 'учитель математики',
  });
  ed.addEvent({ type: 'open_lesson', title: 'Открытый урок', date: '2026-11-10' });
  ed.addEvent({ type: 'master_class', title: 'Мастер-класс', date: '2027-02-10' });
  ed.addMentorPair({
    mentor: 'Смирнова О. Н.',
    teacher: 'Кузнецова Л. А.',
    subject: 'Математика',
    focus: 'Формирующее оценивание',
  });
  ed.addMatrixRowsFromTemplate(MATRIX_TEMPLATE_RU.filter((r) => r.priority <= 2));
  ed.essayText().insert(0, 'Мы – одна команда!');
  return { doc, ed };
}

describe('tutoring model', () => {
  it('reads the agreement as a checklist with who provides what', () => {
    const { ed } = fixture();
    const t = ed.snapshot();
    expect(t.agreement.model.value).toBe('horizontal');
    expect(t.agreement.clauses).toHaveLength(AGREEMENT_CLAUSES.length);
    const ticked = t.agreement.clauses.filter((c) => c.included.value === true);
    expect(ticked.map((c) => [c.code, c.provider.value])).toEqual([
      ['director_consulting', 'leader'],
      ['teacher_tutors', 'leader'],
      ['joint_seminars', 'both'],
    ]);
    expect(ticked[1]?.note.value).toBe('математика, русский язык');
    const id = ed.addCustomClause(
      'Школа-участник предоставляет результаты диагностики',
      'participant',
    );
    const custom = ed.snapshot().agreement.clauses.at(-1);
    expect(custom).toMatchObject({ code: id, custom: true, included: { value: true } });
    expect(custom?.provider.value).toBe('participant');
    expect(() => ed.setClauseIncluded('no_such_clause', true)).toThrow(DocInputError);
  });

  it('groups actions by stage, events by date, matrix rows by priority', () => {
    const { ed } = fixture();
    const t = ed.snapshot();
    expect(t.goal.text).toBe('Повысить качество обучения математике в школе-участнике');
    expect(t.actions.organizational.map((a) => a.text)).toEqual([
      'Заключение партнёрского соглашения',
    ]);
    expect(t.actions.main[0]?.responsible.value).toBe('Смирнова О. Н.');
    expect(t.events.map((e) => e.date.value)).toEqual(['2026-09-20', '2026-11-10', '2027-02-10']);
    expect(t.events[0]?.participants.map((p) => p.side)).toEqual(['participant']);
    expect([t.matrix[1].length, t.matrix[2].length, t.matrix[3].length]).toEqual([2, 2, 0]);
    expect(t.matrix[2][1]?.deficit).toContain('Недостаточный уровень квалификации');
    expect(t.essay).toBe('Мы – одна команда!');
  });

  it('stays within the relay layout', () => {
    const { doc } = fixture();
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(doc));
    expect(() => validateShape(relay, 'tutoring')).not.toThrow();
    expect(readTutoring(relay).mentors).toHaveLength(1);
  });

  it('moves an action to another stage by a field write, keeping a concurrent text edit', () => {
    const { doc } = fixture();
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(doc));
    const ea = editor(a, 'leader-tutor', 2);
    const eb = editor(b, 'participant-teacher', 3);
    const id = ea.snapshot().actions.main[0]?.id as string;
    ea.setActionField(id, 'stage', 'analytical');
    eb.programItemText('action', id).insert(0, '[уточнено] ');
    sync(a, b);
    const t = readTutoring(b);
    expect(t.actions.main).toHaveLength(0);
    expect(t.actions.analytical.map((x) => x.text)).toContain(
      '[уточнено] Семинары по подготовке к ОГЭ',
    );
  });

  it('surfaces a concurrent status change as a conflict and keeps both essay edits', () => {
    const { doc } = fixture();
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(doc));
    editor(a, 'l', 4).setAgreementField('status', 'active');
    editor(b, 'p', 5).setAgreementField('status', 'terminated');
    editor(a, 'l', 4).essayText().insert(0, 'Лидер: ');
    const eb = editor(b, 'p', 5);
    eb.essayText().insert(eb.essayText().length, ' Участник.');
    sync(a, b);
    const t = readTutoring(a);
    expect(t.conflicts).toEqual([{ part: 'agreement', id: '', field: 'status' }]);
    expect(t.essay).toBe('Лидер: Мы – одна команда! Участник.');
  });

  it('keeps a history of every change: who, what, when, the title at the time', () => {
    const { doc, ed } = fixture();
    const h = ed.snapshot().history;
    expect(h.every((e) => e.by === 'tutor-1')).toBe(true);
    expect(h.slice(0, 5).map((e) => [e.action, e.targetKind, e.field, e.value])).toEqual([
      ['update', 'agreement', 'model', 'horizontal'],
      ['update', 'agreement', 'status', 'signed'],
      ['update', 'agreement', 'signedOn', '2026-09-05'],
      ['update', 'clause', 'included', true],
      ['update', 'clause', 'included', true],
    ]);
    expect(h[3]?.label).toBe('Консультирование директора');
    const event = ed.snapshot().events.find((e) => e.title === 'Установочный семинар');
    expect(
      h.filter((e) => e.targetId === event?.id).map((e) => [e.action, e.field, e.value]),
    ).toEqual([
      ['create', '', null],
      ['update', 'done', true],
      ['update', 'participants', 'Кузнецова Л. А.'],
    ]);
    // Another person edits; the deletion keeps the item's title.
    const other = new TutoringEditor(doc, {
      actor: { userId: 'director-3', name: 'Петров П. П.' },
      now: () => Date.UTC(2027, 0, 10),
      random: rng(9),
    });
    const pair = ed.snapshot().mentors[0];
    other.deleteListed('mentors', pair?.id ?? '');
    other.noteTextEdited('essay', '', 'essay');
    other.noteTextEdited('essay', '', 'essay');
    const tail = other.snapshot().history.slice(-2);
    expect(tail.map((e) => [e.action, e.targetKind, e.label, e.byName])).toEqual([
      ['delete', 'mentor', 'Смирнова О. Н. — Кузнецова Л. А.', 'Петров П. П.'],
      ['edit_text', 'essay', '', 'Петров П. П.'],
    ]);
    expect(other.snapshot().lastChange).toEqual({ at: Date.UTC(2027, 0, 10), by: 'director-3' });
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(doc));
    expect(() => validateShape(relay, 'tutoring')).not.toThrow();
  });

  it('summarises for dashboards', () => {
    const { doc } = fixture();
    const s = summarizeTutoring(doc, '2026-12-01');
    expect(s).toMatchObject({
      v: 1,
      status: 'signed',
      model: 'horizontal',
      clauses: { included: 3, leader: 2, participant: 0, both: 1 },
      actions: { total: 3, done: 0 },
      events: { total: 3, done: 1, upcoming: 1, overdue: 1 },
      mentorPairs: 1,
      matrixRows: [2, 2, 0, 0],
      essayChars: 18,
      conflicts: 0,
    });
    expect(s.lastChange?.by).toBe('tutor-1');
  });
});
