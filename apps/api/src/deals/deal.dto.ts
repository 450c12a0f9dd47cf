import { type DealView, DEAL_STATUSES, DealStatus, DEAL_SORTS, DealSort, type DeliveryView } from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsVndPerKg, IsWholeKg, PageQueryDto, trimmed, IsListSort, IsListSearch } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { Day, OptionalBoolean, OptionalDay, OptionalOneOf, OptionalText, OptionalUuid } from '../common/fields';

/** Whether a deal, made directly or by confirming a proposal, comes with its load posted. */
export const TransportArranged = () =>
  OptionalBoolean({
    default: false,
    description:
      "True when the parties already arranged the transport: no load is posted. Otherwise the deal's load (pickup at the lot, drop at the buyer, the deal's kilograms) is posted in the same transaction and operators serving its provinces are told",
  });

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

  @OptionalBoolean({
    description:
      "Say true when a price below a third of the product's catalogue minimum or above three times its maximum is intended (otherwise 422 DEAL.UNUSUAL_PRICE)",
  })
  confirmUnusualPrice?: boolean;

  @TransportArranged()
  transportArranged?: boolean;
}

/** Deprecated: use POST /deals/:id/deliveries and POST /deals/:id/cancel. Kept for older callers. */
export class UpdateDealDto {
  @ApiPropertyOptional({ description: 'Kilograms delivered, at most the deal quantity' })
  @IsOptional()
  @IsWholeKg(0)
  deliveredKg?: number;

  @ApiPropertyOptional({ example: '2026-12-20T08:00:00+07:00' })
  @IsOptional()
  @IsDateString()
  deliveredAt?: string;

  @OptionalOneOf(['delivered', 'cancelled'], {
    description: 'cancelled releases the kilograms back to the lot and the request',
  })
  status?: 'delivered' | 'cancelled';
}

export class ListDealsQueryDto extends PageQueryDto {
  @IsListSort(DEAL_SORTS, 'newest first')
  sort?: DealSort;

  @IsListSearch('Search cooperative, buyer and product names')
  q?: string;

  @OptionalOneOf(DEAL_STATUSES)
  status?: DealStatus;

  @OptionalUuid()
  supplyLotId?: string;

  @OptionalUuid()
  purchaseRequestId?: string;

  @OptionalUuid()
  cooperativeId?: string;

  @OptionalUuid()
  buyerId?: string;
}

export class RecordDeliveryDto {
  @ApiProperty({ example: 4000, description: 'Whole kilograms delivered in this part' })
  @IsWholeKg()
  deliveredKg: number;

  @Day({ example: '2026-12-01', description: 'Day of delivery (YYYY-MM-DD), not in the future' })
  deliveredOn: string;

  @OptionalText(2000, { example: 'Giao tại kho Rạch Giá, xe 68C-123.45' })
  note?: string;
}

export class CorrectDeliveryDto {
  @ApiPropertyOptional({ description: 'Whole kilograms' })
  @IsOptional()
  @IsWholeKg()
  deliveredKg?: number;

  @OptionalDay({ example: '2026-12-01' })
  deliveredOn?: string;

  @OptionalText(2000)
  note?: string;

  @OptionalText(2000, { example: 'Cân lại tại kho: thiếu 200 kg', description: 'Why; kept in the audit log' })
  reason?: string;
}

export class CancelDealDto {
  @ApiProperty({
    example: 'Bên mua hủy do lũ, không nhận hàng',
    description: 'Why the deal is cancelled; told to both parties and kept in the audit log',
  })
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class DealResponse implements DealView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) proposalId: string | null;
  @ApiProperty() supplyLotId: string;
  @ApiProperty() purchaseRequestId: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() buyerId: string;
  @ApiProperty() product: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() priceVndPerKg: number;
  @ApiProperty() valueVnd: number;
  @ApiProperty({ enum: DEAL_STATUSES }) status: DealStatus;
  @ApiProperty({ nullable: true, type: Number }) deliveredKg: number | null;
  @ApiProperty() remainingToDeliverKg: number;
  @ApiProperty({ nullable: true, type: Date }) deliveredAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) cancelledAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty() unusualPriceConfirmed: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiPropertyOptional({ description: 'in lists' }) cooperativeName?: string;
  @ApiPropertyOptional({ description: 'in lists' }) buyerName?: string;
}

export class DealPageResponse extends pageResponseOf(DealResponse) {}

export class DeliveryResponse implements DeliveryView {
  @ApiProperty() id: string;
  @ApiProperty() dealId: string;
  @ApiProperty() deliveredKg: number;
  @ApiProperty({ example: '2026-12-01' }) deliveredOn: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) recordedByUserId: string | null;
  @ApiProperty({ nullable: true, type: Date }) correctedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class DeliveryPageResponse extends pageResponseOf(DeliveryResponse) {}

export class DeliveryRecordedResponse {
  @ApiProperty({ type: DeliveryResponse }) delivery: DeliveryResponse;
  @ApiProperty({ type: DealResponse }) deal: DealResponse;
}
