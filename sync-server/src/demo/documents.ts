/**
 * Demo documents: a lived-in «Северная область» on a first start, so the
 * dashboards, risk profiles, roadmaps and visit lists have something to show
 * before anyone has typed a thing.
 *
 * Every document is written with the same shared editors the app uses (the
 * questionnaire registers, RoadmapEditor, the visit model, the exams map) and
 * stored in the relay's log as an ordinary update, so devices pull it like any
 * other change and the relay's checks hold for it (a test runs each one through
 * them). Content is drawn from a seeded PRNG, so every first start seeds the same
 * region; dates fall in the demo year. What schools fill varies on purpose: some
 * questionnaires are done, some half done, some not begun, some late.
 */
import * as Y from 'yjs';
import {
  FORMS,
  RoadmapEditor,
  evaluate,
  evaluateQuestionnaire,
  factorLevels,
  initQuestionnaireDoc,
  longTextFor,
  questionsOf,
  readQuestionnaire,
  riskProfile,
  selectFactor,
  setAnswer,
  setTableCell,
  addTableRow,
  clearAnswer,
  submitForReview,
  PRIORITY_DIRECTIONS,
  RISK_FACTORS,
  formatDocId,
  waveId,
  type WaveKind,
  type AnswerValue,
  type ColumnQuestion,
  type DocKind,
  type FormDefinition,
  type RiskFactorId,
  type TableRow,
  type School,
} from '@opora/shared';
import { EXAM_INDICATORS, setExamResult } from '@opora/shared/dashboard/exams';
import { writeWave } from '@opora/shared/questionnaires/waves-doc';
import {
  CRITERIA,
  createVisit,
  setCriterion,
  setVisitField,
  visitText,
} from '@opora/shared/visits/model';
import type { OpenDb } from '../db/open.ts';
import { SyncRepo } from '../repo/sync-repo.ts';
import { mulberry32 } from '@opora/shared/random';
import { DEMO_DIRECTORS, DEMO_DIRECTORY, DEMO_LOGINS, DEMO_YEAR } from './seed.ts';

/** One seeded document: its id, kind, author and the update that writes it. */
export interface DemoDocument {
  docId: string;
  kind: DocKind;
  userId: string;
  update: Uint8Array;
}

/** The device id the seeded updates are stored under. */
export const DEMO_DEVICE_ID = 'demo-seed';

/** Schools whose documents stay empty: the demo users' own school is theirs to fill. */
const LEFT_EMPTY = new Set(['zar-sosh-3']);

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

class Draw {
  readonly next: () => number;
  constructor(seed: string) {
    this.next = mulberry32(hash(seed));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
}

/** Epoch ms of a day of the demo year at 10:00 UTC (month 1–12). */
function at(month: number, day: number, year = DEMO_YEAR): number {
  return Date.UTC(year, month - 1, day, 10);
}

function iso(month: number, day: number, year = DEMO_YEAR): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A fresh document whose client id is drawn from the seed (replays give equal documents). */
function newDoc(draw: Draw): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = draw.int(1, 2 ** 31 - 1);
  return doc;
}

const SHORT_TEXTS = [
  'Школьная команда',
  'Заместитель директора по УВР',
  'Педагог-психолог',
  'Руководитель методического объединения',
];

const LONG_TEXTS = [
  'Часть педагогов работает по совместительству, замены уроков ложатся на одних и тех же учителей. ',
  'Родители редко приходят на собрания; лучше всего работают личные встречи с классным руководителем. ',
  'Результаты ВПР по математике в 6–7 классах ниже районных; планируем адресную работу с группой риска. ',
  'Кабинеты физики и химии требуют обновления оборудования, интерактивная доска одна на школу. ',
  'В школе сложилась дружная команда молодых учителей, которым нужна методическая поддержка. ',
];

