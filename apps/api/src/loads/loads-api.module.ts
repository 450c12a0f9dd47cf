import { Module } from '@nestjs/common';
import { LoadsModule } from '@agrilink/core';
import { LoadOffersController, LoadsController } from './loads.controller';

@Module({ imports: [LoadsModule], controllers: [LoadsController, LoadOffersController] })
export class LoadsApiModule {}
