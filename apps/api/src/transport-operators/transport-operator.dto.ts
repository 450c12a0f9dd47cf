import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { TRANSPORT_OPERATOR_SORTS, TransportOperatorSort } from '@agrilink/core';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import {
  IsDateOnly,
  IsInVietnam,
  IsOnOrAfter,
  IsWholeKg,
  LatLngDto,
  PageQueryDto,
  ToBool,
  IsListSort,
} from '../common/dto';
import { IsVietnamesePhoneNumber, PROVINCE_CODE } from '../common/registry-fields.dto';
import { pageResponseOf } from '../common/page-response.dto';
import { type TransportOperatorView } from '@agrilink/core';

export class CreateTransportOperatorDto {
  @ApiProperty({ example: 'HTX Vận tải Thủy bộ Rạch Giá' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({
    example: ['truck', 'refrigerated_truck', 'boat'],
    description: 'snake_case words, stored lower-case',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[A-Za-z][A-Za-z0-9_ -]{0,39}$/, {
    each: true,
    message: 'vehicleTypes must be words such as truck, refrigerated_truck, boat',
  })
  vehicleTypes?: string[];

  @ApiPropertyOptional({ example: 12, default: 1 })
  @IsOptional()
  @IsInt({ message: 'vehicleCount must be a whole number' })
  @Min(1)
  @Max(100_000)
  vehicleCount?: number;

  @ApiProperty({ example: 120000, description: 'Whole kilograms the fleet carries per trip' })
  @IsWholeKg()
  capacityKg: number;

  @ApiPropertyOptional({ type: LatLngDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  @IsInVietnam()
  location?: LatLngDto;

  @ApiPropertyOptional({ example: ['91', '92', '79'], description: 'Province codes served' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PROVINCE_CODE, { each: true, message: 'serviceProvinceCodes must be two-digit province codes' })
  serviceProvinceCodes?: string[];

  @ApiPropertyOptional({
    default: false,
    description: 'Registered for luồng xanh (green lane) crossing during lockdowns',
  })
  @IsOptional()
  @IsBoolean()
  greenLane?: boolean;

  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsDateOnly()
  availableFrom?: string;

  @ApiPropertyOptional({ example: '2027-01-31' })
  @IsOptional()
  @IsDateOnly()
  @IsOnOrAfter('availableFrom')
  availableTo?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string;

  @ApiPropertyOptional({ example: '0912 345 678' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  @IsVietnamesePhoneNumber()
  contactPhone?: string;

  @ApiPropertyOptional({ example: '91', description: 'Province where the operator is based' })
  @IsOptional()
  @IsString()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;
}

export class UpdateTransportOperatorDto extends PartialType(CreateTransportOperatorDto, {
  skipNullProperties: false,
}) {}

export class ListTransportOperatorsQueryDto extends PageQueryDto {
  @IsListSort(TRANSPORT_OPERATOR_SORTS, 'by name')
  sort?: TransportOperatorSort;

  @ApiPropertyOptional()
  @IsOptional()
  @ToBool()
  @IsBoolean()
  greenLane?: boolean;

  @ApiPropertyOptional({ example: '91', description: 'Based in or serving this province' })
  @IsOptional()
  @IsString()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: '2026-12-10' })
  @IsOptional()
  @IsDateOnly()
  availableOn?: string;

  @ApiPropertyOptional({ description: 'Search name and contact, diacritics optional' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class TransportOperatorResponse implements TransportOperatorView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) vehicleTypes: string[];
  @ApiProperty() vehicleCount: number;
  @ApiProperty() capacityKg: number;
  @ApiProperty({ type: LatLngDto, nullable: true }) location: LatLngDto | null;
  @ApiProperty({ type: [String] }) serviceProvinceCodes: string[];
  @ApiProperty() greenLane: boolean;
  @ApiProperty({ type: String, nullable: true }) availableFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) availableTo: string | null;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class TransportOperatorPageResponse extends pageResponseOf(TransportOperatorResponse) {}
