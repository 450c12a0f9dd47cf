import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsDateOnly, IsOnOrAfter, IsProductCode, IsWholeKg, PageQueryDto, upper } from '../common/dto';


export class CreateInventoryReportDto {
  @ApiPropertyOptional({ description: 'Required for staff/admin; a buyer user reports for its own buyer' })
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @IsProductCode()
  product: string;

  @ApiProperty({ example: 350000, description: 'Unsold stock, whole kilograms (0 allowed)' })
  @IsWholeKg(0)
  quantityKg: number;

  @ApiProperty({ example: '2026-11-20', description: 'Day the stock was counted' })
  @IsDateOnly()
  reportedAt: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateInventoryReportDto extends PartialType(CreateInventoryReportDto) {}

export class ListInventoryReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @upper()
  @IsString()
  @MaxLength(40)
  product?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Reported on or after this day' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Reported on or before this day' })
  @IsOptional()
  @IsDateOnly()
  @IsOnOrAfter('from')
  to?: string;
}
