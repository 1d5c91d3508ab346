/** Roadmap (дорожная карта): model, anti-risk views, rules, report, summary. */
export {
  DocInputError,
  isIsoDate,
  type Actor,
  type EditContext,
  type FieldState,
  type FieldVersion,
  type SlottedText,
} from './crdt-kit.ts';
export type { ChangeAction, ChangeEntry } from './change-log.ts';
export { compareOrdered, isOrderKey, orderKeyAfter, orderKeyBetween } from './order-key.ts';
export * from './types.ts';
export * from './labels.ts';
export * from './model.ts';
export * from './anti-risk.ts';
export * from './rules.ts';
export * from './report.ts';
export * from './summary.ts';
