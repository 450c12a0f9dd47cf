import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductsModule } from '../products/products.module';
import { Contract } from './contract.entity';
import { ContractsService } from './contracts.service';

@Module({
  imports: [TypeOrmModule.forFeature([Contract]), ProductsModule],
  providers: [ContractsService],
  exports: [ContractsService],
})
export class ContractsModule {}
