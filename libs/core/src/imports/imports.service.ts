import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { AppConfig, ImportLimits } from '@agrilink/config';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { ImportJobs } from './import.jobs';
import {
  Import,
  IMPORT_KINDS,
  ImportFormat,
  ImportKind,
  ImportMode,
  ImportRowError,
  ImportStatus,
} from './import.entity';
import {
  columnLetter,
  IMPORT_KIND_SPECS,
  ImportReferences,
  matchHeaders,
  RowReader,
  validateRow,
  ValidRow,
  writeRows,
} from './import-kinds';
import { csvHeaderLine, readSheet, sniffFormat } from './spreadsheet-reader';
import { importTooLarge, inspectXlsx, peekXlsxSheet } from './xlsx-stream-reader';
import { outsideProvincesMessage, provinceColumnOf, rowProvinceCodes } from './import-scope';
import { isProvinceBound } from '../common/territory/province-scope';

/** Row errors kept on the import; invalidRows keeps the true count. */
export const MAX_STORED_ROW_ERRORS = 50_000;
/**
 * At upload the api inflates at most this much of an .xlsx (its shared strings and
 * first rows) to check the headers; past it, the worker checks them.
 */
const UPLOAD_PEEK_INFLATE_BYTES = 4 * 1024 * 1024;
const WRITE_CHUNK = 5_000;
/** Rows validated between two yields to the event loop (the api may run the worker). */
const VALIDATE_SLICE = 2_000;

export interface ImportUpload {
  fileName: string;
  content: Buffer;
  kind: ImportKind;
  mode?: ImportMode;
}

export interface ImportView {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  status: ImportStatus;
  format: ImportFormat;
  fileName: string;
  fileSize: number;
  sha256: string;
  progress: number;
  totalRows: number | null;
  validRows: number | null;
  invalidRows: number | null;
  writtenRows: number | null;
  insertedRows: number | null;
  updatedRows: number | null;
  /** Rows identical to a record of the same owner already there: not written again. */
  unchangedRows: number | null;
  /** Of the updated rows, how many changed each field (the API's field names); null before any row was written. */
  changedFields: Record<string, number> | null;
  error: Import['error'];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function toImportView(i: Import): ImportView {
  return {
    id: i.id,
    kind: i.kind,
    mode: i.mode,
    status: i.status,
    format: i.format,
    fileName: i.fileName,
    fileSize: i.fileSize,
    sha256: i.sha256,
    progress: i.progress,
    totalRows: i.totalRows,
    validRows: i.validRows,
    invalidRows: i.invalidRows,
    writtenRows: i.writtenRows,
    insertedRows: i.insertedRows,
    updatedRows: i.updatedRows,
    unchangedRows: i.unchangedRows,
    changedFields: i.changedFields,
    error: i.error,
    createdAt: i.createdAt,
    startedAt: i.startedAt,
    finishedAt: i.finishedAt,
  };
}

@Injectable()
export class ImportsService {
  constructor(
    @InjectRepository(Import) private readonly imports: Repository<Import>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: ImportJobs,
    config: AppConfig,
  ) {
    this.limits = config.importLimits;
  }

  readonly limits: ImportLimits;

