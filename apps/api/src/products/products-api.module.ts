import { Module } from '@nestjs/common';
import { ProductsModule } from '@agrilink/core';
import { HarvestCalendarController } from './harvest-calendar.controller';
import { ProductsController } from './products.controller';

@Module({ imports: [ProductsModule], controllers: [ProductsController, HarvestCalendarController] })
export class ProductsApiModule {}
