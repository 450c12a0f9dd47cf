import { Module } from '@nestjs/common';
import { PriceObservationsModule } from '@agrilink/core';
import { PriceObservationsController } from './price-observations.controller';

@Module({ imports: [PriceObservationsModule], controllers: [PriceObservationsController] })
export class PriceObservationsApiModule {}
