import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateOnly, IsOnOrAfter, IsProductCode, IsVndPerKg, PageQueryDto, upper } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { type ContractView } from '@agrilink/core';

export class CreateContractDto {
  @ApiProperty({ description: 'The seller party' })
  @IsUUID()
  cooperativeId: string;

  @ApiProperty({ description: 'The buyer party' })
  @IsUUID()
  buyerId: string;

  @ApiPropertyOptional({ type: String, example: 'LUA_ST', description: 'Product code; absent or null: every product' })
  @IsOptional()
  @IsProductCode()
  product?: string | null;

  @ApiPropertyOptional({ example: 300, default: 0, description: 'Bonus matching gives the pair, whole VND per kg' })
  @IsOptional()
  @IsVndPerKg()
  bonusVndPerKg?: number;

  @ApiProperty({ example: '2026-01-01' })
  @IsDateOnly()
  validFrom: string;

  @ApiPropertyOptional({
    type: String,
    example: '2026-12-31',
    description: 'On or after validFrom; absent or null: open-ended',
  })
  @IsOptional()
  @IsDateOnly()
  @IsOnOrAfter('validFrom')
  validTo?: string | null;

  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class UpdateContractDto extends PartialType(CreateContractDto, { skipNullProperties: false }) {}

export class ListContractsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiPropertyOptional({ example: 'LUA_ST' })
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'Contracts in force on this day' })
  @IsOptional()
  @IsDateOnly()
  activeOn?: string;
}

export class ContractResponse implements ContractView {
  @ApiProperty() id: string;
  @ApiProperty() cooperativeId: string;
  @ApiPropertyOptional() cooperativeName?: string;
  @ApiProperty() buyerId: string;
  @ApiPropertyOptional() buyerName?: string;
  @ApiProperty({ type: String, nullable: true }) product: string | null;
  @ApiProperty() bonusVndPerKg: number;
  @ApiProperty() validFrom: string;
  @ApiProperty({ type: String, nullable: true }) validTo: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ContractPageResponse extends pageResponseOf(ContractResponse) {}
