import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsUUID } from 'class-validator';
import { DEAL_STATUSES, DealStatus } from '@agrilink/core';
import { IsVndPerKg, IsWholeKg, PageQueryDto } from '../common/dto';

export class CreateDealDto {
  @ApiProperty()
  @IsUUID()
  supplyLotId: string;

  @ApiProperty()
  @IsUUID()
  purchaseRequestId: string;

  @ApiProperty({ example: 10000, description: 'Whole kilograms' })
  @IsWholeKg()
  quantityKg: number;

  @ApiProperty({ example: 7200, description: 'Whole VND per kg' })
  @IsVndPerKg()
  priceVndPerKg: number;
}

export class UpdateDealDto {
  @ApiPropertyOptional({ description: 'Kilograms delivered, at most the deal quantity' })
  @IsOptional()
  @IsWholeKg(0)
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
