/**
 * bench:transfer — the size of an offline transfer file («Передать без
 * интернета») for one school:
 * - full: everything the school holds — the risk questionnaire of three waves
 *   (~120 answers each, a few long answers), the roadmap (4 problems, ~15
 *   measures with indicators, comments, history), the tutor-support plan with
 *   its essay, and 10 curator visits (criteria a–e, steps, observations typed);
 * - week: a week of changes on top of it (answers of the final wave, measure
 *   statuses, comments, a new visit typed key by key, steps accepted), as a file
 *   cut against the receiver's state vectors.
 * Beside them: a JSON export of the same data (what a naive "export everything"
 * writes), and the raw Yjs updates (the limit: `Y.encodeStateAsUpdate` of every
 * document; a week's limit is the diffs against the earlier state).
 *
 * Measures only; never asserts. Everything is drawn from a seeded generator.
 * Last line: one JSON object.
 */
import * as Y from 'yjs';
import { mulberry32 } from '@opora/shared/random';
import { writeRegister } from '@opora/shared/documents/register';
import { parseDocId } from '@opora/shared/documents/ids';
import { LAYOUTS, initDocMeta } from '@opora/shared/documents/layout';
import { exportTransfer, importTransfer } from '@opora/shared/transfer/exchange';
import { MemoryTransferStore } from '@opora/shared/transfer/memory-store';
import {
  CRITERIA,
  CRITERION_LEVELS,
  addStep,
  createVisit,
  readVisit,
  setCriterion,
  setStepState,
  visitText,
  type Writer,
} from '@opora/shared/visits/model';

const random = mulberry32(2026);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

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
  'наставник',
  'мониторинг',
  'диагностика',
  'урок',
  'план',
  'класс',
  'математика',
  'чтение',
  'мотивация',
  'показатель',
  'мероприятие',
  'в',
  'и',
  'на',
  'для',
  'по',
];

function sentence(words: number): string {
  const out = Array.from({ length: words }, () => pick(WORDS)).join(' ');
  return out.charAt(0).toUpperCase() + out.slice(1) + '.';
}

function paragraph(sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(6 + int(8))).join(' ');
}

const SCHOOL = 's1';
const Q_IDS = ['entry', 'mid', 'final'].map((w) => `school:${SCHOOL}:questionnaire:risk:2026-${w}`);
const ROADMAP = `school:${SCHOOL}:roadmap:2026`;
const TUTORING = `partnership:l1:${SCHOOL}:2026`;
const DAY = 86_400_000;
let now = Date.UTC(2026, 0, 15);

const teacher: Writer = { by: 'teacher1' };
const curator: Writer = { by: 'curator1' };
const at = (w: Writer): Writer => ({ ...w, at: (now += 60_000) });

/** Types text key by key (one transaction per character), as a person does. */
function type(text: Y.Text, value: string, from = text.length): void {
  let i = from;
  for (const ch of value) text.insert(i++, ch);
}

function fillQuestionnaire(doc: Y.Doc, answers: number): void {
  initDocMeta(doc, 'questionnaire');
  const map = doc.getMap<unknown>('answers');
  for (let q = 1; q <= answers; q++) {
    const r = random();
    const value = r < 0.6 ? pick(['1', '2', '3', '4', '5']) : r < 0.9 ? int(100) : sentence(8);
    writeRegister(map, `q${q}`, value, teacher.by, { at: (now += 30_000), ver: 1 });
  }
  const status = doc.getMap<unknown>('status');
  writeRegister(status, 'review', 'submitted', teacher.by, { at: (now += 60_000) });
  doc.getArray('comments').push([{ by: curator.by, at: now, text: sentence(12) }]);
}

function measure(problem: Y.Map<unknown>, i: number): void {
  const m = new Y.Map<unknown>();
  m.set('id', `m${i}`);
  (problem.get('measures') as Y.Array<Y.Map<unknown>>).push([m]);
  const w = at(teacher);
  writeRegister(m, 'title', sentence(5), w.by, { at: w.at });
  writeRegister(m, 'start', '2026-02-01', w.by, { at: w.at });
  writeRegister(m, 'end', `2026-0${3 + (i % 6)}-15`, w.by, { at: w.at });
  writeRegister(m, 'responsible', pick(['Завуч', 'Директор', 'Учитель математики']), w.by, {
    at: w.at,
  });
  writeRegister(m, 'status', 'planned', w.by, { at: w.at });
}

