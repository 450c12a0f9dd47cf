import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsModule } from '../products/products.module';
import { SupplyLot } from './supply-lot.entity';
import { SupplyLotsService } from './supply-lots.service';

@Module({
  imports: [TypeOrmModule.forFeature([SupplyLot]), ProductsModule],
  providers: [SupplyLotsService],
  exports: [SupplyLotsService],
})
export class SupplyLotsModule {}
