import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  IMPORT_FORMATS,
  IMPORT_KINDS,
  IMPORT_MODES,
  IMPORT_STATUSES,
  ImportFormat,
  ImportKind,
  ImportMode,
  ImportStatus,
  type ImportView,
} from '@agrilink/core';
import { OptionalOneOf } from '../common/fields';

export class CreateImportDto {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS)
  kind: ImportKind;

  @OptionalOneOf(IMPORT_MODES, {
    default: 'all-or-nothing',
    description: 'all-or-nothing: nothing is written if any row is bad; partial: the good rows are written',
  })
  mode?: ImportMode;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      '.xlsx or .csv, at most IMPORT_MAX_FILE_BYTES (20 MB by default); an .xlsx whose zip directory declares more than IMPORT_MAX_UNCOMPRESSED_BYTES inflated is refused with 413',
  })
  @IsOptional()
  file?: unknown;
}

export class ImportErrorsQueryDto {
  @OptionalOneOf(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class ImportFailureDto {
  @ApiProperty({
    example: 'IMPORT.ZIP_BOMB',
    description:
      'stable code: IMPORT.ROWS_INVALID, IMPORT.WRONG_HEADERS, IMPORT.ZIP_BOMB, IMPORT.UNCOMPRESSED_TOO_LARGE, IMPORT.TOO_MANY_ROWS, IMPORT.TOO_MANY_COLUMNS, IMPORT.CELL_TOO_LONG, IMPORT.UNREADABLE_FILE, IMPORT.PROCESSING_FAILED…',
  })
  code: string;
  @ApiProperty()
  message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: unknown;
}

export class ImportViewDto implements ImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: ImportKind;
  @ApiProperty({ enum: IMPORT_MODES }) mode: ImportMode;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: ImportFormat;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'bytes' }) fileSize: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: 'integer', nullable: true }) totalRows: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'rows without an error (written or unchanged)' })
  validRows: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'rows with a row error (see /errors), including clashes with records already there',
  })
  invalidRows: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'insertedRows + updatedRows' }) writtenRows:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'new records' }) insertedRows: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'records already there (same reference, tax code or natural key) whose values the file corrected',
  })
  updatedRows: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'rows identical to a record of the same owner already there: not written again',
  })
  unchangedRows: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
    description:
      'of the updated rows, how many changed each field (named as the API names it, e.g. { "quantityKg": 3, "askVndPerKg": 1 }); each row\'s before and after are in the audit log',
  })
  changedFields: Record<string, number> | null;
  @ApiProperty({ type: ImportFailureDto, nullable: true }) error: ImportFailureDto | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt: Date | null;
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'spreadsheet row (the header is row 1)' }) row: number;
  @ApiProperty({ description: 'column header as in the template' }) column: string;
  @ApiPropertyOptional({ example: 'C5' }) cell?: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({
    example: 'SUPPLY_LOT.QUANTITY_BELOW_COMMITTED',
    description: "a resource's rule refused the row: the code the API answers for the same input",
  })
  code?: string;
}

export class ImportRowErrorsDto {
  @ApiProperty({ format: 'uuid' }) importId: string;
  @ApiProperty() total: number;
  @ApiProperty() truncated: boolean;
  @ApiProperty({ type: [ImportRowErrorDto] }) items: ImportRowErrorDto[];
}
