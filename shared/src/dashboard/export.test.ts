import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import {
  exportFileName,
  excelSerial,
  sheetName,
  tableToCsv,
  tableToSheet,
  type TableModel,
} from './export.ts';

const table: TableModel = {
  title: 'Заполнение анкет: МО «Ёлкинский»',
  columns: [
    { header: 'Школа', type: 'text' },
    { header: 'Доля, %', type: 'percent' },
    { header: 'Средний балл', type: 'number', digits: 2 },
    { header: 'Визитов', type: 'integer' },
    { header: 'Дата', type: 'date' },
    { header: 'Заполнено', type: 'boolean' },
  ],
  rows: [
    ['МБОУ «СОШ; № 5»', 0.7778, 65.4, 3, '2026-03-31', true],
    ['Школа "Радуга"\nфилиал', null, null, null, null, false],
    ['=HYPERLINK("x")', 1, -2.5, 0, '2026-01-05T10:00:00Z', null],
  ],
};

describe('CSV export', () => {
  it('writes RFC 4180 with a BOM, ; and decimal commas, Russian dates', () => {
    const csv = tableToCsv(table);
    expect(csv.startsWith('\uFEFFШкола;Доля, %;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('"МБОУ «СОШ; № 5»";77,8;65,40;3;31.03.2026;да');
    // The line break inside a quoted field is kept as is; records end with CRLF.
    expect(lines[2]).toBe('"Школа ""Радуга""\nфилиал";;;;;нет');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('neutralises formulas in text cells but not negative numbers', () => {
    const lines = tableToCsv(table).split('\r\n');
    expect(lines[3]).toBe(`"'=HYPERLINK(""x"")";100;-2,50;0;05.01.2026;`);
  });

  it('writes , with decimal points and ISO dates when asked, and reads back', () => {
    const csv = tableToCsv(table, { separator: ',', dates: 'iso', bom: false });
    const records = parseCsv(csv, ',');
    expect(records.map((r) => r.fields)).toEqual([
      ['Школа', 'Доля, %', 'Средний балл', 'Визитов', 'Дата', 'Заполнено'],
      ['МБОУ «СОШ; № 5»', '77.8', '65.40', '3', '2026-03-31', 'да'],
      ['Школа "Радуга"\nфилиал', '', '', '', '', 'нет'],
      ['\'=HYPERLINK("x")', '100', '-2.50', '0', '2026-01-05', ''],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });
});

describe('sheet model for XLSX', () => {
  it('keeps numbers, shares, dates and booleans typed', () => {
    const sheet = tableToSheet(table);
    expect(sheet.name).toBe('Заполнение анкет МО «Ёлкинский»');
    expect(sheet.columns.map((c) => c.format)).toEqual([
      undefined,
      '0.0%',
      '0.00',
      '0',
      'dd.mm.yyyy',
      undefined,
    ]);
    const [first, second] = sheet.rows;
    expect(first?.[0]).toEqual({ type: 'string', value: 'МБОУ «СОШ; № 5»' });
    expect(first?.[1]).toEqual({ type: 'number', value: 0.7778, format: '0.0%' });
    expect(first?.[4]).toMatchObject({ type: 'date', serial: 46112, format: 'dd.mm.yyyy' });
    expect(first?.[5]).toEqual({ type: 'boolean', value: true });
    expect(second?.[1]).toBeNull();
  });

  it('computes Excel serials and safe names', () => {
    expect(excelSerial('1900-03-01')).toBe(61);
    expect(excelSerial('2026-03-31')).toBe(46112);
    expect(sheetName('a/b[c]:d*e?f\\g')).toBe('a b c d e f g');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(exportFileName('Анкеты: МО "Север"', 'xlsx', '2026-04-01T10:00:00Z')).toBe(
      'Анкеты МО Север 2026-04-01.xlsx',
    );
  });
});
