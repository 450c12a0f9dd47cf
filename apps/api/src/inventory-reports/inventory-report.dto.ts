import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsDateOnly, IsOnOrAfter, PageQueryDto } from '../common/dto';

const upper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

export class CreateInventoryReportDto {
  @ApiPropertyOptional({ description: 'Required for staff/admin; a buyer user reports for its own buyer' })
  @IsOptional()
  @IsUUID()
  buyerId?: string;

  @ApiProperty({ example: 'LUA_ST', description: 'Product code from /api/products' })
  @upper()
  @IsString()
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: 'product must be a product code such as LUA_ST' })
  product: string;

  @ApiProperty({ example: 350000, description: 'Unsold stock, whole kilograms (0 allowed)' })
  @IsInt({ message: 'quantityKg must be a whole number of kilograms' })
  @Min(0)
  @Max(1_000_000_000_000)
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
