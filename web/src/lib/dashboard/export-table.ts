/**
 * Downloads a dashboard table as CSV or XLSX. The XLSX writer and fflate are
 * imported on the first click, so they never weigh on a screen's first load.
 */
import { exportFileName, tableToCsv, tableToSheet, type TableModel } from '@opora/shared';

/** Saves bytes or text as a file through a temporary link. */
export function saveFile(data: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The bytes of one or more tables as an XLSX workbook. */
export async function tablesToXlsx(tables: readonly TableModel[]): Promise<Uint8Array> {
  const { writeXlsx } = await import('./xlsx');
  return writeXlsx(tables.map(tableToSheet));
}

/** Downloads a table (or several, as sheets of one XLSX) in the asked format. */
export async function downloadTable(
  tables: TableModel | readonly TableModel[],
  format: 'csv' | 'xlsx',
  today: string,
): Promise<void> {
  const list = Array.isArray(tables) ? (tables as readonly TableModel[]) : [tables as TableModel];
  const first = list[0];
  if (!first) return;
  if (format === 'csv') {
    saveFile(
      tableToCsv(first),
      exportFileName(first.title, 'csv', today),
      'text/csv;charset=utf-8',
    );
    return;
  }
  const { XLSX_MIME } = await import('./xlsx');
  const bytes = await tablesToXlsx(list);
  saveFile(bytes as Uint8Array<ArrayBuffer>, exportFileName(first.title, 'xlsx', today), XLSX_MIME);
}
