import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MATCHING_RUN_STATUSES, MatchingRunStatus } from '@agrilink/core';
import { IsDateOnly, PageQueryDto } from '../common/dto';

export class MatchingParamsDto {
  @ApiPropertyOptional({ example: 2, description: 'Transport cost, VND per kg per km' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  transportVndPerKgKm?: number;

  @ApiPropertyOptional({ example: 400 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(5000)
  kmPerDay?: number;

  @ApiPropertyOptional({
    type: Number,
    example: 300,
    nullable: true,
    description: 'Global distance cap in km; null = none',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(5000)
  maxDistanceKm?: number | null;

  @ApiPropertyOptional({ example: 1.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100)
  scenario2TransportMultiplier?: number;
}

/** What a run covers and how it scores: shared by one-off runs and schedules. */
export class MatchingOptionsDto {
  @ApiPropertyOptional({ enum: ['volume-then-score', 'score'] })
  @IsOptional()
  @IsIn(['volume-then-score', 'score'])
  objective?: 'volume-then-score' | 'score';

  @ApiPropertyOptional({ enum: [1, 2], description: '1 = normal, 2 = lockdown (Chỉ thị 16)' })
  @IsOptional()
  @IsIn([1, 2])
  scenario?: 1 | 2;

  @ApiPropertyOptional({ example: ['LUA_ST'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_]{1,40}$/, { each: true, message: 'products must be product codes such as LUA_ST' })
  products?: string[];

  @ApiPropertyOptional({ example: ['91'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  provinceCodes?: string[];

  @ApiPropertyOptional({ type: MatchingParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchingParamsDto)
  params?: MatchingParamsDto;

  @ApiPropertyOptional({
    example: false,
    description:
      'Default true: start from the plan of the last completed run over the same products, provinces and parameters (incremental re-matching; the same exact optimum). false: solve cold.',
  })
  @IsOptional()
  @IsBoolean()
  warmStart?: boolean;
}

export class CreateMatchingRunDto extends MatchingOptionsDto {
  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'Day the run judges availability, contracts and zones on; default today (Asia/Ho_Chi_Minh)',
  })
  @IsOptional()
  @IsDateOnly()
  runDay?: string;
}

export class ListMatchingRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MATCHING_RUN_STATUSES })
  @IsOptional()
  @IsIn(MATCHING_RUN_STATUSES)
  status?: MatchingRunStatus;

  @ApiPropertyOptional({ description: 'Runs fired by this schedule' })
  @IsOptional()
  @IsUUID()
  matchingScheduleId?: string;

  @ApiPropertyOptional({ example: 'LUA_ST|91', description: "Runs over this scope: products|provinces, '*' for all" })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  scopeKey?: string;
}

export class PairChangeResponse {
  @ApiProperty() proposalId: string;
  @ApiProperty() supplyLotId: string;
  @ApiProperty() purchaseRequestId: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() status: string;
  @ApiProperty() matchingRunId: string;
}

export class MatchingRunChangesResponse {
  @ApiProperty() runId: string;
  @ApiProperty({ type: String, nullable: true }) previousRunId: string | null;
  @ApiProperty({ type: [PairChangeResponse] }) added: PairChangeResponse[];
  @ApiProperty({ type: [PairChangeResponse] }) kept: PairChangeResponse[];
  @ApiProperty({ type: [PairChangeResponse] }) superseded: PairChangeResponse[];
}
