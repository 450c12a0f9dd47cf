import { Module } from '@nestjs/common';
import { MapModule } from '@agrilink/core';
import { MapController } from './map.controller';
import { WebConfigController } from './web-config.controller';

@Module({ imports: [MapModule], controllers: [MapController, WebConfigController] })
export class MapApiModule {}
