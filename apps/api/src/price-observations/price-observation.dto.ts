import { ApiProperty, PartialType } from '@nestjs/swagger';
import { PRICE_OBSERVATION_SORTS, PriceObservationSort } from '@agrilink/core';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsProductCode, IsVndPerKg, LatLngDto, PageQueryDto, IsListSort, IsListSearch } from '../common/dto';
import { Day, OptionalBoolean, OptionalDay, OptionalPoint, OptionalText, QueryProduct } from '../common/fields';
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

  @OptionalPoint()
  location?: LatLngDto;

  @OptionalText(10, { example: '91' })
  provinceCode?: string;

  @Day({ example: '2026-03-04' })
  observedOn: string;

  @ApiProperty({ example: 7200, description: 'Whole VND per kg' })
  @IsVndPerKg(1)
  priceVndPerKg: number;

  @ApiProperty({ example: 'Phòng Kinh tế huyện' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  source: string;

  @OptionalBoolean({
    default: false,
    description:
      "A price below half the product's typical floor or above twice its ceiling is refused (422 PRICE_OBSERVATION.OUTLIER) unless this says it is intended",
  })
  confirmOutlier?: boolean;
}

export class UpdatePriceObservationDto extends PartialType(CreatePriceObservationDto, { skipNullProperties: false }) {}

export class ListPriceObservationsQueryDto extends PageQueryDto {
  @IsListSort(PRICE_OBSERVATION_SORTS, 'newest day first')
  sort?: PriceObservationSort;

  @IsListSearch('Search market, source and product names')
  q?: string;

  @QueryProduct()
  product?: string;

  @OptionalDay()
  from?: string;

  @OptionalDay()
  to?: string;

  @OptionalText(10)
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
