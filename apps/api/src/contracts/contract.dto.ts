import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsProductCode, IsVndPerKg, PageQueryDto } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { type ContractView } from '@agrilink/core';
import { Day, OptionalDay, OptionalText, OptionalUuid, QueryProduct } from '../common/fields';

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

  @Day({ example: '2026-01-01' })
  validFrom: string;

  @OptionalDay(
    {
      type: String,
      example: '2026-12-31',
      description: 'On or after validFrom; absent or null: open-ended',
    },
    'validFrom',
  )
  validTo?: string | null;

  @OptionalText(2000, { type: String })
  note?: string | null;
}

export class UpdateContractDto extends PartialType(CreateContractDto, { skipNullProperties: false }) {}

export class ListContractsQueryDto extends PageQueryDto {
  @OptionalUuid()
  cooperativeId?: string;

  @OptionalUuid()
  buyerId?: string;

  @QueryProduct({ example: 'LUA_ST' })
  product?: string;

  @OptionalDay({ example: '2026-06-01', description: 'Contracts in force on this day' })
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
