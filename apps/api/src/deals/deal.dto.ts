import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DEAL_STATUSES, DealStatus } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';

export class CreateDealDto {
  @ApiProperty()
  @IsUUID()
  supplyLotId: string;

  @ApiProperty()
  @IsUUID()
  purchaseRequestId: string;

  @ApiProperty({ example: 10000, description: 'Whole kilograms' })
  @IsInt({ message: 'quantityKg must be a whole number of kilograms' })
  @Min(1)
  @Max(1_000_000_000_000)
  quantityKg: number;

  @ApiProperty({ example: 7200, description: 'Whole VND per kg' })
  @IsInt({ message: 'priceVndPerKg must be a whole number of VND' })
  @Min(0)
  @Max(100_000_000)
  priceVndPerKg: number;
}

export class UpdateDealDto {
  @ApiPropertyOptional({ description: 'Kilograms delivered, at most the deal quantity' })
  @IsOptional()
  @IsInt({ message: 'deliveredKg must be a whole number of kilograms' })
  @Min(0)
  @Max(1_000_000_000_000)
  deliveredKg?: number;

  @ApiPropertyOptional({ example: '2026-12-20T08:00:00+07:00' })
  @IsOptional()
  @IsDateString()
  deliveredAt?: string;

  @ApiPropertyOptional({ enum: ['delivered', 'cancelled'], description: 'cancelled releases the kilograms back to the lot and the request' })
  @IsOptional()
  @IsIn(['delivered', 'cancelled'])
  status?: 'delivered' | 'cancelled';
}

export class ListDealsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DEAL_STATUSES })
  @IsOptional()
  @IsIn(DEAL_STATUSES)
  status?: DealStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  supplyLotId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  purchaseRequestId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  buyerId?: string;
}
