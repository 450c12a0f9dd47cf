import { Body, Query } from '@nestjs/common';
import { Actor, HarvestResourcesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateHarvestResourceDto,
  ListHarvestResourcesQueryDto,
  UpdateHarvestResourceDto,
  HarvestResourcePageResponse,
  HarvestResourceResponse,
} from './harvest-resource.dto';
import { ApiController, IdParam, registryRoutes } from '../common/routes';

const route = registryRoutes({
  one: 'a harvest resource',
  many: 'harvest resources',
  registerNote: ' (team, machine, dryer)',
  notFound: 'HARVEST_RESOURCE.NOT_FOUND',
  response: HarvestResourceResponse,
  page: HarvestResourcePageResponse,
  writers: ['admin', 'staff', 'cooperative'],
});

@ApiController('harvest-resources')
export class HarvestResourcesController {
  constructor(private readonly resources: HarvestResourcesService) {}

  @route.create()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHarvestResourceDto) {
    return this.resources.create(actor, dto);
  }

  @route.list()
  list(@Query() q: ListHarvestResourcesQueryDto) {
    return this.resources.list(q);
  }

  @route.get()
  get(@IdParam() id: string) {
    return this.resources.get(id);
  }

  @route.update()
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateHarvestResourceDto) {
    return this.resources.update(actor, id, dto);
  }

  @route.remove()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.resources.remove(actor, id);
  }
}
