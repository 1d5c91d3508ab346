/**
 * Titles of the questionnaires by form id, without the form definitions: lists
 * and titles on the first screen import this, not the forms (about 90 KB).
 * `form-titles.test.ts` keeps it equal to the definitions.
 */
export const FORM_TITLES: Readonly<Record<string, string>> = {
  risk_diagnostic: 'Диагностика факторов риска учебной неуспешности',
  school_environment: 'Качество школьной среды',
  management: 'Качество управления',
  teaching: 'Качество преподавания и организации учебного процесса',
  programme_participant: 'Анкета для школ-участников проекта',
  programme_leader: 'Анкета для школ-лидеров',
};

/** The form ids in the order of the definitions (lists show the forms in this order). */
export const FORM_IDS: readonly string[] = Object.keys(FORM_TITLES);
