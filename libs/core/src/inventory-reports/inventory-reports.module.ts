import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsModule } from '../products/products.module';
import { ProposalStalenessModule } from '../proposals/proposal-staleness.module';
import { StockOfferWriter } from './stock-offer.writer';
import { InventoryReport } from './inventory-report.entity';
import { InventoryReportsService } from './inventory-reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([InventoryReport]), ProductsModule, ProposalStalenessModule],
  providers: [InventoryReportsService, StockOfferWriter],
  exports: [InventoryReportsService],
})
export class InventoryReportsModule {}
