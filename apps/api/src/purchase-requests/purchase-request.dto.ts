import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CERTIFICATIONS, PURCHASE_REQUEST_STATUSES, PurchaseRequestStatus } from '@agrilink/core';
import { IsDateOnly, IsInVietnam, IsOnOrAfter, LatLngDto, PageQueryDto, IsDecimal } from '../common/dto';

const upper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
const upperEach = () =>
  Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value));

export class CreatePurchaseRequestDto {
  @ApiPropertyOptional({ description: 'Required for staff/admin; a buyer user posts for its own buyer' })
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @upper()
  @IsString()
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: 'product must be a product code such as LUA_ST' })
  product: string;

  @ApiProperty({ example: 100000, description: 'Whole kilograms' })
  @IsInt({ message: 'quantityKg must be a whole number of kilograms' })
  @Min(1)
  @Max(1_000_000_000_000)
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
  @IsArray()
  @ArrayMaxSize(20)
  @upperEach()
  @IsIn(CERTIFICATIONS, { each: true })
  requiredCertifications?: string[];

  @ApiProperty({ example: 9000, description: 'Offered price, whole VND per kg' })
  @IsInt({ message: 'bidVndPerKg must be a whole number of VND' })
  @Min(0)
  @Max(100_000_000)
  bidVndPerKg: number;

  @ApiPropertyOptional({ type: LatLngDto, description: "Delivery point; defaults to the buyer's location" })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location?: LatLngDto;

  @ApiPropertyOptional({ description: 'Lockdown zone code; when absent the zone polygons decide' })
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

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdatePurchaseRequestDto extends PartialType(CreatePurchaseRequestDto) {
  @ApiPropertyOptional({ description: 'Withdraw the request (true) or reopen it (false)' })
  @IsOptional()
  @IsBoolean()
  withdrawn?: boolean;
}

export class ListPurchaseRequestsQueryDto extends PageQueryDto {
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
