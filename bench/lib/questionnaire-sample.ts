/**
 * Real questionnaire documents for the benches: ids of real forms and waves
 * (shared/src/questionnaires/forms, `<year>-entry|mid|final`) and content the
 * relay's content check accepts (every scalar question answered through
 * `setAnswer`, a paragraph in the form's first long answer), so seeding a relay
 * goes through the same checks as the app's own writes.
 */
import * as Y from 'yjs';
import {
  FORMS,
  WAVE_KINDS,
  formatDocId,
  formById,
  initQuestionnaireDoc,
  longTextFor,
  longTextQuestions,
  parseDocId,
  questionsOf,
  setAnswer,
  waveId,
  type AnswerValue,
  type Question,
} from '@opora/shared';

/** The `k`-th questionnaire of a school: forms × wave kinds × years from `firstYear`. */
export function sampleQuestionnaireId(schoolId: string, k: number, firstYear = 2000): string {
  const form = FORMS[k % FORMS.length]!;
  const perYear = FORMS.length * WAVE_KINDS.length;
  const kind = WAVE_KINDS[Math.floor(k / FORMS.length) % WAVE_KINDS.length]!;
  const wave = waveId(firstYear + Math.floor(k / perYear), kind);
  return formatDocId({ kind: 'questionnaire', schoolId, formId: form.id, wave });
}

function sampleValue(q: Question, i: number): AnswerValue | null {
  switch (q.type) {
    case 'single':
      return q.options[i % q.options.length]?.value ?? null;
    case 'multi':
      return q.options
        .filter((o) => !o.exclusive)
        .map((o) => o.value)
        .slice(0, 2);
    case 'scale':
      return q.min + (i % (q.max - q.min + 1));
    case 'number':
      return (q.min ?? 0) + (i % 10);
    case 'shortText':
      return q.pattern ? null : `ответ № ${i}`;
    case 'date':
      return q.min ?? '2043-03-01';
    case 'yesNo':
      return i % 2 === 0;
    default:
      return null; // long texts and tables have their own editors
  }
}

/** A filled questionnaire document of id `docId` (variant `i`), as one update. */
export function sampleQuestionnaire(docId: string, i: number): Uint8Array {
  const ref = parseDocId(docId);
  const form = ref?.kind === 'questionnaire' ? formById(ref.formId) : undefined;
  if (!ref || ref.kind !== 'questionnaire' || !form)
    throw new Error(`not a questionnaire: ${docId}`);
  const doc = new Y.Doc();
  // Not inside the answers' transaction: its text slots are applied as an update, which
  // makes the transaction remote, and Yjs would then take our own answers for another
  // client's and change the clientID («Changed the client-id…» on every document).
  initQuestionnaireDoc(doc, form, ref.wave);
  doc.transact(() => {
    for (const { question } of questionsOf(form)) {
      const v = sampleValue(question, i);
      if (v !== null) setAnswer(doc, form, question.id, v, 'bench');
    }
  });
  const first = longTextQuestions(form)[0];
  if (first) longTextFor(doc, form, first.id)?.insert(0, 'Заметки куратора о школе. '.repeat(12));
  return Y.encodeStateAsUpdate(doc);
}
