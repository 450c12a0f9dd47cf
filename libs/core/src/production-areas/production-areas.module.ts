import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsModule } from '../products/products.module';
import { ProductionArea } from './production-area.entity';
import { ProductionAreasService } from './production-areas.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProductionArea]), ProductsModule],
  providers: [ProductionAreasService],
  exports: [ProductionAreasService],
})
export class ProductionAreasModule {}
