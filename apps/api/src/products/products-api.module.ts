import { Module } from '@nestjs/common';
import { ProductsModule } from '@agrilink/core';
import { ProductsController } from './products.controller';

@Module({ imports: [ProductsModule], controllers: [ProductsController] })
export class ProductsApiModule {}
