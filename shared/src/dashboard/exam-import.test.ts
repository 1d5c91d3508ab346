import { describe, expect, it } from 'vitest';
import { importExamCsv, indicatorOfHeader } from './exam-import.ts';
import { school } from './test-fixtures.ts';

const schools = [
  school('sch-101', { name: 'МБОУ «СОШ № 1»' }),
  school('sch-102', { name: 'МБОУ «Ёлкинская СОШ»' }),
  school('sch-103', { name: 'Гимназия' }),
  school('sch-104', { name: 'Гимназия' }),
];

describe('exam CSV import', () => {
  it('reads ; with decimal commas, school years, the regional row and a BOM', () => {
    const csv =
      '\uFEFFКод школы;Год;ЕГЭ русский язык;ЕГЭ математика;ОГЭ русский язык;ОГЭ математика;Примечание\r\n' +
      'sch-101;2018-2019;65,4;48;27,1;;\r\n' +
      'SCH-102;2019;70;51,5;28;15,2;есть\r\n' +
      'Регион;2019;69,2;50,1;28,3;15,6;\r\n';
    const r = importExamCsv(csv, { schools });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.rowsRead).toBe(3);
    expect(r.rowsImported).toBe(3);
    expect(r.results).toContainEqual({
      schoolId: 'sch-101',
      year: 2019,
      indicator: 'ege_russian',
      average: 65.4,
    });
    expect(r.results.filter((x) => x.schoolId === 'sch-101')).toHaveLength(3); // the empty ОГЭ math cell is no result
    expect(r.results).toContainEqual({
      schoolId: 'sch-102',
      year: 2019,
      indicator: 'oge_math',
      average: 15.2,
    });
    expect(r.regional).toContainEqual({ year: 2019, indicator: 'ege_math', average: 50.1 });
    expect(r.warnings.map((w) => w.message)).toEqual([
      'Столбец «Примечание» не распознан и пропущен.',
    ]);
  });

  it('reads , with quoted decimal commas and names (ё/е-insensitive)', () => {
    const csv = 'Школа,Год,"ЕГЭ (математика)"\nМБОУ «ЕЛКИНСКАЯ СОШ»,2020,"49,5"\n';
    const r = importExamCsv(csv, { schools });
    expect(r.ok).toBe(true);
    expect(r.results).toEqual([
      { schoolId: 'sch-102', year: 2020, indicator: 'ege_math', average: 49.5 },
    ]);
  });

  it('lists every bad row in Russian and imports nothing by default', () => {
    const csv = [
      'Код школы;Год;ЕГЭ русский язык;ОГЭ математика',
      'sch-101;2019;65,4;14',
      'sch-999;2019;60;12',
      'sch-102;19;60;12',
      'sch-102;2019;6О,5;120',
      'sch-101;2019;66;15',
      ';2019;1;1',
      'sch-103;2019',
    ].join('\n');
    const r = importExamCsv(csv, { schools });
    expect(r.ok).toBe(false);
    expect(r.results).toEqual([]);
    expect(r.rowsImported).toBe(0);
    expect(r.errors.map((e) => e.message)).toEqual([
      'Строка 3: школа «sch-999» не найдена.',
      'Строка 4: «19» — не год (ожидается, например, 2019 или 2018-2019).',
      'Строка 5, «ЕГЭ, русский язык»: «6О,5» — не число.',
      'Строка 5, «ОГЭ, математика»: 120 — вне допустимого диапазона 0–100.',
      'Строка 6: эта школа и этот год уже были в строке 2.',
      'Строка 7: не указана школа.',
      'Строка 8: число полей 2, а в заголовке 4.',
    ]);
    expect(r.errors[2]).toMatchObject({ line: 5, column: 'ЕГЭ, русский язык' });
  });

  it('imports the good rows in partial mode and still reports the bad ones', () => {
    const csv =
      'Код школы;Год;ЕГЭ русский язык\nsch-101;2019;65\nsch-999;2019;60\nsch-102;2019;70\n';
    const r = importExamCsv(csv, { schools, mode: 'partial' });
    expect(r.ok).toBe(false);
    expect(r.rowsImported).toBe(2);
    expect(r.results.map((x) => x.schoolId)).toEqual(['sch-101', 'sch-102']);
    expect(r.errors).toHaveLength(1);
  });

  it('refuses a file without the needed columns, with an ambiguous name or an open quote', () => {
    expect(importExamCsv('', { schools }).errors[0]?.message).toBe(
      'Файл пуст: нет строки заголовков.',
    );
    expect(importExamCsv('Школа;ЕГЭ русский\nГимназия;60\n', { schools }).errors[0]?.message).toBe(
      'Нет столбца «Год».',
    );
    expect(importExamCsv('Код школы;Год\nsch-101;2019\n', { schools }).errors[0]?.message).toMatch(
      /Нет ни одного столбца/,
    );
    expect(importExamCsv('Год;ЕГЭ русский\n2019;60\n', { schools }).errors[0]?.message).toMatch(
      /Нет столбца школы/,
    );
    expect(
      importExamCsv('Школа;Год;ЕГЭ русский\nГимназия;2019;60\n', { schools }).errors[0]?.message,
    ).toBe('Строка 2: название «Гимназия» носят несколько школ, укажите код школы.');
    expect(
      importExamCsv('Код школы;Год;ЕГЭ русский\n"sch-101;2019;60\n', { schools }).errors[0]
        ?.message,
    ).toBe('Строка 2: кавычка открыта, но не закрыта.');
  });

  it('recognises indicator headers by exam and subject', () => {
    expect(indicatorOfHeader('Средний балл ЕГЭ по русскому языку')).toBe('ege_russian');
    expect(indicatorOfHeader('ОГЭ мат.')).toBe('oge_math');
    expect(indicatorOfHeader('ВПР, русский язык')).toBe('vpr_russian');
    expect(indicatorOfHeader('ЕГЭ физика')).toBeNull();
  });
});
