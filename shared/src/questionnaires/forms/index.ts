/** The questionnaires of the programme, by id. */
import type { FormDefinition } from '../form.ts';
import { managementForm } from './management.ts';
import { programmeLeaderForm } from './programme-leader.ts';
import { programmeParticipantForm } from './programme-participant.ts';
import { riskDiagnosticForm } from './risk-diagnostic.ts';
import { schoolEnvironmentForm } from './school-environment.ts';
import { teachingForm } from './teaching.ts';

export { riskDiagnosticForm } from './risk-diagnostic.ts';
export { RISK_FACTORS, type RiskFactorId } from '../risk-factors.ts';
export { schoolEnvironmentForm } from './school-environment.ts';
export { managementForm, PRIORITY_DIRECTION_OPTIONS } from './management.ts';
export { teachingForm } from './teaching.ts';
export { programmeParticipantForm, EXAM_OPTIONS } from './programme-participant.ts';
export { programmeLeaderForm } from './programme-leader.ts';

/** Every questionnaire, in the order lists show them. */
export const FORMS: readonly FormDefinition[] = [
  riskDiagnosticForm,
  schoolEnvironmentForm,
  managementForm,
  teachingForm,
  programmeParticipantForm,
  programmeLeaderForm,
];

/** A form by id (the `formId` of a questionnaire document id), or undefined. */
export function formById(id: string): FormDefinition | undefined {
  return FORMS.find((f) => f.id === id);
}
