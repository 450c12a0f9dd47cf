import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { DomainError } from '../common/domain-error';
import type { ImportFormat } from './import.entity';
import type { CellValue } from './cell-values';

export interface SheetRow {
  /** 1-based spreadsheet row number (the header is row 1). */
  rowNumber: number;
  /** Values by 0-based column index. */
  cells: CellValue[];
  /** Cells holding a formula: rejected, the sheet must carry values (see ImportsService). */
  formulaCells: Array<{ column: number; address: string; formula: string }>;
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Cheap checks at upload time, before anything is stored: an .xlsx is a zip
 * holding xl/workbook.xml (names sit uncompressed in the zip headers); a .csv
 * is UTF-8 text. Answers the format or throws IMPORT.NOT_A_SPREADSHEET.
 */
export function sniffFormat(fileName: string, content: Buffer): ImportFormat {
  if (content.length === 0) throw new DomainError('validation', 'IMPORT.EMPTY_FILE', 'Tệp rỗng: không có dữ liệu (the file is empty)', [{ field: 'file', message: 'the file is empty' }]);
  const lower = fileName.toLowerCase();
  const isZip = content.subarray(0, 4).equals(ZIP_MAGIC);
  if (lower.endsWith('.xlsx') || (isZip && !lower.endsWith('.csv'))) {
    if (!isZip || content.indexOf('xl/workbook.xml') < 0) throw notSpreadsheet('the file is not an Excel .xlsx workbook');
    return 'xlsx';
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || !lower.includes('.')) {
    if (isZip || content.includes(0) || !isUtf8(content)) throw notSpreadsheet('the file is not a UTF-8 CSV text file');
    if (content.toString('utf8').replace(/^\ufeff/, '').trim() === '') {
      throw new DomainError('validation', 'IMPORT.EMPTY_FILE', 'Tệp rỗng: không có dữ liệu (the file is empty)', [{ field: 'file', message: 'the file is empty' }]);
    }
    return 'csv';
  }
  throw notSpreadsheet('only .xlsx and .csv files are accepted');
}

function notSpreadsheet(why: string): DomainError {
  return new DomainError('bad_request', 'IMPORT.NOT_A_SPREADSHEET', `Tệp không phải bảng tính .xlsx hoặc .csv (${why})`, [{ field: 'file', message: why }]);
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** First line of a CSV: its headers, for the upload-time header check. */
export function csvHeaderLine(content: Buffer): string[] {
  const text = content.subarray(0, 64 * 1024).toString('utf8').replace(/^\ufeff/, '');
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = csvDelimiter(line);
  return line.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** Excel in Vietnamese locale saves CSV with ";" because "," is the decimal mark. */
function csvDelimiter(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  if (count('\t') > count(',') && count('\t') > count(';')) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

export async function readSheet(format: ImportFormat, content: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await wb.xlsx.load(content as any);
      ws = wb.worksheets.find((w) => w.actualRowCount > 0) ?? wb.worksheets[0];
    } else {
      const text = content.toString('utf8').replace(/^\ufeff/, '');
      const delimiter = csvDelimiter(text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length));
      // Keep every value as text: numbers and dates are read the Vietnamese way below.
      ws = await wb.csv.read(Readable.from([Buffer.from(text, 'utf8')]), {
        map: (v: unknown) => v,
        parserOptions: { delimiter, ignoreEmpty: true, trim: true },
      } as any);
    }
  } catch (e) {
    throw new DomainError('validation', 'IMPORT.UNREADABLE_FILE', `Không đọc được tệp: ${(e as Error).message}`);
  }
  if (!ws) throw new DomainError('validation', 'IMPORT.EMPTY_FILE', 'Tệp không có trang tính nào (the workbook has no sheet)');

  let headers: string[] | null = null;
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    const formulaCells: SheetRow['formulaCells'] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const v = cell.value as any;
      if (v && typeof v === 'object' && !(v instanceof Date)) {
        if ('formula' in v || 'sharedFormula' in v) {
          formulaCells.push({ column: col - 1, address: cell.address, formula: String(v.formula ?? v.sharedFormula) });
          cells[col - 1] = null;
        } else if ('richText' in v) cells[col - 1] = (v.richText as Array<{ text: string }>).map((r) => r.text).join('');
        else if ('text' in v) cells[col - 1] = String(v.text);
        else if ('error' in v) cells[col - 1] = String(v.error);
        else cells[col - 1] = String(v);
      } else {
        cells[col - 1] = v as CellValue;
      }
    });
    if (!headers) {
      headers = Array.from({ length: cells.length }, (_, i) => (cells[i] === null || cells[i] === undefined ? '' : String(cells[i]).trim()));
      return;
    }
    if (cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) && !formulaCells.length) return;
    rows.push({ rowNumber, cells, formulaCells });
  });
  if (!headers) throw new DomainError('validation', 'IMPORT.EMPTY_FILE', 'Tệp không có dòng tiêu đề (the file has no header row)');
  return { headers, rows };
}
