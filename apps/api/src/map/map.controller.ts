import { Controller, Get, Query, Res, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Bbox, CachedAnswer, FlowMapService, MapService, parseBbox, zoomForBbox } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { FlowLayerResponse, MapLayerResponse } from '../common/geojson.dto';
import { MapCacheHeadersInterceptor } from './map-cache-headers.interceptor';
import {
  BuyerMapQueryDto,
  FlowMapQueryDto,
  MapViewQueryDto,
  ProductionAreaMapQueryDto,
  SupplyListPageResponse,
  SupplyListQueryDto,
  SupplyMapQueryDto,
  ZoneMapQueryDto,
} from './map.dto';

/**
 * The public map: anyone may read it; a signed-in caller also sees contacts. Flows are totals
 * between places for anonymous callers, own flows for parties and all flows for staff.
 */
@ApiTags('map')
@Public()
@UseInterceptors(MapCacheHeadersInterceptor)
@Controller('map')
export class MapController {
  constructor(
    private readonly map: MapService,
    private readonly flowMap: FlowMapService,
  ) {}

  @Get('supply')
  @ApiOperation({ summary: 'Map layer of open supply lots (clustered at low zoom)' })
  @ApiOkResponse({
    type: MapLayerResponse,
    description: 'GeoJSON FeatureCollection of points; contacts only for a signed-in caller',
  })
  async supply(
    @CurrentActor() actor: Actor | null,
    @Query() q: SupplyMapQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.map.supplyAnswer(actor, { ...q, ...viewOf(q) }));
  }

  @Get('production-areas')
  @ApiOperation({ summary: 'Map layer of production areas (polygons)' })
  @ApiOkResponse({ type: MapLayerResponse, description: 'GeoJSON FeatureCollection of Polygon/MultiPolygon features' })
  productionAreas(@Query() q: ProductionAreaMapQueryDto) {
    return this.map.productionAreas({ ...q, ...viewOf(q) });
  }

  @Get('buyers')
  @ApiOperation({ summary: 'Map layer of buyers' })
  @ApiOkResponse({
    type: MapLayerResponse,
    description: 'GeoJSON FeatureCollection of points; contacts only for a signed-in caller',
  })
  buyers(@CurrentActor() actor: Actor | null, @Query() q: BuyerMapQueryDto) {
    return this.map.buyers(actor, { ...q, ...viewOf(q) });
  }

  @Get('zones')
  @ApiOperation({ summary: 'Map layer of restricted zones in force' })
  @ApiOkResponse({ type: MapLayerResponse, description: 'GeoJSON FeatureCollection of Polygon/MultiPolygon features' })
  zones(@Query() q: ZoneMapQueryDto) {
    return this.map.zones({ ...q, ...viewOf(q) });
  }

  @Get('flows')
  @ApiOperation({ summary: 'Map layer of goods flows from sellers to buyers' })
  @ApiOkResponse({ type: FlowLayerResponse, description: 'GeoJSON FeatureCollection of LineString features' })
  flows(@CurrentActor() actor: Actor | null, @Query() q: FlowMapQueryDto) {
    return this.flowMap.flows(actor, { ...q, ...viewOf(q) });
  }

  @Get('supply-list')
  @ApiOperation({ summary: 'Open supply lots as a list (the public market board)' })
  @ApiOkResponse({ type: SupplyListPageResponse })
  async supplyList(@Query() q: SupplyListQueryDto, @Res({ passthrough: true }) res: Response) {
    return send(res, await this.map.supplyListAnswer(q));
  }
}

/** A reused answer goes out as the JSON text made once; Express answers 304 when its tag matches. */
function send(res: Response, answer: CachedAnswer<unknown>): string {
  res.setHeader('ETag', answer.etag);
  res.type('application/json');
  return answer.json;
}

/** The box to filter by; a world-wide box filters nothing but keeps the zoom it implies. */
function viewOf(q: MapViewQueryDto): { bbox: Bbox | undefined; zoom?: number } {
  const r = q.bbox ? parseBbox(q.bbox) : undefined;
  if (!r || !('bbox' in r)) return { bbox: undefined }; // the DTO already refused a bad one
  if (r.world) return { bbox: undefined, zoom: q.zoom ?? zoomForBbox(r.bbox) };
  return { bbox: r.bbox };
}
