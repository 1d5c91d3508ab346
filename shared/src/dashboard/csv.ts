/**
 * CSV reading and writing after RFC 4180: fields separated by a delimiter,
 * records by CRLF (LF and CR alone are accepted on reading), a field holding the
 * delimiter, a quote or a line break is wrapped in double quotes and its quotes
 * doubled. Russian Excel writes `;` with decimal commas, other tools `,`; the
 * reader guesses from the header line. A UTF-8 BOM at the start is skipped.
 */

/** A delimiter this module reads and writes. */
export type CsvSeparator = ';' | ',' | '\t';

/** One record and the line of the file where it starts (1-based), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV that cannot be read at all (an unclosed quote). */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    message: string,
    /** 1-based line where the broken field starts. */
    readonly line: number,
  ) {
    super(message);
  }
}

/** Guesses the delimiter from the first line (outside quotes): the most frequent of `;`, tab, `,`. */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t'] && counts[';'] > 0) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses CSV text into records; blank lines are skipped. Throws CsvSyntaxError on an unclosed quote. */
export function parseCsv(
  text: string,
  separator: CsvSeparator = detectSeparator(text),
): CsvRecord[] {
  const src = stripBom(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let fieldQuoted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '' || fieldQuoted)
      records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldQuoted = false;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"' && field === '' && !fieldQuoted) {
      fieldQuoted = true;
      const startLine = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new CsvSyntaxError('unclosed quote', startLine);
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      continue;
    }
    if (ch === separator) {
      fields.push(field);
      field = '';
      fieldQuoted = false;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || fieldQuoted) endRecord();
  return records;
}

/** One field, quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function csvField(value: string, separator: CsvSeparator): string {
  const needs =
    value.includes(separator) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records joined with CRLF (RFC 4180), with a trailing CRLF. */
export function writeCsv(records: readonly (readonly string[])[], separator: CsvSeparator): string {
  return records.map((r) => r.map((f) => csvField(f, separator)).join(separator) + '\r\n').join('');
}
