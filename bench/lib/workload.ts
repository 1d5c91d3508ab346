/**
 * The benchmarks' documents and edits: a filled questionnaire (about 120 answers,
 * three comment texts, 15 roadmap-like measures kept as entries of the `comments`
 * array so the document stays within the questionnaire layout), and the offline
 * edit of the issue (10 answers, one sentence typed key by key, one status).
 * Everything is drawn from a seeded generator, so both sides of a comparison get
 * the same content and the same edits.
 */
import * as Y from 'yjs';
import { sampleQuestionnaireId } from './questionnaire-sample.ts';
import { mulberry32 } from '@opora/shared/random';
import { initDocMeta, type DirectorySnapshot, type Municipality, type School } from '@opora/shared';

const WORDS = [
  'школа',
  'учителя',
  'ученики',
  'родители',
  'результаты',
  'оценивание',
  'программа',
  'поддержка',
  'занятия',
  'кружок',
  'методист',
  'наставник',
  'мониторинг',
  'диагностика',
  'урок',
  'план',
  'совет',
  'класс',
  'библиотека',
  'математика',
  'чтение',
  'встреча',
  'отчёт',
  'курсы',
  'повышение',
  'квалификации',
  'мотивация',
  'посещаемость',
  'в',
  'и',
  'по',
  'для',
  'с',
  'на',
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** A phrase of `words` words drawn from a small vocabulary. */
export function phrase(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(r, WORDS));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function answerValue(r: () => number): string | number | boolean {
  const x = r();
  if (x < 0.35) return pick(r, ['да', 'нет', 'частично', 'не знаю']);
  if (x < 0.55) return Math.floor(r() * 100);
  if (x < 0.65) return r() < 0.5;
  return phrase(r, 2 + Math.floor(r() * 6));
}

/** Types `text` into `t` at `index` in chunks of a few characters (word by word). */
function typeChunks(doc: Y.Doc, t: Y.Text, index: number, text: string, r: () => number): void {
  let pos = index;
  let i = 0;
  while (i < text.length) {
    const n = 3 + Math.floor(r() * 8);
    const chunk = text.slice(i, i + n);
    doc.transact(() => t.insert(pos, chunk));
    pos += chunk.length;
    i += n;
    // An occasional typo corrected right away.
    if (r() < 0.05) {
      doc.transact(() => t.insert(pos, 'ы'));
      doc.transact(() => t.delete(pos, 1));
    }
  }
}

/**
 * The map root the synthetic answers (`q1`…`q120`) go into. The relay checks a
 * questionnaire's `answers` against its form (shared/src/questionnaires/
 * content-check.ts) and these keys are no form's, so they go into `status`,
 * which it stores unchecked: the same bytes and the same merge work.
 */
export const LOAD_ROOT = 'status';

/** The number of answers, comments and measures of a filled questionnaire. */
export const SHAPE = { answers: 120, comments: 3, measures: 15 } as const;

/**
 * Fills `doc` as two people would: a teacher answers (overwriting some answers),
 * a curator comments and lists the measures. Returns the full state as one update.
 */
export function fillQuestionnaire(seed: number): Uint8Array {
  const r = mulberry32(seed);
  const teacher = new Y.Doc();
  initDocMeta(teacher, 'questionnaire');
  const answers = teacher.getMap(LOAD_ROOT);
  teacher.transact(() => {
    teacher.getMap('meta').set('title', `Анкета ${seed}`);
    teacher.getMap('status').set('state', 'draft');
  });
  for (let i = 1; i <= SHAPE.answers; i++) {
    teacher.transact(() => answers.set(`q${i}`, answerValue(r)));
    if (r() < 0.2) teacher.transact(() => answers.set(`q${i}`, answerValue(r)));
  }
  teacher.transact(() => teacher.getMap('status').set('state', 'in_review'));

  const curator = new Y.Doc();
  Y.applyUpdate(curator, Y.encodeStateAsUpdate(teacher));
  const comments = curator.getArray<Y.Map<unknown>>('comments');
  for (let c = 0; c < SHAPE.comments; c++) {
    const entry = new Y.Map<unknown>();
    const text = new Y.Text();
    curator.transact(() => {
      entry.set('type', 'comment');
      entry.set('author', `curator-${seed % 97}`);
      entry.set('at', 1_760_000_000_000 + c * 3_600_000);
      entry.set('text', text);
      comments.push([entry]);
    });
    const body = `${phrase(r, 18 + Math.floor(r() * 14))}.`;
    typeChunks(curator, text, 0, body, r);
  }
  for (let m = 0; m < SHAPE.measures; m++) {
    curator.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set('type', 'measure');
      entry.set('title', phrase(r, 5 + Math.floor(r() * 5)));
      entry.set('owner', phrase(r, 2));
      entry.set('deadline', `2026-${String(1 + (m % 12)).padStart(2, '0')}-15`);
      entry.set('indicator', phrase(r, 4));
      entry.set('state', pick(r, ['planned', 'in_progress', 'done']));
      comments.push([entry]);
    });
  }
  const state = Y.encodeStateAsUpdate(curator);
  teacher.destroy();
  curator.destroy();
  return state;
}

