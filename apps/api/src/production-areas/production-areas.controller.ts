import { Body, Query } from '@nestjs/common';
import { Actor, ProductionAreasService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateProductionAreaDto,
  ListProductionAreasQueryDto,
  parseBboxQuery,
  UpdateProductionAreaDto,
  ProductionAreaPageResponse,
  ProductionAreaResponse,
} from './production-area.dto';
import { ApiController, IdParam, registryRoutes } from '../common/routes';

const route = registryRoutes({
  one: 'a production area',
  many: 'production areas',
  registerNote: ' (vùng trồng)',
  notFound: 'PRODUCTION_AREA.NOT_FOUND',
  response: ProductionAreaResponse,
  page: ProductionAreaPageResponse,
  writers: ['admin', 'staff', 'cooperative'],
});

@ApiController('production-areas')
export class ProductionAreasController {
  constructor(private readonly areas: ProductionAreasService) {}

  @route.create()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductionAreaDto) {
    return this.areas.create(actor, dto);
  }

  @route.list()
  list(@Query() q: ListProductionAreasQueryDto) {
    const { bbox, ...rest } = q;
    return this.areas.list({ ...rest, bbox: parseBboxQuery(bbox) ?? undefined });
  }

  @route.get()
  get(@IdParam() id: string) {
    return this.areas.get(id);
  }

  @route.update()
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateProductionAreaDto) {
    return this.areas.update(actor, id, dto);
  }

  @route.remove()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.areas.remove(actor, id);
  }
}
