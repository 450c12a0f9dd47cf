import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsLatitude, IsLongitude, IsNumber } from 'class-validator';
import type { ResolvedPlace, UnitRef } from '@agrilink/core';
import { LatLngDto } from '../../common/dto';

export class ResolvePointQueryDto {
  @ApiProperty({ example: 9.9676, description: 'Latitude (WGS 84)' })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat: number;

  @ApiProperty({ example: 105.1076, description: 'Longitude (WGS 84)' })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng: number;
}

export class UnitRefResponse implements UnitRef {
  @ApiProperty({ example: 'current:commune:30742' }) id: string;
  @ApiProperty({ description: 'GSO code' }) code: string;
  @ApiProperty({ example: 'Phường Rạch Giá' }) name: string;
}

export class ResolvedCommuneResponse extends UnitRefResponse {
  @ApiProperty({
    enum: ['boundary', 'nearest_seat'],
    description: 'Inside its boundary, or the nearest known seat of a commune (within 40 km)',
  })
  method: 'boundary' | 'nearest_seat';
  @ApiProperty({ type: Number, nullable: true, description: 'Distance to the commune seat, km' }) seatDistanceKm:
    number | null;
}

export class Pre2025CommuneResponse extends UnitRefResponse {
  @ApiProperty({ type: String, nullable: true, example: 'pre2025:district:899' }) districtId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Thành phố Rạch Giá' }) districtName: string | null;
}

export class Pre2025PlaceResponse {
  @ApiProperty({ type: [Pre2025CommuneResponse], description: 'The old communes the current commune was formed from' })
  communes: Pre2025CommuneResponse[];
  @ApiProperty({ type: UnitRefResponse, nullable: true }) province: UnitRefResponse | null;
}

export class ResolvedPlaceResponse implements ResolvedPlace {
  @ApiProperty({ type: LatLngDto }) location: LatLngDto;
  @ApiPropertyOptional({
    type: ResolvedCommuneResponse,
    nullable: true,
    description: 'null where no commune boundary or seat is known near the point',
  })
  commune: ResolvedCommuneResponse | null;
  @ApiProperty({
    type: UnitRefResponse,
    nullable: true,
    description: 'The current province (of the commune, else from the province outlines)',
  })
  province: UnitRefResponse | null;
  @ApiProperty({ type: Pre2025PlaceResponse }) pre2025: Pre2025PlaceResponse;
}
