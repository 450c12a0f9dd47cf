import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MATCHING_RUN_STATUSES, MatchingRunStatus } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import {
  OptionalBoolean,
  OptionalDay,
  OptionalOneOf,
  OptionalProductCodes,
  OptionalText,
  OptionalTextList,
  OptionalUuid,
} from '../common/fields';

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
  @OptionalOneOf(['volume-then-score', 'score'])
  objective?: 'volume-then-score' | 'score';

  @OptionalOneOf([1, 2], { description: '1 = normal, 2 = lockdown (Chỉ thị 16)' })
  scenario?: 1 | 2;

  @OptionalProductCodes({ example: ['LUA_ST'] })
  products?: string[];

  @OptionalTextList(100, 10, { example: ['91'] })
  provinceCodes?: string[];

  @ApiPropertyOptional({ type: MatchingParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchingParamsDto)
  params?: MatchingParamsDto;

  @OptionalBoolean({
    example: false,
    description:
      'Default true: start from the plan of the last completed run over the same products, provinces and parameters (incremental re-matching; the same exact optimum). false: solve cold.',
  })
  warmStart?: boolean;
}

export class CreateMatchingRunDto extends MatchingOptionsDto {
  @OptionalDay({
    example: '2026-12-01',
    description: 'Day the run judges availability, contracts and zones on; default today (Asia/Ho_Chi_Minh)',
  })
  runDay?: string;
}

export class ListMatchingRunsQueryDto extends PageQueryDto {
  @OptionalOneOf(MATCHING_RUN_STATUSES)
  status?: MatchingRunStatus;

  @OptionalUuid({ description: 'Runs fired by this schedule' })
  matchingScheduleId?: string;

  @OptionalText(4000, { example: 'LUA_ST|91', description: "Runs over this scope: products|provinces, '*' for all" })
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
