import { SaxesParser, SaxesTagPlain } from 'saxes';
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
import type { ImportLimits } from '@agrilink/config';
import { DomainError } from '../common/domain-error';
import type { CellValue } from './cell-values';
import type { SheetRow, Sheet } from './sheet';

/**
 * Reads an .xlsx without ever holding it inflated: yauzl gives random access to
 * the zip (central directory first, so declared sizes are checked before a byte is
 * inflated), and each XML part is parsed by saxes as it inflates. The bytes actually
 * inflated are counted too: a forged directory that declares small sizes is caught
 * by yauzl (it refuses more bytes than declared) and by our own running total.
 */

/** Entries inflating to less than this are never called bombs, whatever their ratio. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface XlsxEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  entry: yauzl.Entry;
}

export interface XlsxDirectory {
  zip: yauzl.ZipFile;
  entries: Map<string, XlsxEntry>;
  declaredUncompressedBytes: number;
}

export function importTooLarge(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('too_large', code, message, { field: 'file', ...details });
}

function unreadable(why: string): DomainError {
  return new DomainError('validation', 'IMPORT.UNREADABLE_FILE', `Không đọc được tệp .xlsx (${why})`, [
    { field: 'file', message: why },
  ]);
}

function zipBomb(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('validation', 'IMPORT.ZIP_BOMB', message, { field: 'file', ...details });
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Only the central directory is read: cheap enough for the api at upload. */
export async function inspectXlsx(content: Buffer, limits: ImportLimits): Promise<XlsxDirectory> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      content,
      { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false } as yauzl.Options,
      (err, z) => (err || !z ? reject(unreadable(err?.message ?? 'not a zip')) : resolve(z)),
    ),
  );
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw zipBomb(
      `Tệp .xlsx chứa ${zip.entryCount} mục nén, quá giới hạn ${limits.maxZipEntries} (too many zip entries)`,
      { entries: zip.entryCount, limit: limits.maxZipEntries },
    );
  }
  const entries = new Map<string, XlsxEntry>();
  let declared = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(unreadable(e.message)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName.replace(/^\/+/, '');
        declared += entry.uncompressedSize;
        if (declared > limits.maxUncompressedBytes) {
          reject(
            importTooLarge(
              'IMPORT.UNCOMPRESSED_TOO_LARGE',
              `Tệp .xlsx giải nén ra hơn ${mb(limits.maxUncompressedBytes)} (the workbook inflates to more than ${mb(limits.maxUncompressedBytes)})`,
              { limit: limits.maxUncompressedBytes, declaredAtLeast: declared },
            ),
          );
          return;
        }
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxCompressionRatio) {
          reject(
            zipBomb(
              `Mục "${name}" nén ${Math.round(ratio)} lần, quá giới hạn ${limits.maxCompressionRatio} (compression ratio of a zip bomb)`,
              {
                entry: name,
                ratio: Math.round(ratio),
                limit: limits.maxCompressionRatio,
              },
            ),
          );
          return;
        }
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          reject(unreadable(`entry ${name} uses compression method ${entry.compressionMethod}`));
          return;
        }
        if (entry.isEncrypted()) {
          reject(unreadable(`entry ${name} is encrypted`));
          return;
        }
        entries.set(name, {
          name,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          entry,
        });
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (e) {
    zip.close();
    throw e;
  }
  if (!entries.has('xl/workbook.xml')) {
    zip.close();
    throw new DomainError(
      'bad_request',
      'IMPORT.NOT_A_SPREADSHEET',
      'Tệp không phải bảng tính .xlsx (no xl/workbook.xml)',
      [{ field: 'file', message: 'the file is not an Excel .xlsx workbook' }],
    );
  }
  return { zip, entries, declaredUncompressedBytes: declared };
}

/** Thrown inside the reader when a peek's inflate budget is spent; the peek answers "unknown". */
class PeekBudgetSpent extends Error {}
/** Thrown by a handler to stop reading an entry early (enough rows seen). */
class StopReading extends Error {}

interface ReadOptions {
  /** Stop after this many data rows (a peek at upload). */
  stopAfterDataRows?: number;
  /** A peek inflates at most this many bytes, then gives up without error. */
  peekBudgetBytes?: number;
}

