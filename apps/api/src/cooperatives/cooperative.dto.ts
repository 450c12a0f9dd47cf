import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CERTIFICATIONS, COOPERATIVE_KINDS, CooperativeKind, type CooperativeView } from '@agrilink/core';
import {
  IsCertificationList,
  IsInVietnam,
  IsProductCodeList,
  LatLngDto,
  PageQueryDto,
  trimmed,
  upper,
} from '../common/dto';
import { IsTaxCode, IsVietnamesePhone, PROVINCE_CODE } from '../common/registry-fields.dto';
import { pageResponseOf } from '../common/page-response.dto';

export class CreateCooperativeDto {
  @ApiProperty({
    enum: COOPERATIVE_KINDS,
    description: 'cooperative (HTX), cooperative_group (tổ hợp tác), enterprise or household',
  })
  @IsIn(COOPERATIVE_KINDS)
  kind: CooperativeKind;

  @ApiProperty({ example: 'HTX Nông nghiệp Thạnh Phước Lợi' })
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({
    type: String,
    example: '1701234567',
    description: 'Mã số thuế: 10 digits, or 0123456789-001 for a branch',
    nullable: true,
  })
  @IsOptional()
  @trimmed()
  @IsTaxCode()
  taxCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'current:commune:30910',
    description: 'Id from /api/administrative-units',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  administrativeUnitId?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '91',
    description: 'GSO province code; defaults to the administrative unit’s province',
    nullable: true,
  })
  @IsOptional()
  @trimmed()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit GSO province code such as 91' })
  provinceCode?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Ấp Thạnh Phước, xã Giồng Riềng, An Giang', nullable: true })
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

  @ApiPropertyOptional({ type: String, example: 'Nguyễn Văn A', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, example: '0912345678', nullable: true })
  @IsOptional()
  @trimmed()
  @IsVietnamesePhone()
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'htx.tpl@example.vn', nullable: true })
  @IsOptional()
  @trimmed()
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @MaxLength(254)
  contactEmail?: string | null;

  @ApiPropertyOptional({ enum: CERTIFICATIONS, isArray: true, nullable: true })
  @IsOptional()
  @IsCertificationList()
  certifications?: string[] | null;

  @ApiPropertyOptional({
    example: ['LUA_ST'],
    isArray: true,
    type: String,
    description: 'Product codes from /api/products',
    nullable: true,
  })
  @IsOptional()
  @IsProductCodeList()
  products?: string[] | null;

  @ApiPropertyOptional({ type: Number, example: 120, description: 'Number of members (thành viên)', nullable: true })
  @IsOptional()
  @IsInt({ message: 'members must be a whole number' })
  @Min(0)
  @Max(10_000_000)
  members?: number | null;
}

export class UpdateCooperativeDto extends PartialType(CreateCooperativeDto, { skipNullProperties: false }) {}

export class ListCooperativesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COOPERATIVE_KINDS })
  @IsOptional()
  @IsIn(COOPERATIVE_KINDS)
  kind?: CooperativeKind;

  @ApiPropertyOptional({ example: '91' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'LUA_ST', description: 'Sells this product' })
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

  @ApiPropertyOptional({ description: 'Search names and addresses, diacritics optional: "thanh phuoc loi"' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class CooperativeResponse implements CooperativeView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['cooperative', 'cooperative_group', 'enterprise', 'household'] }) kind:
    'cooperative' | 'cooperative_group' | 'enterprise' | 'household';
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
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: [String] }) certifications: string[];
  @ApiProperty({ type: [String] }) products: string[];
  @ApiProperty({ type: Number, nullable: true }) members: number | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CooperativePageResponse extends pageResponseOf(CooperativeResponse) {}
