import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import {
  CERTIFICATIONS,
  SUPPLY_LOT_STATUSES,
  SupplyLotStatus,
  SUPPLY_LOT_SORTS,
  SupplyLotSort,
  type SupplyLotView,
} from '@agrilink/core';
import {
  IsCertificationList,
  IsDateOnly,
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

export class CreateSupplyLotDto {
  @ApiPropertyOptional({ description: 'Required for staff/admin; a cooperative user posts for its own cooperative' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  productionAreaId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @IsProductCode()
  product: string;

  @ApiProperty({ example: 50000, description: 'Whole kilograms' })
  @IsWholeKg()
  quantityKg: number;

  @ApiProperty({ example: '2026-12-01' })
  @IsDateOnly()
  harvestFrom: string;

  @ApiProperty({ example: '2026-12-15' })
  @IsDateOnly()
  @IsOnOrAfter('harvestFrom')
  harvestTo: string;

  @ApiPropertyOptional({
    example: '2027-02-15',
    description:
      "Còn bán đến: last day the lot can be dispatched, on or after harvestTo; default harvestTo + the product's storageDays",
  })
  @IsOptional()
  @IsDateOnly()
  @IsOnOrAfter('harvestTo')
  availableUntil?: string;

  @ApiPropertyOptional({ enum: CERTIFICATIONS, isArray: true })
  @IsOptional()
  @IsCertificationList()
  certifications?: string[];

  @ApiProperty({ example: 7200, description: 'Asking price, whole VND per kg' })
  @IsVndPerKg()
  askVndPerKg: number;

  @ApiPropertyOptional({ type: LatLngDto, description: "Defaults to the production area's centroid" })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location?: LatLngDto;

  @ApiPropertyOptional({
    description:
      'Read-only: derived on the server from the location and the lockdown zones. Sending it is refused (403 SUPPLY_LOT.ZONE_DERIVED).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  zone?: string;

  @ApiPropertyOptional({
    description:
      'Holds a green-lane (luồng xanh) permit: staff and admin only (403 SUPPLY_LOT.GREEN_LANE_STAFF_ONLY for a cooperative)',
  })
  @IsOptional()
  @IsBoolean()
  greenLane?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateSupplyLotDto extends PartialType(CreateSupplyLotDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'Withdraw the lot from sale (true) or reopen it (false)' })
  @IsOptional()
  @IsBoolean()
  withdrawn?: boolean;
}

export class ListSupplyLotsQueryDto extends PageQueryDto {
  @IsListSort(SUPPLY_LOT_SORTS, 'newest first')
  sort?: SupplyLotSort;

  @ApiPropertyOptional()
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ enum: SUPPLY_LOT_STATUSES })
  @IsOptional()
  @IsIn(SUPPLY_LOT_STATUSES)
  status?: SupplyLotStatus;

  @ApiPropertyOptional({ enum: CERTIFICATIONS })
  @IsOptional()
  @upper()
  @IsIn(CERTIFICATIONS)
  certification?: string;

  @ApiPropertyOptional({ example: '91' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;

  @ApiPropertyOptional({ description: 'Harvest window overlaps from this day' })
  @IsOptional()
  @IsDateOnly()
  harvestFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  harvestTo?: string;

  @ApiPropertyOptional({ description: 'Search cooperative and product names, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class SupplyLotCurfewResponse {
  @ApiProperty() zoneCode: string;
  @ApiProperty() zoneName: string;
  @ApiProperty({ example: '18:00' }) allowedFrom: string;
  @ApiProperty({ example: '05:00' }) allowedTo: string;
}

/** A lot as the API answers it (SupplyLotView). */
export class SupplyLotResponse implements SupplyLotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiPropertyOptional() cooperativeName?: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) productionAreaId: string | null;
  @ApiProperty({ example: 'LUA_ST' }) product: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() committedKg: number;
  @ApiProperty() remainingKg: number;
  @ApiProperty({ format: 'date' }) harvestFrom: string;
  @ApiProperty({ format: 'date' }) harvestTo: string;
  @ApiProperty({ format: 'date' }) availableUntil: string;
  @ApiProperty({ description: 'harvest window over, still available: unsold stock (tồn đọng)' }) backlog: boolean;
  @ApiProperty({ type: [String] }) certifications: string[];
  @ApiProperty() askVndPerKg: number;
  @ApiProperty({ type: LatLngDto, nullable: true }) location: LatLngDto | null;
  @ApiProperty({ type: String, nullable: true }) zone: string | null;
  @ApiProperty({ type: SupplyLotCurfewResponse, nullable: true }) curfew: SupplyLotCurfewResponse | null;
  @ApiProperty() greenLane: boolean;
  @ApiProperty() greenLaneByPermit: boolean;
  @ApiProperty({ enum: SUPPLY_LOT_STATUSES }) status: SupplyLotStatus;
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SupplyLotPageResponse extends pageResponseOf(SupplyLotResponse) {}
