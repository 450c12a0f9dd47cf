import type { MatchingScheduleView } from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/dto';
import { MatchingParamsDto } from '../matching-runs/matching-run.dto';
import { pageResponseOf } from '../common/page-response.dto';

export class MatchingScopeDto {
  @ApiPropertyOptional({ example: ['LUA_ST'], description: 'Product codes; empty or absent = every product' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_]{1,40}$/, { each: true, message: 'products must be product codes such as LUA_ST' })
  products?: string[];

  @ApiPropertyOptional({ example: ['91'], description: 'Province codes; empty or absent = every province' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
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

  @ApiPropertyOptional({ example: 'Asia/Ho_Chi_Minh', default: 'Asia/Ho_Chi_Minh' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ type: MatchingScopeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchingScopeDto)
  scope?: MatchingScopeDto;

  @ApiPropertyOptional({ enum: ['volume-then-score', 'score'] })
  @IsOptional()
  @IsIn(['volume-then-score', 'score'])
  objective?: 'volume-then-score' | 'score';

  @ApiPropertyOptional({ enum: [1, 2] })
  @IsOptional()
  @IsIn([1, 2])
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
