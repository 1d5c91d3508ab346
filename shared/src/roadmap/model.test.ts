import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateShape } from '../documents/layout.ts';
import { RISK_FACTORS } from '../questionnaires/risk-factors.ts';
import { antiRiskProgrammes } from './anti-risk.ts';
import { DocInputError } from './crdt-kit.ts';
import { fixtureRoadmap, seq } from './fixture.test-util.ts';
import { RoadmapEditor, readRoadmap } from './model.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function replicaOf(doc: Y.Doc, userId: string, seed: number): { doc: Y.Doc; ed: RoadmapEditor } {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let t = Date.UTC(2026, 10, 1);
  return {
    doc: copy,
    ed: new RoadmapEditor(copy, { actor: { userId }, now: () => (t += 1000), random: seq(seed) }),
  };
}

describe('roadmap model', () => {
  it('reads back what the editor wrote, in order', () => {
    const { ed, ids } = fixtureRoadmap();
    const r = ed.snapshot();
    expect(r.title.value).toBe('Дорожная карта 2026/2027');
    expect(r.problems.map((p) => p.id)).toEqual([ids.p1, ids.p2]);
    const p1 = r.problems[0];
    expect(p1?.tasks.map((t) => t.text)).toEqual([
      'Провести диагностику трудностей в обучении',
      'Организовать дополнительные занятия',
    ]);
    expect(p1?.indicators[0]?.direction.value).toBe('lower_is_better');
    expect(p1?.indicators[0]?.values.map((v) => v.value)).toEqual([24]);
    expect(p1?.measures.map((m) => m.status.value)).toEqual(['done', 'planned']);
    expect(p1?.measures[0]?.evidence[0]?.url).toBe('https://example.org/p.pdf');
    expect(r.directions.map((d) => d.code)).toEqual(['subject_results', 'parents']);
    expect(r.conclusions.overall?.text).toBe('Программа выполняется по плану.');
  });

  it('keeps the document within the relay layout', () => {
    const { doc } = fixtureRoadmap();
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(doc));
    expect(() => validateShape(relay, 'roadmap')).not.toThrow();
    // and the relay can read it with the same code
    expect(readRoadmap(relay).problems).toHaveLength(2);
  });

  it('moves by order key and places items where asked', () => {
    const { ed, ids } = fixtureRoadmap();
    ed.moveProblem(ids.p2, { after: null });
    expect(ed.snapshot().problems.map((p) => p.id)).toEqual([ids.p2, ids.p1]);
    ed.moveItem('measure', ids.m1, {});
    expect(ed.snapshot().problems[1]?.measures.map((m) => m.id)).toEqual([ids.m2, ids.m1]);
    expect(() => ed.moveProblem(ids.p1, { after: ids.p1 })).toThrow(DocInputError);
    expect(() => ed.moveProblem('nope', {})).toThrow(DocInputError);
  });

  it('records history with author, action and the label at the time', () => {
    const { ed, ids } = fixtureRoadmap();
    ed.setMeasureField(ids.m2, 'status', 'in_progress');
    ed.deleteItem('measure', ids.m2);
    const h = ed.snapshot().history;
    const last2 = h.slice(-2);
    expect(last2.map((e) => [e.action, e.targetId, e.field, e.value])).toEqual([
      ['update', ids.m2, 'status', 'in_progress'],
      ['delete', ids.m2, '', null],
    ]);
    expect(last2[1]?.label).toBe('Дополнительные занятия');
    expect(last2[1]?.byName).toBe('Иванова А. П.');
  });

  it('records every kind of edit, once per call, with who, what and when', () => {
    const { ed, ids } = fixtureRoadmap();
    const calls: [() => void, string, string, string, string | number | boolean | null][] = [
      [() => ed.setMeta('periodEnd', '2027-06-30'), 'update', 'roadmap', 'periodEnd', '2027-06-30'],
      [
        () => ed.setProblemFactor(ids.p1, 'weak_staff', true),
        'update',
        'problem',
        'factors',
        'weak_staff',
      ],
      [
        () => ed.setProblemDirection(ids.p1, 'parents', false),
        'update',
        'problem',
        'directions',
        '-parents',
      ],
      [() => ed.noteTextEdited('problem', ids.p1, 'goal'), 'edit_text', 'problem', 'goal', null],
      [() => ed.addTask(ids.p1, 'Новая задача'), 'create', 'task', '', null],
      [() => ed.setIndicatorField(ids.i1, 'target', 8), 'update', 'indicator', 'target', 8],
      [
        () => ed.addIndicatorValue(ids.i1, { date: '2027-01-20', value: 21 }),
        'update',
        'indicator',
        'values',
        21,
      ],
      [() => ed.setMeasureField(ids.m1, 'status', 'done'), 'update', 'measure', 'status', 'done'],
      [
        () => ed.addEvidence(ids.m1, { kind: 'note', text: 'Протокол' }),
        'update',
        'measure',
        'evidence',
        'Протокол',
      ],
      [() => ed.moveItem('measure', ids.m1, {}), 'move', 'measure', '', null],
      [() => ed.addComment('measure', ids.m1, 'Хорошо'), 'create', 'comment', '', null],
      [() => ed.addResource({ title: 'ИРО' }), 'create', 'resource', '', null],
      [() => ed.deleteItem('indicator', ids.i2), 'delete', 'indicator', '', null],
      [() => ed.deleteProblem(ids.p2), 'delete', 'problem', '', null],
    ];
    for (const [call, action, kind, field, value] of calls) {
      const before = ed.snapshot().history;
      call();
      const after = ed.snapshot().history;
      expect(after.length, `${action} ${kind} ${field}`).toBe(before.length + 1);
      const e = after[after.length - 1];
      expect([e?.action, e?.targetKind, e?.field, e?.value]).toEqual([action, kind, field, value]);
      expect(e?.by).toBe('director-1');
      expect(e?.byName).toBe('Иванова А. П.');
      expect(e?.at).toBeGreaterThan(before[before.length - 1]?.at ?? 0);
    }
    const values = ed.snapshot().problems[0]?.indicators.find((i) => i.id === ids.i1)?.values;
    const last = values?.[values.length - 1];
    ed.deleteIndicatorValue(ids.i1, last?.id ?? '');
    const comment = ed.snapshot().comments.at(-1);
    ed.setCommentResolved(comment?.id ?? '', true);
    expect(
      ed
        .snapshot()
        .history.slice(-2)
        .map((e) => [e.action, e.targetKind, e.field, e.value]),
    ).toEqual([
      ['update', 'indicator', 'values', null],
      ['resolve', 'comment', '', null],
    ]);
  });

  it('coalesces text-edit notes per person, item and field', () => {
    const { ed, ids } = fixtureRoadmap();
    const before = ed.snapshot().history.length;
    ed.noteTextEdited('problem', ids.p1, 'goal');
    ed.noteTextEdited('problem', ids.p1, 'goal');
    ed.noteTextEdited('problem', ids.p1, 'analysis');
    expect(ed.snapshot().history.length - before).toBe(2);
  });

  it('writes a one-line field per keystroke without history, and records the edit once when left', () => {
    const { doc, ids } = fixtureRoadmap();
    const a = replicaOf(doc, 'director-1', 21);
    const b = replicaOf(doc, 'curator', 22);
    const before = readRoadmap(a.doc).history.length;
    const name = 'Сидорова Е. В.';
    for (let i = 1; i <= name.length; i++) {
      a.ed.typing(() => a.ed.setMeasureField(ids.m2, 'responsible', name.slice(0, i)));
      // Each keystroke reaches the other replica as it is typed: one value, never a conflict.
      sync(a.doc, b.doc);
      const seen = readRoadmap(b.doc).problems[0]?.measures[1]?.responsible;
      expect(seen).toMatchObject({ value: name.slice(0, i), conflict: false });
      expect(seen?.versions).toHaveLength(1);
    }
    expect(readRoadmap(a.doc).history.length).toBe(before);
    // The field is left: one entry, with the whole value.
    a.ed.setMeasureField(ids.m2, 'responsible', name);
    const h = readRoadmap(a.doc).history.slice(before);
    expect(h.map((e) => [e.action, e.targetId, e.field, e.value])).toEqual([
      ['update', ids.m2, 'responsible', name],
    ]);
    expect(readRoadmap(a.doc).conflicts).toEqual([]);
  });

  it("keeps a value typed concurrently with another replica's write as a conflict", () => {
    const { doc, ids } = fixtureRoadmap();
    const a = replicaOf(doc, 'director-1', 23);
    const b = replicaOf(doc, 'curator', 24);
    a.ed.typing(() => a.ed.setMeasureField(ids.m2, 'responsible', 'Сид'));
    sync(a.doc, b.doc);
    // B overwrites what it saw while A, not having seen that yet, types on in the same key.
    b.ed.setMeasureField(ids.m2, 'responsible', 'Петров И. И.');
    a.ed.typing(() => a.ed.setMeasureField(ids.m2, 'responsible', 'Сидорова'));
    sync(a.doc, b.doc);
    const r = readRoadmap(b.doc).problems[0]?.measures[1]?.responsible;
    expect(r?.conflict).toBe(true);
    expect(r?.versions.map((v) => v.value).sort()).toEqual(['Петров И. И.', 'Сидорова']);
    // A leaves the field having seen both: its value supersedes them.
    a.ed.setMeasureField(ids.m2, 'responsible', 'Сидорова');
    sync(a.doc, b.doc);
    expect(readRoadmap(b.doc).problems[0]?.measures[1]?.responsible).toMatchObject({
      value: 'Сидорова',
      conflict: false,
    });
  });

  it('stores a keystroke of a one-line field in a few bytes: it overwrites its own key', () => {
    const grow = (typing: boolean): number => {
      const { doc, ed, ids } = fixtureRoadmap();
      const start = Y.encodeStateAsUpdateV2(doc).length;
      const text = 'Ответственный за проведение занятий';
      for (let i = 1; i <= text.length; i++) {
        const write = () => ed.setIndicatorField(ids.i1, 'unit', text.slice(0, i));
        if (typing) ed.typing(write);
        else write();
      }
      return (Y.encodeStateAsUpdateV2(doc).length - start) / text.length;
    };
    // Measured: about 3 bytes typing, about 260 as separate writes (a fresh key and an entry each).
    expect(grow(true)).toBeLessThan(16);
    expect(grow(false)).toBeGreaterThan(100);
  });

  it('keeps both values of a concurrent status change as a conflict, resolved by a new write', () => {
    const { doc, ids } = fixtureRoadmap();
    const a = replicaOf(doc, 'coordinator', 11);
    const b = replicaOf(doc, 'curator', 12);
    a.ed.setMeasureField(ids.m2, 'status', 'done');
    b.ed.setMeasureField(ids.m2, 'status', 'cancelled');
    sync(a.doc, b.doc);
    const m = readRoadmap(a.doc).problems[0]?.measures[1];
    expect(m?.status.conflict).toBe(true);
    expect(m?.status.versions.map((v) => [v.value, v.by]).sort()).toEqual([
      ['cancelled', 'curator'],
      ['done', 'coordinator'],
    ]);
    expect(readRoadmap(b.doc).conflicts).toEqual([
      { targetKind: 'measure', targetId: ids.m2, field: 'status' },
    ]);
    b.ed.setMeasureField(ids.m2, 'status', 'done');
    sync(a.doc, b.doc);
    expect(readRoadmap(a.doc).problems[0]?.measures[1]?.status).toMatchObject({
      value: 'done',
      conflict: false,
    });
    expect(readRoadmap(a.doc).conflicts).toEqual([]);
  });

  it('shows a direction picked on two replicas once and removes it everywhere', () => {
    const { doc } = fixtureRoadmap();
    const a = replicaOf(doc, 'a', 21);
    const b = replicaOf(doc, 'b', 22);
    a.ed.addDirection('assessment');
    b.ed.addDirection('assessment');
    sync(a.doc, b.doc);
    const dirs = readRoadmap(a.doc).directions.filter((d) => d.code === 'assessment');
    expect(dirs).toHaveLength(1);
    expect(dirs[0]?.entryIds).toHaveLength(2);
    a.ed.removeDirection('assessment');
    sync(a.doc, b.doc);
    expect(readRoadmap(b.doc).directions.map((d) => d.code)).toEqual([
      'subject_results',
      'parents',
    ]);
  });

  it('keeps both first drafts of a conclusion written concurrently, and merges them', () => {
    const { doc } = fixtureRoadmap();
    const a = replicaOf(doc, 'a', 31);
    const b = replicaOf(doc, 'b', 32);
    a.ed.conclusionText('decisions').insert(0, 'Решение А');
    b.ed.conclusionText('decisions').insert(0, 'Решение Б');
    sync(a.doc, b.doc);
    const c = readRoadmap(a.doc).conclusions.decisions;
    expect(c?.conflict).toBe(true);
    expect([...(c?.variants ?? [])].sort()).toEqual(['Решение А', 'Решение Б']);
    a.ed.mergeConclusion('decisions');
    sync(a.doc, b.doc);
    const merged = readRoadmap(b.doc).conclusions.decisions;
    expect(merged?.conflict).toBe(false);
    expect(merged?.text).toContain('Решение А');
    expect(merged?.text).toContain('Решение Б');
  });

  it('comments on items, resolves them and notices deleted targets', () => {
    const { ed, ids } = fixtureRoadmap();
    const c1 = ed.addComment('measure', ids.m2, 'Уточните сроки');
    ed.addComment('problem', ids.p2, 'Цель не измерима');
    ed.setCommentResolved(c1, true);
    ed.deleteItem('measure', ids.m2);
    const cs = ed.snapshot().comments;
    expect(cs.map((c) => [c.text, c.resolved.value ?? false, c.targetExists])).toEqual([
      ['Уточните сроки', true, false],
      ['Цель не измерима', false, true],
    ]);
    expect(() => ed.addComment('problem', ids.p1, '  ')).toThrow(DocInputError);
  });

  it('refuses bad input', () => {
    const { ed, ids } = fixtureRoadmap();
    expect(() => ed.setMeasureField(ids.m1, 'end', '2026-02-30')).toThrow(DocInputError);
    expect(() => ed.addIndicatorValue(ids.i1, { date: '2026-13-01', value: 1 })).toThrow(
      DocInputError,
    );
    expect(() => ed.addIndicatorValue(ids.i1, { date: '2026-12-01', value: Number.NaN })).toThrow(
      DocInputError,
    );
    expect(() => ed.addDirection('other')).toThrow(DocInputError);
  });

  it('take the risk factors of the questionnaires module as they are', () => {
    const { ed } = fixtureRoadmap();
    const view = antiRiskProgrammes(ed.snapshot(), { today: '2027-01-20' }, RISK_FACTORS, true);
    expect(view.programmes).toHaveLength(RISK_FACTORS.length);
    expect(view.programmes.find((p) => p.factorId === 'parent_involvement')?.problems).toHaveLength(
      1,
    );
    expect(view.programmes[0]?.factorTitle).toBe('Низкий уровень оснащения школы');
  });
});

