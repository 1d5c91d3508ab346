/**
 * The relay's content check of a questionnaire document: beyond the layout
 * (`documents/layout.ts`), every answer an update writes must fit the form.
 *
 * Which documents: every questionnaire. Its id must name a form this relay
 * knows and a monitoring wave (`2026-entry`); the placeholder ids of the app's
 * first version (`…:environment:entry`) are refused like any other unknown
 * form or wave (the app no longer lists or edits them).
 *
 * What is refused (ShapeError, so the device gets the same «invalid shape»
 * acknowledgement as for a broken layout):
 * - any write to a questionnaire whose wave segment is not a wave id, or whose
 *   form this relay does not know;
 * - an `answers` entry that is not a register entry, is written under a newer
 *   form version than the relay knows, names a question no version of the form
 *   had, or holds a value of the wrong type for its question (the same
 *   `readEntry` the app uses to mark such entries invalid, so both sides agree);
 * - a `texts` slot that is not a Y.Text under a long-text question's id (current
 *   or former, by the form's migrations);
 * - `meta.formId` / `meta.wave` naming another form or wave than the id, or a
 *   `meta.formVersion` the relay does not know.
 *
 * Why only the keys an update touched: a document stored before this check (or
 * brought in by a transfer file that bypassed it) may already hold a bad entry;
 * checking the whole document would then refuse every later edit to it for
 * ever. An entry written by an older form version is legitimate: migrations
 * translate it (a removed question's entries are kept and ignored).
 */
import * as Y from 'yjs';
import { ShapeError } from '../documents/layout.ts';
import { readEntry, formerIds, QUESTIONNAIRE_ROOTS } from './document.ts';
import { longTextQuestions, type FormDefinition } from './form.ts';
import { formById } from './forms/index.ts';
import { parseWaveId } from './waves.ts';

/** Root name → keys an update set or deleted (see `documents/content.ts`). */
export type TouchedKeys = ReadonlyMap<string, ReadonlySet<string>>;

/** Ids a long-text slot may have: every long-text question's id and former ids, and removed ids. */
function textSlotIds(form: FormDefinition): Set<string> {
  const ids = new Set<string>();
  for (const q of longTextQuestions(form)) {
    ids.add(q.id);
    for (const old of formerIds(form, q.id)) ids.add(old);
  }
  for (const m of form.migrations ?? [])
    for (const op of m.ops) if (op.op === 'remove') ids.add(op.id);
  return ids;
}

const REASONS = {
  malformed: 'is not an answer entry',
  unknown_question: 'answers a question the form does not have',
  wrong_type: 'holds a value of the wrong type for its question',
} as const;

/**
 * Checks the keys an update touched in a questionnaire document of form
 * `formId` and wave `wave`; throws ShapeError on the first bad one.
 */
export function checkQuestionnaireContent(
  doc: Y.Doc,
  formId: string,
  wave: string,
  touched: TouchedKeys,
): void {
  if (!parseWaveId(wave)) throw new ShapeError(`"${wave}" is not a monitoring wave`);
  const form = formById(formId);
  if (!form) throw new ShapeError(`unknown form "${formId}"`);
  const keysOf = (root: string) => {
    const keys = touched.get(root);
    return keys && keys.size > 0 && doc.share.has(root) ? keys : null;
  };

  const metaKeys = keysOf(QUESTIONNAIRE_ROOTS.meta);
  if (metaKeys) {
    const meta = doc.getMap<unknown>(QUESTIONNAIRE_ROOTS.meta);
    const v = meta.get('formVersion');
    if (metaKeys.has('formId') && meta.has('formId') && meta.get('formId') !== formId)
      throw new ShapeError(`meta.formId is not "${formId}"`);
    if (metaKeys.has('wave') && meta.has('wave') && meta.get('wave') !== wave)
      throw new ShapeError(`meta.wave is not "${wave}"`);
    if (
      metaKeys.has('formVersion') &&
      meta.has('formVersion') &&
      !(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= form.version)
    )
      throw new ShapeError(`meta.formVersion must be 1–${form.version}`);
  }

  const answerKeys = keysOf(QUESTIONNAIRE_ROOTS.answers);
  if (answerKeys) {
    const answers = doc.getMap<unknown>(QUESTIONNAIRE_ROOTS.answers);
    for (const key of answerKeys) {
      if (!answers.has(key)) continue; // deleted: nothing to check
      const r = readEntry(form, key, answers.get(key));
      if (r.state === 'invalid')
        throw new ShapeError(`answer "${r.field}" ${REASONS[r.reason]} (form ${form.id})`);
      if (r.state === 'ignored' && r.reason === 'newer_version')
        throw new ShapeError(`answer "${r.field}" is written by a newer form version`);
    }
  }

  const textKeys = keysOf(QUESTIONNAIRE_ROOTS.texts);
  if (textKeys) {
    const texts = doc.getMap<unknown>(QUESTIONNAIRE_ROOTS.texts);
    const allowed = textSlotIds(form);
    for (const key of textKeys) {
      if (!texts.has(key)) continue;
      if (!allowed.has(key))
        throw new ShapeError(`text "${key}" is not a long-text question of form ${form.id}`);
      if (!(texts.get(key) instanceof Y.Text))
        throw new ShapeError(`text "${key}" must be collaborative text`);
    }
  }
}
