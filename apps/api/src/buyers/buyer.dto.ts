import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { BUYER_TYPES, BuyerType, type BuyerView } from '@agrilink/core';
import { IsInVietnam, IsProductCodeList, LatLngDto, PageQueryDto, trimmed, upper } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
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

  @ApiPropertyOptional({
    type: String,
    example: '0301234567',
    description: 'Mã số thuế: 10 digits, or 0123456789-001 for a branch',
    nullable: true,
  })
  @IsOptional()
  @trimmed()
  @IsTaxCode()
  taxCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'current:commune:26734',
    description: 'Id from /api/administrative-units',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  administrativeUnitId?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '79',
    description: 'GSO province code; defaults to the administrative unit’s province',
    nullable: true,
  })
  @IsOptional()
  @trimmed()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit GSO province code such as 79' })
  provinceCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ type: LatLngDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location?: LatLngDto | null;

  @ApiPropertyOptional({
    example: ['LUA_ST'],
    isArray: true,
    type: String,
    description: 'Product codes from /api/products; each must exist',
    nullable: true,
  })
  @IsOptional()
  @IsProductCodeList()
  productsWanted?: string[] | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, example: '02838771234', nullable: true })
  @IsOptional()
  @trimmed()
  @IsVietnamesePhone()
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'muahang@example.vn', nullable: true })
  @IsOptional()
  @trimmed()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    example: 1200,
    description: 'Warehouse area (kho bãi) in whole square metres; the rules refuse a negative or fractional one',
    nullable: true,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'warehouseAreaM2 must be a number' })
  warehouseAreaM2?: number | null;
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

export class BuyerResponse implements BuyerView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: BUYER_TYPES }) type: BuyerType;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) taxCode: string | null;
  @ApiProperty({ type: String, nullable: true }) administrativeUnitId: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The pre-2025 unit the caller gave, when it was translated to administrativeUnitId (for the record).',
  })
  pre2025AdministrativeUnitId: string | null;
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({ type: String, nullable: true }) pre2025ProvinceCode: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: LatLngDto, nullable: true }) location: LatLngDto | null;
  @ApiProperty({ type: [String] }) productsWanted: string[];
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ description: 'A real market or chain whose demand figures are illustrative, not its orders.' })
  demandIsIllustrative: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Warehouse area (kho bãi) in whole square metres' })
  warehouseAreaM2: number | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class BuyerPageResponse extends pageResponseOf(BuyerResponse) {}
