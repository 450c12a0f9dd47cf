import { Module } from '@nestjs/common';
import { GreenLanePermitsModule } from '@agrilink/core';
import { GreenLanePermitsController } from './green-lane-permits.controller';

@Module({ imports: [GreenLanePermitsModule], controllers: [GreenLanePermitsController] })
export class GreenLanePermitsApiModule {}
