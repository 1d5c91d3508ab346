import { describe, expect, it } from 'vitest';
import { evaluate } from '../engine.ts';
import { checkFormDefinition, questionsOf } from '../form.ts';
import { FORMS, formById } from './index.ts';
import { RISK_FACTORS } from '../risk-factors.ts';
import { riskDiagnosticForm } from './risk-diagnostic.ts';

describe('questionnaire definitions', () => {
  it('names the six questionnaires of the seeds', () => {
    expect(FORMS.map((f) => f.id)).toEqual([
      'risk_diagnostic',
      'school_environment',
      'management',
      'teaching',
      'programme_participant',
      'programme_leader',
    ]);
    expect(formById('management')?.title).toBe('Качество управления');
    expect(formById('nope')).toBeUndefined();
  });

  for (const form of FORMS) {
    it(`${form.id} is a sound definition`, () => {
      expect(checkFormDefinition(form)).toEqual([]);
      expect(questionsOf(form).length).toBeGreaterThanOrEqual(12);
      // An empty form asks its first section and reports its first required question.
      expect(evaluate(form, { values: {} }).firstUnansweredRequired).not.toBeNull();
    });
  }

  it('the diagnostic has a section of at least four questions per risk factor', () => {
    for (const f of RISK_FACTORS) {
      const section = riskDiagnosticForm.sections.find((s) => s.id === f.id);
      expect(section?.questions.length ?? 0, f.id).toBeGreaterThanOrEqual(4);
    }
  });
});
