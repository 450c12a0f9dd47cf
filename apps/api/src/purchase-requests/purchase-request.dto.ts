import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CERTIFICATIONS,
  PURCHASE_REQUEST_STATUSES,
  PurchaseRequestStatus,
  PURCHASE_REQUEST_SORTS,
  PurchaseRequestSort,
  type PurchaseRequestView,
} from '@agrilink/core';
import {
  IsCertificationList,
  IsDateOnly,
  IsDecimal,
  IsInVietnam,
  IsOnOrAfter,
  IsProductCode,
  IsVndPerKg,
  IsWholeKg,
  LatLngDto,
  PageQueryDto,
  upper,
  IsListSort,
} from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { ZoneCurfewResponse } from '../zones/zone.dto';

export class CreatePurchaseRequestDto {
  @ApiPropertyOptional({ description: 'Required for staff/admin; a buyer user posts for its own buyer' })
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @IsProductCode()
  product: string;

  @ApiProperty({ example: 100000, description: 'Whole kilograms' })
  @IsWholeKg()
  quantityKg: number;

  @ApiProperty({ example: '2026-12-01' })
  @IsDateOnly()
  deliverFrom: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsDateOnly()
  @IsOnOrAfter('deliverFrom')
  deliverTo: string;

  @ApiPropertyOptional({ enum: CERTIFICATIONS, isArray: true })
  @IsOptional()
  @IsCertificationList()
  requiredCertifications?: string[];

  @ApiProperty({ example: 9000, description: 'Offered price, whole VND per kg' })
  @IsVndPerKg()
  bidVndPerKg: number;

  @ApiPropertyOptional({ type: LatLngDto, description: "Delivery point; defaults to the buyer's location" })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location?: LatLngDto;

  @ApiPropertyOptional({
    description:
      'Read-only: derived on the server from the location and the lockdown zones. Sending it is refused (403 PURCHASE_REQUEST.ZONE_DERIVED).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  zone?: string;

  @ApiPropertyOptional({ example: 250, description: 'Farthest source the buyer accepts, km (0.1 km steps)' })
  @IsOptional()
  @IsDecimal(1, { message: 'maxDistanceKm must be a number of km with at most one decimal' })
  @IsPositive()
  @Max(5000)
  maxDistanceKm?: number;

  // null clears the note on an update (the edit form sends it when the user emptied the field).
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class UpdatePurchaseRequestDto extends PartialType(CreatePurchaseRequestDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'Withdraw the request (true) or reopen it (false)' })
  @IsOptional()
  @IsBoolean()
  withdrawn?: boolean;
}

export class ListPurchaseRequestsQueryDto extends PageQueryDto {
  @IsListSort(PURCHASE_REQUEST_SORTS, 'newest first')
  sort?: PurchaseRequestSort;

  @ApiPropertyOptional()
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiPropertyOptional({ enum: PURCHASE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(PURCHASE_REQUEST_STATUSES)
  status?: PurchaseRequestStatus;

  @ApiPropertyOptional({ enum: CERTIFICATIONS, description: 'Requests that require this certification' })
  @IsOptional()
  @upper()
  @IsIn(CERTIFICATIONS)
  certification?: string;

  @ApiPropertyOptional({ example: '79' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;

  @ApiPropertyOptional({ description: 'Delivery window overlaps from this day' })
  @IsOptional()
  @IsDateOnly()
  deliverFrom?: string;

  @ApiPropertyOptional({ description: 'Delivery window overlaps up to this day' })
  @IsOptional()
  @IsDateOnly()
  deliverTo?: string;

  @ApiPropertyOptional({ description: 'Search buyer and product names, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
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
