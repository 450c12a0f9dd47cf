import { Module } from '@nestjs/common';
import { HarvestResourcesModule } from '@agrilink/core';
import { HarvestResourcesController } from './harvest-resources.controller';

@Module({ imports: [HarvestResourcesModule], controllers: [HarvestResourcesController] })
export class HarvestResourcesApiModule {}