/** A plausible value for a question (or a table column); null to leave it unanswered. */
function valueFor(q: ColumnQuestion, draw: Draw): AnswerValue | null {
  switch (q.type) {
    case 'single':
      return draw.pick(q.options).value;
    case 'multi': {
      const open = q.options.filter((o) => !o.exclusive);
      const want = Math.min(draw.int(1, 3), q.maxSelected ?? 3, open.length);
      const chosen = new Set<string>();
      while (chosen.size < want) chosen.add(draw.pick(open).value);
      return [...chosen];
    }
    case 'scale':
      return draw.int(q.min, q.max);
    case 'number': {
      if (q.id.endsWith('_total'))
        return q.id.startsWith('teacher') ? draw.int(12, 45) : draw.int(60, 640);
      const lo = q.min ?? 0;
      const hi = q.max ?? lo + 40;
      const v = lo + draw.next() * (hi - lo) * 0.6;
      return q.integer === false ? Math.round(v * 10) / 10 : Math.round(v);
    }
    case 'shortText':
      return q.pattern ? null : draw.pick(SHORT_TEXTS);
    case 'date':
      return q.min ?? iso(draw.int(2, 3), draw.int(1, 28));
    case 'yesNo':
      return draw.chance(0.6);
  }
}

function isRows(v: AnswerValue): v is readonly TableRow[] {
  return Array.isArray(v) && v.some((x) => typeof x === 'object');
}

/**
 * Answers a share of the form's questions, in order, as one author. Values that
 * break a constraint are lowered and then cleared, so what is stored is what a
 * careful person could have entered.
 */
function fillForm(
  doc: Y.Doc,
  form: FormDefinition,
  share: number,
  by: string,
  when: number,
  draw: Draw,
): void {
  const opts = { at: when };
  const asked = questionsOf(form).slice(0, Math.round(questionsOf(form).length * share));
  // Relevance follows earlier answers, so a question may be asked only once another is
  // answered: sweep until a pass answers nothing new.
  for (let sweep = 0; sweep < 4; sweep++) {
    const { state, evaluation } = evaluateQuestionnaire(doc, form);
    let answered = 0;
    for (const { question: q } of asked) {
      if (!evaluation.relevantQuestions.has(q.id) || state.values[q.id] !== undefined) continue;
      answered++;
      if (q.type === 'longText') {
        const text = longTextFor(doc, form, q.id);
        if (text && text.length === 0) text.insert(0, draw.pick(LONG_TEXTS));
      } else if (q.type === 'table') {
        const rows = Math.max(q.minRows ?? 1, draw.int(1, 2));
        for (let r = 0; r < rows; r++) {
          const rowId = addTableRow(doc, form, q.id, by, opts);
          for (const col of q.columns) {
            const v = valueFor(col, draw);
            if (v !== null && !isRows(v)) setTableCell(doc, form, q.id, rowId, col.id, v, by, opts);
          }
        }
      } else {
        const v = valueFor(q, draw);
        if (v !== null) setAnswer(doc, form, q.id, v, by, opts);
        else answered--;
      }
    }
    if (answered === 0) break;
  }
  // Constraint breaks (a count above its total, a date out of range): lower, then clear.
  for (let pass = 0; pass < 3; pass++) {
    const state = readQuestionnaire(doc, form);
    const bad = evaluate(form, { values: state.values })
      .issues.filter((i) => i.code !== 'required' && i.rowId === undefined)
      .map((i) => i.questionId);
    if (bad.length === 0) break;
    for (const id of new Set(bad)) {
      const v = state.values[id];
      if (pass < 2 && typeof v === 'number') setAnswer(doc, form, id, Math.floor(v / 5), by, opts);
      else clearAnswer(doc, form, id, opts);
    }
  }
}

interface Author {
  userId: string;
  name: string;
}

/** Who writes a school's documents: its demo director, with a login or generated (`DEMO_DIRECTORS`). */
function schoolAuthor(school: School): Author {
  const director = DEMO_LOGINS.find(
    (u) => u.role === 'school_coordinator' && u.memberships.some((m) => m.schoolId === school.id),
  );
  if (director) return { userId: director.userId, name: director.name };
  const generated = DEMO_DIRECTORS.find((d) => d.schoolId === school.id);
  if (!generated) throw new Error(`demo: no director for ${school.id}`);
  return { userId: generated.userId, name: generated.name };
}

function curatorOf(schoolId: string): Author | undefined {
  const c = DEMO_LOGINS.find(
    (u) => u.role === 'curator' && u.memberships.some((m) => m.schoolId === schoolId),
  );
  return c && { userId: c.userId, name: c.name };
}

