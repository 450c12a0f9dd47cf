import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { TRANSPORT_OPERATOR_SORTS, TransportOperatorSort } from '@agrilink/core';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { IsWholeKg, LatLngDto, PageQueryDto, IsListSort } from '../common/dto';
import { PROVINCE_CODE } from '../common/registry-fields.dto';
import {
  OptionalBoolean,
  OptionalContactPhone,
  OptionalCount,
  OptionalDay,
  OptionalPoint,
  OptionalProvinceCode,
  OptionalText,
  QueryBoolean,
  RequiredText,
} from '../common/fields';
import { pageResponseOf } from '../common/page-response.dto';
import { type TransportOperatorView } from '@agrilink/core';

export class CreateTransportOperatorDto {
  @RequiredText(300, { example: 'HTX Vận tải Thủy bộ Rạch Giá' })
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

  @OptionalCount(1, 100_000, { example: 12, default: 1 })
  vehicleCount?: number;

  @ApiProperty({ example: 120000, description: 'Whole kilograms the fleet carries per trip' })
  @IsWholeKg()
  capacityKg: number;

  @OptionalPoint()
  location?: LatLngDto;

  @ApiPropertyOptional({ example: ['91', '92', '79'], description: 'Province codes served' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PROVINCE_CODE, { each: true, message: 'serviceProvinceCodes must be two-digit province codes' })
  serviceProvinceCodes?: string[];

  @OptionalBoolean({ default: false, description: 'Registered for luồng xanh (green lane) crossing during lockdowns' })
  greenLane?: boolean;

  @OptionalDay({ example: '2026-12-01' })
  availableFrom?: string;

  @OptionalDay({ example: '2027-01-31' }, 'availableFrom')
  availableTo?: string;

  @OptionalText(200, { example: 'Nguyễn Văn An' })
  contactName?: string;

  @OptionalContactPhone({ example: '0912 345 678' })
  contactPhone?: string;

  @OptionalProvinceCode({ example: '91', description: 'Province where the operator is based' })
  provinceCode?: string;
}

export class UpdateTransportOperatorDto extends PartialType(CreateTransportOperatorDto, {
  skipNullProperties: false,
}) {}

export class ListTransportOperatorsQueryDto extends PageQueryDto {
  @IsListSort(TRANSPORT_OPERATOR_SORTS, 'by name')
  sort?: TransportOperatorSort;

  @QueryBoolean()
  greenLane?: boolean;

  @OptionalProvinceCode({ example: '91', description: 'Based in or serving this province' })
  provinceCode?: string;

  @OptionalDay({ example: '2026-12-10' })
  availableOn?: string;

  @OptionalText(200, { description: 'Search name and contact, diacritics optional' })
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
