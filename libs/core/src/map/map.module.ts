import { Module } from '@nestjs/common';
import { FlowMapService } from './flow-map.service';
import { MapService } from './map.service';
import { SupplyLotSnapshot } from './supply-lot-snapshot';

@Module({
  providers: [MapService, FlowMapService, SupplyLotSnapshot],
  exports: [MapService, FlowMapService, SupplyLotSnapshot],
})
export class MapModule {}