/** The sentence typed key by key in the offline edit. */
export const SENTENCE =
  ' Учителя прошли курсы по формирующему оцениванию, результаты обсудим в мае.';

/**
 * The edit of one document: 10 answers, one sentence typed key by key at
 * the end of the first comment's text, one status. Each key is its own
 * transaction, as in an editor.
 */
export function editDoc(doc: Y.Doc, seed: number): void {
  const r = mulberry32(seed);
  const answers = doc.getMap(LOAD_ROOT);
  for (let i = 0; i < 10; i++) {
    const key = `q${1 + Math.floor(r() * SHAPE.answers)}`;
    doc.transact(() => answers.set(key, answerValue(r)));
  }
  const first = doc.getArray<Y.Map<unknown>>('comments').get(0);
  const text = first.get('text');
  if (!(text instanceof Y.Text)) throw new Error('first comment has no text');
  for (const ch of SENTENCE) doc.transact(() => text.insert(text.length, ch));
  doc.transact(() => doc.getMap('status').set('state', 'submitted'));
}

/** A directory of `schools` schools in `municipalities` municipalities of one region. */
export function benchDirectory(schools: number, municipalities: number): DirectorySnapshot {
  const munis: Municipality[] = [];
  for (let m = 0; m < municipalities; m++)
    munis.push({ id: `m${m}`, regionId: 'bench', name: `Район ${m}` });
  const list: School[] = [];
  for (let s = 0; s < schools; s++)
    list.push({
      id: `s${s}`,
      municipalityId: `m${s % municipalities}`,
      name: `Школа ${s}`,
      lowResults: s % 3 !== 0,
      unfavourableConditions: s % 5 === 0,
      leader: s % 17 === 0,
      cohortYear: null,
      tracks: [((s % 3) + 1) as 1 | 2 | 3],
      cluster: null,
      rural: s % 2 === 0,
    });
  return {
    regions: [{ id: 'bench', name: 'Тестовая область' }],
    municipalities: munis,
    schools: list,
    partnerships: [],
  };
}

/** Questionnaire ids of real forms and waves, `perSchool` per school (forms × waves), in a stable order. */
export function questionnaireIds(count: number, perSchool: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const school = Math.floor(i / perSchool);
    const k = i % perSchool;
    ids.push(sampleQuestionnaireId(`s${school}`, k, 2026));
  }
  return ids;
}

/** Collects every update a document emits while `fn` runs, merged into one. */
export function captureMerged(doc: Y.Doc, fn: () => void): Uint8Array {
  const parts: Uint8Array[] = [];
  const on = (u: Uint8Array) => parts.push(u);
  doc.on('update', on);
  try {
    fn();
  } finally {
    doc.off('update', on);
  }
  return Y.mergeUpdates(parts);
}
