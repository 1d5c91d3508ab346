import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { tableToSheet, type TableModel } from '@opora/shared';
import { columnName, writeXlsx, xmlEscape } from './xlsx';

const table: TableModel = {
  title: 'Заполнение анкет',
  columns: [
    { header: 'Школа', type: 'text', width: 40 },
    { header: 'Заполнено', type: 'integer' },
    { header: 'Доля заполненных, %', type: 'percent', digits: 1 },
    { header: 'Последняя активность', type: 'date' },
    { header: 'Достигнуто', type: 'boolean' },
  ],
  rows: [
    ['МБОУ «СОШ № 3» с. Заречье & <филиал>', 3, 0.75, '2026-03-10', true],
    ['МБОУ ООШ д. Кривая Лука', 0, null, null, false],
  ],
};

function unzip(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

describe('xlsx writer', () => {
  it('writes the parts a spreadsheet needs, with the sheet named after the table', () => {
    const files = unzip(writeXlsx([tableToSheet(table)]));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(files['xl/workbook.xml']).toContain(
      '<sheet name="Заполнение анкет" sheetId="1" r:id="rId1"/>',
    );
    expect(files['[Content_Types].xml']).toContain('/xl/worksheets/sheet1.xml');
  });

  it('writes Russian headers and text escaped, numbers, percentages and dates as typed cells', () => {
    const sheet = unzip(writeXlsx([tableToSheet(table)]))['xl/worksheets/sheet1.xml'] ?? '';
    const styles = unzip(writeXlsx([tableToSheet(table)]))['xl/styles.xml'] ?? '';
    expect(sheet).toContain('<t xml:space="preserve">Доля заполненных, %</t>');
    expect(sheet).toContain('МБОУ «СОШ № 3» с. Заречье &amp; &lt;филиал&gt;');
    // Integer 3 with format "0", share 0.75 with "0.0%", the date as Excel serial 46091.
    expect(sheet).toMatch(/<c r="B2" s="(\d+)"><v>3<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="C2" s="(\d+)"><v>0.75<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="D2" s="(\d+)"><v>46091<\/v><\/c>/);
    expect(sheet).toContain('<c r="E2" t="b"><v>1</v></c>');
    expect(sheet).toContain('<c r="E3" t="b"><v>0</v></c>');
    // Empty cells are left out; the header is frozen.
    expect(sheet).not.toContain('r="C3"');
    expect(sheet).toContain('state="frozen"');
    const styleOf = (ref: string) =>
      Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)?.[1]);
    const xfs = [...styles.matchAll(/<xf numFmtId="(\d+)"[^>]*xfId="0"/g)].map((m) => Number(m[1]));
    const fmt = (id: number) =>
      new RegExp(`numFmtId="${id}" formatCode="([^"]+)"`).exec(styles)?.[1];
    expect(fmt(xfs[styleOf('C2')] ?? -1)).toBe('0.0%');
    expect(fmt(xfs[styleOf('D2')] ?? -1)).toBe('dd.mm.yyyy');
    expect(fmt(xfs[styleOf('B2')] ?? -1)).toBe('0');
  });

  it('names columns past Z and gives duplicate sheet names a suffix', () => {
    expect([
      columnName(0),
      columnName(25),
      columnName(26),
      columnName(701),
      columnName(702),
    ]).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    const files = unzip(writeXlsx([tableToSheet(table), tableToSheet(table)]));
    expect(files['xl/workbook.xml']).toContain('name="Заполнение анкет (2)"');
    expect(files['xl/worksheets/sheet2.xml']).toContain('Кривая Лука');
  });

  it('drops characters XML cannot hold', () => {
    expect(xmlEscape('a\u0001b"c')).toBe('ab&quot;c');
  });
});
