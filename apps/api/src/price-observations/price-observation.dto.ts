import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { PRICE_OBSERVATION_SORTS, PriceObservationSort } from '@agrilink/core';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  IsDateOnly,
  IsInVietnam,
  IsProductCode,
  IsVndPerKg,
  LatLngDto,
  PageQueryDto,
  upper,
  IsListSort,
  IsListSearch,
} from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { type PriceObservationView } from '@agrilink/core';

export class CreatePriceObservationDto {
  @ApiProperty({ example: 'LUA_ST' })
  @IsProductCode()
  product: string;

  @ApiProperty({ example: 'Chợ đầu mối nông sản Thủ Đức' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  marketName: string;

  @ApiPropertyOptional({ type: LatLngDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location?: LatLngDto;

  @ApiPropertyOptional({ example: '91' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;

  @ApiProperty({ example: '2026-03-04' })
  @IsDateOnly()
  observedOn: string;

  @ApiProperty({ example: 7200, description: 'Whole VND per kg' })
  @IsVndPerKg(1)
  priceVndPerKg: number;

  @ApiProperty({ example: 'Phòng Kinh tế huyện' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  source: string;

  @ApiPropertyOptional({
    default: false,
    description:
      "A price below half the product's typical floor or above twice its ceiling is refused (422 PRICE_OBSERVATION.OUTLIER) unless this says it is intended",
  })
  @IsOptional()
  @IsBoolean()
  confirmOutlier?: boolean;
}

export class UpdatePriceObservationDto extends PartialType(CreatePriceObservationDto, { skipNullProperties: false }) {}

export class ListPriceObservationsQueryDto extends PageQueryDto {
  @IsListSort(PRICE_OBSERVATION_SORTS, 'newest day first')
  sort?: PriceObservationSort;

  @IsListSearch('Search market, source and product names')
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;
}

export class PriceObservationResponse implements PriceObservationView {
  @ApiProperty() id: string;
  @ApiProperty() product: string;
  @ApiProperty() marketName: string;
  @ApiProperty({ type: LatLngDto, nullable: true }) location: LatLngDto | null;
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty() observedOn: string;
  @ApiProperty() priceVndPerKg: number;
  @ApiProperty() source: string;
  @ApiProperty({ description: "Far outside the product's band, kept because it was confirmed." }) outsideBand: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PriceObservationPageResponse extends pageResponseOf(PriceObservationResponse) {}
