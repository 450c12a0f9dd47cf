import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Buyer } from './buyer.entity';
import { BuyersService } from './buyers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Buyer])],
  providers: [BuyersService],
  exports: [BuyersService],
})
export class BuyersModule {}
