import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  findQuestion,
  managementForm,
  programmeParticipantForm,
  registerKey,
  riskDiagnosticForm,
  type MultiChoiceQuestion,
  type Role,
} from '@opora/shared';
import { fixtureDirectory } from '@opora/shared/testing/directory';
import { LOCAL_ORIGIN } from '$lib/documents/origins';
import {
  QuestionnaireModel,
  TOUCH_INTERVAL_MS,
  parseNumberInput,
  rolesAtSchool,
  toggleOption,
  type DocHandle,
} from './questionnaire-model';
import { formatAnswer, formatStoredValue } from './format';

const WAVE = '2026-entry';

/** A document handle like the app's: local transactions, counted. */
function handle(doc = new Y.Doc()): DocHandle & { localUpdates: number } {
  const h = {
    doc,
    localUpdates: 0,
    transact: (fn: (d: Y.Doc) => void) => doc.transact(() => fn(doc), LOCAL_ORIGIN),
  };
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin === LOCAL_ORIGIN) h.localUpdates++;
  });
  return h;
}

function model(
  h: DocHandle,
  opts: { userId?: string; roles?: Role[]; canWrite?: boolean; form?: typeof managementForm } = {},
  now: () => number = () => 1_000,
) {
  const m = new QuestionnaireModel(
    h,
    opts.form ?? managementForm,
    WAVE,
    {
      userId: opts.userId ?? 'u-teacher',
      roles: opts.roles ?? ['teacher'],
      canWrite: opts.canWrite ?? true,
    },
    now,
  );
  m.init();
  return m;
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('input helpers', () => {
  it('parses numbers typed with a comma or spaces, and tells empty from wrong', () => {
    expect(parseNumberInput('12')).toBe(12);
    expect(parseNumberInput(' 3,5 ')).toBe(3.5);
    expect(parseNumberInput('1 200')).toBe(1200);
    expect(parseNumberInput('')).toBeNull();
    expect(parseNumberInput('12a')).toBeNaN();
    expect(parseNumberInput('-')).toBeNaN();
  });

  it('an exclusive option clears the others, and another option clears it', () => {
    const q = findQuestion(riskDiagnosticForm, 'eq_facilities') as MultiChoiceQuestion;
    expect(toggleOption(q, ['gym', 'library'], 'none', true)).toEqual(['none']);
    expect(toggleOption(q, ['none'], 'gym', true)).toEqual(['gym']);
    // Kept in the form's order, so equal selections compare equal.
    expect(toggleOption(q, ['gym'], 'science_labs', true)).toEqual(['science_labs', 'gym']);
    expect(toggleOption(q, ['gym', 'library'], 'gym', false)).toEqual(['library']);
  });

  it('finds the roles over a school, coordinators above it included', () => {
    const dir = fixtureDirectory(['s']);
    const m = (
      role: Role,
      at: Partial<Record<'schoolId' | 'municipalityId' | 'regionId', string>>,
    ) => ({
      role,
      schoolId: at.schoolId ?? null,
      municipalityId: at.municipalityId ?? null,
      regionId: at.regionId ?? null,
    });
    expect(rolesAtSchool([m('curator', { schoolId: 's' })], 's', dir)).toEqual(['curator']);
    expect(rolesAtSchool([m('teacher', { schoolId: 'x' })], 's', dir)).toEqual([]);
    expect(
      rolesAtSchool(
        [
          m('regional_coordinator', { regionId: 'r' }),
          m('municipal_coordinator', { municipalityId: 'm' }),
        ],
        's',
        dir,
      ).sort(),
    ).toEqual(['municipal_coordinator', 'regional_coordinator']);
  });
});

describe('QuestionnaireModel', () => {
  it('writes answers as local changes, skips unchanged ones, and follows relevance', () => {
    const h = handle();
    const m = model(h);
    const before = h.localUpdates;
    m.answer('mg_program', true);
    m.answer('mg_program', true);
    expect(h.localUpdates).toBe(before + 1);
    // The date is asked only when the programme is approved.
    expect(m.view.evaluation.relevantQuestions.has('mg_program_date')).toBe(true);
    m.answer('mg_program', false);
    expect(m.view.evaluation.relevantQuestions.has('mg_program_date')).toBe(false);
    m.answer('mg_program', null);
    expect(m.value('mg_program')).toBeUndefined();
  });

  it('marks a stored answer of the wrong type invalid at its question; the rest of the form works', () => {
    // As a transfer file from a hostile or old client could bring it (the relay would refuse it).
    const doc = new Y.Doc();
    doc.getMap('answers').set(registerKey('mg_team_size', 'bad'), { v: 'много', by: 'x', at: 1 });
    doc.getMap('answers').set(registerKey('mg_nonsense', 'bad'), { v: 1, by: 'x', at: 1 });
    const h = handle(doc);
    const m = model(h);
    expect(m.invalidAnswers('mg_team_size').map((e) => [e.reason, e.value])).toEqual([
      ['wrong_type', 'много'],
    ]);
    expect(m.view.state.invalid.map((e) => e.reason).sort()).toEqual([
      'unknown_question',
      'wrong_type',
    ]);
    expect(m.value('mg_team_size')).toBeUndefined();
    expect(formatStoredValue('много')).toBe('«много»');
    m.answer('mg_team', true);
    expect(m.view.evaluation.relevantQuestions.has('mg_team_size')).toBe(true);
    // Answering it again supersedes the bad value.
    m.answer('mg_team_size', 7);
    expect(m.value('mg_team_size')).toBe(7);
    expect(m.invalidAnswers('mg_team_size')).toEqual([]);
  });

  it('reports constraints and progress from the engine', () => {
    const m = model(handle());
    m.answer('mg_team', true);
    m.answer('mg_team_size', 1);
    const messages = (m.view.evaluation.issuesByQuestion.get('mg_team_size') ?? []).map(
      (i) => i.message,
    );
    expect(messages).toContain('Значение не может быть меньше 2');
    expect(m.view.evaluation.progress.answered).toBe(2);
    expect(m.nextMissing(null)?.questionId).toBe('mg_program');
  });

  it('toggles multiple choice through the model', () => {
    const m = model(handle());
    m.toggle('mg_priorities', 'parents', true);
    m.toggle('mg_priorities', 'subject_results', true);
    expect(m.value('mg_priorities')).toEqual(['subject_results', 'parents']);
    m.toggle('mg_priorities', 'parents', false);
    m.toggle('mg_priorities', 'subject_results', false);
    expect(m.value('mg_priorities')).toBeUndefined();
  });

  it('merges two people typing in one long answer character by character', () => {
    const a = handle();
    const b = handle();
    let t = 0;
    const ma = model(a, { userId: 'u-a' }, () => (t += TOUCH_INTERVAL_MS));
    const mb = model(b, { userId: 'u-b' });
    ma.setLongText('mg_comment', 'Начало');
    sync(a.doc, b.doc);
    // Offline: one appends, the other prepends.
    ma.setLongText('mg_comment', 'Начало. Конец');
    mb.setLongText('mg_comment', 'Итог: Начало');
    sync(a.doc, b.doc);
    expect(ma.value('mg_comment')).toBe('Итог: Начало. Конец');
    expect(mb.value('mg_comment')).toBe('Итог: Начало. Конец');
    // The long edit marks who touched the document (throttled per model).
    expect(ma.view.state.lastChange?.by).toBe('u-a');
  });

  it('surfaces a same-answer conflict with both authors and resolves it everywhere', () => {
    const a = handle();
    const b = handle();
    const ma = model(a, { userId: 'u-a' }, () => 10);
    const mb = model(b, { userId: 'u-b' }, () => 20);
    sync(a.doc, b.doc);
    ma.answer('mg_data_use', 'decisions');
    mb.answer('mg_data_use', 'archive');
    sync(a.doc, b.doc);
    const [c] = ma.conflictsOf('mg_data_use');
    expect(c?.values.map((v) => [v.by, v.value])).toEqual([
      ['u-a', 'decisions'],
      ['u-b', 'archive'],
    ]);
    const q = findQuestion(managementForm, 'mg_data_use')!;
    expect(formatAnswer(q, c!.values[1]!.value)).toBe('Результаты собираются, но не анализируются');
    // Re-answering the shown value is a resolution, not a skipped write.
    mb.resolve(c!.field, 'decisions');
    sync(a.doc, b.doc);
    expect(ma.conflictsOf('mg_data_use')).toEqual([]);
    expect(mb.value('mg_data_use')).toBe('decisions');
  });

  it('edits table rows and cells', () => {
    const m = model(handle(), { form: programmeParticipantForm });
    const row = m.addRow('pp_exams');
    expect(row).not.toBeNull();
    m.setCell('pp_exams', row!, 'school_avg', 55);
    m.setCell('pp_exams', row!, 'exam', 'oge_math');
    expect(m.rows('pp_exams')[0]?.cells).toMatchObject({ school_avg: 55 });
    m.setCell('pp_exams', row!, 'school_avg', null);
    expect(m.rows('pp_exams')[0]?.cells.school_avg).toBeUndefined();
    m.removeRow('pp_exams', row!);
    expect(m.rows('pp_exams')).toEqual([]);
  });

  it('status: a teacher submits, a curator returns only with a comment', () => {
    const h = handle();
    const teacher = model(h, { userId: 'u-teacher', roles: ['teacher'] }, () => 100);
    expect(teacher.actions).toEqual(['submit']);
    teacher.act('submit');
    expect(teacher.view.status).toMatchObject({ status: 'submitted', by: 'u-teacher' });
    const curator = model(h, { userId: 'u-curator', roles: ['curator'] }, () => 200);
    expect(curator.actions).toEqual(['return', 'accept']);
    curator.act('return', '   ');
    expect(curator.view.status.status).toBe('submitted');
    curator.act('return', 'Заполните раздел о кадрах');
    expect(curator.view.status).toMatchObject({ status: 'returned', by: 'u-curator' });
    expect(curator.view.history.at(-1)?.text).toBe('Заполните раздел о кадрах');
    expect(teacher.actions).toEqual(['submit']);
  });

  it('a reader writes nothing, not even the document set-up', () => {
    const h = handle();
    const m = model(h, { canWrite: false, roles: ['curator'] });
    m.answer('mg_program', true);
    m.setLongText('mg_comment', 'текст');
    m.act('submit');
    expect(h.localUpdates).toBe(0);
    expect(m.actions).toEqual([]);
    expect(m.value('mg_program')).toBeUndefined();
  });
});
