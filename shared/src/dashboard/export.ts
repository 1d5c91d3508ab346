/**
 * Export of dashboard tables. A TableModel is typed columns and raw cells; it
 * becomes either CSV text or a SheetModel that the web hands to an XLSX writer.
 * Cells keep their real types so a spreadsheet can sum and sort them: numbers are
 * numbers, percentages are shares (0–1) shown as percent, dates are dates.
 *
 * CSV follows RFC 4180 (CRLF, quoted fields, doubled quotes) and starts with a
 * UTF-8 BOM so Excel reads Cyrillic. By default it is what Russian Excel opens
 * without a wizard: `;` between fields, decimal comma, dates as ДД.ММ.ГГГГ,
 * percentages as percent points (77,8). Text that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or CR) gets a leading apostrophe (OWASP
 * "CSV injection"); numeric columns are not touched.
 */
import { writeCsv, type CsvSeparator } from './csv.ts';
import { dayNumber } from './dates.ts';
import { toPercent } from './exams.ts';

/** Russian words the export writes into cells. */
export const EXPORT_LABELS = { yes: 'да', no: 'нет', sheet: 'Лист' } as const;

/** The type of a column's cells. */
export type ColumnType =
  'text' | 'integer' | 'number' | 'percent' | 'date' | 'datetime' | 'boolean';

/** A column: its Russian header, its type and display hints. */
export interface TableColumn {
  header: string;
  type: ColumnType;
  /** Decimals shown for number and percent columns (default 1 for percent, as is for number). */
  digits?: number;
  /** Width in characters, a hint for XLSX. */
  width?: number;
}

/** A raw cell: text, number (a share 0–1 in percent columns), ISO date string, boolean, or empty. */
export type CellValue = string | number | boolean | null;

/** A table ready for export. */
export interface TableModel {
  /** Sheet name and file name stem, Russian. */
  title: string;
  columns: TableColumn[];
  rows: CellValue[][];
}

/** How to write CSV. */
export interface CsvOptions {
  /** `;` (default, Russian Excel) or `,`. */
  separator?: CsvSeparator;
  /** `,` (default) or `.`. */
  decimal?: ',' | '.';
  /** Prepend the UTF-8 BOM (default true). */
  bom?: boolean;
  /** `ru`: ДД.ММ.ГГГГ (default); `iso`: ГГГГ-ММ-ДД. */
  dates?: 'ru' | 'iso';
}

const FORMULA_START = /^[=+\-@\t\r]/;

function numberText(v: number, digits: number | undefined, decimal: ',' | '.'): string {
  const fixed = digits === undefined ? String(Math.round(v * 1e6) / 1e6) : v.toFixed(digits);
  return decimal === ',' ? fixed.replace('.', ',') : fixed;
}

function dateText(iso: string, withTime: boolean, style: 'ru' | 'iso'): string {
  if (style === 'iso') return withTime ? iso : iso.slice(0, 10);
  const d = new Date(withTime ? iso : `${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  return withTime ? `${day} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : day;
}

/** One cell as CSV text (before quoting). */
export function csvCellText(
  value: CellValue,
  column: TableColumn,
  options: CsvOptions = {},
): string {
  const decimal = options.decimal ?? ',';
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? EXPORT_LABELS.yes : EXPORT_LABELS.no;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    switch (column.type) {
      case 'percent':
        return numberText(toPercent(value, column.digits ?? 1), undefined, decimal);
      case 'integer':
        return String(Math.round(value));
      default:
        return numberText(value, column.digits, decimal);
    }
  }
  if (column.type === 'date' || column.type === 'datetime')
    return dateText(value, column.type === 'datetime', options.dates ?? 'ru');
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The table as CSV text (RFC 4180, CRLF, BOM by default). */
export function tableToCsv(table: TableModel, options: CsvOptions = {}): string {
  const separator = options.separator ?? ';';
  const decimal = options.decimal ?? (separator === ',' ? '.' : ',');
  const opts = { ...options, separator, decimal };
  const records = [
    table.columns.map((c) => c.header),
    ...table.rows.map((row) => table.columns.map((c, i) => csvCellText(row[i] ?? null, c, opts))),
  ];
  return (options.bom === false ? '' : '\uFEFF') + writeCsv(records, separator);
}

/** A typed cell for an XLSX writer. */
export type SheetCell =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number; format?: string }
  | { type: 'date'; value: Date; serial: number; format: string }
  | { type: 'boolean'; value: boolean }
  | null;

/** A sheet for an XLSX writer: header row, typed cells, column widths and formats. */
export interface SheetModel {
  /** Sheet name, cleaned for Excel (≤ 31 characters, none of []:*?/\). */
  name: string;
  columns: { header: string; width: number; format?: string }[];
  rows: SheetCell[][];
}

/** Days from Excel's epoch (1899-12-30) to a day: Excel's date serial number. */
export function excelSerial(iso: string): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return ms / 86_400_000 + 25_569;
}

function formatOf(column: TableColumn): string | undefined {
  switch (column.type) {
    case 'integer':
      return '0';
    case 'number':
      return column.digits === undefined
        ? undefined
        : `0.${'0'.repeat(column.digits)}`.replace(/\.$/, '');
    case 'percent': {
      const d = column.digits ?? 1;
      return d === 0 ? '0%' : `0.${'0'.repeat(d)}%`;
    }
    case 'date':
      return 'dd.mm.yyyy';
    case 'datetime':
      return 'dd.mm.yyyy hh:mm';
    default:
      return undefined;
  }
}

/** Cleans a title into a valid Excel sheet name. */
export function sheetName(title: string): string {
  const clean = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31)
    .trim();
  return clean === '' ? EXPORT_LABELS.sheet : clean;
}

function sheetCell(value: CellValue, column: TableColumn): SheetCell {
  if (value === null) return null;
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const format = formatOf(column);
    return format === undefined ? { type: 'number', value } : { type: 'number', value, format };
  }
  if (column.type === 'date' || column.type === 'datetime') {
    const iso = column.type === 'date' ? value.slice(0, 10) : value;
    if (Number.isNaN(dayNumber(iso))) return { type: 'string', value };
    const serial = excelSerial(iso);
    return {
      type: 'date',
      value: new Date(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso)),
      serial,
      format: formatOf(column) ?? 'dd.mm.yyyy',
    };
  }
  return { type: 'string', value };
}

/** The table as a typed sheet for an XLSX writer. */
export function tableToSheet(table: TableModel): SheetModel {
  return {
    name: sheetName(table.title),
    columns: table.columns.map((c) => {
      const format = formatOf(c);
      const width = c.width ?? Math.min(60, Math.max(8, c.header.length + 2));
      return format === undefined
        ? { header: c.header, width }
        : { header: c.header, width, format };
    }),
    rows: table.rows.map((row) => table.columns.map((c, i) => sheetCell(row[i] ?? null, c))),
  };
}

/** A file name for an export: the title, no characters file systems refuse, and the extension. */
export function exportFileName(title: string, extension: 'csv' | 'xlsx', date?: string): string {
  const stem =
    [...title]
      .map((ch) => (ch < ' ' || '<>:"/\\|?*'.includes(ch) ? ' ' : ch))
      .join('')
      .replace(/\s+/g, ' ')
      .trim() || 'export';
  return `${stem}${date ? ` ${date.slice(0, 10)}` : ''}.${extension}`;
}
