import { Module } from '@nestjs/common';
import { DealsModule } from '@agrilink/core';
import { DealsController } from './deals.controller';

@Module({ imports: [DealsModule], controllers: [DealsController] })
export class DealsApiModule {}
