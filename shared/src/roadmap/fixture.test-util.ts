/** A fixture roadmap for tests: two problems, indicators with values, measures, comments. */
import * as Y from 'yjs';
import { RoadmapEditor } from './model.ts';

/** Deterministic random source for fixtures. */
export function seq(seed = 1): () => number {
  let x = seed;
  return () => {
    x = (x * 16807) % 2147483647;
    return (x - 1) / 2147483646;
  };
}

/** Builds the fixture and returns the document, an editor and the ids of interest. */
export function fixtureRoadmap(): {
  doc: Y.Doc;
  ed: RoadmapEditor;
  ids: { p1: string; p2: string; i1: string; i2: string; m1: string; m2: string; m3: string };
} {
  const doc = new Y.Doc();
  let t = Date.UTC(2026, 8, 1);
  const ed = new RoadmapEditor(doc, {
    actor: { userId: 'director-1', name: 'Иванова А. П.' },
    now: () => (t += 60_000),
    random: seq(7),
  });
  ed.init();
  ed.setMeta('title', 'Дорожная карта 2026/2027');
  ed.setMeta('periodStart', '2026-09-01');
  ed.setMeta('periodEnd', '2027-05-31');
  ed.addDirection('subject_results');
  ed.addDirection('parents');
  const p1 = ed.addProblem({
    title: 'Высокая доля обучающихся с рисками учебной неуспешности',
    factorIds: ['students_at_risk'],
  });
  ed.problemText(p1, 'goal').insert(
    0,
    'Снизить долю обучающихся с неудовлетворительными результатами ВПР до 10 % к 31 мая 2027 года',
  );
  ed.addTask(p1, 'Провести диагностику трудностей в обучении');
  ed.addTask(p1, 'Организовать дополнительные занятия');
  const i1 = ed.addIndicator(p1, {
    name: 'Доля «2» по ВПР',
    unit: '%',
    baseline: 30,
    target: 10,
    direction: 'lower_is_better',
    method: 'Протоколы ВПР',
  });
  ed.addIndicatorValue(i1, { date: '2026-12-20', value: 24 });
  const m1 = ed.addMeasure(p1, {
    title: 'Диагностика по математике',
    start: '2026-09-10',
    end: '2026-09-30',
    responsible: 'Петров И. И.',
    status: 'done',
  });
  const m2 = ed.addMeasure(p1, {
    title: 'Дополнительные занятия',
    start: '2026-10-01',
    end: '2026-12-15',
    responsible: 'Сидорова Е. В.',
  });
  ed.addEvidence(m1, { kind: 'link', text: 'Протокол', url: 'https://example.org/p.pdf' });
  ed.problemText(p1, 'analysis').insert(0, 'Ежемесячный анализ результатов контрольных работ');
  const p2 = ed.addProblem({
    title: 'Низкая вовлечённость родителей',
    factorIds: ['parent_involvement', 'students_at_risk'],
  });
  ed.problemText(p2, 'goal').insert(0, 'Повысить вовлечённость родителей');
  const i2 = ed.addIndicator(p2, {
    name: 'Посещаемость собраний',
    unit: '%',
    baseline: 40,
    target: 70,
  });
  ed.addIndicatorValue(i2, { date: '2027-01-15', value: 60 });
  const m3 = ed.addMeasure(p2, {
    title: 'Родительский клуб',
    start: '2026-10-01',
    end: '2027-04-30',
    status: 'in_progress',
  });
  ed.addResource({ title: 'Муниципальный методический центр', level: 'municipal' });
  ed.conclusionText('overall').insert(0, 'Программа выполняется по плану.');
  return { doc, ed, ids: { p1, p2, i1, i2, m1, m2, m3 } };
}
