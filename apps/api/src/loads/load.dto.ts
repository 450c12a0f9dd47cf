import {
  type LoadView,
  LOAD_OFFER_STATUSES,
  LOAD_STATUSES,
  LoadOfferStatus,
  LoadStatus,
  type LoadOfferView,
} from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsWholeKg, LatLngDto, PageQueryDto, trimmed } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { Day, OptionalBoolean, OptionalDay, OptionalOneOf, OptionalText, OptionalUuid } from '../common/fields';

export class CreateLoadDto {
  @ApiProperty({
    description: 'A confirmed (or partly delivered) deal of the caller (seller or buyer), any deal for staff',
  })
  @IsUUID()
  dealId: string;

  @ApiPropertyOptional({
    example: 12000,
    description: 'Whole kilograms to carry; defaults to what the deal still has to deliver',
  })
  @IsOptional()
  @IsWholeKg()
  kg?: number;

  @OptionalDay({
    example: '2026-12-05',
    description: "Defaults to the later of today and the lot's first harvest day",
  })
  earliestPickupOn?: string;

  @OptionalDay(
    { example: '2026-12-12', description: "Defaults to the request's last delivery day" },
    'earliestPickupOn',
  )
  latestDeliveryOn?: string;

  @OptionalBoolean({ default: false, description: 'Needs a refrigerated vehicle' })
  refrigerated?: boolean;

  @ApiPropertyOptional({ example: 'Bốc hàng tại kho HTX, có xe nâng' })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CancelLoadDto {
  @ApiPropertyOptional({ example: 'Bên mua tự đến lấy hàng' })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ListLoadsQueryDto extends PageQueryDto {
  @OptionalOneOf(LOAD_STATUSES)
  status?: LoadStatus;

  @OptionalUuid()
  dealId?: string;

  @OptionalText(10, { example: '91', description: 'Pickup or drop in this province' })
  provinceCode?: string;

  @OptionalDay({ example: '2026-12-06', description: 'Loads that can be picked up on this day' })
  pickupOn?: string;
}

export class ListOffersQueryDto extends PageQueryDto {
  @OptionalOneOf(LOAD_OFFER_STATUSES)
  status?: LoadOfferStatus;
}

export class CreateLoadOfferDto {
  @ApiProperty({ description: "One of the caller's operator's vehicles" })
  @IsUUID()
  vehicleId: string;

  @ApiProperty({ example: 4500000, description: 'The whole price for carrying these kilograms, whole VND' })
  @IsInt({ message: 'priceVnd must be a whole number of VND' })
  @Min(0)
  @Max(1_000_000_000_000)
  priceVnd: number;

  @Day({
    example: '2026-12-06',
    description:
      "Within the load's window; a restricted zone crossed that day needs the vehicle's permit valid that day",
  })
  pickupOn: string;

  @ApiPropertyOptional({
    example: 5000,
    description: 'A part load; defaults to every kilogram still open. The vehicle must carry it.',
  })
  @IsOptional()
  @IsWholeKg()
  kg?: number;

  @ApiPropertyOptional({ example: 'Xe 5 tấn, có bạt che' })
  @IsOptional()
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;
}

class LoadEndResponse {
  @ApiProperty({ type: LatLngDto }) location: LatLngDto;
  @ApiProperty({ nullable: true, type: String }) provinceCode: string | null;
}

class LoadCurfewResponse {
  @ApiProperty({ enum: ['pickup', 'drop'] }) end: 'pickup' | 'drop';
  @ApiProperty() zoneCode: string;
  @ApiProperty() zoneName: string;
  @ApiProperty({ example: '18:00' }) allowedFrom: string;
  @ApiProperty({ example: '05:00' }) allowedTo: string;
}

export class LoadResponse implements LoadView {
  @ApiProperty() id: string;
  @ApiProperty() dealId: string;
  @ApiProperty() supplyLotId: string;
  @ApiProperty() purchaseRequestId: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() buyerId: string;
  @ApiProperty() product: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty({ description: 'Kilograms of accepted offers' }) coveredKg: number;
  @ApiProperty({ description: 'Kilograms still without a vehicle' }) openKg: number;
  @ApiProperty({ type: LoadEndResponse, description: 'At the lot' }) pickup: LoadEndResponse;
  @ApiProperty({ type: LoadEndResponse, description: "At the buyer's request" }) drop: LoadEndResponse;
  @ApiProperty({ description: 'Great-circle kilometres' }) distanceKm: number;
  @ApiProperty({ example: '2026-12-05' }) earliestPickupOn: string;
  @ApiProperty({ example: '2026-12-12' }) latestDeliveryOn: string;
  @ApiProperty() refrigerated: boolean;
  @ApiProperty({ enum: LOAD_STATUSES }) status: LoadStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({
    type: [LoadCurfewResponse],
    description: 'Curfew hours for goods traffic of the zones at the pickup and the drop',
  })
  curfews: LoadCurfewResponse[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class LoadPageResponse extends pageResponseOf(LoadResponse) {}

export class LoadOfferResponse implements LoadOfferView {
  @ApiProperty() id: string;
  @ApiProperty() loadId: string;
  @ApiProperty() operatorId: string;
  @ApiProperty({ nullable: true, type: String }) operatorName: string | null;
  @ApiProperty() vehicleId: string;
  @ApiProperty() kg: number;
  @ApiProperty({ description: 'Whole VND for these kilograms' }) priceVnd: number;
  @ApiProperty({ example: '2026-12-06' }) pickupOn: string;
  @ApiProperty({ enum: LOAD_OFFER_STATUSES }) status: LoadOfferStatus;
  @ApiProperty({ enum: ['operator', 'plan'] }) source: 'operator' | 'plan';
  @ApiProperty({ nullable: true, type: String }) transportPlanId: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, enum: ['load_covered', 'does_not_fit', 'load_cancelled', 'declined'] })
  declineReason: LoadOfferView['declineReason'];
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class LoadOfferPageResponse extends pageResponseOf(LoadOfferResponse) {}

export class LoadOfferAcceptanceResponse {
  @ApiProperty({ type: LoadOfferResponse }) offer: LoadOfferResponse;
  @ApiProperty({ type: LoadResponse, description: 'The load after it: covered, or open with the rest' })
  load: LoadResponse;
  @ApiProperty({
    type: [LoadOfferResponse],
    description: 'Offers this acceptance declined (all others once covered; those no longer fitting otherwise)',
  })
  declined: LoadOfferResponse[];
}
