import { Module } from '@nestjs/common';
import { InventoryReportsModule } from '@agrilink/core';
import { InventoryReportsController } from './inventory-reports.controller';

@Module({ imports: [InventoryReportsModule], controllers: [InventoryReportsController] })
export class InventoryReportsApiModule {}