class XlsxReader {
  private inflated = 0;
  private sharedStrings: string[] = [];
  private dateStyles = new Set<number>();
  private date1904 = false;

  constructor(
    private readonly dir: XlsxDirectory,
    private readonly limits: ImportLimits,
    private readonly opts: ReadOptions,
  ) {}

  /** Inflates one entry through a saxes parser; counts every inflated byte. */
  private async parse(name: string, attach: (p: SaxesParser) => void): Promise<boolean> {
    const e = this.dir.entries.get(name);
    if (!e) return false;
    if (this.opts.peekBudgetBytes !== undefined && this.inflated + e.uncompressedSize > this.opts.peekBudgetBytes)
      throw new PeekBudgetSpent();
    const parser = new SaxesParser({ xmlns: false, position: false });
    let failure: unknown = null;
    attach(parser);
    parser.on('error', (err) => {
      failure ??= err;
    });
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.dir.zip.openReadStream(e.entry, (err, s) =>
        err || !s ? reject(unreadable(err?.message ?? name)) : resolve(s),
      ),
    );
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.inflated += chunk.length;
        if (this.opts.peekBudgetBytes !== undefined && this.inflated > this.opts.peekBudgetBytes)
          throw new PeekBudgetSpent();
        if (this.inflated > this.limits.maxUncompressedBytes) {
          throw importTooLarge(
            'IMPORT.UNCOMPRESSED_TOO_LARGE',
            `Tệp .xlsx giải nén ra hơn ${mb(this.limits.maxUncompressedBytes)} (the workbook inflates to more than its limit)`,
            {
              limit: this.limits.maxUncompressedBytes,
            },
          );
        }
        parser.write(decoder.write(chunk));
        if (failure) throw failure;
      }
      parser.write(decoder.end());
      parser.close();
      if (failure) throw failure;
    } catch (err) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      if (err instanceof StopReading) return true;
      if (err instanceof DomainError || err instanceof PeekBudgetSpent) throw err;
      const message = (err as Error).message ?? String(err);
      // yauzl's own guard: the entry inflates past the size its directory declared.
      if (message.includes('too many bytes in the stream')) {
        throw zipBomb(
          `Mục "${name}" giải nén ra nhiều hơn kích thước khai báo (${mb(e.uncompressedSize)}): tệp bị làm giả (forged zip sizes)`,
          {
            entry: name,
            declaredBytes: e.uncompressedSize,
            reason: message,
          },
        );
      }
      throw unreadable(`${name}: ${message}`);
    }
    return true;
  }

  private async workbookSheets(): Promise<string[]> {
    const sheets: string[] = [];
    await this.parse('xl/workbook.xml', (p) =>
      p.on('opentag', (t) => {
        const n = local(t.name);
        if (n === 'workbookPr') this.date1904 = t.attributes.date1904 === '1' || t.attributes.date1904 === 'true';
        if (n === 'sheet')
          sheets.push(t.attributes['r:id'] ?? Object.entries(t.attributes).find(([k]) => k.endsWith(':id'))?.[1] ?? '');
      }),
    );
    const rels = new Map<string, { type: string; target: string }>();
    await this.parse('xl/_rels/workbook.xml.rels', (p) =>
      p.on('opentag', (t) => {
        if (local(t.name) === 'Relationship')
          rels.set(t.attributes.Id, { type: t.attributes.Type ?? '', target: partPath(t.attributes.Target ?? '') });
      }),
    );
    const relOf = (type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;
    this.sharedStringsPart = relOf('sharedStrings') ?? 'xl/sharedStrings.xml';
    this.stylesPart = relOf('styles') ?? 'xl/styles.xml';
    const paths = sheets.map((id) => rels.get(id)?.target).filter((x): x is string => !!x);
    if (!paths.length) {
      const fallback = [...this.dir.entries.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort();
      return fallback;
    }
    return paths;
  }
  private sharedStringsPart = 'xl/sharedStrings.xml';
  private stylesPart = 'xl/styles.xml';

  private async styles(): Promise<void> {
    const customFormats = new Map<number, string>();
    const xfFormats: number[] = [];
    let inCellXfs = false;
    await this.parse(this.stylesPart, (p) => {
      p.on('opentag', (t) => {
        const n = local(t.name);
        if (n === 'numFmt') customFormats.set(Number(t.attributes.numFmtId), t.attributes.formatCode ?? '');
        else if (n === 'cellXfs') inCellXfs = true;
        else if (n === 'xf' && inCellXfs) xfFormats.push(Number(t.attributes.numFmtId ?? 0));
      });
      p.on('closetag', (t) => {
        if (local(t.name) === 'cellXfs') inCellXfs = false;
      });
    });
    xfFormats.forEach((id, i) => {
      if (isDateFormat(id, customFormats.get(id))) this.dateStyles.add(i);
    });
  }

  private async strings(): Promise<void> {
    let inSi = false;
    let inPhonetic = false;
    let inT = false;
    let current = '';
    await this.parse(this.sharedStringsPart, (p) => {
      p.on('opentag', (t) => {
        const n = local(t.name);
        if (n === 'si') {
          inSi = true;
          current = '';
        } else if (n === 'rPh') inPhonetic = true;
        else if (n === 't' && inSi && !inPhonetic) inT = true;
      });
      p.on('text', (text) => {
        if (!inT) return;
        current += text;
        if (current.length > this.limits.maxCellChars)
          throw cellTooLong(`chuỗi chung số ${this.sharedStrings.length}`, this.limits.maxCellChars);
      });
      p.on('closetag', (t) => {
        const n = local(t.name);
        if (n === 't') inT = false;
        else if (n === 'rPh') inPhonetic = false;
        else if (n === 'si') {
          inSi = false;
          if (this.sharedStrings.length >= this.limits.maxSharedStrings) {
            throw importTooLarge(
              'IMPORT.TOO_MANY_SHARED_STRINGS',
              `Tệp có hơn ${this.limits.maxSharedStrings} chuỗi văn bản (too many distinct strings)`,
              {
                limit: this.limits.maxSharedStrings,
              },
            );
          }
          this.sharedStrings.push(current);
        }
      });
    });
  }

  /** The first sheet holding a row, read row by row; `rows` is bounded by maxRows. */
  async read(): Promise<Sheet | null> {
    const sheets = await this.workbookSheets();
    await this.styles();
    await this.strings();
    for (const path of sheets) {
      const sheet = await this.sheet(path);
      if (sheet) return sheet;
    }
    return null;
  }

  private async sheet(path: string): Promise<Sheet | null> {
    const limits = this.limits;
    let headers: string[] | null = null;
    const rows: SheetRow[] = [];
    let rowNumber = 0;
    let cells: CellValue[] = [];
    let formulaCells: SheetRow['formulaCells'] = [];
    let col = -1;
    let type = '';
    let style = 0;
    let address = '';
    let capture: 'v' | 'f' | 't' | null = null;
    let inInline = false;
    let inPhonetic = false;
    let v = '';
    let f: string | null = null;
    let inline = '';
    const grow = (s: string, add: string) => {
      const out = s + add;
      if (out.length > limits.maxCellChars) throw cellTooLong(address, limits.maxCellChars);
      return out;
    };
    const found = await this.parse(path, (p) => {
      p.on('opentag', (t: SaxesTagPlain) => {
        switch (local(t.name)) {
          case 'row': {
            const r = Number(t.attributes.r);
            rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
            cells = [];
            formulaCells = [];
            col = -1;
            break;
          }
          case 'c': {
            const ref = t.attributes.r;
            const parsed = ref ? columnIndex(ref) : -1;
            col = parsed >= 0 ? parsed : col + 1;
            address = ref || `${columnName(col)}${rowNumber}`;
            type = t.attributes.t ?? 'n';
            style = Number(t.attributes.s ?? 0);
            v = '';
            f = null;
            inline = '';
            break;
          }
          case 'v':
            capture = 'v';
            break;
          case 'f':
            capture = 'f';
            f = '';
            break;
          case 'is':
            inInline = true;
            break;
          case 'rPh':
            inPhonetic = true;
            break;
          case 't':
            if (inInline && !inPhonetic) capture = 't';
            break;
        }
      });
      p.on('text', (text) => {
        if (capture === 'v') v = grow(v, text);
        else if (capture === 'f') f = grow(f ?? '', text);
        else if (capture === 't') inline = grow(inline, text);
      });
      p.on('closetag', (t) => {
        switch (local(t.name)) {
          case 'v':
          case 'f':
          case 't':
            capture = null;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            inPhonetic = false;
            break;
          case 'c': {
            const value = this.cellValue(type, style, v, inline);
            if (value === null && f === null) break;
            if (col >= limits.maxColumns) {
              throw new DomainError(
                'validation',
                'IMPORT.TOO_MANY_COLUMNS',
                `Ô ${address} nằm ngoài ${limits.maxColumns} cột đầu tiên (too many columns)`,
                {
                  field: 'file',
                  cell: address,
                  limit: limits.maxColumns,
                },
              );
            }
            if (f !== null) {
              formulaCells.push({ column: col, address, formula: f });
              cells[col] = null;
            } else cells[col] = value;
            break;
          }
          case 'row': {
            if (!headers) {
              if (!cells.length) break;
              headers = Array.from({ length: cells.length }, (_, i) =>
                cells[i] === null || cells[i] === undefined ? '' : String(cells[i]).trim(),
              );
              break;
            }
            if (
              !formulaCells.length &&
              cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))
            )
              break;
            if (rows.length >= limits.maxRows) throw tooManyRows(limits.maxRows);
            rows.push({ rowNumber, cells, formulaCells });
            if (this.opts.stopAfterDataRows !== undefined && rows.length >= this.opts.stopAfterDataRows)
              throw new StopReading();
            break;
          }
        }
      });
    });
    if (!found) throw unreadable(`missing part ${path}`);
    return headers ? { headers, rows } : null;
  }

  private cellValue(type: string, style: number, v: string, inline: string): CellValue {
    switch (type) {
      case 's': {
        if (v === '') return null;
        return this.sharedStrings[Number(v)] ?? null;
      }
      case 'inlineStr':
        return inline;
      case 'str':
      case 'e':
        return v === '' ? null : v;
      case 'b':
        return v === '' ? null : v === '1' || v === 'true';
      case 'd': {
        if (v === '') return null;
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? v : d;
      }
      default: {
        if (v === '') return null;
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        // Same conversion as exceljs: the serial day at UTC.
        if (this.dateStyles.has(style)) return new Date(Math.round((n - (this.date1904 ? 24107 : 25569)) * 86400_000));
        return n;
      }
    }
  }
}

