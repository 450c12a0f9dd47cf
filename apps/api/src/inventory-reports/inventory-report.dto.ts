import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsDateOnly, IsOnOrAfter, IsProductCode, IsVndPerKg, IsWholeKg, PageQueryDto, upper } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { type InventoryReportView } from '@agrilink/core';

export class StockOfferDto {
  @ApiProperty({ example: 9500, description: 'Asking price, whole VND per kg' })
  @IsVndPerKg()
  askVndPerKg: number;

  @ApiProperty({ example: '2027-03-31', description: 'Còn bán đến: last day the stock can be dispatched' })
  @IsDateOnly()
  availableUntil: string;
}

export class CreateInventoryReportDto {
  @ApiPropertyOptional({ description: 'Required for staff/admin; a buyer user reports for its own buyer' })
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @IsProductCode()
  product: string;

  @ApiProperty({ example: 350000, description: 'Unsold stock, whole kilograms (0 allowed)' })
  @IsWholeKg(0)
  quantityKg: number;

  @ApiProperty({ example: '2026-11-20', description: 'Day the stock was counted' })
  @IsDateOnly()
  reportedAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    type: StockOfferDto,
    nullable: true,
    description:
      'Offer the stock for sale: it enters matching, the map and deals as a supply lot; null withdraws the offer',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @ValidateNested()
  @Type(() => StockOfferDto)
  offer?: StockOfferDto | null;
}

export class UpdateInventoryReportDto extends PartialType(CreateInventoryReportDto, { skipNullProperties: false }) {}

export class ListInventoryReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Reported on or after this day' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Reported on or before this day' })
  @IsOptional()
  @IsDateOnly()
  @IsOnOrAfter('from')
  to?: string;
}

export class InventoryReportOfferResponse {
  @ApiProperty() supplyLotId: string;
  @ApiProperty() askVndPerKg: number;
  @ApiProperty() availableUntil: string;
  @ApiProperty() status: string;
  @ApiProperty() soldKg: number;
  @ApiProperty() remainingKg: number;
}

export class InventoryReportResponse implements InventoryReportView {
  @ApiProperty() id: string;
  @ApiProperty() buyerId: string;
  @ApiPropertyOptional() buyerName?: string;
  @ApiProperty() product: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() reportedAt: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({
    type: InventoryReportOfferResponse,
    nullable: true,
    description: 'The stock offered for sale, as the supply lot that sells it; null when not offered.',
  })
  offer: InventoryReportOfferResponse | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class InventoryReportPageResponse extends pageResponseOf(InventoryReportResponse) {}
