import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { riskDiagnosticForm } from '@opora/shared';
import { LOCAL_ORIGIN } from '$lib/documents/origins';
import { QuestionnaireModel } from './questionnaire-model';
import { markFactor, readRiskProfile } from './risk-profile-model';

function setup() {
  const doc = new Y.Doc();
  const handle = {
    doc,
    transact: (fn: (d: Y.Doc) => void) => doc.transact(() => fn(doc), LOCAL_ORIGIN),
  };
  const m = new QuestionnaireModel(handle, riskDiagnosticForm, '2026-entry', {
    userId: 'u-director',
    roles: ['school_coordinator'],
    canWrite: true,
  });
  m.init();
  return { doc, handle, m };
}

describe('readRiskProfile', () => {
  it('gives ten factors, unknown without answers, with the answers that drove a level', () => {
    const { doc, m } = setup();
    let profile = readRiskProfile(doc, riskDiagnosticForm);
    expect(profile).toHaveLength(10);
    expect(profile.every((f) => f.level === 'unknown' || !f.applies)).toBe(true);

    m.answer('eq_internet', 'none');
    m.answer('eq_textbooks', 'lacking');
    m.answer('eq_building', 1);
    profile = readRiskProfile(doc, riskDiagnosticForm);
    const eq = profile.find((f) => f.id === 'low_equipment')!;
    expect(eq.title).toBe('Низкий уровень оснащения школы');
    expect(eq.level).toBe('high');
    expect(eq.drivers.map((d) => d.answer)).toContain('В учебных кабинетах доступа нет');
    expect(eq.drivers[0]).toMatchObject({ points: 2, maxPoints: 2 });
    expect(eq.drivers.find((d) => d.answer === 'В учебных кабинетах доступа нет')?.label).toBe(
      'Доступ к интернету в учебных кабинетах',
    );
  });

  it('records the coordinator’s marks as local changes, and unmarks', () => {
    const { doc, handle } = setup();
    const local: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => local.push(origin));
    markFactor(handle, 'parent_involvement', true, 'u-director', 5);
    let f = readRiskProfile(doc, riskDiagnosticForm).find((x) => x.id === 'parent_involvement');
    expect(f?.selected).toEqual({ by: 'u-director', at: 5 });
    expect(local).toEqual([LOCAL_ORIGIN]);
    markFactor(handle, 'parent_involvement', false, 'u-director', 6);
    f = readRiskProfile(doc, riskDiagnosticForm).find((x) => x.id === 'parent_involvement');
    expect(f?.selected).toBeNull();
  });
});
