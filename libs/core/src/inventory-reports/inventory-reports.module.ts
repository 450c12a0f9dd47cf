import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsModule } from '../products/products.module';
import { InventoryReport } from './inventory-report.entity';
import { InventoryReportsService } from './inventory-reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([InventoryReport]), ProductsModule],
  providers: [InventoryReportsService],
  exports: [InventoryReportsService],
})
export class InventoryReportsModule {}
