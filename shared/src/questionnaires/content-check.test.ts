import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trackTouchedKeys, validateContent } from '../documents/content.ts';
import { registerKey } from '../documents/register.ts';
import type { DocRef } from '../documents/ids.ts';
import { initQuestionnaireDoc, readQuestionnaire, setAnswer } from './document.ts';
import { formById } from './forms/index.ts';

const RISK = formById('risk_diagnostic')!;
const REF: DocRef = { kind: 'questionnaire', schoolId: 's1', formId: RISK.id, wave: '2035-entry' };

/** Applies what `fn` writes on a copy of `base` to a relay-side replica and checks it. */
function judge(base: Y.Doc, fn: (d: Y.Doc) => void, ref = REF): () => void {
  const device = new Y.Doc();
  Y.applyUpdate(device, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(device);
  fn(device);
  const relay = new Y.Doc();
  Y.applyUpdate(relay, Y.encodeStateAsUpdate(base));
  const t = trackTouchedKeys(relay);
  Y.applyUpdate(relay, Y.encodeStateAsUpdate(device, sv));
  t.stop();
  return () => validateContent(relay, ref, t.touched);
}

describe('questionnaire content check', () => {
  const base = new Y.Doc();
  initQuestionnaireDoc(base, RISK, '2035-entry');

  it('passes what the app writes: answers, table rows, long texts, old names', () => {
    expect(judge(base, (d) => setAnswer(d, RISK, 'students_total', 100, 'u'))).not.toThrow();
    expect(judge(base, (d) => initQuestionnaireDoc(d, RISK, '2035-entry'))).not.toThrow();
    expect(
      judge(base, (d) =>
        d.getMap('answers').set(registerKey('st_load', 'w'), { v: 2, by: 'u', at: 1, ver: 1 }),
      ),
    ).not.toThrow();
    // A removed question's answer from an old device: kept and ignored, not refused.
    expect(
      judge(base, (d) =>
        d.getMap('answers').set(registerKey('ar_repeat', 'w'), { v: 2, by: 'u', at: 1, ver: 1 }),
      ),
    ).not.toThrow();
  });

  it('refuses wrong types, unknown questions, stray text slots and a meta naming another form', () => {
    const bad: [string, (d: Y.Doc) => void, RegExp][] = [
      [
        'type',
        (d) =>
          d.getMap('answers').set(registerKey('students_total', 'w'), { v: true, by: 'u', at: 1 }),
        /wrong type/,
      ],
      [
        'question',
        (d) => d.getMap('answers').set(registerKey('nope', 'w'), { v: 1, by: 'u', at: 1 }),
        /does not have/,
      ],
      ['text', (d) => d.getMap('texts').set('nope', new Y.Text()), /not a long-text/],
      ['meta', (d) => d.getMap('meta').set('formId', 'management'), /meta.formId/],
    ];
    for (const [, fn, message] of bad) expect(judge(base, fn)).toThrow(message);
    expect(judge(base, () => undefined, { ...REF, formId: 'nope' })).toThrow(/unknown form/);
    // The placeholder ids of the app's first version are refused: no such form, no such wave.
    const write = (d: Y.Doc) => d.getMap('answers').set('respondent', 'Иванова');
    expect(judge(base, write, { ...REF, formId: 'environment', wave: 'entry' })).toThrow(
      /not a monitoring wave/,
    );
    expect(judge(base, write, { ...REF, wave: 'entry' })).toThrow(/not a monitoring wave/);
    expect(judge(base, write, { ...REF, formId: 'environment' })).toThrow(/unknown form/);
  });

  it('the app reads such an entry as invalid at its question, and the form still works', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    doc.getMap('answers').set(registerKey('students_total', 'bad'), { v: 'сто', by: 'x', at: 1 });
    setAnswer(doc, RISK, 'teachers_total', 12, 'u');
    const state = readQuestionnaire(doc, RISK);
    expect(state.invalid).toEqual([
      {
        key: registerKey('students_total', 'bad'),
        field: 'students_total',
        reason: 'wrong_type',
        questionId: 'students_total',
        value: 'сто',
      },
    ]);
    expect(state.values.teachers_total).toBe(12);
    expect(state.values.students_total).toBeUndefined();
    // Answering the question supersedes the bad value.
    setAnswer(doc, RISK, 'students_total', 100, 'u');
    const after = readQuestionnaire(doc, RISK);
    expect(after.invalid).toEqual([]);
    expect(after.values.students_total).toBe(100);
  });
});