describe('anti-risk programmes', () => {
  it('are views grouped by factor, sharing the roadmap problems', () => {
    const { ed, ids } = fixtureRoadmap();
    ed.addProblem({ title: 'Без фактора' });
    const r = ed.snapshot();
    const view = antiRiskProgrammes(r, { today: '2027-01-20' }, [
      { id: 'parent_involvement', title: 'Низкий уровень вовлечённости родителей' },
      { id: 'equipment', title: 'Низкий уровень оснащения школы' },
      { id: 'students_at_risk', title: 'Высокая доля обучающихся с рисками учебной неуспешности' },
    ]);
    expect(view.programmes.map((p) => [p.factorId, p.problems.map((x) => x.id)])).toEqual([
      ['parent_involvement', [ids.p2]],
      ['students_at_risk', [ids.p1, ids.p2]],
    ]);
    expect(view.programmes[1]?.problems[1]).toBe(r.problems[1]);
    expect(view.programmes[1]?.measures.total).toBe(3);
    expect(view.programmes[0]?.title).toBe(
      'Антирисковая программа: Низкий уровень вовлечённости родителей',
    );
    expect(view.unlinked.map((p) => p.title)).toEqual(['Без фактора']);
    const withEmpty = antiRiskProgrammes(
      r,
      { today: '2027-01-20' },
      [{ id: 'equipment', title: 'Оснащение' }],
      true,
    );
    expect(withEmpty.programmes.map((p) => p.factorId)).toEqual([
      'equipment',
      'parent_involvement',
      'students_at_risk',
    ]);
  });

  it('take the risk factors of the questionnaires module as they are', () => {
    const { ed } = fixtureRoadmap();
    const view = antiRiskProgrammes(ed.snapshot(), { today: '2027-01-20' }, RISK_FACTORS, true);
    expect(view.programmes).toHaveLength(RISK_FACTORS.length);
    expect(view.programmes.find((p) => p.factorId === 'parent_involvement')?.problems).toHaveLength(
      1,
    );
    expect(view.programmes[0]?.factorTitle).toBe('Низкий уровень оснащения школы');
  });
});
