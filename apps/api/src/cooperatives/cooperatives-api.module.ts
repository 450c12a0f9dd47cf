import { Module } from '@nestjs/common';
import { CooperativesModule } from '@agrilink/core';
import { CooperativesController } from './cooperatives.controller';

@Module({ imports: [CooperativesModule], controllers: [CooperativesController] })
export class CooperativesApiModule {}