function fillRoadmap(doc: Y.Doc): void {
  initDocMeta(doc, 'roadmap');
  const problems = doc.getArray<Y.Map<unknown>>('problems');
  let measureNo = 0;
  for (let p = 0; p < 4; p++) {
    const problem = new Y.Map<unknown>();
    problem.set('id', `p${p}`);
    problem.set('measures', new Y.Array());
    problem.set('indicators', new Y.Array());
    problems.push([problem]);
    const w = at(teacher);
    for (const f of ['title', 'goal', 'analysis', 'criteria'])
      writeRegister(problem, f, paragraph(f === 'title' ? 1 : 3), w.by, { at: w.at });
    const indicators = problem.get('indicators') as Y.Array<unknown>;
    for (let k = 0; k < 3; k++)
      indicators.push([
        { id: `i${p}.${k}`, title: sentence(5), baseline: int(50), target: 60 + int(40) },
      ]);
    const count = p < 3 ? 4 : 3;
    for (let k = 0; k < count; k++) measure(problem, measureNo++);
  }
  const comments = doc.getArray('comments');
  for (let c = 0; c < 10; c++)
    comments.push([{ id: `c${c}`, by: curator.by, at: (now += DAY / 4), text: paragraph(2) }]);
  const history = doc.getArray('history');
  for (let h = 0; h < 50; h++)
    history.push([
      { by: teacher.by, at: (now += 3_600_000), action: 'update', target: `m${int(15)}` },
    ]);
  doc.getArray('directions').push(['subject_results', 'parents']);
}

function fillTutoring(doc: Y.Doc): void {
  initDocMeta(doc, 'tutoring');
  const program = doc.getMap<unknown>('program');
  for (const f of ['goal', 'tasks', 'stages'])
    writeRegister(program, f, paragraph(3), 'tutor1', { at: (now += 60_000) });
  const events = doc.getArray('events');
  for (let e = 0; e < 12; e++)
    events.push([
      { id: `e${e}`, title: sentence(5), date: `2026-0${1 + (e % 9)}-10`, kind: 'seminar' },
    ]);
  const mentors = doc.getArray('mentors');
  for (let m = 0; m < 5; m++)
    mentors.push([{ id: `t${m}`, mentor: `Наставник ${m}`, teacher: `Учитель ${m}` }]);
  const matrix = doc.getArray('matrix');
  for (let r = 0; r < 12; r++)
    matrix.push([
      { priority: 1 + (r % 4), action: sentence(6), deficit: sentence(6), capability: sentence(6) },
    ]);
  type(doc.getText('essay'), paragraph(12));
}

function fillVisit(doc: Y.Doc, day: number, held: boolean): void {
  const date = new Date(Date.UTC(2025, 9, 1) + day * DAY).toISOString().slice(0, 10);
  createVisit(
    doc,
    {
      kind: day % 3 === 0 ? 'interview' : 'visit',
      date,
      curatorId: curator.by,
      status: held ? 'done' : 'planned',
      purpose: day % 3 === 0 ? 'agreeIndicators' : null,
      participants: [
        { name: 'Директор', role: 'директор' },
        { name: 'Завуч', role: 'заместитель директора' },
      ],
    },
    at(curator),
  );
  if (!held) return;
  type(visitText(doc, 'observations')!, paragraph(5));
  type(visitText(doc, 'changesSeen')!, paragraph(2));
  for (const c of CRITERIA)
    setCriterion(doc, c, { level: pick(CRITERION_LEVELS), comment: sentence(8) }, at(curator));
  for (let s = 0; s < 3; s++) {
    const id = addStep(doc, { text: sentence(7), owner: 'Завуч', due: '2026-05-01' }, at(curator));
    if (s < 2) setStepState(doc, id, 'accepted', at({ by: 'director1' }));
  }
}

