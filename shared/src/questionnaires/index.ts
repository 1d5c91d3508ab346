/** Questionnaires: form definitions, engine, Yjs binding, risk profile, status, summaries. */
export * from './form.ts';
export * from './messages.ts';
export * from './engine.ts';
export * from './migrate.ts';
export * from './document.ts';
export * from './waves.ts';
export * from './waves-doc.ts';
export * from './content-check.ts';
export * from './risk-profile.ts';
export * from './status.ts';
export * from './summary.ts';
export * from './forms/index.ts';
