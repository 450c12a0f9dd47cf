import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ZONE_CODE_PATTERN, type ZoneView, type ZoneCurfewView } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import { ApiAreaProperty, type GeoJsonArea, POLYGON_EXAMPLE } from '../common/geojson.dto';
import { pageResponseOf } from '../common/page-response.dto';
import {
  OptionalBoolean,
  OptionalDay,
  OptionalText,
  OptionalTextList,
  QueryBoolean,
  RequiredText,
} from '../common/fields';

export class CurfewDto {
  @ApiProperty({ example: '18:00', description: 'HH:MM, Việt Nam time' })
  @IsString()
  @Matches(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'allowedFrom must be HH:MM' })
  allowedFrom: string;

  @ApiProperty({ example: '05:00', description: 'HH:MM, Việt Nam time; before allowedFrom means the next morning' })
  @IsString()
  @Matches(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'allowedTo must be HH:MM' })
  allowedTo: string;
}

export class CreateZoneDto {
  @ApiProperty({ example: 'KG-RACHGIA-1', pattern: ZONE_CODE_PATTERN.source })
  @IsString()
  @Matches(ZONE_CODE_PATTERN, { message: 'code must be 1–40 characters of A–Z, 0–9, _ or -' })
  code: string;

  @RequiredText(200, { example: 'Phong tỏa phường Vĩnh Thanh Vân' })
  name: string;

  @ApiAreaProperty({
    required: false,
    nullable: true,
    example: POLYGON_EXAMPLE,
    description:
      'Positions [lng, lat] inside Vietnam; must be a valid area (ST_IsValid). Optional when administrativeUnitIds declare the zone; null in a PATCH drops it.',
  })
  @IsOptional()
  @IsObject({ message: 'polygon must be a GeoJSON Polygon or MultiPolygon object' })
  polygon?: Record<string, unknown> | null;

  @OptionalTextList(2000, 40, {
    type: [String],
    example: ['current:commune:30280'],
    description:
      "Communes the zone covers whole: a lot is in the zone when its cooperative's commune is, a request when its buyer's is. A pre-2025 commune (pre2025:commune:30910, or a bare code) is stored as its current successor; a split one is answered 422 ADMINISTRATIVE_UNIT.AMBIGUOUS with its candidates",
  })
  administrativeUnitIds?: string[];

  @OptionalTextList(34, 10, {
    type: [String],
    example: ['91'],
    description:
      "Current provinces a zone drawn as a polygon lies in (its communes' provinces are added by themselves); whose staff manage it. Province staff default to their own provinces",
  })
  provinceCodes?: string[];

  @ApiPropertyOptional({
    type: () => CurfewDto,
    nullable: true,
    description: 'Hours goods traffic may move in the zone (may wrap midnight); null removes them',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CurfewDto)
  curfew?: CurfewDto | null;

  @OptionalBoolean({
    default: true,
    description: 'Movement across the zone border is restricted (only green-lane transport passes)',
  })
  restricted?: boolean;

  // null on an update makes the zone open-ended again (the service clears the day).
  @OptionalDay({
    type: String,
    nullable: true,
    example: '2026-07-19',
    description: 'First day in force; open-ended when absent or null',
  })
  from?: string | null;

  @OptionalDay(
    {
      type: String,
      nullable: true,
      example: '2026-08-15',
      description: 'Last day in force; open-ended when absent or null',
    },
    'from',
  )
  to?: string | null;
}

export class UpdateZoneDto extends PartialType(CreateZoneDto, { skipNullProperties: false }) {}

export class ListZonesQueryDto extends PageQueryDto {
  @QueryBoolean()
  restricted?: boolean;

  @OptionalDay({ example: '2026-07-20', description: 'Zones in force on this day' })
  activeOn?: string;

  @OptionalText(200, { description: 'Search code and name, diacritics optional' })
  q?: string;
}

export class EndZoneDto {
  @OptionalDay({ example: '2026-08-15', description: 'Last day in force; defaults to today in Việt Nam' })
  on?: string;
}

export class ZoneResponse implements ZoneView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiAreaProperty({ nullable: true, description: 'Null for a zone declared by communes only' })
  polygon: GeoJsonArea | null;
  @ApiProperty({ type: [String] }) administrativeUnitIds: string[];
  @ApiProperty({ type: [String], description: 'current provinces the zone lies in; its staff manage it' })
  provinceCodes: string[];
  @ApiProperty({ type: CurfewDto, nullable: true }) curfew: CurfewDto | null;
  @ApiProperty() restricted: boolean;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

class ZoneHistoryFieldResponse {
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true, description: 'The value before the change (any JSON value)' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'The value after the change (any JSON value)' }) after: unknown;
}

class ZoneHistoryActorResponse {
  @ApiProperty() userId: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class ZoneHistoryEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'update', description: 'create, update, end, delete' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: ZoneHistoryActorResponse, nullable: true }) actor: ZoneHistoryActorResponse | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) changes: Record<string, unknown> | null;
  @ApiProperty({ type: [ZoneHistoryFieldResponse] }) fields: ZoneHistoryFieldResponse[];
}

export class ZoneHistoryPageResponse extends pageResponseOf(ZoneHistoryEntryResponse) {}

export class ZoneCurfewResponse implements ZoneCurfewView {
  @ApiProperty() zoneCode: string;
  @ApiProperty() zoneName: string;
  @ApiProperty({ description: 'HH:MM, Việt Nam time: goods traffic may move from here…' }) allowedFrom: string;
  @ApiProperty({ description: '…to here (earlier than allowedFrom: the next morning).' }) allowedTo: string;
}

export class ZonePageResponse extends pageResponseOf(ZoneResponse) {}
