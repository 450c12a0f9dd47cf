import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ToInt } from '../common/dto';
import { OptionalDay, OptionalOneOf, OptionalText, QueryProduct } from '../common/fields';

export const WEEKLY_FORMATS = ['json', 'xlsx', 'docx'] as const;

export class WeeklyReportQueryDto {
  @ApiPropertyOptional({ example: '2026-W10', description: 'ISO week; defaults to the current week' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'week must be an ISO week YYYY-Www, e.g. 2026-W10' })
  week?: string;

  @OptionalText(10, { example: '91', description: 'Province code' })
  province?: string;

  @OptionalOneOf(WEEKLY_FORMATS, {
    description:
      'json (default, the figures), xlsx (the statistical annex) or docx (the report as an administrative document, Decree 30/2020/NĐ-CP, with the annex as tables)',
  })
  format?: (typeof WEEKLY_FORMATS)[number];

  // What only the clerk and the signer know; the rest (agency, place, recipients) is REPORT_* configuration.
  @OptionalText(20, { example: '125', description: 'Document number (Số); left blank for the clerk when absent' })
  @Matches(/^[0-9A-Za-z.-]+$/, { message: 'number must be letters, digits, "." or "-"' })
  number?: string;

  @OptionalDay({ example: '2026-03-09', description: 'Date of issue; the day is left blank when absent' })
  issuedOn?: string;

  @OptionalText(100, { example: 'Nguyễn Văn A', description: 'Signer (default REPORT_SIGNER_NAME)' })
  signerName?: string;

  @OptionalText(100, { example: 'PHÓ GIÁM ĐỐC', description: 'Signer title (default REPORT_SIGNER_TITLE)' })
  signerTitle?: string;

  @OptionalText(100, {
    example: 'KT. GIÁM ĐỐC',
    description: 'Signing on behalf (KT., TL., TUQ.); default REPORT_SIGNER_AUTHORITY',
  })
  signerAuthority?: string;

  @OptionalOneOf(['current', 'pre2025'], {
    default: 'current',
    description:
      'Administrative units the rows are placed on: current (default), or pre-2025 (communes/districts and provinces before 1 July 2025) to compare with older reports',
  })
  units?: 'current' | 'pre2025';
}

export class HarvestCalendarQueryDto {
  @OptionalDay({ example: '2026-03-02', description: 'First week: the ISO week of this day (default today)' })
  from?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 53, default: 12 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(53)
  weeks?: number;

  @OptionalText(10)
  province?: string;
}

export class PriceWatchQueryDto {
  @QueryProduct({ example: 'LUA_ST' })
  product?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 104, default: 12 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(104)
  weeks?: number;

  @ApiPropertyOptional({ default: 10, description: 'Flag a week whose average moved more than this many percent' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value,
  )
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  thresholdPercent?: number;

  @OptionalDay({ description: 'Last week: the ISO week of this day (default today)' })
  to?: string;

  @OptionalText(10)
  provinceCode?: string;
}

export class BacklogQueryDto {
  @OptionalText(10)
  province?: string;

  @OptionalDay({ description: 'Backlog as of this day (default today)' })
  date?: string;

  @OptionalOneOf(['current', 'pre2025'], {
    default: 'current',
    description:
      'Administrative units the rows are placed on: current (default), or pre-2025 (communes/districts and provinces before 1 July 2025) to compare with older reports',
  })
  units?: 'current' | 'pre2025';
}
