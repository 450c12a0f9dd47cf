import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsModule } from '../products/products.module';
import { ProductionArea } from './production-area.entity';
import { ProductionAreaHarvest } from './production-area-harvest.entity';
import { ProductionAreasService } from './production-areas.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProductionArea, ProductionAreaHarvest]), ProductsModule],
  providers: [ProductionAreasService],
  exports: [ProductionAreasService],
})
export class ProductionAreasModule {}
