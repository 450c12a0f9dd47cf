import { Body, Query } from '@nestjs/common';
import { Actor, SupplyLotsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateSupplyLotDto,
  ListSupplyLotsQueryDto,
  SupplyLotResponse,
  UpdateSupplyLotDto,
  SupplyLotPageResponse,
} from './supply-lot.dto';
import { ApiController, IdParam, Route, registryRoutes } from '../common/routes';

const route = registryRoutes({
  one: 'a supply lot',
  many: 'supply lots',
  notFound: 'SUPPLY_LOT.NOT_FOUND',
  response: SupplyLotResponse,
  page: SupplyLotPageResponse,
  writers: ['admin', 'staff', 'cooperative'],
});

@ApiController('supply-lots')
export class SupplyLotsController {
  constructor(private readonly lots: SupplyLotsService) {}

  @route.create()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSupplyLotDto) {
    return this.lots.create(actor, dto);
  }

  @route.list()
  list(@CurrentActor() actor: Actor, @Query() q: ListSupplyLotsQueryDto) {
    return this.lots.list(actor, q);
  }

  @route.get()
  get(@IdParam() id: string) {
    return this.lots.get(id);
  }

  @route.update()
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateSupplyLotDto) {
    return this.lots.update(actor, id, dto);
  }

  /** Undo a withdrawal while the lot can still sell: 409 SUPPLY_LOT.REOPEN_EXPIRED or .REOPEN_SOLD_OUT otherwise. */
  @Route('post', ':id/reopen', {
    roles: ['admin', 'staff', 'cooperative'],
    status: 200,
    summary: 'Reopen a withdrawn supply lot that can still sell (undo)',
    errors: {
      404: 'SUPPLY_LOT.NOT_FOUND',
      409: 'SUPPLY_LOT.NOT_WITHDRAWN, SUPPLY_LOT.REOPEN_EXPIRED or SUPPLY_LOT.REOPEN_SOLD_OUT',
    },
    ok: SupplyLotResponse,
  })
  reopen(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.lots.reopen(actor, id);
  }

  @route.remove()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.lots.remove(actor, id);
  }
}
