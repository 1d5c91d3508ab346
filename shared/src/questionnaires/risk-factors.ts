/**
 * The ten risk factors of the federal 500+ programme (DOMAIN.md), apart from the
 * risk-diagnostic form so labels and lists can name them without loading it.
 */

/** The ten risk factors, in the federal order. Ids are stable slugs. */
export const RISK_FACTORS = [
  { id: 'low_equipment', title: 'Низкий уровень оснащения школы' },
  { id: 'teacher_shortage', title: 'Дефицит педагогических кадров' },
  {
    id: 'teacher_competence',
    title: 'Недостаточная предметная и методическая компетентность педагогических работников',
  },
  { id: 'low_adaptivity', title: 'Риски низкой адаптивности учебного процесса' },
  {
    id: 'no_inschool_pd',
    title: 'Несформированность внутришкольной системы повышения квалификации',
  },
  {
    id: 'students_at_risk',
    title: 'Высокая доля обучающихся с рисками учебной неуспешности',
  },
  {
    id: 'disabilities_inclusion',
    title: 'Слабая адаптация и инклюзия обучающихся с ограниченными возможностями здоровья (ОВЗ)',
  },
  {
    id: 'school_climate',
    title: 'Пониженный уровень качества школьной образовательной и воспитательной среды',
  },
  { id: 'parent_involvement', title: 'Низкий уровень вовлечённости родителей' },
  { id: 'low_motivation', title: 'Низкая учебная мотивация обучающихся' },
] as const;

/** A risk factor id. */
export type RiskFactorId = (typeof RISK_FACTORS)[number]['id'];
