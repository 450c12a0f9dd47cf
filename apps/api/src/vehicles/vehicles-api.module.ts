import { Module } from '@nestjs/common';
import { VehiclesModule } from '@agrilink/core';
import { VehiclesController } from './vehicles.controller';

@Module({ imports: [VehiclesModule], controllers: [VehiclesController] })
export class VehiclesApiModule {}
