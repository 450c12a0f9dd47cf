import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsPositive, Max } from 'class-validator';
import {
  HARVEST_RESOURCE_KINDS,
  HarvestResourceKind,
  HARVEST_RESOURCE_SORTS,
  HarvestResourceSort,
  type HarvestResourceView,
} from '@agrilink/core';
import { LatLngDto, PageQueryDto, IsDecimal, IsListSort } from '../common/dto';
import {
  OptionalContactPhone,
  OptionalCount,
  OptionalDay,
  OptionalOneOf,
  OptionalPoint,
  OptionalProvinceCode,
  OptionalText,
  OptionalTextList,
  OptionalUuid,
  RequiredText,
} from '../common/fields';
import { pageResponseOf } from '../common/page-response.dto';

export class CreateHarvestResourceDto {
  @ApiProperty({ enum: HARVEST_RESOURCE_KINDS, description: 'tổ thu hoạch, máy gặt đập liên hợp, lò sấy…' })
  @IsIn(HARVEST_RESOURCE_KINDS)
  kind: HarvestResourceKind;

  @RequiredText(300, { example: 'Tổ máy gặt đập liên hợp ấp Thạnh Hưng' })
  name: string;

  @OptionalUuid({
    description:
      'Owning cooperative; a cooperative user writes for its own. Staff may leave it out for an independent team.',
  })
  cooperativeId?: string;

  @OptionalCount(1, 100_000, { example: 4, default: 1, description: 'Machines or teams in this entry' })
  unitCount?: number;

  @ApiProperty({ example: 12.5, description: 'Hectares a day, all units together (up to 2 decimals)' })
  @IsDecimal(2, { message: 'capacityHaPerDay must be a number of hectares with at most 2 decimals' })
  @IsPositive()
  @Max(1_000_000)
  capacityHaPerDay: number;

  @OptionalCount(0, 1_000_000, { example: 20 })
  workers?: number;

  @OptionalPoint({ description: "Defaults to the cooperative's location" })
  location?: LatLngDto;

  @OptionalDay({ example: '2026-12-01' })
  availableFrom?: string;

  @OptionalDay({ example: '2027-01-15' }, 'availableFrom')
  availableTo?: string;

  @OptionalText(200, { example: 'Trần Văn Bình' })
  contactName?: string;

  @OptionalContactPhone({ example: '0912 345 678' })
  contactPhone?: string;

  @OptionalProvinceCode({ example: '91', description: "Defaults to the cooperative's province" })
  provinceCode?: string;

  @OptionalTextList(200, 40, {
    type: [String],
    example: ['current:commune:30910'],
    description:
      "Vùng phục vụ: current commune ids (GET /api/administrative-units) the team or machine works in. With neither this nor serviceRadiusKm it serves its cooperative's commune.",
  })
  serviceCommuneIds?: string[];

  @ApiPropertyOptional({
    example: 15,
    description: 'Or: production areas within this many km of its location (0.1–500, 1 decimal)',
  })
  @IsOptional()
  @IsDecimal(1, { message: 'serviceRadiusKm must be a number of km with at most 1 decimal' })
  @IsPositive()
  @Max(500)
  serviceRadiusKm?: number;
}

export class UpdateHarvestResourceDto extends PartialType(CreateHarvestResourceDto, { skipNullProperties: false }) {}

export class ListHarvestResourcesQueryDto extends PageQueryDto {
  @IsListSort(HARVEST_RESOURCE_SORTS, 'by name')
  sort?: HarvestResourceSort;

  @OptionalOneOf(HARVEST_RESOURCE_KINDS)
  kind?: HarvestResourceKind;

  @OptionalUuid()
  cooperativeId?: string;

  @OptionalProvinceCode({ example: '91' })
  provinceCode?: string;

  @OptionalDay({ example: '2026-12-10' })
  availableOn?: string;

  @OptionalText(200, { description: 'Search name, contact and cooperative name, diacritics optional' })
  q?: string;
}

export class HarvestResourceResponse implements HarvestResourceView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['harvest_team', 'combine_harvester', 'dryer', 'other'] }) kind:
    'harvest_team' | 'combine_harvester' | 'dryer' | 'other';
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) cooperativeId: string | null;
  @ApiPropertyOptional() cooperativeName?: string;
  @ApiProperty() unitCount: number;
  @ApiProperty() capacityHaPerDay: number;
  @ApiProperty({ type: Number, nullable: true }) workers: number | null;
  @ApiProperty({ type: LatLngDto, nullable: true }) location: LatLngDto | null;
  @ApiProperty({ type: String, nullable: true }) availableFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) availableTo: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({ type: [String] }) serviceCommuneIds: string[];
  @ApiProperty({ type: Number, nullable: true }) serviceRadiusKm: number | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class HarvestResourcePageResponse extends pageResponseOf(HarvestResourceResponse) {}
