import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { BUYER_TYPES, BuyerType } from '@agrilink/core';
import { IsInVietnam, IsProductCodeList, LatLngDto, PageQueryDto, trimmed, upper } from '../common/dto';
import { IsTaxCode, IsVietnamesePhone, PROVINCE_CODE } from '../common/registry-fields.dto';

export class CreateBuyerDto {
  @ApiProperty({ enum: BUYER_TYPES, description: 'wholesale_market is a chợ đầu mối, trader a thương lái' })
  @IsIn(BUYER_TYPES)
  type: BuyerType;

  @ApiProperty({ example: 'Chợ đầu mối nông sản Bình Điền' })
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: '0301234567', description: 'Mã số thuế: 10 digits, or 0123456789-001 for a branch' })
  @IsOptional()
  @trimmed()
  @IsTaxCode()
  taxCode?: string | null;

  @ApiPropertyOptional({ example: 'current:commune:26734', description: 'Id from /api/administrative-units' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  administrativeUnitId?: string | null;

  @ApiPropertyOptional({ example: '79', description: 'GSO province code; defaults to the administrative unit’s province' })
  @IsOptional()
  @trimmed()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit GSO province code such as 79' })
  provinceCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ type: LatLngDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location?: LatLngDto | null;

  @ApiPropertyOptional({ example: ['LUA_ST'], isArray: true, type: String, description: 'Product codes from /api/products; each must exist' })
  @IsOptional()
  @IsProductCodeList()
  productsWanted?: string[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ example: '02838771234' })
  @IsOptional()
  @trimmed()
  @IsVietnamesePhone()
  contactPhone?: string | null;

  @ApiPropertyOptional({ example: 'muahang@example.vn' })
  @IsOptional()
  @trimmed()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @MaxLength(254)
  contactEmail?: string | null;
}

export class UpdateBuyerDto extends PartialType(CreateBuyerDto, { skipNullProperties: false }) {}

export class ListBuyersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BUYER_TYPES })
  @IsOptional()
  @IsIn(BUYER_TYPES)
  type?: BuyerType;

  @ApiPropertyOptional({ example: '79' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'LUA_ST', description: 'Wants this product' })
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;

  @ApiPropertyOptional({ description: 'Search names and addresses, diacritics optional: "binh dien"' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
