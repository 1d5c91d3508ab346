/** Answers as text, for conflicts, risk drivers and lists. */
import {
  formatDateRu,
  type AnswerValue,
  type ColumnQuestion,
  type Question,
  type TableRow,
} from '@opora/shared';
import { tq, yesNoLabel } from '$lib/i18n/questionnaires';

/** A number with a decimal comma, rounded to `decimals` when given. */
export function formatNumber(n: number, decimals?: number): string {
  const s = decimals === undefined ? String(n) : n.toFixed(decimals);
  return s.replace('.', ',');
}

/** One answer (or table cell) as a short Russian text. */
export function formatAnswer(q: Question | ColumnQuestion, v: AnswerValue | undefined): string {
  if (v === undefined) return tq.conflict.empty;
  switch (q.type) {
    case 'single':
      return typeof v === 'string' ? (q.options.find((o) => o.value === v)?.label ?? v) : '';
    case 'multi':
      return Array.isArray(v)
        ? (v as readonly string[])
            .map((x) => q.options.find((o) => o.value === x)?.label ?? x)
            .join('; ')
        : '';
    case 'yesNo':
      return typeof v === 'boolean' ? yesNoLabel(v) : '';
    case 'number':
      return typeof v === 'number' ? `${formatNumber(v)}${q.unit ? ` ${q.unit}` : ''}` : '';
    case 'scale': {
      if (typeof v !== 'number') return '';
      const label = q.labels?.[v - q.min];
      return label ? `${v} — ${label}` : String(v);
    }
    case 'date':
      return typeof v === 'string' ? formatDateRu(v) : '';
    case 'table':
      return Array.isArray(v) ? tq.table.rows((v as readonly TableRow[]).length) : '';
    default:
      return typeof v === 'string' ? v : '';
  }
}

const RAW_MAX = 60;

/** A stored value that fits no question, as a short text (shown as it is, marked invalid). */
export function formatStoredValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = `«${v}»`;
  else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > RAW_MAX ? `${s.slice(0, RAW_MAX - 1)}…` : s;
}
