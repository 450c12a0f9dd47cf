import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import {
  geoJsonAreaProblem,
  MAX_HARVEST_SCHEDULE_ENTRIES,
  MAX_YIELD_KG_PER_HA,
  parseBbox,
  type ProductionAreaView,
  type HarvestScheduleEntryView,
} from '@agrilink/core';
import { IsDecimal, IsProductCode, PageQueryDto, trimmed, LatLngDto } from '../common/dto';
import { PROVINCE_CODE } from '../common/registry-fields.dto';
import { pageResponseOf } from '../common/page-response.dto';
import { ApiAreaProperty, type GeoJsonArea } from '../common/geojson.dto';
import { Day, OptionalCertifications, OptionalText, OptionalUuid, QueryProduct } from '../common/fields';

/** A GeoJSON Polygon/MultiPolygon with closed rings of ≥ 4 [lng, lat] positions inside Vietnam. */
function IsAreaGeometry(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAreaGeometry',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => geoJsonAreaProblem(v) === null,
        defaultMessage: (a?: ValidationArguments) =>
          `${a?.property ?? propertyName} ${geoJsonAreaProblem(a?.value) ?? 'must be a GeoJSON Polygon or MultiPolygon'}`,
      },
    });
}

/**
 * The list's box as [minLng, minLat, maxLng, maxLat] (the map's one parser, so the two cannot drift);
 * undefined for a world-wide box (no filter) or none, null when it is not a usable box.
 */
export function parseBboxQuery(text: unknown): [number, number, number, number] | undefined | null {
  if (text === undefined || text === null || text === '') return undefined;
  const r = parseBbox(text);
  if (!('bbox' in r)) return null;
  if (r.world) return undefined;
  return [r.bbox.minLng, r.bbox.minLat, r.bbox.maxLng, r.bbox.maxLat];
}

function IsBbox(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isBbox',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => parseBboxQuery(v) !== null,
        defaultMessage: (a?: ValidationArguments) =>
          `${a?.property ?? propertyName} must be minLng,minLat,maxLng,maxLat in degrees with min < max (longitudes -180..180, latitudes -90..90)`,
      },
    });
}

const BOUNDARY_EXAMPLE = {
  type: 'Polygon',
  coordinates: [
    [
      [105.29, 9.92],
      [105.31, 9.92],
      [105.31, 9.94],
      [105.29, 9.94],
      [105.29, 9.92],
    ],
  ],
};

/** One season or crop (vụ) of the area's harvest schedule. */
export class HarvestScheduleEntryDto {
  @ApiPropertyOptional({
    example: 'LUA_TUOI_CLC',
    description: "Another product than the area's, for a rotation; default the area's product",
  })
  @IsOptional()
  @IsProductCode()
  product?: string;

  @OptionalText(120, { example: 'Đông Xuân 2026-2027' })
  season?: string;

  @Day({ example: '2027-02-15' })
  harvestFrom: string;

  @Day({ example: '2027-03-10' }, 'harvestFrom')
  harvestTo: string;

  @ApiPropertyOptional({
    example: 7400,
    description:
      "Whole kg per hectare. Default: the product's usual yield for that season in the area's region (GET /api/products/{code}/harvest-calendar); 422 when none is known",
  })
  @IsOptional()
  @IsInt({ message: 'expectedYieldKgPerHa must be a whole number of kg per hectare' })
  @Min(1)
  @Max(MAX_YIELD_KG_PER_HA)
  expectedYieldKgPerHa?: number;
}

export class HarvestScheduleEntryViewDto {
  @ApiProperty({ example: 'LUA_TUOI_CLC' }) product: string;
  @ApiProperty({ nullable: true, type: String, example: 'Đông Xuân' }) season: string | null;
  @ApiProperty({ example: '2027-02-15' }) harvestFrom: string;
  @ApiProperty({ example: '2027-03-10' }) harvestTo: string;
  @ApiProperty({ example: 7400 }) expectedYieldKgPerHa: number;
  @ApiProperty({ example: 740000, description: 'areaHa × expectedYieldKgPerHa, whole kg' }) expectedKg: number;
}

