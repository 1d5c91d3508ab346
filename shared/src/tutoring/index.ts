/** Tutor-support programme of a partnership: catalogue, model, summary. */
export * from './catalogue.ts';
export * from './model.ts';
export * from './summary.ts';