const FORM_PLAN: { formId: string; wave: string; done: number; partly: number }[] = [
  { formId: 'risk_diagnostic', wave: `${DEMO_YEAR}-entry`, done: 0.75, partly: 0.12 },
  { formId: 'school_environment', wave: `${DEMO_YEAR}-entry`, done: 0.55, partly: 0.2 },
  { formId: 'management', wave: `${DEMO_YEAR}-entry`, done: 0.45, partly: 0.2 },
  { formId: 'teaching', wave: `${DEMO_YEAR}-entry`, done: 0.4, partly: 0.2 },
  { formId: 'risk_diagnostic', wave: `${DEMO_YEAR}-mid`, done: 0.35, partly: 0.2 },
];

function questionnaires(school: School, author: Author, out: DemoDocument[]): FactorHigh[] {
  let high: FactorHigh[] = [];
  for (const plan of FORM_PLAN) {
    const form = FORMS.find((f) => f.id === plan.formId);
    if (!form) throw new Error(`demo: no form ${plan.formId}`);
    const draw = new Draw(`${school.id}/${plan.formId}/${plan.wave}`);
    const roll = draw.next();
    const share =
      roll < plan.done ? 1 : roll < plan.done + plan.partly ? draw.int(25, 75) / 100 : 0;
    if (share === 0) continue;
    const mid = plan.wave.endsWith('-mid');
    const when = mid ? at(draw.int(9, 10), draw.int(1, 25)) : at(draw.int(2, 3), draw.int(1, 28));
    const doc = newDoc(draw);
    initQuestionnaireDoc(doc, form, plan.wave);
    fillForm(doc, form, share, author.userId, when, draw);
    if (share === 1 && draw.chance(0.7)) submitForReview(doc, author.userId, { at: when + 3600e3 });
    if (plan.formId === 'risk_diagnostic' && !mid && share === 1) {
      const levels = factorLevels(riskProfile(evaluateQuestionnaire(doc, form).evaluation));
      high = RISK_FACTORS.map((f) => ({ id: f.id, title: f.title, level: levels[f.id] }))
        .filter((f) => f.level === 'high' || f.level === 'medium')
        .sort((a, b) => (a.level === b.level ? 0 : a.level === 'high' ? -1 : 1))
        .slice(0, 3);
      for (const f of high) selectFactor(doc, f.id, true, author.userId, { at: when + 7200e3 });
    }
    out.push({
      docId: formatDocId({
        kind: 'questionnaire',
        schoolId: school.id,
        formId: form.id,
        wave: plan.wave,
      }),
      kind: 'questionnaire',
      userId: author.userId,
      update: Y.encodeStateAsUpdate(doc),
    });
  }
  return high;
}

interface FactorHigh {
  id: RiskFactorId;
  title: string;
  level: string;
}

const MEASURES = [
  'Педагогический совет по итогам диагностики',
  'Курсы повышения квалификации для учителей математики',
  'Открытые уроки с педагогами школы-лидера',
  'Цикл родительских собраний «Учимся вместе»',
  'Адресная работа с обучающимися группы риска',
  'Обновление оборудования кабинета естественных наук',
  'Методический семинар по формирующему оцениванию',
  'Школьная служба медиации: запуск и обучение',
];

/** Today in the demo's world: the end of November of the demo year. */
const DEMO_TODAY = iso(11, 25);

