import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
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
import {
  HARVEST_RESOURCE_KINDS,
  HarvestResourceKind,
  HARVEST_RESOURCE_SORTS,
  HarvestResourceSort,
  type HarvestResourceView,
} from '@agrilink/core';
import { IsDateOnly, IsInVietnam, IsOnOrAfter, LatLngDto, PageQueryDto, IsDecimal, IsListSort } from '../common/dto';
import { IsVietnamesePhoneNumber, PROVINCE_CODE } from '../common/registry-fields.dto';
import { pageResponseOf } from '../common/page-response.dto';

export class CreateHarvestResourceDto {
  @ApiProperty({ enum: HARVEST_RESOURCE_KINDS, description: 'tổ thu hoạch, máy gặt đập liên hợp, lò sấy…' })
  @IsIn(HARVEST_RESOURCE_KINDS)
  kind: HarvestResourceKind;

  @ApiProperty({ example: 'Tổ máy gặt đập liên hợp ấp Thạnh Hưng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({
    description:
      'Owning cooperative; a cooperative user writes for its own. Staff may leave it out for an independent team.',
  })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ example: 4, default: 1, description: 'Machines or teams in this entry' })
  @IsOptional()
  @IsInt({ message: 'unitCount must be a whole number' })
  @Min(1)
  @Max(100_000)
  unitCount?: number;

  @ApiProperty({ example: 12.5, description: 'Hectares a day, all units together (up to 2 decimals)' })
  @IsDecimal(2, { message: 'capacityHaPerDay must be a number of hectares with at most 2 decimals' })
  @IsPositive()
  @Max(1_000_000)
  capacityHaPerDay: number;

  @ApiPropertyOptional({ example: 20 })
  @IsOptional()
  @IsInt({ message: 'workers must be a whole number' })
  @Min(0)
  @Max(1_000_000)
  workers?: number;

  @ApiPropertyOptional({ type: LatLngDto, description: "Defaults to the cooperative's location" })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location?: LatLngDto;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsDateOnly()
  availableFrom?: string;

  @ApiPropertyOptional({ example: '2027-01-15' })
  @IsOptional()
  @IsDateOnly()
  @IsOnOrAfter('availableFrom')
  availableTo?: string;

  @ApiPropertyOptional({ example: 'Trần Văn Bình' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string;

  @ApiPropertyOptional({ example: '0912 345 678' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  @IsVietnamesePhoneNumber()
  contactPhone?: string;

  @ApiPropertyOptional({ example: '91', description: "Defaults to the cooperative's province" })
  @IsOptional()
  @IsString()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['current:commune:30910'],
    description:
      "Vùng phục vụ: current commune ids (GET /api/administrative-units) the team or machine works in. With neither this nor serviceRadiusKm it serves its cooperative's commune.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
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

  @ApiPropertyOptional({ enum: HARVEST_RESOURCE_KINDS })
  @IsOptional()
  @IsIn(HARVEST_RESOURCE_KINDS)
  kind?: HarvestResourceKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ example: '91' })
  @IsOptional()
  @IsString()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: '2026-12-10' })
  @IsOptional()
  @IsDateOnly()
  availableOn?: string;

  @ApiPropertyOptional({ description: 'Search name, contact and cooperative name, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
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
