/** The coordinators' dashboards: inputs, filters, aggregations, documents and exports. */
export * from './inputs.ts';
export { normalizeRu } from './text.ts';
export type { IsoDate } from './dates.ts';
export * from './period.ts';
export * from './filters.ts';
export * from './completion.ts';
export * from './risk-heatmap.ts';
export * from './roadmap-execution.ts';
export * from './engagement.ts';
export * from './curators.ts';
export * from './exams.ts';
export * from './exam-import.ts';
export * from './calendar.ts';
export * from './plan.ts';
export * from './csv.ts';
export * from './export.ts';
export * from './tables.ts';
