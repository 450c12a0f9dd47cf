import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsPositive, Max } from 'class-validator';
import {
  CERTIFICATIONS,
  PURCHASE_REQUEST_STATUSES,
  PurchaseRequestStatus,
  PURCHASE_REQUEST_SORTS,
  PurchaseRequestSort,
  type PurchaseRequestView,
} from '@agrilink/core';
import { IsDecimal, IsProductCode, IsVndPerKg, IsWholeKg, LatLngDto, PageQueryDto, IsListSort } from '../common/dto';
import {
  Day,
  OptionalBoolean,
  OptionalCertifications,
  OptionalDay,
  OptionalOneOf,
  OptionalPoint,
  OptionalText,
  OptionalUuid,
  QueryOneOfUpper,
  QueryProduct,
} from '../common/fields';
import { pageResponseOf } from '../common/page-response.dto';
import { ZoneCurfewResponse } from '../zones/zone.dto';

export class CreatePurchaseRequestDto {
  @OptionalUuid({ description: 'Required for staff/admin; a buyer user posts for its own buyer' })
  buyerId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @IsProductCode()
  product: string;

  @ApiProperty({ example: 100000, description: 'Whole kilograms' })
  @IsWholeKg()
  quantityKg: number;

  @Day({ example: '2026-12-01' })
  deliverFrom: string;

  @Day({ example: '2026-12-31' }, 'deliverFrom')
  deliverTo: string;

  @OptionalCertifications()
  requiredCertifications?: string[];

  @ApiProperty({ example: 9000, description: 'Offered price, whole VND per kg' })
  @IsVndPerKg()
  bidVndPerKg: number;

  @OptionalPoint({ description: "Delivery point; defaults to the buyer's location" })
  location?: LatLngDto;

  @OptionalText(40, {
    description:
      'Read-only: derived on the server from the location and the lockdown zones. Sending it is refused (403 PURCHASE_REQUEST.ZONE_DERIVED).',
  })
  zone?: string;

  @ApiPropertyOptional({ example: 250, description: 'Farthest source the buyer accepts, km (0.1 km steps)' })
  @IsOptional()
  @IsDecimal(1, { message: 'maxDistanceKm must be a number of km with at most one decimal' })
  @IsPositive()
  @Max(5000)
  maxDistanceKm?: number;

  // null clears the note on an update (the edit form sends it when the user emptied the field).
  @OptionalText(2000, { type: String, nullable: true })
  note?: string | null;
}

export class UpdatePurchaseRequestDto extends PartialType(CreatePurchaseRequestDto, { skipNullProperties: false }) {
  @OptionalBoolean({ description: 'Withdraw the request (true) or reopen it (false)' })
  withdrawn?: boolean;
}

export class ListPurchaseRequestsQueryDto extends PageQueryDto {
  @IsListSort(PURCHASE_REQUEST_SORTS, 'newest first')
  sort?: PurchaseRequestSort;

  @QueryProduct()
  product?: string;

  @OptionalUuid()
  buyerId?: string;

  @OptionalOneOf(PURCHASE_REQUEST_STATUSES)
  status?: PurchaseRequestStatus;

  @QueryOneOfUpper(CERTIFICATIONS, { description: 'Requests that require this certification' })
  certification?: string;

  @OptionalText(10, { example: '79' })
  provinceCode?: string;

  @OptionalDay({ description: 'Delivery window overlaps from this day' })
  deliverFrom?: string;

  @OptionalDay({ description: 'Delivery window overlaps up to this day' })
  deliverTo?: string;

  @OptionalText(200, { description: 'Search buyer and product names, diacritics optional' })
  q?: string;
}

export class PurchaseRequestResponse implements PurchaseRequestView {
  @ApiProperty() id: string;
  @ApiProperty() buyerId: string;
  @ApiPropertyOptional() buyerName?: string;
  @ApiProperty() product: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() committedKg: number;
  @ApiProperty() remainingKg: number;
  @ApiProperty() deliverFrom: string;
  @ApiProperty() deliverTo: string;
  @ApiProperty({ type: [String] }) requiredCertifications: string[];
  @ApiProperty() bidVndPerKg: number;
  @ApiProperty({ type: LatLngDto, nullable: true }) location: LatLngDto | null;
  @ApiProperty({ type: String, nullable: true }) zone: string | null;
  @ApiProperty({
    type: ZoneCurfewResponse,
    nullable: true,
    description: 'Curfew hours for goods traffic of its zone (giờ lưu thông), when the zone has them.',
  })
  curfew: ZoneCurfewResponse | null;
  @ApiProperty({ type: Number, nullable: true }) maxDistanceKm: number | null;
  @ApiProperty({ enum: ['open', 'fulfilled', 'withdrawn'] }) status: 'open' | 'fulfilled' | 'withdrawn';
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PurchaseRequestPageResponse extends pageResponseOf(PurchaseRequestResponse) {}
