/**
 * Deterministic generator of a region's dashboard inputs: a directory of N
 * schools (2,000 by default) over 20 municipalities, their curators, and the
 * summaries every dashboard reads (questionnaires × waves, risk profiles,
 * roadmaps, visits, exam results with regional averages, a calendar and the
 * plan-schedule). Everything comes from one seeded PRNG, so two runs with the
 * same options produce the same data, byte for byte. The dashboard benchmark
 * (`npm run bench:dashboard`) builds its screens from this; `buildDashboards`
 * runs every aggregation once, as the first render of each screen would.
 */
import { mulberry32 } from '@opora/shared/random';
import {
  CORE_EXAM_INDICATORS,
  EXAM_INDICATORS,
  buildCompletionMatrix,
  buildCuratorActivity,
  buildRiskHeatmap,
  buildRoadmapExecution,
  cohortExamDynamics,
  evaluateCalendar,
  evaluatePlan,
  findNonEngagedSchools,
  lastActivityBySchool,
  parseParticipationTargets,
  parsePlannedFigure,
  parseRussianPeriod,
  type CalendarItem,
  type CompletionFormInput,
  type CuratorInput,
  type DirectorySnapshot,
  type ExamResult,
  type Municipality,
  type Partnership,
  type PlanActivity,
  type QuestionnaireSummaryInput,
  type RegionalAverage,
  type RiskFactorColumn,
  type RiskLevel,
  type RiskProfileInput,
  type RoadmapSummaryInput,
  type School,
  type Track,
  type VisitSummaryInput,
  type WaveInput,
} from '@opora/shared';

/** Options of the generator. */
export interface DashboardDataOptions {
  schools?: number;
  municipalities?: number;
  seed?: number;
  /** The school year the data is about. */
  year?: number;
}

