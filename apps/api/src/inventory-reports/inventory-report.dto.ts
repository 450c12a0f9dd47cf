import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { IsProductCode, IsVndPerKg, IsWholeKg, PageQueryDto } from '../common/dto';
import { Day, OptionalDay, OptionalText, OptionalUuid, QueryProduct } from '../common/fields';
import { pageResponseOf } from '../common/page-response.dto';
import { type InventoryReportView } from '@agrilink/core';

export class StockOfferDto {
  @ApiProperty({ example: 9500, description: 'Asking price, whole VND per kg' })
  @IsVndPerKg()
  askVndPerKg: number;

  @Day({ example: '2027-03-31', description: 'Còn bán đến: last day the stock can be dispatched' })
  availableUntil: string;
}

export class CreateInventoryReportDto {
  @OptionalUuid({ description: 'Required for staff/admin; a buyer user reports for its own buyer' })
  buyerId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @IsProductCode()
  product: string;

  @ApiProperty({ example: 350000, description: 'Unsold stock, whole kilograms (0 allowed)' })
  @IsWholeKg(0)
  quantityKg: number;

  @Day({ example: '2026-11-20', description: 'Day the stock was counted' })
  reportedAt: string;

  @OptionalText(2000)
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
  @OptionalUuid()
  buyerId?: string;

  @QueryProduct()
  product?: string;

  @OptionalDay({ example: '2026-11-01', description: 'Reported on or after this day' })
  from?: string;

  @OptionalDay({ example: '2026-11-30', description: 'Reported on or before this day' }, 'from')
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
