import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  CERTIFICATIONS,
  SUPPLY_LOT_STATUSES,
  SupplyLotStatus,
  SUPPLY_LOT_SORTS,
  SupplyLotSort,
  type SupplyLotView,
} from '@agrilink/core';
import { IsProductCode, IsVndPerKg, IsWholeKg, LatLngDto, PageQueryDto, IsListSort } from '../common/dto';
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

export class CreateSupplyLotDto {
  @OptionalUuid({ description: 'Required for staff/admin; a cooperative user posts for its own cooperative' })
  cooperativeId?: string;

  @OptionalUuid()
  productionAreaId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @IsProductCode()
  product: string;

  @ApiProperty({ example: 50000, description: 'Whole kilograms' })
  @IsWholeKg()
  quantityKg: number;

  @Day({ example: '2026-12-01' })
  harvestFrom: string;

  @Day({ example: '2026-12-15' }, 'harvestFrom')
  harvestTo: string;

  @OptionalDay(
    {
      example: '2027-02-15',
      description:
        "Còn bán đến: last day the lot can be dispatched, on or after harvestTo; default harvestTo + the product's storageDays",
    },
    'harvestTo',
  )
  availableUntil?: string;

  @OptionalCertifications()
  certifications?: string[];

  @ApiProperty({ example: 7200, description: 'Asking price, whole VND per kg' })
  @IsVndPerKg()
  askVndPerKg: number;

  @OptionalPoint({ description: "Defaults to the production area's centroid" })
  location?: LatLngDto;

  @OptionalText(40, {
    description:
      'Read-only: derived on the server from the location and the lockdown zones. Sending it is refused (403 SUPPLY_LOT.ZONE_DERIVED).',
  })
  zone?: string;

  @OptionalBoolean({
    description:
      'Holds a green-lane (luồng xanh) permit: staff and admin only (403 SUPPLY_LOT.GREEN_LANE_STAFF_ONLY for a cooperative)',
  })
  greenLane?: boolean;

  @OptionalText(2000)
  note?: string;
}

export class UpdateSupplyLotDto extends PartialType(CreateSupplyLotDto, { skipNullProperties: false }) {
  @OptionalBoolean({ description: 'Withdraw the lot from sale (true) or reopen it (false)' })
  withdrawn?: boolean;
}

export class ListSupplyLotsQueryDto extends PageQueryDto {
  @IsListSort(SUPPLY_LOT_SORTS, 'newest first')
  sort?: SupplyLotSort;

  @QueryProduct()
  product?: string;

  @OptionalUuid()
  cooperativeId?: string;

  @OptionalOneOf(SUPPLY_LOT_STATUSES)
  status?: SupplyLotStatus;

  @QueryOneOfUpper(CERTIFICATIONS)
  certification?: string;

  @OptionalText(10, { example: '91' })
  provinceCode?: string;

  @OptionalDay({ description: 'Harvest window overlaps from this day' })
  harvestFrom?: string;

  @OptionalDay()
  harvestTo?: string;

  @OptionalText(200, { description: 'Search cooperative and product names, diacritics optional' })
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
