import type { CheckpointView } from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsBbox } from '../map/map.dto';
import { IsDateOnly, IsInVietnam, IsOnOrAfter, LatLngDto, PageQueryDto, trimmed } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';

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

  @ApiPropertyOptional({ description: 'The zone whose border it guards', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  zoneId?: string | null;

  @ApiPropertyOptional({ example: '91', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string | null;

  @ApiPropertyOptional({ example: 'Trực 24/24, kiểm tra mã QR luồng xanh', nullable: true, type: String })
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '2026-07-19',
    description: 'First day in force; open-ended when absent',
  })
  @IsOptional()
  @IsDateOnly()
  from?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '2026-08-15',
    description: 'Last day in force; open-ended when absent (end it with POST :id/end)',
  })
  @IsOptional()
  @IsDateOnly()
  @IsOnOrAfter('from')
  to?: string | null;
}

export class UpdateCheckpointDto extends PartialType(CreateCheckpointDto, { skipNullProperties: false }) {}

export class EndCheckpointDto {
  @ApiPropertyOptional({ example: '2026-08-15', description: 'Last day in force; defaults to today in Việt Nam' })
  @IsOptional()
  @IsDateOnly()
  on?: string;
}

export class ListCheckpointsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  zoneId?: string;

  @ApiPropertyOptional({ example: '91' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;

  @ApiPropertyOptional({ example: '2026-07-20', description: 'In force on this day' })
  @IsOptional()
  @IsDateOnly()
  activeOn?: string;

  @ApiPropertyOptional({ description: 'Search the name, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
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

  @ApiPropertyOptional({ example: '2026-07-20', description: 'In force on this day (default today)' })
  @IsOptional()
  @IsDateOnly()
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
