import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor, Bbox, MapService, parseBbox } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { MapCacheHeadersInterceptor } from './map-cache-headers.interceptor';
import { BuyerMapQueryDto, FlowMapQueryDto, MapViewQueryDto, ProductionAreaMapQueryDto, SupplyListQueryDto, SupplyMapQueryDto, ZoneMapQueryDto } from './map.dto';

/** The public map: anyone may read it; a signed-in caller also sees contacts. */
@ApiTags('map')
@Public()
@UseInterceptors(MapCacheHeadersInterceptor)
@Controller('map')
export class MapController {
  constructor(private readonly map: MapService) {}

  @Get('supply')
  supply(@CurrentActor() actor: Actor | null, @Query() q: SupplyMapQueryDto) {
    return this.map.supply(actor, { ...q, bbox: bboxOf(q) });
  }

  @Get('production-areas')
  productionAreas(@Query() q: ProductionAreaMapQueryDto) {
    return this.map.productionAreas({ ...q, bbox: bboxOf(q) });
  }

  @Get('buyers')
  buyers(@CurrentActor() actor: Actor | null, @Query() q: BuyerMapQueryDto) {
    return this.map.buyers(actor, { ...q, bbox: bboxOf(q) });
  }

  @Get('zones')
  zones(@Query() q: ZoneMapQueryDto) {
    return this.map.zones({ ...q, bbox: bboxOf(q) });
  }

  @Get('flows')
  flows(@Query() q: FlowMapQueryDto) {
    return this.map.flows({ ...q, bbox: bboxOf(q) });
  }

  @Get('supply-list')
  supplyList(@Query() q: SupplyListQueryDto) {
    return this.map.supplyList(q);
  }
}

function bboxOf(q: MapViewQueryDto): Bbox | undefined {
  if (!q.bbox) return undefined;
  const r = parseBbox(q.bbox);
  return 'bbox' in r ? r.bbox : undefined; // the DTO already refused a bad one
}