  /** Checks what can be known cheaply, stores the bytes in PostgreSQL, then enqueues. */
  async upload(actor: Actor, upload: ImportUpload): Promise<ImportView> {
    if (!(IMPORT_KINDS as readonly string[]).includes(upload.kind)) {
      throw DomainError.invalid('IMPORT.UNKNOWN_KIND', 'kind', `kind must be one of ${IMPORT_KINDS.join(', ')}`);
    }
    const isStaff = actor.role === 'admin' || actor.role === 'staff';
    if (!isStaff && !(actor.role === 'cooperative' && upload.kind === 'supply-lots' && actor.organizationId)) {
      throw new DomainError(
        'forbidden',
        'IMPORT.FORBIDDEN',
        'only staff import spreadsheets; a cooperative may import its own supply lots',
      );
    }
    if (upload.content.length > this.limits.maxFileBytes) throw fileTooLarge(this.limits.maxFileBytes);
    const format = sniffFormat(upload.fileName, upload.content);
    if (format === 'csv') assertHeaders(upload.kind, csvHeaderLine(upload.content));
    else {
      // The zip directory alone tells an honest bomb; nothing past a small budget is inflated here.
      const dir = await inspectXlsx(upload.content, this.limits);
      try {
        const sheet = await peekXlsxSheet(dir, this.limits, UPLOAD_PEEK_INFLATE_BYTES);
        if (sheet === null) throw emptyFile();
        if (sheet) {
          assertHeaders(upload.kind, sheet.headers);
          if (!sheet.rows.length) throw emptyFile();
        }
      } finally {
        dir.zip.close();
      }
    }
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.save(
        em.create(Import, {
          kind: upload.kind,
          mode: upload.mode ?? 'all-or-nothing',
          status: 'queued',
          format,
          fileName: upload.fileName.slice(0, 255),
          fileSize: upload.content.length,
          sha256: createHash('sha256').update(upload.content).digest('hex'),
          content: upload.content,
          createdByUserId: actor.userId,
          createdByRole: actor.role,
          organizationId: isStaff ? null : actor.organizationId,
        }),
      );
      await this.audit.record(em, actor, 'create', 'import', row.id, {
        kind: row.kind,
        mode: row.mode,
        fileName: row.fileName,
        sha256: row.sha256,
      });
      return row;
    });
    // Answer the import as accepted (queued), read before a fast worker can pick it up.
    const accepted = await this.get(actor, saved.id);
    await this.jobs.enqueue(saved.id, 3000);
    return accepted;
  }

  async get(actor: Actor, id: string): Promise<ImportView> {
    return toImportView(await this.load(actor, id));
  }

  async rowErrors(
    actor: Actor,
    id: string,
  ): Promise<{ importId: string; total: number; truncated: boolean; items: ImportRowError[] }> {
    const imp = await this.load(actor, id);
    const items = imp.rowErrors ?? [];
    const total = imp.invalidRows ?? items.length;
    return { importId: id, total, truncated: items.length < total, items };
  }

  async rowErrorsFile(
    actor: Actor,
    id: string,
    format: 'csv' | 'xlsx',
  ): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    const { items } = await this.rowErrors(actor, id);
    const headers = ['Dòng', 'Cột', 'Ô', 'Lỗi'];
    if (format === 'csv') {
      const esc = (v: unknown) => {
        const s = String(v ?? '');
        return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      };
      const lines = [
        headers.join(','),
        ...items.map((e) => [e.row, e.column, e.cell ?? '', e.message].map(esc).join(',')),
      ];
      // BOM so Excel opens the Vietnamese text as UTF-8.
      return {
        fileName: `loi-nhap-lieu-${id}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8'),
      };
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Lỗi nhập liệu');
    ws.columns = [
      { header: 'Dòng', key: 'row', width: 8 },
      { header: 'Cột', key: 'column', width: 28 },
      { header: 'Ô', key: 'cell', width: 8 },
      { header: 'Lỗi', key: 'message', width: 80 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const e of items) ws.addRow({ row: e.row, column: e.column, cell: e.cell ?? '', message: e.message });
    return {
      fileName: `loi-nhap-lieu-${id}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }

  /** The template of a kind: Vietnamese headers (required ones marked *), an example row and a guide sheet. */
  async template(kind: string): Promise<{ fileName: string; body: Buffer }> {
    if (!(IMPORT_KINDS as readonly string[]).includes(kind))
      throw DomainError.notFound('IMPORT_TEMPLATE', kind, 'kind');
    const spec = IMPORT_KIND_SPECS[kind as ImportKind];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(spec.title.slice(0, 31));
    ws.columns = spec.columns.map((c) => ({
      header: c.required ? `${c.header}*` : c.header,
      key: c.key,
      width: Math.max(14, c.header.length + 4),
    }));
    const head = ws.getRow(1);
    head.font = { bold: true };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };
    ws.addRow(Object.fromEntries(spec.columns.map((c) => [c.key, c.example])));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    const guide = wb.addWorksheet('Hướng dẫn');
    guide.columns = [
      { header: 'Cột', key: 'header', width: 30 },
      { header: 'Bắt buộc', key: 'required', width: 10 },
      { header: 'Ghi chú', key: 'hint', width: 80 },
    ];
    guide.getRow(1).font = { bold: true };
    for (const c of spec.columns)
      guide.addRow({ header: c.header, required: c.required ? 'Có' : '', hint: c.hint ?? '' });
    guide.addRow({});
    guide.addRow({
      header:
        'Số: 1.234,5 hoặc 1234.5; ngày: dd/mm/yyyy hoặc yyyy-mm-dd. Không dùng công thức: dán giá trị. Xóa dòng ví dụ trước khi nhập.',
    });
    return { fileName: `mau-nhap-${kind}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /**
   * The job: parse, check every row, write the good ones in ONE transaction
   * (none when mode is all-or-nothing and a row is bad). Safe to run again:
   * a finished import is left alone and writes are ON CONFLICT DO NOTHING.
   * The job's runner (DurableJobs.runAttempt) claims nothing here but keeps the row's progress.
   */
  async process(
    importId: string,
    onProgress: (percent: number) => Promise<void> | void = () => undefined,
  ): Promise<ImportView> {
    const claimed = await this.jobs.claim(importId);
    const imp = await this.imports
      .createQueryBuilder('i')
      .addSelect('i.content')
      .where('i.id = :id', { id: importId })
      .getOne();
    if (!imp) throw DomainError.notFound('IMPORT', importId);
    if (!claimed) return toImportView(imp);
    try {
      const spec = IMPORT_KIND_SPECS[imp.kind];
      const sheet = await readSheet(imp.format, imp.content, this.limits);
      (imp as Partial<Import>).content = undefined;
      assertHeaders(imp.kind, sheet.headers);
      if (!sheet.rows.length) throw emptyFile();
      await onProgress(30);
      const { index } = matchHeaders(spec, sheet.headers);
      const readers = sheet.rows.map((row) => new RowReader(row, spec, index));
      const refs = await ImportReferences.load(this.dataSource.manager, spec, readers);
      const actor = await this.actorOf(imp);
      const provinceColumn = provinceColumnOf(spec.columns);
      const valid: ValidRow[] = [];
      const errors: ImportRowError[] = [];
      const seen = new Map<string, number>();
      let invalid = 0;
      for (const [n, r] of readers.entries()) {
        if (n % VALIDATE_SLICE === VALIDATE_SLICE - 1) await new Promise((res) => setImmediate(res));
        const v = validateRow(imp.kind, r, refs, imp.organizationId);
        const outside = v && outsideProvincesMessage(actor, rowProvinceCodes(v));
        if (outside) r.fail(provinceColumn, outside);
        else if (v) {
          const first = v.keys.map((k) => seen.get(k)).find((x) => x !== undefined);
          if (first !== undefined)
            r.fail(v.keyColumn, `Trùng với dòng ${first} (cùng khóa nhận diện: ${r.header(v.keyColumn)})`);
          else for (const k of v.keys) seen.set(k, v.rowNumber);
        }
        if (!r.ok) {
          invalid++;
          for (const e of r.errors) if (errors.length < MAX_STORED_ROW_ERRORS) errors.push(e);
        } else valid.push(v!);
      }
      await onProgress(50);
      const totalRows = readers.length;
      const columnsInFile = new Set(index.keys());
      const cellOf = (column: string, row: number) =>
        index.has(column) ? `${columnLetter(index.get(column)!)}${row}` : undefined;
      // Rows are written even when the mode will roll them back: a clash with a record already
      // there is only known by trying, and the person fixing the sheet should see every problem at once.
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      let conflicts = 0;
      let changedFields: Record<string, number> = {};
      try {
        await this.dataSource.transaction(async (em) => {
          for (let i = 0; i < valid.length; i += WRITE_CHUNK) {
            const out = await writeRows(em, imp.kind, valid.slice(i, i + WRITE_CHUNK), { actor, columnsInFile });
            inserted += out.inserted;
            updated += out.updated;
            unchanged += out.unchanged;
            conflicts += out.conflicts.length;
            for (const [field, n] of Object.entries(out.changedFields))
              changedFields[field] = (changedFields[field] ?? 0) + n;
            for (const c of out.conflicts) {
              const cell = cellOf(c.column, c.row.rowNumber);
              if (errors.length < MAX_STORED_ROW_ERRORS) {
                errors.push({
                  row: c.row.rowNumber,
                  column: spec.columns.find((x) => x.key === c.column)?.header ?? c.column,
                  ...(cell ? { cell } : {}),
                  message: c.message,
                  ...(c.code ? { code: c.code } : {}),
                });
              }
            }
            await onProgress(50 + (49 * Math.min(valid.length, i + WRITE_CHUNK)) / valid.length);
          }
          if (imp.mode === 'all-or-nothing' && invalid + conflicts > 0) throw new RollBack();
          await this.audit.record(em, actor, 'import', 'import', imp.id, {
            kind: imp.kind,
            mode: imp.mode,
            insertedRows: inserted,
            updatedRows: updated,
            unchangedRows: unchanged,
            changedFields,
          });
        });
      } catch (e) {
        if (!(e instanceof RollBack)) throw e;
        inserted = 0;
        updated = 0;
        changedFields = {};
      }
      invalid += conflicts;
      errors.sort((x, y) => x.row - y.row);
      const blocked = imp.mode === 'all-or-nothing' && invalid > 0;
      await this.imports.update(
        { id: importId },
        {
          status: blocked ? 'failed' : 'completed',
          progress: 100,
          totalRows,
          validRows: totalRows - invalid,
          invalidRows: invalid,
          writtenRows: inserted + updated,
          insertedRows: inserted,
          updatedRows: updated,
          unchangedRows: unchanged,
          changedFields,
          rowErrors: errors,
          error: blocked
            ? {
                code: 'IMPORT.ROWS_INVALID',
                message: `${invalid} dòng có lỗi; chế độ "tất cả hoặc không" nên không ghi dòng nào`,
              }
            : null,
          finishedAt: new Date(),
        },
      );
      await onProgress(100);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e; // infrastructure: let the queue retry the job
      await this.imports.update(
        { id: importId },
        { status: 'failed', error: { code: e.code, message: e.message, details: e.details }, finishedAt: new Date() },
      );
    }
    return toImportView(await this.imports.findOneByOrFail({ id: importId }));
  }

  /** Who imports, as they are now: a province staff member's provinces are read when the job runs, as the api reads them per request. */
  private async actorOf(imp: Import): Promise<Actor | null> {
    const actor = actorOf(imp);
    if (!actor || actor.role !== 'staff') return actor;
    const [user]: Array<{ province_codes: string[] | null }> = await this.dataSource.query(
      `SELECT province_codes FROM users WHERE id = $1`,
      [actor.userId],
    );
    return { ...actor, provinceCodes: user?.province_codes ?? null };
  }

  private async load(actor: Actor, id: string): Promise<Import> {
    const imp = await this.imports.findOneBy({ id });
    if (!imp) throw DomainError.notFound('IMPORT', id);
    const isStaff = actor.role === 'admin' || actor.role === 'staff';
    // Province staff read their own imports (the rows of a file may be of any province); national staff all.
    if ((!isStaff || isProvinceBound(actor)) && imp.createdByUserId !== actor.userId)
      throw DomainError.notFound('IMPORT', id);
    return imp;
  }
}

/** Thrown inside the write transaction to undo it when the mode is all-or-nothing and a row failed. */
class RollBack extends Error {}

function actorOf(imp: Import): Actor | null {
  return imp.createdByUserId
    ? {
        userId: imp.createdByUserId,
        email: '',
        role: (imp.createdByRole ?? 'staff') as Actor['role'],
        organizationId: imp.organizationId,
      }
    : null;
}

export function fileTooLarge(maxBytes: number): DomainError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return importTooLarge('IMPORT.FILE_TOO_LARGE', `Tệp lớn hơn ${mb} MB (the file is larger than ${mb} MB)`, {
    limit: maxBytes,
  });
}

function emptyFile(): DomainError {
  return new DomainError(
    'validation',
    'IMPORT.EMPTY_FILE',
    'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (the file has no data rows)',
    [{ field: 'file', message: 'the file has no data rows' }],
  );
}

export function assertHeaders(kind: ImportKind, headers: string[]): void {
  const spec = IMPORT_KIND_SPECS[kind];
  const { missing, index } = matchHeaders(spec, headers);
  if (missing.length || index.size === 0) {
    const expected = spec.columns.map((c) => c.header);
    throw new DomainError(
      'validation',
      'IMPORT.WRONG_HEADERS',
      `Tiêu đề cột không khớp mẫu "${spec.title}": thiếu ${missing.map((m) => `"${m}"`).join(', ') || 'các cột của mẫu'}`,
      { missing, expected, found: headers.filter(Boolean) },
    );
  }
}
