import {
  type MissingAgencyView,
  type ReminderScheduleView,
  type AdHocReportView,
  type AgencyReportView,
  AGENCY_REPORT_LINES_MAX,
  AGENCY_REPORT_TEXT_MAX,
  type AgencyReportLineView,
} from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/dto';
import { AgencyRefResponse } from '../agencies/agency.dto';
import { pageResponseOf } from '../common/page-response.dto';
import { OptionalBoolean, OptionalText, OptionalUuid } from '../common/fields';

const WEEK = /^\d{4}-W\d{2}$/;
const WEEK_MESSAGE = 'week must be an ISO week YYYY-Www, e.g. 2026-W49';
const MAX_KG = Number.MAX_SAFE_INTEGER;

export class WeekParamDto {
  @ApiProperty({ example: '2026-W49' })
  @Matches(WEEK, { message: WEEK_MESSAGE })
  week: string;
}

export class WeekQueryDto {
  @ApiProperty({ example: '2026-W49' })
  @Matches(WEEK, { message: WEEK_MESSAGE })
  week: string;
}

export class AgencyQueryDto {
  @OptionalUuid({ format: 'uuid', description: 'Staff: whose report; an agency user reads only its own' })
  agencyId?: string;
}

export class AgencyHistoryQueryDto extends PageQueryDto {
  @OptionalUuid({ format: 'uuid', description: 'Staff: whose report; an agency user reads only its own' })
  agencyId?: string;
}

export class AgencyReportLineDto {
  @ApiPropertyOptional({
    example: 'LUA_ST',
    description: 'Product code; absent for the agency’s all-products figures',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,40}$/, { message: 'productCode must be a product code such as LUA_ST' })
  productCode?: string | null;

