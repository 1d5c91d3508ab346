/**
 * A small XLSX (Office Open XML SpreadsheetML) writer over fflate, fed by the
 * shared `tableToSheet` (shared/src/dashboard/export.ts). It writes the least a
 * spreadsheet needs to open the file and compute with it: a workbook, one
 * worksheet per table with a bold frozen header row and column widths, and a
 * style per number format, so numbers are numbers, shares are percentages and
 * dates are real date cells (Excel serials with a date format), not text.
 *
 * Strings are written inline (`t="inlineStr"`) rather than through a shared
 * string table: one pass, no lookup, and every spreadsheet program reads them.
 * Loaded only when someone presses "XLSX" (dashboard/export-table.ts).
 */
import { strToU8, zipSync } from 'fflate';
import type { SheetCell, SheetModel } from '@opora/shared';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

// Characters XML 1.0 forbids (controls other than tab, LF, CR; lone surrogates).
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Number formats → style ids: 0 default, 1 header, then one per format. */
class Styles {
  private readonly formats: string[] = [];

  styleOf(format: string | undefined): number {
    if (format === undefined) return 0;
    let i = this.formats.indexOf(format);
    if (i < 0) {
      this.formats.push(format);
      i = this.formats.length - 1;
    }
    return 2 + i;
  }

  xml(): string {
    const numFmts = this.formats
      .map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlEscape(f)}"/>`)
      .join('');
    const xfs = this.formats
      .map(
        (_, i) =>
          `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      )
      .join('');
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (this.formats.length ? `<numFmts count="${this.formats.length}">${numFmts}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${2 + this.formats.length}">` +
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' +
      xfs +
      '</cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

function cellXml(ref: string, cell: SheetCell, styles: Styles): string {
  if (cell === null) return '';
  switch (cell.type) {
    case 'string':
      return cell.value === ''
        ? ''
        : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(cell.value)}</t></is></c>`;
    case 'number':
      if (!Number.isFinite(cell.value)) return '';
      return `<c r="${ref}"${styleAttr(styles.styleOf(cell.format))}><v>${cell.value}</v></c>`;
    case 'date':
      if (!Number.isFinite(cell.serial)) return '';
      return `<c r="${ref}"${styleAttr(styles.styleOf(cell.format))}><v>${cell.serial}</v></c>`;
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${cell.value ? 1 : 0}</v></c>`;
  }
}

const styleAttr = (s: number) => (s === 0 ? '' : ` s="${s}"`);

function sheetXml(sheet: SheetModel, styles: Styles): string {
  const cols = sheet.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    .join('');
  const parts: string[] = [];
  parts.push(
    `<row r="1">${sheet.columns
      .map(
        (c, i) =>
          `<c r="${columnName(i)}1" t="inlineStr" s="1"><is><t xml:space="preserve">${xmlEscape(c.header)}</t></is></c>`,
      )
      .join('')}</row>`,
  );
  const names = sheet.columns.map((_, i) => columnName(i));
  sheet.rows.forEach((row, r) => {
    const n = r + 2;
    let cells = '';
    for (let i = 0; i < row.length; i++)
      cells += cellXml(`${names[i] ?? columnName(i)}${n}`, row[i] ?? null, styles);
    parts.push(`<row r="${n}">${cells}</row>`);
  });
  const last = `${columnName(Math.max(0, sheet.columns.length - 1))}${sheet.rows.length + 1}`;
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${parts.join('')}</sheetData>` +
    (sheet.columns.length ? `<autoFilter ref="A1:${last}"/>` : '') +
    '</worksheet>'
  );
}

function uniqueNames(sheets: readonly SheetModel[]): string[] {
  const used = new Set<string>();
  return sheets.map((s) => {
    let name = s.name || 'Лист';
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${s.name.slice(0, 27)} (${k})`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Writes sheets (one or more) into an XLSX file's bytes. */
export function writeXlsx(sheets: readonly SheetModel[]): Uint8Array {
  const styles = new Styles();
  const names = uniqueNames(sheets);
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, styles));
  });
  files['[Content_Types].xml'] = strToU8(
    XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  files['_rels/.rels'] = strToU8(
    XML_HEAD +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
  );
  files['xl/workbook.xml'] = strToU8(
    XML_HEAD +
      `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
      names
        .map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('') +
      '</sheets></workbook>',
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    XML_HEAD +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
      '</Relationships>',
  );
  files['xl/styles.xml'] = strToU8(styles.xml());
  return zipSync(files, { level: 6 });
}

/** The MIME type of an XLSX file. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
