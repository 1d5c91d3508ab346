import { describe, expect, it } from 'vitest';
import { fixtureRoadmap } from './fixture.test-util.ts';
import {
  buildRoadmapReport,
  formatReportDate,
  formatReportNumber,
  type ReportBlock,
} from './report.ts';
import { summarizeRoadmap } from './summary.ts';

function table(blocks: ReportBlock[], title: string): Extract<ReportBlock, { kind: 'table' }> {
  const t = blocks.find(
    (b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table' && b.title === title,
  );
  if (!t) throw new Error(`no table ${title}`);
  return t;
}

describe('analytical report', () => {
  const { ed, ids } = fixtureRoadmap();
  const report = buildRoadmapReport(ed.snapshot(), {
    today: '2027-01-20',
    schoolName: 'МОУ «СОШ № 2»',
    year: 2026,
  });

  it('has the sections of the template, one per problem', () => {
    expect(report.sections.map((s) => s.key)).toEqual([
      'general',
      'problems',
      `problem:${ids.p1}`,
      `problem:${ids.p2}`,
      'execution',
      'indicators',
      'resources',
      'conclusions',
    ]);
    expect(report.sections[2]?.title).toBe(
      'Проблема 1. Высокая доля обучающихся с рисками учебной неуспешности',
    );
  });

  it('states the facts and flags a non-SMART goal', () => {
    const general = report.sections[0]?.blocks[0];
    expect(general).toMatchObject({ kind: 'facts' });
    expect(JSON.stringify(general)).toContain('01.09.2026 – 31.05.2027');
    const overview = table(report.sections[1]?.blocks ?? [], 'Ключевые проблемы и факторы риска');
    expect(overview.rows.map((r) => r.cells[4])).toEqual([
      'Цель измерима и определена во времени',
      'В цели нет измеримого значения (числа, процента). В цели не указан срок достижения',
    ]);
  });

  it('tabulates indicators with their progress and charts their values', () => {
    const blocks = report.sections[2]?.blocks ?? [];
    const ind = table(blocks, 'Показатели');
    // baseline 30 → target 10 (lower is better), 24 on 2026-12-20 (day 110 of 272): expected ≈ 21.9 → behind
    expect(ind.rows[0]?.cells).toEqual([
      'Доля «2» по ВПР',
      '%',
      '30',
      '10',
      '24',
      '20.12.2026',
      'Отстаёт',
      'Протоколы ВПР',
    ]);
    expect(ind.rows[0]?.flag).toBe('behind');
    const chart = blocks.find((b) => b.kind === 'chart');
    expect(chart).toMatchObject({
      kind: 'chart',
      baseline: 30,
      target: 10,
      values: [{ date: '2026-12-20', value: 24 }],
    });
    const ind2 = table(report.sections[3]?.blocks ?? [], 'Показатели');
    expect(ind2.rows[0]?.cells[6]).toBe('По плану');
  });

  it('marks late measures and totals the plan', () => {
    const ms = table(report.sections[2]?.blocks ?? [], 'План мероприятий');
    expect(ms.rows.map((r) => [r.cells[3], r.flag ?? null])).toEqual([
      ['Выполнено', null],
      ['Запланировано (просрочено)', 'late'],
    ]);
    const exec = table(report.sections[4]?.blocks ?? [], 'Выполнение плана мероприятий');
    expect(exec.rows.at(-1)).toEqual({
      cells: ['Всего', '3', '1', '1', '1', '0', '1'],
      flag: 'total',
    });
  });

  it('carries the editable conclusions from the document', () => {
    const blocks = report.sections.at(-1)?.blocks ?? [];
    expect(blocks.map((b) => (b.kind === 'conclusion' ? [b.sectionKey, b.text] : null))).toEqual([
      ['overall', 'Программа выполняется по плану.'],
      ['decisions', ''],
    ]);
  });

  it('formats dates and numbers the Russian way', () => {
    expect(formatReportDate('2027-05-01')).toBe('01.05.2027');
    expect(formatReportNumber(12.5)).toBe('12,5');
    expect(formatReportNumber(null)).toBe('—');
  });
});

describe('roadmap summary', () => {
  it('counts what dashboards show', () => {
    const { doc, ed, ids } = fixtureRoadmap();
    ed.addComment('measure', ids.m2, 'Просрочено?');
    const s = summarizeRoadmap(doc, '2027-01-20');
    expect(s).toMatchObject({
      v: 1,
      problems: 2,
      directions: 2,
      measures: { total: 3, done: 1, inProgress: 1, planned: 1, cancelled: 0, late: 1 },
      indicators: { total: 2, reached: 0, onTrack: 1, behind: 1, noData: 0, notSet: 0 },
      goalsNotSmart: 1,
      openComments: 1,
      conflicts: 0,
    });
    expect(s.lastChange?.by).toBe('director-1');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
