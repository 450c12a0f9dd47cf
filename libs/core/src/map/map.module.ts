import { Module } from '@nestjs/common';
import { MapService } from './map.service';
import { SupplyLotSnapshot } from './supply-lot-snapshot';

@Module({ providers: [MapService, SupplyLotSnapshot], exports: [MapService, SupplyLotSnapshot] })
export class MapModule {}
