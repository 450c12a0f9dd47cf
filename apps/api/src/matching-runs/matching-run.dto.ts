import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MATCHING_RUN_STATUSES, MatchingRunStatus } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';

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

  @ApiPropertyOptional({ example: 300, nullable: true, description: 'Global distance cap in km; null = none' })
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

export class CreateMatchingRunDto {
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
}

export class ListMatchingRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MATCHING_RUN_STATUSES })
  @IsOptional()
  @IsIn(MATCHING_RUN_STATUSES)
  status?: MatchingRunStatus;
}