/** Everything the dashboards read, for one region. */
export interface DashboardData {
  year: number;
  /** "Today" of the data set. */
  asOf: string;
  directory: DirectorySnapshot;
  curators: CuratorInput[];
  waves: WaveInput[];
  forms: CompletionFormInput[];
  questionnaires: QuestionnaireSummaryInput[];
  riskFactors: RiskFactorColumn[];
  riskProfiles: RiskProfileInput[];
  roadmaps: RoadmapSummaryInput[];
  visits: VisitSummaryInput[];
  examResults: ExamResult[];
  regionalAverages: RegionalAverage[];
  calendar: CalendarItem[];
  plan: PlanActivity[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const day = (year: number, month: number, d: number) => `${year}-${pad(month)}-${pad(d)}`;

/** The ten risk factors of the federal toolkit (ФИОКО), as heatmap columns. */
export const BENCH_RISK_FACTORS: RiskFactorColumn[] = [
  { id: 'equipment', label: 'Низкий уровень оснащения школы' },
  { id: 'staff_shortage', label: 'Дефицит педагогических кадров' },
  {
    id: 'teacher_competence',
    label: 'Недостаточная предметная и методическая компетентность педагогов',
  },
  { id: 'adaptivity', label: 'Риски низкой адаптивности учебного процесса' },
  { id: 'in_school_pd', label: 'Несформированность внутришкольной системы повышения квалификации' },
  { id: 'climate', label: 'Пониженный уровень качества школьной образовательной среды' },
  { id: 'at_risk_students', label: 'Высокая доля обучающихся с рисками учебной неуспешности' },
  {
    id: 'learning_difficulties',
    label: 'Недостаточная работа с обучающимися с трудностями в обучении',
  },
  { id: 'parents', label: 'Низкий уровень вовлечённости родителей' },
  { id: 'motivation', label: 'Низкая учебная мотивация обучающихся' },
];

const SCHOOL_KINDS = ['МБОУ СОШ', 'МБОУ ООШ', 'МОУ СОШ', 'МБОУ Гимназия', 'МБОУ Лицей'];
const PLACES = [
  'Ёлкино',
  'Берёзовка',
  'Сосновка',
  'Заречье',
  'Никольское',
  'Покровка',
  'Ивановка',
  'Луговое',
];
const LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

/** Generates a region's dashboard inputs (deterministic in the options). */
export function generateDashboardData(options: DashboardDataOptions = {}): DashboardData {
  const n = options.schools ?? 2000;
  const nm = options.municipalities ?? 20;
  const year = options.year ?? 2026;
  const rnd = mulberry32(options.seed ?? 500);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const asOf = day(year, 11, 15);

  const municipalities: Municipality[] = Array.from({ length: nm }, (_, i) => ({
    id: `m${pad(i + 1)}`,
    regionId: 'r1',
    name: `Муниципальный район № ${i + 1}`,
  }));
  const schools: School[] = Array.from({ length: n }, (_, i) => {
    const lowResults = rnd() < 0.35;
    const unfavourableConditions = !lowResults && rnd() < 0.2;
    const leader = !lowResults && !unfavourableConditions && rnd() < 0.1;
    const cohortYear =
      lowResults && rnd() < 0.6 ? pick([year - 3, year - 2, year - 1, year]) : null;
    const tracks: Track[] = [];
    if (lowResults) tracks.push(1);
    if (unfavourableConditions) tracks.push(2);
    if (tracks.length) tracks.push(3);
    return {
      id: `s${pad(i + 1, 5)}`,
      municipalityId: pick(municipalities).id,
      name: `${pick(SCHOOL_KINDS)} № ${int(1, 40)} с. ${pick(PLACES)}`,
      lowResults,
      unfavourableConditions,
      leader,
      cohortYear,
      tracks,
      cluster: pick(['A', 'B', 'C', 'D', null]),
      rural: rnd() < 0.6,
    };
  });
  const leaders = schools.filter((s) => s.leader);
  const partnerships: Partnership[] = schools
    .filter((s) => s.lowResults && leaders.length > 0 && rnd() < 0.5)
    .map((s) => ({ leaderSchoolId: pick(leaders).id, schoolId: s.id, year }));

  const curators: CuratorInput[] = [];
  for (let i = 0; i < n; i += 4)
    curators.push({
      id: `u-cur-${pad(curators.length + 1, 4)}`,
      name: `Куратор ${curators.length + 1}`,
      schoolIds: schools.slice(i, i + 4).map((s) => s.id),
    });

  const waves: WaveInput[] = [
    {
      id: `${year}-entry`,
      label: `Входной мониторинг ${year}`,
      start: day(year, 3, 1),
      end: day(year, 3, 31),
    },
    {
      id: `${year}-mid`,
      label: `Промежуточный мониторинг ${year}`,
      start: day(year, 10, 1),
      end: day(year, 10, 31),
    },
    {
      id: `${year}-final`,
      label: `Итоговый мониторинг ${year}`,
      start: day(year, 11, 20),
      end: day(year, 12, 15),
    },
  ];
  const forms: CompletionFormInput[] = [
    { id: 'risk_diagnostic', label: 'Диагностика факторов риска' },
    { id: 'school_environment', label: 'Качество школьной среды' },
    { id: 'management', label: 'Качество управления' },
    { id: 'teaching', label: 'Качество преподавания' },
    {
      id: 'programme_participant',
      label: 'Анкета для школ-участников',
      appliesTo: { flags: ['lowResults', 'unfavourableConditions'] },
    },
    { id: 'programme_leader', label: 'Анкета для школ-лидеров', appliesTo: { flags: ['leader'] } },
  ];

  const questionnaires: QuestionnaireSummaryInput[] = [];
  const riskProfiles: RiskProfileInput[] = [];
  const roadmaps: RoadmapSummaryInput[] = [];
  const visits: VisitSummaryInput[] = [];
  const examResults: ExamResult[] = [];
  for (const s of schools) {
    const diligence = rnd();
    for (const w of waves) {
      const wStart = Date.parse(w.start);
      if (Date.parse(asOf) < wStart) continue;
      for (const f of forms) {
        const r = rnd();
        if (r > 0.15 + diligence * 0.8) continue;
        const submitted = r < diligence * 0.7;
        const at = new Date(wStart + int(0, 45) * 86_400_000).toISOString();
        questionnaires.push({
          schoolId: s.id,
          formId: f.id,
          wave: w.id,
          status: submitted ? 'submitted' : 'in_progress',
          percentComplete: submitted ? 100 : int(5, 95),
          submittedAt: submitted ? at : null,
          updatedAt: at,
        });
      }
      const levels: Record<string, RiskLevel | null> = {};
      for (const f of BENCH_RISK_FACTORS) levels[f.id] = rnd() < 0.05 ? null : pick(LEVELS);
      riskProfiles.push({ schoolId: s.id, wave: w.id, levels, assessedAt: w.end });
    }
    if (rnd() < 0.9) {
      const total = int(8, 30);
      const done = int(0, total);
      const late = int(0, total - done);
      const indicators = int(3, 12);
      roadmaps.push({
        schoolId: s.id,
        year,
        measures: { done, late, planned: total - done - late },
        indicators: { total: indicators, onTrack: int(0, indicators) },
        updatedAt: new Date(Date.parse(asOf) - int(0, 90) * 86_400_000).toISOString(),
      });
    }
    const curator = curators[Math.floor(schools.indexOf(s) / 4)];
    for (let v = int(0, 6); v > 0; v--) {
      const date = day(year, int(1, 12), int(1, 28));
      visits.push({
        schoolId: s.id,
        visitId: `v${visits.length + 1}`,
        curatorId: curator?.id ?? 'u-cur-0001',
        date,
        status: date > asOf ? 'planned' : rnd() < 0.1 ? 'cancelled' : 'done',
        updatedAt: `${date}T12:00:00Z`,
      });
    }
    const base = 40 + rnd() * 25;
    for (let y = year - 3; y < year; y++)
      for (const indicator of EXAM_INDICATORS)
        if (rnd() < 0.9)
          examResults.push({
            schoolId: s.id,
            year: y,
            indicator,
            average: Math.round((base + (rnd() - 0.4) * 12) * 10) / 10,
          });
  }
  const regionalAverages: RegionalAverage[] = [];
  for (let y = year - 3; y < year; y++)
    for (const indicator of EXAM_INDICATORS)
      regionalAverages.push({ year: y, indicator, average: 55 + int(0, 10) });

  const calendarSpecs: [string, string, string][] = [
    [
      'Доработка антирисковых программ',
      'До 19 сентября',
      'Собеседование с директорами и кураторами',
    ],
    [
      'Марафон школьных управленческих и педагогических практик',
      'С 23 сентября',
      'Обеспечить участие 100% школ и кураторов',
    ],
    ['Вебинар по обновлённым ФГОС', '30 сентября', 'Участие 100% школ'],
    [
      'Дискуссионная площадка «Стратегии школьных улучшений»',
      'октябрь',
      'Участие 100% школ и кураторов',
    ],
    [
      'Конкурс «Панорама методических кейсов»',
      'ноябрь',
      'Не менее 25% ШНОР/ШНСУ представили практики',
    ],
    [
      'Анализ реализации программ перехода',
      'ноябрь',
      '100% заполнили шаблон аналитической справки',
    ],
    ['Школа методиста', '30 ноября', 'Направить муниципальных координаторов'],
    ['Муниципальный план сопровождения ШНОР/ШНСУ', '4 квартал', 'Направить план'],
  ];
  const calendar: CalendarItem[] = calendarSpecs.map(([title, period, request], i) => ({
    id: `cal-${i + 1}`,
    title,
    period: parseRussianPeriod(period, year),
    request,
    targets: parseParticipationTargets(request),
    marks: [
      ...schools
        .filter(() => rnd() < 0.7)
        .map((s) => ({ kind: 'school' as const, id: s.id, at: asOf, by: 'u-mc' })),
      ...curators
        .filter(() => rnd() < 0.6)
        .map((c) => ({ kind: 'curator' as const, id: c.id, at: asOf, by: 'u-mc' })),
    ],
    createdAt: `${year}-09-07T10:00:00Z`,
    createdBy: 'u-rc',
  }));

  const months = [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ];
  const plan: PlanActivity[] = Array.from({ length: 28 }, (_, i) => {
    const planned = parsePlannedFigure(
      pick(['1', '3', '5', '10', '100%', '30 (по 3 в каждой школе)']),
    );
    const entered = rnd() < 0.6;
    return {
      id: `act-${i + 1}`,
      number: i + 1,
      title: `Мероприятие плана-графика № ${i + 1}`,
      period: parseRussianPeriod(pick(months), year),
      planned,
      metric: i % 7 === 0 ? { kind: 'partnerships' } : null,
      actual: entered && planned ? Math.round(planned.value * (0.5 + rnd() * 0.7)) : null,
      actualAt: entered ? asOf : null,
      actualBy: entered ? 'u-rc' : null,
    };
  });

  return {
    year,
    asOf,
    directory: { regions: [{ id: 'r1', name: 'Регион' }], municipalities, schools, partnerships },
    curators,
    waves,
    forms,
    questionnaires,
    riskFactors: BENCH_RISK_FACTORS,
    riskProfiles,
    roadmaps,
    visits,
    examResults,
    regionalAverages,
    calendar,
    plan,
  };
}

/** Builds every dashboard once from the data, as each screen's first render would. */
export function buildDashboards(data: DashboardData) {
  const { schools, partnerships } = data.directory;
  return {
    completion: buildCompletionMatrix({
      schools,
      forms: data.forms,
      waves: data.waves,
      summaries: data.questionnaires,
      asOf: data.asOf,
    }),
    risk: buildRiskHeatmap({
      schools,
      factors: data.riskFactors,
      profiles: data.riskProfiles,
      sort: { by: 'score' },
    }),
    roadmap: buildRoadmapExecution({ schools, roadmaps: data.roadmaps, year: data.year }),
    nonEngaged: findNonEngagedSchools({
      schools,
      lastActivity: lastActivityBySchool({
        questionnaires: data.questionnaires,
        roadmaps: data.roadmaps,
        visits: data.visits,
      }),
      asOf: data.asOf,
      days: 30,
    }),
    curators: buildCuratorActivity({
      curators: data.curators,
      schools,
      visits: data.visits,
      asOf: data.asOf,
      staleAfterDays: 60,
    }),
    exams: cohortExamDynamics({
      schools,
      results: data.examResults,
      regional: data.regionalAverages,
      year: data.year - 1,
      indicators: CORE_EXAM_INDICATORS,
    }),
    calendar: evaluateCalendar({
      items: data.calendar,
      schools,
      curators: data.curators,
      asOf: data.asOf,
    }),
    plan: evaluatePlan({
      activities: data.plan,
      asOf: data.asOf,
      year: data.year,
      context: {
        year: data.year,
        schools,
        partnerships,
        roadmaps: data.roadmaps,
        visits: data.visits,
      },
    }),
  };
}
