import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsModule } from '../products/products.module';
import { ProposalStalenessModule } from '../proposals/proposal-staleness.module';
import { SupplyLot } from './supply-lot.entity';
import { SupplyLotExpiryService } from './supply-lot-expiry.service';
import { SupplyLotsService } from './supply-lots.service';

@Module({
  imports: [TypeOrmModule.forFeature([SupplyLot]), ProductsModule, ProposalStalenessModule],
  providers: [SupplyLotsService, SupplyLotExpiryService],
  exports: [SupplyLotsService, SupplyLotExpiryService],
})
export class SupplyLotsModule {}