  @ApiPropertyOptional({ example: 1200000, description: 'Sản lượng đã thu hoạch (kg)', nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KG)
  harvestedKg?: number | null;

  @ApiPropertyOptional({ example: 900000, description: 'Đã tiêu thụ (kg)', nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KG)
  soldKg?: number | null;

  @ApiPropertyOptional({ example: 300000, description: 'Tồn đọng (kg)', nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KG)
  backlogKg?: number | null;

  @OptionalText(2000, { nullable: true, type: String })
  note?: string | null;
}

export class SubmitAgencyReportDto {
  @ApiPropertyOptional({ description: 'Tình hình: the situation this week', maxLength: AGENCY_REPORT_TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(AGENCY_REPORT_TEXT_MAX)
  situation?: string;

  @ApiPropertyOptional({ description: 'Khó khăn, vướng mắc', maxLength: AGENCY_REPORT_TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(AGENCY_REPORT_TEXT_MAX)
  difficulties?: string;

  @ApiPropertyOptional({ description: 'Đề xuất, kiến nghị', maxLength: AGENCY_REPORT_TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(AGENCY_REPORT_TEXT_MAX)
  proposals?: string;

  @ApiPropertyOptional({
    type: [AgencyReportLineDto],
    description: 'Figures where the agency has them: one line per product (and one without a product for totals)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AGENCY_REPORT_LINES_MAX)
  @ValidateNested({ each: true })
  @Type(() => AgencyReportLineDto)
  lines?: AgencyReportLineDto[];

  @OptionalUuid({
    format: 'uuid',
    description: 'Staff keying in a report received on paper: the agency it is from',
  })
  agencyId?: string;
}

/** The multipart body of a spreadsheet submission, for the OpenAPI document (multer reads the file). */
export class SubmitAgencyReportSpreadsheetDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The filled-in template, .xlsx or .csv' })
  file: unknown;
}

export class RemindAgenciesDto {
  @ApiProperty({ example: '2026-W49' })
  @Matches(WEEK, { message: WEEK_MESSAGE })
  week: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Only these agencies (each must be missing); absent = every missing agency',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  agencyIds?: string[];
}

export class ReminderScheduleDto {
  @ApiProperty({ minimum: 1, maximum: 7, example: 5, description: 'ISO weekday: 1 Monday … 7 Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ minimum: 0, maximum: 23, example: 9 })
  @IsInt()
  @Min(0)
  @Max(23)
  hour: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 59, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(59)
  minute?: number;

  @OptionalText(64, { example: 'Asia/Ho_Chi_Minh', default: 'Asia/Ho_Chi_Minh' })
  timezone?: string;

  @OptionalBoolean({ default: false })
  paused?: boolean;
}

export class AgencyReportLineResponse implements AgencyReportLineView {
  @ApiProperty({ nullable: true, type: String }) productCode: string | null;
  @ApiProperty({ nullable: true, type: String }) productName: string | null;
  @ApiProperty({ nullable: true, type: Number }) harvestedKg: number | null;
  @ApiProperty({ nullable: true, type: Number }) soldKg: number | null;
  @ApiProperty({ nullable: true, type: Number }) backlogKg: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class AgencyReportResponse implements AgencyReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-W49' }) week: string;
  @ApiProperty({ type: AgencyRefResponse }) agency: AgencyRefResponse;
  @ApiProperty() situation: string;
  @ApiProperty() difficulties: string;
  @ApiProperty() proposals: string;
  @ApiProperty({ type: [AgencyReportLineResponse] }) lines: AgencyReportLineResponse[];
  @ApiProperty({ description: '1 at the first submission, +1 at each change' }) revision: number;
  @ApiProperty({ enum: ['form', 'spreadsheet'] }) source: AgencyReportView['source'];
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt: Date;
  @ApiProperty({ nullable: true, type: String }) submittedByUserId: string | null;
}

export class SubmitAgencyReportResponse {
  @ApiProperty({ type: AgencyReportResponse }) report: AgencyReportResponse;
  @ApiProperty({ description: 'false when the same content was sent again' }) changed: boolean;
  @ApiProperty({ description: 'true at the first submission for the week' }) created: boolean;
}

export class MissingAgencyResponse implements MissingAgencyView {
  @ApiProperty({ type: AgencyRefResponse }) agency: AgencyRefResponse;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastRemindedAt: Date | null;
  @ApiProperty() reminderCount: number;
}

export class AgencyWeekSummaryResponse {
  @ApiProperty({ example: '2026-W49' }) week: string;
  @ApiProperty({ example: '2026-11-30' }) start: string;
  @ApiProperty({ example: '2026-12-06' }) end: string;
  @ApiProperty({ type: [AgencyReportResponse] }) submitted: AgencyReportResponse[];
  @ApiProperty({ type: [MissingAgencyResponse] }) missing: MissingAgencyResponse[];
}

export class ReminderResultResponse {
  @ApiProperty() week: string;
  @ApiProperty({ type: [AgencyRefResponse] }) reminded: AgencyRefResponse[];
}

export class ReminderScheduleResponse implements ReminderScheduleView {
  @ApiProperty({ description: 'false until staff set a weekday and hour' }) configured: boolean;
  @ApiProperty({ nullable: true, type: Number }) weekday: number | null;
  @ApiProperty({ nullable: true, type: Number }) hour: number | null;
  @ApiProperty({ nullable: true, type: Number }) minute: number | null;
  @ApiProperty() timezone: string;
  @ApiProperty() paused: boolean;
  @ApiProperty({ nullable: true, type: String, example: '0 9 * * 5' }) cron: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastFiredAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: Date | null;
}

export class CreateAdHocReportDto {
  @ApiProperty({ example: 'Mưa lớn gây ngập ruộng lúa chờ thu hoạch' })
  @IsString()
  @MaxLength(300)
  subject: string;

  @ApiProperty({ example: '2026-12-02', description: 'The day the report is about (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reportedOn must be a date YYYY-MM-DD' })
  reportedOn: string;

  @ApiProperty()
  @IsString()
  @MaxLength(AGENCY_REPORT_TEXT_MAX)
  content: string;

  @OptionalUuid({
    format: 'uuid',
    description: 'Staff keying in a report received on paper: the agency it is from',
  })
  agencyId?: string;
}

export class ListAdHocReportsQueryDto extends PageQueryDto {
  @OptionalUuid({ format: 'uuid', description: 'Staff only; an agency user sees its own' })
  agencyId?: string;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

export class AdHocReportResponse implements AdHocReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: AgencyRefResponse }) agency: AgencyRefResponse;
  @ApiProperty() subject: string;
  @ApiProperty({ example: '2026-12-02' }) reportedOn: string;
  @ApiProperty() content: string;
  @ApiProperty({ nullable: true, type: String }) submittedByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class AdHocReportPageResponse extends pageResponseOf(AdHocReportResponse) {}
