/**
 * Import of exam averages from CSV, as regional statistics centres hand them out:
 * one row per school and year, one column per indicator, Russian headers,
 * `;` or `,` between fields, decimal commas («65,4»). Example:
 *
 *   Код школы;Год;ЕГЭ русский язык;ЕГЭ математика;ОГЭ русский язык;ОГЭ математика
 *   sch-101;2019;65,4;48;27,1;14,9
 *   Регион;2019;69,2;50,1;28,3;15,6
 *
 * - The school is named by its id («Код школы», «Код ОО», «ID») or by its exact
 *   name («Школа», «Наименование ОО»), compared case- and ё/е-insensitively; a row
 *   whose school is «Регион» / «Среднее по региону» gives the regional averages.
 * - «Год» is a year or a school year («2018-2019» is 2019, the year of the exams).
 * - Indicator columns are recognised by the exam (ЕГЭ, ОГЭ, ВПР) and the subject
 *   (рус…, мат…) in the header; other columns are ignored with a warning.
 * - An empty cell means "no result". Averages must lie within 0–100.
 *
 * Modes: `all_or_nothing` (default) imports nothing when any row is bad, so a
 * file is either fully in or not at all; `partial` imports the good rows and
 * skips every row that has an error (a row is never imported in part). Either
 * way every problem is listed, in Russian, with its line and column.
 */
import type { School } from '../domain/directory.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { EXAM_LABELS, type ExamIndicator, type ExamResult, type RegionalAverage } from './exams.ts';
import { normalizeRu } from './text.ts';

/** Russian messages of the import. */
export const EXAM_IMPORT_MESSAGES = {
  empty: 'Файл пуст: нет строки заголовков.',
  unclosedQuote: (line: number) => `Строка ${line}: кавычка открыта, но не закрыта.`,
  noSchoolColumn: 'Нет столбца школы: нужен «Код школы» или «Школа».',
  noYearColumn: 'Нет столбца «Год».',
  noIndicatorColumns:
    'Нет ни одного столбца с результатами (например, «ЕГЭ русский язык», «ОГЭ математика»).',
  duplicateColumn: (header: string) => `Столбец «${header}» повторяется.`,
  ignoredColumn: (header: string) => `Столбец «${header}» не распознан и пропущен.`,
  fieldCount: (line: number, got: number, expected: number) =>
    `Строка ${line}: число полей ${got}, а в заголовке ${expected}.`,
  noSchool: (line: number) => `Строка ${line}: не указана школа.`,
  unknownSchool: (line: number, value: string) => `Строка ${line}: школа «${value}» не найдена.`,
  ambiguousSchool: (line: number, value: string) =>
    `Строка ${line}: название «${value}» носят несколько школ, укажите код школы.`,
  badYear: (line: number, value: string) =>
    `Строка ${line}: «${value}» — не год (ожидается, например, 2019 или 2018-2019).`,
  notNumber: (line: number, column: string, value: string) =>
    `Строка ${line}, «${column}»: «${value}» — не число.`,
  outOfRange: (line: number, column: string, value: string) =>
    `Строка ${line}, «${column}»: ${value} — вне допустимого диапазона 0–100.`,
  duplicateRow: (line: number, first: number) =>
    `Строка ${line}: эта школа и этот год уже были в строке ${first}.`,
  noResults: (line: number) => `Строка ${line}: нет ни одного результата, строка пропущена.`,
  summary: (imported: number, read: number) => `Загружено строк: ${imported} из ${read}.`,
  nothingImported:
    'В файле есть ошибки, ничего не загружено. Исправьте строки и загрузите файл снова.',
} as const;

/** A problem found in the file; line is null for the file as a whole. */
export interface ExamImportIssue {
  line: number | null;
  column: string | null;
  message: string;
}

/** What the import found and what it would write. */
export interface ExamImportResult {
  /** True when the file had no errors. */
  ok: boolean;
  results: ExamResult[];
  regional: RegionalAverage[];
  errors: ExamImportIssue[];
  warnings: ExamImportIssue[];
  /** Data rows in the file. */
  rowsRead: number;
  /** Data rows whose values are in `results` or `regional`. */
  rowsImported: number;
}

/** How the import treats a file with bad rows. */
export type ExamImportMode = 'all_or_nothing' | 'partial';

const SCHOOL_ID_HEADERS = ['код школы', 'код оо', 'id', 'id школы', 'идентификатор', 'код'];
const SCHOOL_NAME_HEADERS = ['школа', 'оо', 'наименование оо', 'название школы', 'наименование'];
const YEAR_HEADERS = ['год', 'учебный год'];
const REGION_NAMES = ['регион', 'среднее по региону', 'по региону', 'республика', 'область'];

/** Which indicator a header names, or null (ЕГЭ/ОГЭ/ВПР plus рус…/мат…). */
export function indicatorOfHeader(header: string): ExamIndicator | null {
  const words = normalizeRu(header).split(' ');
  const exam = words.includes('егэ')
    ? 'ege'
    : words.includes('огэ')
      ? 'oge'
      : words.includes('впр')
        ? 'vpr'
        : null;
  const subject = words.some((w) => w.startsWith('рус'))
    ? 'russian'
    : words.some((w) => w.startsWith('мат'))
      ? 'math'
      : null;
  return exam && subject ? (`${exam}_${subject}` as ExamIndicator) : null;
}

