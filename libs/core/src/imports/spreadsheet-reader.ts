import { StringDecoder } from 'node:string_decoder';
import type { ImportLimits } from '@agrilink/config';
import { DomainError } from '../common/domain-error';
import type { ImportFormat } from './import.entity';
import { columnLetter, type Sheet, type SheetRow } from './sheet';
import { cellTooLong, readXlsxSheet, tooManyRows } from './xlsx-stream-reader';

export type { Sheet, SheetRow } from './sheet';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Cheap checks at upload time, before anything is stored: an .xlsx is a zip
 * holding xl/workbook.xml (names sit uncompressed in the zip headers); a .csv
 * is UTF-8 text. Answers the format or throws IMPORT.NOT_A_SPREADSHEET.
 */
export function sniffFormat(fileName: string, content: Buffer): ImportFormat {
  if (content.length === 0)
    throw new DomainError('validation', 'IMPORT.EMPTY_FILE', 'Tệp rỗng: không có dữ liệu (the file is empty)', [
      { field: 'file', message: 'the file is empty' },
    ]);
  const lower = fileName.toLowerCase();
  const isZip = content.subarray(0, 4).equals(ZIP_MAGIC);
  if (lower.endsWith('.xlsx') || (isZip && !lower.endsWith('.csv'))) {
    if (!isZip || content.indexOf('xl/workbook.xml') < 0)
      throw notSpreadsheet('the file is not an Excel .xlsx workbook');
    return 'xlsx';
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || !lower.includes('.')) {
    if (isZip || content.includes(0) || !isUtf8(content)) throw notSpreadsheet('the file is not a UTF-8 CSV text file');
    if (
      content
        .toString('utf8')
        .replace(/^\ufeff/, '')
        .trim() === ''
    ) {
      throw new DomainError('validation', 'IMPORT.EMPTY_FILE', 'Tệp rỗng: không có dữ liệu (the file is empty)', [
        { field: 'file', message: 'the file is empty' },
      ]);
    }
    return 'csv';
  }
  throw notSpreadsheet('only .xlsx and .csv files are accepted');
}

function notSpreadsheet(why: string): DomainError {
  return new DomainError(
    'bad_request',
    'IMPORT.NOT_A_SPREADSHEET',
    `Tệp không phải bảng tính .xlsx hoặc .csv (${why})`,
    [{ field: 'file', message: why }],
  );
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
  const text = content
    .subarray(0, 64 * 1024)
    .toString('utf8')
    .replace(/^\ufeff/, '');
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = csvDelimiter(line);
  return line.split(delimiter).map((h) =>
    h
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

/** Excel in Vietnamese locale saves CSV with ";" because "," is the decimal mark. */
function csvDelimiter(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  if (count('\t') > count(',') && count('\t') > count(';')) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

/**
 * The sheet's headers and data rows, read streaming under the limits: an .xlsx
 * through its zip directory and XML parts (see xlsx-stream-reader.ts), a CSV in
 * 1 MB slices. Rows are bounded by maxRows, cells by maxColumns and maxCellChars.
 */
export async function readSheet(format: ImportFormat, content: Buffer, limits: ImportLimits): Promise<Sheet> {
  const sheet = format === 'xlsx' ? await readXlsxSheet(content, limits) : await readCsv(content, limits);
  if (!sheet)
    throw new DomainError('validation', 'IMPORT.EMPTY_FILE', 'Tệp không có dòng tiêu đề (the file has no header row)', [
      { field: 'file', message: 'the file has no header row' },
    ]);
  return sheet;
}

const CSV_SLICE = 1024 * 1024;

/** RFC 4180 with the Vietnamese Excel delimiters; every value stays text, trimmed; blank lines are skipped. */
async function readCsv(content: Buffer, limits: ImportLimits): Promise<Sheet | null> {
  const decoder = new StringDecoder('utf8');
  let headers: string[] | null = null;
  const rows: SheetRow[] = [];
  let delimiter: string | null = null;
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  // A quote inside quotes: the next character tells an escaped quote from the closing one.
  let quoteInQuotes = false;
  let afterQuote = false;
  let recordNumber = 0;
  let pendingCr = false;
  let first = true;

  const cellTooLongAt = () => cellTooLong(`${columnLetter(record.length)}${recordNumber + 1}`, limits.maxCellChars);
  const endField = () => {
    if (record.length >= limits.maxColumns) {
      throw new DomainError(
        'validation',
        'IMPORT.TOO_MANY_COLUMNS',
        `Dòng ${recordNumber + 1} có hơn ${limits.maxColumns} cột (too many columns)`,
        { field: 'file', row: recordNumber + 1, limit: limits.maxColumns },
      );
    }
    record.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    recordNumber++;
    const cells = record;
    record = [];
    if (cells.every((c) => c.trim() === '')) return;
    if (!headers) {
      headers = cells.map((c) => c.trim());
      return;
    }
    if (rows.length >= limits.maxRows) throw tooManyRows(limits.maxRows);
    rows.push({ rowNumber: recordNumber, cells: cells.map((c) => (c === '' ? null : c)), formulaCells: [] });
  };

  for (let offset = 0; offset < content.length; offset += CSV_SLICE) {
    let text = decoder.write(content.subarray(offset, offset + CSV_SLICE));
    if (first) {
      text = text.replace(/^\ufeff/, '');
      const nl = text.indexOf('\n');
      delimiter = csvDelimiter(nl >= 0 ? text.slice(0, nl) : text);
      first = false;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (pendingCr) {
        pendingCr = false;
        if (ch === '\n') continue;
      }
      if (quoteInQuotes) {
        quoteInQuotes = false;
        if (ch === '"') {
          field += '"';
          continue;
        }
        inQuotes = false;
        afterQuote = true;
      }
      if (inQuotes) {
        if (ch === '"') quoteInQuotes = true;
        else {
          field += ch;
          if (field.length > limits.maxCellChars) throw cellTooLongAt();
        }
        continue;
      }
      if (ch === delimiter) endField();
      else if (ch === '\n' || ch === '\r') {
        endRecord();
        if (ch === '\r') pendingCr = true;
      } else if (ch === '"' && field.trim() === '' && !afterQuote) {
        inQuotes = true;
        quoted = true;
        field = '';
      } else if (!afterQuote) {
        field += ch;
        if (field.length > limits.maxCellChars) throw cellTooLongAt();
      }
    }
    // Let the api (when it runs the worker in-process) answer between slices.
    await new Promise((r) => setImmediate(r));
  }
  const rest = decoder.end();
  if (rest) field += rest;
  if (quoteInQuotes) afterQuote = true;
  if (field !== '' || record.length) endRecord();
  return headers ? { headers, rows } : null;
}
