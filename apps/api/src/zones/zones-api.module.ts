import { Module } from '@nestjs/common';
import { ZonesModule } from '@agrilink/core';
import { ZonesController } from './zones.controller';

@Module({ imports: [ZonesModule], controllers: [ZonesController] })
export class ZonesApiModule {}