function parseAverage(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function parseYear(raw: string): number | null {
  const m = /^(\d{4})(?:\s*[-–—/]\s*(\d{4}|\d{2}))?$/.exec(raw.trim());
  if (!m) return null;
  const y =
    m[2] === undefined ? Number(m[1]) : m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return y >= 2000 && y <= 2100 ? y : null;
}

/** Reads exam averages from CSV text (see the module header for the format and modes). */
export function importExamCsv(
  text: string,
  options: { schools: readonly School[]; mode?: ExamImportMode },
): ExamImportResult {
  const M = EXAM_IMPORT_MESSAGES;
  const mode = options.mode ?? 'all_or_nothing';
  const errors: ExamImportIssue[] = [];
  const warnings: ExamImportIssue[] = [];
  const fail = (message?: string, line: number | null = null): ExamImportResult => ({
    ok: false,
    results: [],
    regional: [],
    errors: message === undefined ? errors : [...errors, { line, column: null, message }],
    warnings,
    rowsRead: 0,
    rowsImported: 0,
  });

  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return fail(M.unclosedQuote(e.line), e.line);
    throw e;
  }
  const [header, ...rows] = records;
  if (!header) return fail(M.empty);

  let schoolIdCol = -1;
  let schoolNameCol = -1;
  let yearCol = -1;
  const indicatorCols: { col: number; indicator: ExamIndicator; header: string }[] = [];
  header.fields.forEach((raw, col) => {
    const h = normalizeRu(raw);
    const label = raw.trim();
    const indicator = indicatorOfHeader(raw);
    if (SCHOOL_ID_HEADERS.includes(h) && schoolIdCol < 0) schoolIdCol = col;
    else if (SCHOOL_NAME_HEADERS.includes(h) && schoolNameCol < 0) schoolNameCol = col;
    else if (YEAR_HEADERS.includes(h) && yearCol < 0) yearCol = col;
    else if (indicator) {
      if (indicatorCols.some((c) => c.indicator === indicator))
        errors.push({ line: header.line, column: label, message: M.duplicateColumn(label) });
      else indicatorCols.push({ col, indicator, header: EXAM_LABELS.indicators[indicator] });
    } else if (h !== '')
      warnings.push({ line: header.line, column: label, message: M.ignoredColumn(label) });
  });
  if (schoolIdCol < 0 && schoolNameCol < 0) return fail(M.noSchoolColumn, header.line);
  if (yearCol < 0) return fail(M.noYearColumn, header.line);
  if (indicatorCols.length === 0) return fail(M.noIndicatorColumns, header.line);
  if (errors.length > 0) return fail();

  const byId = new Map(options.schools.map((s) => [normalizeRu(s.id), s]));
  const byName = new Map<string, School[]>();
  for (const s of options.schools) {
    const k = normalizeRu(s.name);
    byName.set(k, [...(byName.get(k) ?? []), s]);
  }

  const results: ExamResult[] = [];
  const regional: RegionalAverage[] = [];
  const seen = new Map<string, number>();
  let rowsImported = 0;
  for (const row of rows) {
    const line = row.line;
    const rowErrors: ExamImportIssue[] = [];
    const err = (message: string, column: string | null = null) =>
      rowErrors.push({ line, column, message });
    if (row.fields.length !== header.fields.length) {
      // A short or long row has shifted columns: nothing in it can be trusted.
      err(M.fieldCount(line, row.fields.length, header.fields.length));
      errors.push(...rowErrors);
      continue;
    }
    const cell = (col: number) => (col < 0 ? '' : (row.fields[col] ?? '').trim());

    // Who: the region, a school by id, or a school by name.
    const idRaw = cell(schoolIdCol);
    const nameRaw = cell(schoolNameCol);
    let target: { region: true } | { region: false; school: School } | null = null;
    const who = idRaw || nameRaw;
    if (who === '') err(M.noSchool(line));
    else if (REGION_NAMES.includes(normalizeRu(who))) target = { region: true };
    else if (idRaw !== '') {
      const s = byId.get(normalizeRu(idRaw));
      if (s) target = { region: false, school: s };
      else err(M.unknownSchool(line, idRaw));
    } else {
      const found = byName.get(normalizeRu(nameRaw)) ?? [];
      const only = found[0];
      if (found.length > 1) err(M.ambiguousSchool(line, nameRaw));
      else if (only) target = { region: false, school: only };
      else err(M.unknownSchool(line, nameRaw));
    }

    const yearRaw = cell(yearCol);
    const year = parseYear(yearRaw);
    if (year === null) err(M.badYear(line, yearRaw), 'Год');

    const values: { indicator: ExamIndicator; average: number }[] = [];
    for (const c of indicatorCols) {
      const raw = cell(c.col);
      if (raw === '') continue;
      const v = parseAverage(raw);
      if (v === null) err(M.notNumber(line, c.header, raw), c.header);
      else if (v < 0 || v > 100) err(M.outOfRange(line, c.header, raw), c.header);
      else values.push({ indicator: c.indicator, average: v });
    }

    if (target && year !== null) {
      const key = `${target.region ? '\u0000region' : target.school.id}\u0000${year}`;
      const first = seen.get(key);
      if (first !== undefined) err(M.duplicateRow(line, first));
      else seen.set(key, line);
    }
    if (rowErrors.length > 0 || !target || year === null) {
      errors.push(...rowErrors);
      continue;
    }
    if (values.length === 0) {
      warnings.push({ line, column: null, message: M.noResults(line) });
      continue;
    }
    rowsImported++;
    for (const v of values)
      if (target.region) regional.push({ year, ...v });
      else results.push({ schoolId: target.school.id, year, ...v });
  }

  const ok = errors.length === 0;
  const keep = ok || mode === 'partial';
  return {
    ok,
    results: keep ? results : [],
    regional: keep ? regional : [],
    errors,
    warnings,
    rowsRead: rows.length,
    rowsImported: keep ? rowsImported : 0,
  };
}