function roadmap(school: School, author: Author, high: FactorHigh[], out: DemoDocument[]): void {
  const draw = new Draw(`${school.id}/roadmap`);
  const doc = newDoc(draw);
  let clock = at(4, 1);
  const ed = new RoadmapEditor(doc, {
    actor: { userId: author.userId, name: author.name },
    now: () => (clock += 3_600_000),
    random: draw.next,
  });
  ed.init();
  ed.setMeta('title', `Программа перехода в эффективный режим работы, ${DEMO_YEAR}`);
  ed.setMeta('periodStart', iso(4, 1));
  ed.setMeta('periodEnd', iso(12, 31));
  const directions = PRIORITY_DIRECTIONS.filter((d) => d !== 'other')
    .map((d) => ({ d, k: draw.next() }))
    .sort((a, b) => a.k - b.k)
    .slice(0, 3)
    .map((x) => x.d);
  for (const d of directions) ed.addDirection(d);
  for (const f of high.length > 0
    ? high
    : [{ id: 'low_motivation' as const, title: '', level: '' }]) {
    const p = ed.addProblem({ title: problemTitle(f.id), factorIds: [f.id] });
    ed.problemText(p, 'goal').insert(
      0,
      `К 31 декабря ${DEMO_YEAR} года снизить проявление риска «${RISK_FACTORS.find((r) => r.id === f.id)?.title ?? ''}» до среднего уровня.`,
    );
    ed.setProblemDirection(p, directions[0]!, true);
    ed.addTask(p, 'Провести анализ причин и обсудить его с коллективом');
    ed.addTask(p, 'Организовать обучение педагогов с участием школы-лидера');
    const baseline = draw.int(20, 45);
    const ind = ed.addIndicator(p, {
      name: 'Доля обучающихся, успешно выполнивших диагностическую работу',
      method: 'Школьная диагностическая работа, два раза в год',
      unit: '%',
      baseline,
      target: baseline + draw.int(10, 25),
      targetDate: iso(12, 20),
      direction: 'higher_is_better',
    });
    ed.addIndicatorValue(ind, { date: iso(5, 20), value: baseline + draw.int(-2, 4) });
    if (draw.chance(0.8))
      ed.addIndicatorValue(ind, { date: iso(10, 15), value: baseline + draw.int(0, 12) });
    for (let i = 0; i < draw.int(3, 4); i++) {
      const startMonth = draw.int(4, 10);
      const end = iso(Math.min(12, startMonth + draw.int(0, 2)), draw.int(10, 28));
      const status =
        end < DEMO_TODAY
          ? draw.chance(0.75)
            ? 'done'
            : 'in_progress'
          : draw.pick(['planned', 'in_progress'] as const);
      ed.addMeasure(p, {
        title: draw.pick(MEASURES),
        start: iso(startMonth, draw.int(1, 9)),
        end,
        responsible: draw.pick(SHORT_TEXTS.slice(1)),
        status,
      });
    }
  }
  out.push({
    docId: formatDocId({ kind: 'roadmap', schoolId: school.id, year: DEMO_YEAR }),
    kind: 'roadmap',
    userId: author.userId,
    update: Y.encodeStateAsUpdate(doc),
  });
}

function problemTitle(factor: RiskFactorId): string {
  const titles: Partial<Record<RiskFactorId, string>> = {
    low_motivation: 'Низкая учебная мотивация в 7–9 классах',
    parent_involvement: 'Родители мало участвуют в жизни школы',
    teacher_shortage: 'Нехватка учителей математики и физики',
    teacher_competence: 'Педагоги не владеют приёмами работы с разным уровнем подготовки',
    low_equipment: 'Устаревшее оборудование кабинетов',
    students_at_risk: 'Много обучающихся с рисками учебной неуспешности',
    school_climate: 'Конфликты и низкое чувство безопасности в школе',
  };
  return titles[factor] ?? 'Ключевая проблема по итогам диагностики';
}

/** Exam averages 2023 to the demo year: a random walk around typical figures. */
function exams(school: School, author: Author, out: DemoDocument[]): void {
  const draw = new Draw(`${school.id}/exams`);
  const doc = newDoc(draw);
  const base: Record<(typeof EXAM_INDICATORS)[number], number> = {
    ege_russian: 62,
    ege_math: 48,
    oge_russian: 3.6,
    oge_math: 3.3,
    vpr_russian: 3.4,
    vpr_math: 3.3,
  };
  for (const ind of EXAM_INDICATORS) {
    const fivePoint = base[ind] < 10;
    let v = base[ind] * (0.85 + draw.next() * 0.2);
    for (let year = DEMO_YEAR - 3; year <= DEMO_YEAR; year++) {
      v *= 0.96 + draw.next() * 0.09;
      const rounded = fivePoint ? Math.round(Math.min(5, v) * 100) / 100 : Math.round(v * 10) / 10;
      setExamResult(doc, year, ind, rounded);
    }
  }
  out.push({
    docId: formatDocId({ kind: 'exams', schoolId: school.id }),
    kind: 'exams',
    userId: author.userId,
    update: Y.encodeStateAsUpdate(doc),
  });
}

