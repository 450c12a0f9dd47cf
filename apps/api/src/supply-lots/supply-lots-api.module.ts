import { Module } from '@nestjs/common';
import { SupplyLotsModule } from '@agrilink/core';
import { SupplyLotsController } from './supply-lots.controller';

@Module({ imports: [SupplyLotsModule], controllers: [SupplyLotsController] })
export class SupplyLotsApiModule {}
