/**
 * Writers for the bench form (bench/web/bench-form.ts): a complete fill and
 * 1,000 edits as a school team makes them, for the document-size figures of
 * `npm run bench:forms`.
 */
import * as Y from 'yjs';
import {
  longTextFor,
  setAnswer,
  type AnswerValue,
  type FormDefinition,
  type Question,
} from '@opora/shared';
import { OPTIONS } from './web/bench-form.ts';

/** A paragraph of a long answer. */
export const PARAGRAPH =
  'В школе проводятся регулярные методические семинары, педагоги посещают уроки друг друга и обсуждают результаты. ' +
  'Вместе с тем не хватает системной работы с обучающимися, испытывающими трудности в обучении. ';

/** The answer a complete questionnaire gives to a question (long texts are typed separately). */
export function answerFor(q: Question, round = 0): AnswerValue | null {
  switch (q.type) {
    case 'single':
      return (OPTIONS[round % OPTIONS.length] as { value: string }).value;
    case 'multi':
      return round % 2 === 0 ? ['a', 'c'] : ['b'];
    case 'scale':
      return 1 + (round % 5);
    case 'number':
      return q.constraints ? 10 + (round % 7) : 120 + round;
    case 'shortText':
      return `Ответ ${round + 1}: коротко о работе школы`;
    case 'date':
      return `2031-0${1 + (round % 9)}-1${round % 10}`;
    case 'yesNo':
      return true;
    default:
      return null;
  }
}

/** Fills every question of the form, each answer one transaction (as the app writes them). */
export function fillForm(doc: Y.Doc, form: FormDefinition, by: string, at: number): void {
  for (const s of form.sections)
    for (const q of s.questions) {
      if (q.type === 'longText') {
        const text = longTextFor(doc, form, q.id);
        if (!text) throw new Error(`no text slot for ${q.id}`);
        doc.transact(() => text.insert(0, PARAGRAPH));
        continue;
      }
      const v = answerFor(q);
      if (v !== null) setAnswer(doc, form, q.id, v, by, { at });
    }
}

/**
 * 1,000 edits of a filled form, each its own transaction: 600 keystrokes in long
 * answers (typing, with a backspace every tenth) and 400 changed answers.
 */
export function editForm(doc: Y.Doc, form: FormDefinition, by: string, at: number): void {
  const longs = form.sections.flatMap((s) => s.questions.filter((q) => q.type === 'longText'));
  const others = form.sections.flatMap((s) =>
    s.questions.filter((q) => q.type !== 'longText' && q.type !== 'yesNo'),
  );
  for (let i = 0; i < 1000; i++) {
    if (i % 5 < 3) {
      const q = longs[Math.floor(i / 20) % longs.length] as Question;
      const text = longTextFor(doc, form, q.id) as Y.Text;
      doc.transact(() => {
        if (i % 10 === 9) text.delete(text.length - 1, 1);
        else text.insert(text.length, 'абвгдежзий'.charAt(i % 10));
      });
    } else {
      const q = others[i % others.length] as Question;
      const v = answerFor(q, 1 + Math.floor(i / others.length));
      if (v !== null) setAnswer(doc, form, q.id, v, by, { at: at + i });
    }
  }
}
