import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { BUYER_TYPES, CERTIFICATIONS, parseBbox, type SupplyListItem } from '@agrilink/core';
import { IsDateOnly, LatLngDto, PageQueryDto, ToInt, upper } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';

/** `bbox=` (empty) means no box, like leaving it out. */
const blankAsAbsent = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));

/** `minLng,minLat,maxLng,maxLat` with four numbers, min < max, inside the lat/lng ranges. */
export function IsBbox(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isBbox',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => 'bbox' in parseBbox(v),
        defaultMessage: (a?: ValidationArguments) => {
          const r = parseBbox(a?.value);
          return 'error' in r
            ? r.error.replace(/^bbox/, a?.property ?? 'bbox')
            : `${a?.property ?? propertyName} is invalid`;
        },
      },
    });
}

export class MapViewQueryDto {
  @ApiPropertyOptional({
    example: '104.0,8.5,106.5,10.8',
    description: 'minLng,minLat,maxLng,maxLat (WGS 84); absent: everywhere',
  })
  @blankAsAbsent()
  @IsOptional()
  @IsBbox()
  bbox?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 22,
    description: 'Web-map zoom; drives clustering and simplification (default: from bbox)',
  })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(22)
  zoom?: number;
}

export class SupplyMapQueryDto extends MapViewQueryDto {
  @ApiPropertyOptional({ example: 'LUA_ST' })
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;

  @ApiPropertyOptional({ enum: CERTIFICATIONS })
  @IsOptional()
  @upper()
  @IsIn(CERTIFICATIONS)
  certification?: string;

  @ApiPropertyOptional({ description: 'Harvest window overlaps from this day', example: '2026-12-01' })
  @IsOptional()
  @IsDateOnly()
  harvestFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsDateOnly()
  harvestTo?: string;

  @ApiPropertyOptional({ example: '91' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z]{1,10}$/, { message: 'provinceCode must be a province code such as 91' })
  provinceCode?: string;
}

export class ProductionAreaMapQueryDto extends MapViewQueryDto {
  @ApiPropertyOptional({ example: 'LUA_ST' })
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;
}

export class BuyerMapQueryDto extends MapViewQueryDto {
  @ApiPropertyOptional({ enum: BUYER_TYPES })
  @IsOptional()
  @IsIn(BUYER_TYPES)
  type?: string;
}

export class ZoneMapQueryDto extends MapViewQueryDto {
  @ApiPropertyOptional({ description: 'Only zones in force on this day', example: '2026-12-05' })
  @IsOptional()
  @IsDateOnly()
  activeOn?: string;
}

export class FlowMapQueryDto extends MapViewQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  matchingRunId?: string;

  @ApiPropertyOptional({
    enum: ['proposals', 'deals'],
    description:
      'Signed in: proposals (default) or deals, your own as a cooperative or buyer, all as staff. Anonymous: kg by product between communes (else provinces) over confirmed and delivered deals (the default; proposals give an empty layer).',
  })
  @IsOptional()
  @IsIn(['proposals', 'deals'])
  kind?: 'proposals' | 'deals';
}

export class SupplyListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Search cooperative and product names, diacritics optional', example: 'lua st' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'LUA_ST' })
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;
}

export class SupplyListItemResponse implements SupplyListItem {
  @ApiProperty() id: string;
  @ApiProperty() product: string;
  @ApiProperty() productNameVi: string;
  @ApiProperty() productNameEn: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() cooperativeName: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() remainingKg: number;
  @ApiProperty() askVndPerKg: number;
  @ApiProperty() harvestFrom: string;
  @ApiProperty() harvestTo: string;
  @ApiProperty({ type: [String] }) certifications: string[];
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({ type: LatLngDto }) location: LatLngDto;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class SupplyListPageResponse extends pageResponseOf(SupplyListItemResponse) {}