function visit(
  school: School,
  curator: Author,
  date: string,
  done: boolean,
  out: DemoDocument[],
): void {
  const draw = new Draw(`${school.id}/visit/${date}`);
  const doc = newDoc(draw);
  const w = { by: curator.userId, at: at(Number(date.slice(5, 7)), Number(date.slice(8, 10))) };
  createVisit(
    doc,
    {
      kind: 'visit',
      date,
      curatorId: curator.userId,
      status: done ? 'done' : 'planned',
      participants: [{ name: curator.name, role: 'Куратор' }],
    },
    w,
  );
  if (done) {
    for (const c of CRITERIA)
      setCriterion(doc, c, { level: draw.pick(['met', 'partly', 'partly', 'notMet'] as const) }, w);
    visitText(doc, 'observations')?.insert(
      0,
      'Посетили уроки математики в 7 и 8 классах, обсудили с командой итоги входной диагностики. ',
    );
    setVisitField(doc, 'status', 'done', w);
  }
  out.push({
    docId: formatDocId({ kind: 'visit', schoolId: school.id, visitId: date.replaceAll('-', '') }),
    kind: 'visit',
    userId: curator.userId,
    update: Y.encodeStateAsUpdate(doc),
  });
}

/** The region's monitoring waves of the demo year, opened by the regional coordinator. */
function waves(out: DemoDocument[]): void {
  const region = DEMO_LOGINS.find((u) => u.role === 'regional_coordinator');
  if (!region) throw new Error('demo: no regional coordinator');
  const doc = newDoc(new Draw('waves'));
  const forms = ['risk_diagnostic', 'school_environment', 'management', 'teaching'];
  const periods: [WaveKind, string, string, readonly string[]][] = [
    ['entry', iso(2, 1), iso(3, 15), forms],
    ['mid', iso(9, 1), iso(10, 15), ['risk_diagnostic']],
    ['final', iso(12, 1), iso(12, 20), forms],
  ];
  for (const [kind, opensOn, closesOn, formIds] of periods) {
    const openedAt = at(Number(opensOn.slice(5, 7)) - 1, 20);
    writeWave(
      doc,
      {
        id: waveId(DEMO_YEAR, kind),
        year: DEMO_YEAR,
        kind,
        opensOn,
        closesOn,
        formIds,
        openedBy: region.userId,
        openedAt,
      },
      region.userId,
      { at: openedAt },
    );
  }
  out.push({
    docId: formatDocId({ kind: 'waves', regionId: DEMO_DIRECTORY.regions[0]!.id }),
    kind: 'waves',
    userId: region.userId,
    update: Y.encodeStateAsUpdate(doc),
  });
}

/** Every demo document, in a stable order. Pure: no database. */
export function demoDocuments(): DemoDocument[] {
  const out: DemoDocument[] = [];
  waves(out);
  for (const school of DEMO_DIRECTORY.schools) {
    const participant = school.lowResults || school.unfavourableConditions;
    if (!participant || LEFT_EMPTY.has(school.id)) continue;
    const author = schoolAuthor(school);
    const high = questionnaires(school, author, out);
    const draw = new Draw(`${school.id}/plans`);
    if (high.length > 0 || draw.chance(0.3)) roadmap(school, author, high, out);
    exams(school, author, out);
    const curator = curatorOf(school.id);
    if (curator) {
      visit(school, curator, iso(4, draw.int(6, 24)), true, out);
      visit(school, curator, iso(12, draw.int(2, 18)), false, out);
    }
  }
  return out;
}

/** Stores the demo documents in the relay's log (one transaction); returns how many. */
export function storeDemoDocuments(odb: OpenDb, now = Date.now()): number {
  const repo = new SyncRepo(odb);
  const docs = demoDocuments();
  repo.transaction(() => {
    for (const d of docs)
      repo.append(
        {
          docId: d.docId,
          kind: d.kind,
          data: d.update,
          userId: d.userId,
          deviceId: DEMO_DEVICE_ID,
        },
        now,
      );
  });
  return docs.length;
}
