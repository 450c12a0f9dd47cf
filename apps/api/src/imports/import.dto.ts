import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IMPORT_KINDS, IMPORT_MODES, ImportKind, ImportMode } from '@agrilink/core';

export class CreateImportDto {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS)
  kind: ImportKind;

  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'all-or-nothing', description: 'all-or-nothing: nothing is written if any row is bad; partial: the good rows are written' })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;

  @ApiProperty({ type: 'string', format: 'binary', description: '.xlsx or .csv, at most IMPORT_MAX_FILE_BYTES (20 MB by default); an .xlsx whose zip directory declares more than IMPORT_MAX_UNCOMPRESSED_BYTES inflated is refused with 413' })
  @IsOptional()
  file?: unknown;
}

export class ImportErrorsQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'] })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}
