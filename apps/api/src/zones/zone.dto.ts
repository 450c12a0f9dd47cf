import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ZONE_CODE_PATTERN } from '@agrilink/core';
import { IsDateOnly, IsOnOrAfter, PageQueryDto, ToBool } from '../common/dto';

export class CreateZoneDto {
  @ApiProperty({ example: 'KG-RACHGIA-1', pattern: ZONE_CODE_PATTERN.source })
  @IsString()
  @Matches(ZONE_CODE_PATTERN, { message: 'code must be 1–40 characters of A–Z, 0–9, _ or -' })
  code: string;

  @ApiProperty({ example: 'Phong tỏa phường Vĩnh Thanh Vân' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    description: 'GeoJSON Polygon or MultiPolygon, positions [lng, lat] inside Vietnam; must be a valid area (ST_IsValid)',
    example: { type: 'Polygon', coordinates: [[[105.07, 10.0], [105.1, 10.0], [105.1, 10.03], [105.07, 10.03], [105.07, 10.0]]] },
  })
  @IsObject({ message: 'polygon must be a GeoJSON Polygon or MultiPolygon object' })
  polygon: Record<string, unknown>;

  @ApiPropertyOptional({ default: true, description: 'Movement across the zone border is restricted (only green-lane transport passes)' })
  @IsOptional()
  @IsBoolean()
  restricted?: boolean;

  @ApiPropertyOptional({ example: '2026-07-19', description: 'First day in force; open-ended when absent' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-08-15', description: 'Last day in force; open-ended when absent' })
  @IsOptional()
  @IsDateOnly()
  @IsOnOrAfter('from')
  to?: string;
}

export class UpdateZoneDto extends PartialType(CreateZoneDto, { skipNullProperties: false }) {}

export class ListZonesQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @ToBool()
  @IsBoolean()
  restricted?: boolean;

  @ApiPropertyOptional({ example: '2026-07-20', description: 'Zones in force on this day' })
  @IsOptional()
  @IsDateOnly()
  activeOn?: string;

  @ApiPropertyOptional({ description: 'Search code and name, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
