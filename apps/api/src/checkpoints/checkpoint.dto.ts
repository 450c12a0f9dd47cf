import type { CheckpointView } from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsBbox } from '../map/map.dto';
import { IsInVietnam, LatLngDto, PageQueryDto, trimmed } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { OptionalDay, OptionalText, OptionalUuid } from '../common/fields';

export class CreateCheckpointDto {
  @ApiProperty({ example: 'Chốt cầu Cái Lớn (QL63)' })
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: LatLngDto })
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location: LatLngDto;

  @OptionalUuid({ description: 'The zone whose border it guards', nullable: true, type: String })
  zoneId?: string | null;

  @OptionalText(10, { example: '91', nullable: true, type: String })
  provinceCode?: string | null;

  @ApiPropertyOptional({ example: 'Trực 24/24, kiểm tra mã QR luồng xanh', nullable: true, type: String })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @OptionalDay({
    type: String,
    example: '2026-07-19',
    description: 'First day in force; open-ended when absent',
  })
  from?: string | null;

  @OptionalDay(
    {
      type: String,
      example: '2026-08-15',
      description: 'Last day in force; open-ended when absent (end it with POST :id/end)',
    },
    'from',
  )
  to?: string | null;
}

export class UpdateCheckpointDto extends PartialType(CreateCheckpointDto, { skipNullProperties: false }) {}

export class EndCheckpointDto {
  @OptionalDay({ example: '2026-08-15', description: 'Last day in force; defaults to today in Việt Nam' })
  on?: string;
}

export class ListCheckpointsQueryDto extends PageQueryDto {
  @OptionalUuid()
  zoneId?: string;

  @OptionalText(10, { example: '91' })
  provinceCode?: string;

  @OptionalDay({ example: '2026-07-20', description: 'In force on this day' })
  activeOn?: string;

  @OptionalText(200, { description: 'Search the name, diacritics optional' })
  q?: string;
}

export class CheckpointLayerQueryDto {
  @ApiPropertyOptional({
    example: '104.0,8.5,106.5,10.8',
    description: 'minLng,minLat,maxLng,maxLat (WGS 84); absent: everywhere',
  })
  @IsOptional()
  @IsBbox()
  bbox?: string;

  @OptionalDay({ example: '2026-07-20', description: 'In force on this day (default today)' })
  activeOn?: string;
}

export class CheckpointResponse implements CheckpointView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: LatLngDto }) location: LatLngDto;
  @ApiProperty({ nullable: true, type: String }) zoneId: string | null;
  @ApiProperty({ nullable: true, type: String }) zoneCode: string | null;
  @ApiProperty({ nullable: true, type: String }) provinceCode: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CheckpointPageResponse extends pageResponseOf(CheckpointResponse) {}

class CheckpointFeatureProperties {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) provinceCode: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) zoneCode: string | null;
  @ApiProperty({ nullable: true, type: String }) zoneName: string | null;
}

class PointGeometry {
  @ApiProperty({ enum: ['Point'] }) type: 'Point';
  @ApiProperty({ type: [Number], example: [105.1, 10.0], description: '[lng, lat]' }) coordinates: number[];
}

class CheckpointFeature {
  @ApiProperty({ enum: ['Feature'] }) type: 'Feature';
  @ApiProperty() id: string;
  @ApiProperty({ type: PointGeometry }) geometry: PointGeometry;
  @ApiProperty({ type: CheckpointFeatureProperties }) properties: CheckpointFeatureProperties;
}

export class CheckpointLayerResponse {
  @ApiProperty({ enum: ['FeatureCollection'] }) type: 'FeatureCollection';
  @ApiProperty({ type: [CheckpointFeature] }) features: CheckpointFeature[];
}

export class CheckpointHistoryPageResponse {
  @ApiProperty({
    type: [Object],
    description: 'Audit entries, newest first: action (create, update, end), actor, fields before/after',
  })
  items: object[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