/** The JSON a naive export would write: every root of every document as plain data. */
function jsonExport(store: MemoryTransferStore): string {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [docId, doc] of store.docs) {
    const kind = parseDocId(docId)?.kind;
    if (!kind) continue;
    const roots: Record<string, unknown> = {};
    for (const [name, type] of Object.entries(LAYOUTS[kind])) {
      if (!doc.share.has(name)) continue;
      roots[name] =
        type === 'map'
          ? doc.getMap(name).toJSON()
          : type === 'array'
            ? doc.getArray(name).toJSON()
            : doc.getText(name).toString();
    }
    out[docId] = roots;
  }
  return JSON.stringify(out);
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  let clientId = 1;
  // Fixed client ids; the register's write ids stay random, so sizes vary by a few bytes per run.
  const school = new MemoryTransferStore(() => clientId++);
  for (const id of Q_IDS) fillQuestionnaire(school.doc(id), 120);
  fillRoadmap(school.doc(ROADMAP));
  fillTutoring(school.doc(TUTORING));
  const visitIds: string[] = [];
  for (let v = 0; v < 10; v++) {
    const id = `school:${SCHOOL}:visit:v${v}`;
    visitIds.push(id);
    fillVisit(school.doc(id), v * 14, v < 8);
  }
  const docIds = [...school.docs.keys()];
  const sender = { userId: 'sc1', userName: 'Директор', deviceId: 'school-pc' };

  // Full state.
  const t0 = performance.now();
  const full = await exportTransfer(school, { docIds, sender });
  const exportMs = performance.now() - t0;
  const limitBytes = docIds.reduce((s, id) => s + Y.encodeStateAsUpdate(school.doc(id)).length, 0);
  const json = jsonExport(school);
  const jsonBytes = new TextEncoder().encode(json).length;
  const receiver = new MemoryTransferStore();
  const t1 = performance.now();
  const imported = await importTransfer(full.bytes, receiver);
  const importMs = performance.now() - t1;
  const before = new Map(docIds.map((id) => [id, Y.encodeStateVector(school.doc(id))]));

  // A week of changes.
  now += 7 * DAY;
  const answers = school.doc(Q_IDS[2]!).getMap<unknown>('answers');
  for (let q = 0; q < 20; q++)
    writeRegister(answers, `q${1 + int(120)}`, pick(['1', '2', '3', '4', '5']), teacher.by, {
      at: (now += 600_000),
    });
  const problems = school.doc(ROADMAP).getArray<Y.Map<unknown>>('problems');
  for (let k = 0; k < 3; k++) {
    const measures = problems.get(k).get('measures') as Y.Array<Y.Map<unknown>>;
    writeRegister(measures.get(0), 'status', 'done', teacher.by, { at: (now += 600_000) });
  }
  for (let c = 0; c < 2; c++)
    school
      .doc(ROADMAP)
      .getArray('comments')
      .push([{ id: `w${c}`, by: curator.by, at: now, text: paragraph(2) }]);
  const newVisit = `school:${SCHOOL}:visit:week`;
  fillVisit(school.doc(newVisit), 200, true);
  const planned = school.doc(visitIds[8]!);
  const open = readVisit(school.doc(visitIds[7]!)).steps.find((s) => s.state === 'proposed');
  if (open) setStepState(school.doc(visitIds[7]!), open.id, 'accepted', at({ by: 'director1' }));
  type(visitText(planned, 'observations')!, sentence(20));
  const weekIds = [...school.docs.keys()];
  const week = await exportTransfer(school, { docIds: weekIds, sender, knownVectors: before });
  const weekLimit = weekIds.reduce((s, id) => {
    const sv = before.get(id);
    return s + Y.encodeStateAsUpdate(school.doc(id), sv).length;
  }, 0);
  const weekReport = await importTransfer(week.bytes, receiver);

  console.log(
    `school ${SCHOOL}: ${docIds.length} documents (3 questionnaire waves × 120 answers, roadmap with 15 measures, tutor plan, 10 visits)`,
  );
  console.log(
    `  full file: ${kb(full.bytes.length)} = ${(full.bytes.length / limitBytes).toFixed(2)}× raw Yjs (${kb(limitBytes)}), JSON export ${kb(jsonBytes)} (file = ${(full.bytes.length / jsonBytes).toFixed(2)}× JSON); export ${exportMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms (${imported.counts.new} new)`,
  );
  console.log(
    `  week file: ${kb(week.bytes.length)} = ${(week.bytes.length / weekLimit).toFixed(2)}× the week's raw Yjs diffs (${kb(weekLimit)}); ${weekReport.counts.updated} updated, ${weekReport.counts.new} new, ${weekReport.counts.unchanged} unchanged at the receiver`,
  );
  console.log(
    JSON.stringify({
      bench: 'transfer',
      fullBytes: full.bytes.length,
      weekBytes: week.bytes.length,
      jsonBytes,
      limitBytes,
    }),
  );
}

await main();
