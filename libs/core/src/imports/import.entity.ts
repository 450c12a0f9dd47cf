import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const IMPORT_KINDS = [
  'cooperatives',
  'buyers',
  'supply-lots',
  'purchase-requests',
  'production-areas',
  'inventory-reports',
  'price-observations',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_MODES = ['all-or-nothing', 'partial'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One row's problem, in Vietnamese for the district staff who fix the sheet. */
export interface ImportRowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** Column header as in the template. */
  column: string;
  message: string;
  /** Cell address such as C5 when one cell is at fault. */
  cell?: string;
  /** The rule's stable code when a resource's rule refused the row: the one the API answers for the same input. */
  code?: string;
}

/**
 * An uploaded spreadsheet (tệp nhập liệu). The file's bytes live here, so an
 * accepted upload survives a worker or Redis restart; Redis only carries the job.
 */
@Entity('imports')
@Check('ck_imports_status', `"status" IN ('queued', 'running', 'completed', 'failed')`)
@Check('ck_imports_mode', `"mode" IN ('all-or-nothing', 'partial')`)
@Check('ck_imports_progress', '"progress" >= 0 AND "progress" <= 100')
export class Import {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 20, default: 'all-or-nothing' })
  mode: ImportMode;

  @Column({ type: 'varchar', length: 12, default: 'queued' })
  @Index()
  status: ImportStatus;

  @Column({ type: 'varchar', length: 8 })
  format: ImportFormat;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'int' })
  fileSize: number;

  @Column({ type: 'varchar', length: 64 })
  @Index()
  sha256: string;

  /** Not selected by default: lists and status polls never drag the file along. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'int', nullable: true })
  totalRows: number | null;

  @Column({ type: 'int', nullable: true })
  validRows: number | null;

  @Column({ type: 'int', nullable: true })
  invalidRows: number | null;

  /** insertedRows + updatedRows. */
  @Column({ type: 'int', nullable: true })
  writtenRows: number | null;

  /** New records. */
  @Column({ type: 'int', nullable: true })
  insertedRows: number | null;

  /** Records already there whose values the file corrected. */
  @Column({ type: 'int', nullable: true })
  updatedRows: number | null;

  /** Rows identical to a record of the same owner already there (a file imported twice). */
  @Column({ type: 'int', nullable: true })
  unchangedRows: number | null;

  /** Of the updated rows, how many changed each field (named as the API names it). */
  @Column({ type: 'jsonb', nullable: true })
  changedFields: Record<string, number> | null;

  /** Row errors, capped (see MAX_STORED_ROW_ERRORS); invalidRows keeps the true count. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  rowErrors: ImportRowError[];

  /** Why the whole file failed: `{ code, message }` (wrong headers, unreadable file…). */
  @Column({ type: 'jsonb', nullable: true })
  error: { code: string; message: string; details?: unknown } | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  createdByRole: string | null;

  /** Set when a cooperative imports its own supply lots: every row is bound to it. */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