/** The sheet: headers and (at most maxRows) data rows, read streaming under the limits. */
export async function readXlsxSheet(content: Buffer, limits: ImportLimits): Promise<Sheet | null> {
  const dir = await inspectXlsx(content, limits);
  try {
    return await new XlsxReader(dir, limits, {}).read();
  } finally {
    dir.zip.close();
  }
}

/**
 * At upload: headers and whether a data row follows, inflating at most
 * `budgetBytes`. Answers undefined when the budget is not enough (the worker checks then).
 */
export async function peekXlsxSheet(
  dir: XlsxDirectory,
  limits: ImportLimits,
  budgetBytes: number,
): Promise<Sheet | null | undefined> {
  try {
    return await new XlsxReader(dir, limits, { stopAfterDataRows: 1, peekBudgetBytes: budgetBytes }).read();
  } catch (e) {
    if (e instanceof PeekBudgetSpent) return undefined;
    throw e;
  }
}

export function tooManyRows(limit: number): DomainError {
  return importTooLarge('IMPORT.TOO_MANY_ROWS', `Tệp có hơn ${limit} dòng dữ liệu (more than ${limit} data rows)`, {
    limit,
  });
}

export function cellTooLong(where: string, limit: number): DomainError {
  return new DomainError(
    'validation',
    'IMPORT.CELL_TOO_LONG',
    `Ô ${where} dài hơn ${limit} ký tự (a cell is longer than ${limit} characters)`,
    {
      field: 'file',
      cell: where,
      limit,
    },
  );
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function partPath(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// Built-in number formats that are dates or times (ECMA-376 18.8.30, plus the CJK ones).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILTIN_DATE_FORMATS.has(id);
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}
