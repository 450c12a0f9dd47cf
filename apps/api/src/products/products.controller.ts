import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type Product, ProductsService } from '@agrilink/core';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../common/api-errors';
import { PageQueryDto } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { OptionalText } from '../common/fields';

export class ListProductsQueryDto extends PageQueryDto {
  @OptionalText(200, { description: 'Search in Vietnamese or English names, with or without diacritics' })
  q?: string;

  @OptionalText(40, { example: 'lua_gao' })
  category?: string;
}

export class ProductResponse implements Omit<Product, 'searchText'> {
  @ApiProperty({ example: 'LUA_ST', description: 'Stable code used across the API and the matching engine' })
  code: string;
  @ApiProperty() nameVi: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ example: 'lua_gao' }) category: string;
  @ApiProperty({ description: 'Unit people trade in (tấn, kg, trái, lít); storage is always kg' }) unit: string;
  @ApiProperty({ type: Number, nullable: true }) shelfLifeDays: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Days a lot can still be sold after its harvest ends (a lot's default availableUntil)",
  })
  storageDays: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where the storage figure comes from (standard, trade practice or ESTIMATE)',
  })
  storageSource: string | null;
  @ApiProperty({ type: Number, nullable: true }) typicalPriceMinVnd: number | null;
  @ApiProperty({ type: Number, nullable: true }) typicalPriceMaxVnd: number | null;
}

export class ProductPageResponse extends pageResponseOf(ProductResponse) {}

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'List products (the catalogue of agricultural goods)' })
  @ApiOkResponse({ type: ProductPageResponse })
  async list(@Query() q: ListProductsQueryDto) {
    const page = await this.products.list(q);
    return { ...page, items: page.items.map(({ searchText, ...p }) => p) };
  }

  @Public()
  @Get(':code')
  @ApiOperation({ summary: 'One product by code' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiErrors({ 404: 'PRODUCT.NOT_FOUND' })
  async get(@Param('code') code: string) {
    const { searchText, ...p } = await this.products.get(code);
    return p;
  }
}
