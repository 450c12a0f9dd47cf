import { Module } from '@nestjs/common';
import { ProductionAreasModule } from '@agrilink/core';
import { ProductionAreasController } from './production-areas.controller';

@Module({ imports: [ProductionAreasModule], controllers: [ProductionAreasController] })
export class ProductionAreasApiModule {}
