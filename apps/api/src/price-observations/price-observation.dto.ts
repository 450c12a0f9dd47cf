import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsDateOnly, IsInVietnam, LatLngDto, PageQueryDto } from '../common/dto';

const upper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

export class CreatePriceObservationDto {
  @ApiProperty({ example: 'LUA_ST' })
  @upper()
  @IsString()
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: 'product must be a product code such as LUA_ST' })
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
  @IsInt({ message: 'priceVndPerKg must be a whole number of VND' })
  @Min(1)
  @Max(100_000_000)
  priceVndPerKg: number;

  @ApiProperty({ example: 'Phòng Kinh tế huyện' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  source: string;
}

export class UpdatePriceObservationDto extends PartialType(CreatePriceObservationDto) {}

export class ListPriceObservationsQueryDto extends PageQueryDto {
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
