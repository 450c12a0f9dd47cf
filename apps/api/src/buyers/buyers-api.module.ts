import { Module } from '@nestjs/common';
import { BuyersModule } from '@agrilink/core';
import { BuyersController } from './buyers.controller';

@Module({ imports: [BuyersModule], controllers: [BuyersController] })
export class BuyersApiModule {}
