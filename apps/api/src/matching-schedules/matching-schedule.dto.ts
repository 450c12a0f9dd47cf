import type { MatchingScheduleView } from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/dto';
import { MatchingParamsDto } from '../matching-runs/matching-run.dto';
import { pageResponseOf } from '../common/page-response.dto';
import { OptionalOneOf, OptionalProductCodes, OptionalText, OptionalTextList } from '../common/fields';

export class MatchingScopeDto {
  @OptionalProductCodes({ example: ['LUA_ST'], description: 'Product codes; empty or absent = every product' })
  products?: string[];

  @OptionalTextList(100, 10, { example: ['91'], description: 'Province codes; empty or absent = every province' })
  provinceCodes?: string[];
}

export class CreateMatchingScheduleDto {
  @ApiProperty({
    example: '30 6 * * *',
    description: 'Cron: minute hour day month weekday (or seconds first); 06:30 every day',
  })
  @IsString()
  @MaxLength(120)
  cron: string;

  @OptionalText(64, { example: 'Asia/Ho_Chi_Minh', default: 'Asia/Ho_Chi_Minh' })
  timezone?: string;

  @ApiPropertyOptional({ type: MatchingScopeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchingScopeDto)
  scope?: MatchingScopeDto;

  @OptionalOneOf(['volume-then-score', 'score'])
  objective?: 'volume-then-score' | 'score';

  @OptionalOneOf([1, 2])
  scenario?: 1 | 2;

  @ApiPropertyOptional({ type: MatchingParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchingParamsDto)
  params?: MatchingParamsDto;
}

export class ListMatchingSchedulesQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  paused?: boolean;
}

export class MatchingScheduleScopeResponse {
  @ApiProperty({ type: [String] }) products: string[];
  @ApiProperty({ type: [String] }) provinceCodes: string[];
}

export class MatchingScheduleResponse implements MatchingScheduleView {
  @ApiProperty() id: string;
  @ApiProperty() cron: string;
  @ApiProperty() timezone: string;
  @ApiProperty({ type: MatchingScheduleScopeResponse }) scope: MatchingScheduleScopeResponse;
  @ApiProperty() scopeKey: string;
  @ApiProperty({ type: Object }) options: object;
  @ApiProperty() paused: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextRunAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastFiredAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) lastRunId: string | null;
  @ApiProperty({ nullable: true, type: String }) createdByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class MatchingSchedulePageResponse extends pageResponseOf(MatchingScheduleResponse) {}
