import { Body, Query } from '@nestjs/common';
import { Actor, InventoryReportsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateInventoryReportDto,
  ListInventoryReportsQueryDto,
  UpdateInventoryReportDto,
  InventoryReportPageResponse,
  InventoryReportResponse,
} from './inventory-report.dto';
import { ApiController, IdParam, registryRoutes } from '../common/routes';

const route = registryRoutes({
  one: "a buyer's inventory report",
  many: 'inventory reports',
  duplicate: 'An inventory report',
  notFound: 'INVENTORY_REPORT.NOT_FOUND',
  response: InventoryReportResponse,
  page: InventoryReportPageResponse,
  writers: ['admin', 'staff', 'buyer'],
});

@ApiController('inventory-reports')
export class InventoryReportsController {
  constructor(private readonly reports: InventoryReportsService) {}

  @route.create()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInventoryReportDto) {
    return this.reports.create(actor, dto);
  }

  @route.list()
  list(@Query() q: ListInventoryReportsQueryDto) {
    return this.reports.list(q);
  }

  @route.get()
  get(@IdParam() id: string) {
    return this.reports.get(id);
  }

  @route.update()
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateInventoryReportDto) {
    return this.reports.update(actor, id, dto);
  }

  @route.remove()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.reports.remove(actor, id);
  }
}
