import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ProductsService } from '@agrilink/core';
import { Public } from '../auth/public.decorator';
import { PageQueryDto } from '../common/dto';

export class ListProductsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Search in Vietnamese or English names, with or without diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'lua_gao' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  category?: string;
}

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Public()
  @Get()
  async list(@Query() q: ListProductsQueryDto) {
    const page = await this.products.list(q);
    return { ...page, items: page.items.map(({ searchText, ...p }) => p) };
  }

  @Public()
  @Get(':code')
  async get(@Param('code') code: string) {
    const { searchText, ...p } = await this.products.get(code);
    return p;
  }
}