export class CreateProductionAreaDto {
  @OptionalUuid({
    description: 'Required for staff/admin; a cooperative user records areas of its own cooperative',
  })
  cooperativeId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @IsProductCode()
  product: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Cánh đồng lớn ấp Thạnh Phước' })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(300)
  name?: string | null;

  @ApiProperty({ example: 45.5, description: 'Declared area in hectares, above 0, at most 2 decimals' })
  @IsDecimal(2, { message: 'areaHa must be a number with at most 2 decimals' })
  @IsPositive({ message: 'areaHa must be above 0' })
  @Max(10_000_000)
  areaHa: number;

  @ApiAreaProperty({
    description: 'Positions [lng, lat] inside Vietnam; must be a valid area (ST_IsValid)',
    example: BOUNDARY_EXAMPLE,
  })
  @IsAreaGeometry()
  boundary: Record<string, unknown>;

  @OptionalCertifications()
  certifications?: string[] | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'VN-KGOR-0012',
    description: 'Mã số vùng trồng / vùng nuôi (growing-area code)',
  })
  @IsOptional()
  @trimmed()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/, {
    message: 'growingAreaCode must be 1–60 letters, digits, ".", "_", "/" or "-"',
  })
  growingAreaCode?: string | null;

  @ApiPropertyOptional({ type: String, example: '91', description: "GSO province code; defaults to the cooperative's" })
  @IsOptional()
  @trimmed()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit GSO province code such as 91' })
  provinceCode?: string | null;

  @ApiPropertyOptional({
    type: [HarvestScheduleEntryDto],
    description:
      'Lịch thu hoạch: one entry per season or crop; on update the list replaces the whole schedule ([] or null clears it). Windows of one product may not overlap.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_HARVEST_SCHEDULE_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => HarvestScheduleEntryDto)
  harvestSchedule?: HarvestScheduleEntryDto[] | null;
}

export class UpdateProductionAreaDto extends PartialType(CreateProductionAreaDto, { skipNullProperties: false }) {}

export class ListProductionAreasQueryDto extends PageQueryDto {
  @OptionalUuid()
  cooperativeId?: string;

  @QueryProduct({ example: 'LUA_ST' })
  product?: string;

  @OptionalText(10, { example: '91' })
  provinceCode?: string;

  @ApiPropertyOptional({
    example: '104.8,9.5,105.6,10.4',
    description: 'minLng,minLat,maxLng,maxLat: areas whose boundary intersects the box',
  })
  @IsOptional()
  @IsBbox()
  bbox?: string;
}

export class HarvestScheduleEntryResponse implements HarvestScheduleEntryView {
  @ApiProperty({ description: "The entry's product: the area's unless the entry names another." }) product: string;
  @ApiProperty({ type: String, nullable: true }) season: string | null;
  @ApiProperty() harvestFrom: string;
  @ApiProperty() harvestTo: string;
  @ApiProperty() expectedYieldKgPerHa: number;
  @ApiProperty({ description: 'areaHa × expectedYieldKgPerHa, whole kg.' }) expectedKg: number;
}

export class ProductionAreaResponse implements ProductionAreaView {
  @ApiProperty() id: string;
  @ApiProperty() cooperativeId: string;
  @ApiPropertyOptional() cooperativeName?: string;
  @ApiProperty() product: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ description: 'As declared by the cooperative.' }) areaHa: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Measured from the boundary on the ellipsoid (ST_Area(geography) / 10 000), 2 decimals.',
  })
  computedAreaHa: number | null;
  @ApiAreaProperty({ description: 'Positions [lng, lat]' }) boundary: GeoJsonArea;
  @ApiProperty({
    type: LatLngDto,
    nullable: true,
    description: 'A point inside the boundary (ST_PointOnSurface), where supply lots default to.',
  })
  centroid: LatLngDto | null;
  @ApiProperty({ type: [String] }) certifications: string[];
  @ApiProperty({ type: String, nullable: true }) growingAreaCode: string | null;
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({
    type: [HarvestScheduleEntryResponse],
    description: 'Lịch thu hoạch: one entry per season or crop, earliest first.',
  })
  harvestSchedule: HarvestScheduleEntryResponse[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ProductionAreaPageResponse extends pageResponseOf(ProductionAreaResponse) {}
