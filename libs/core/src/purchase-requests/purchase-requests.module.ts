import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsModule } from '../products/products.module';
import { ProposalStalenessModule } from '../proposals/proposal-staleness.module';
import { PurchaseRequest } from './purchase-request.entity';
import { PurchaseRequestsService } from './purchase-requests.service';

@Module({
  imports: [TypeOrmModule.forFeature([PurchaseRequest]), ProductsModule, ProposalStalenessModule],
  providers: [PurchaseRequestsService],
  exports: [PurchaseRequestsService],
})
export class PurchaseRequestsModule {}
