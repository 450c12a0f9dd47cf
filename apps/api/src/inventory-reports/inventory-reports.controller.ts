import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, InventoryReportsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateInventoryReportDto,
  ListInventoryReportsQueryDto,
  UpdateInventoryReportDto,
  InventoryReportPageResponse,
  InventoryReportResponse,
} from './inventory-report.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('inventory-reports')
@ApiBearerAuth()
@Controller('inventory-reports')
export class InventoryReportsController {
  constructor(private readonly reports: InventoryReportsService) {}

  @Roles('admin', 'staff', 'buyer')
  @Post()
  @ApiOperation({ summary: "Register a buyer's inventory report" })
  @ApiCreatedResponse({ type: InventoryReportResponse })
  @ApiErrors({
    409: 'An inventory report with the same natural key exists',
    422: 'A field breaks a rule (the code names it)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInventoryReportDto) {
    return this.reports.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List inventory reports, filtered and paged' })
  @ApiOkResponse({ type: InventoryReportPageResponse })
  list(@Query() q: ListInventoryReportsQueryDto) {
    return this.reports.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: "One buyer's inventory report by id" })
  @ApiOkResponse({ type: InventoryReportResponse })
  @ApiErrors({ 404: 'INVENTORY_REPORT.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.reports.get(id);
  }

  @Roles('admin', 'staff', 'buyer')
  @Patch(':id')
  @ApiOperation({ summary: "Change some fields of a buyer's inventory report" })
  @ApiOkResponse({ type: InventoryReportResponse })
  @ApiErrors({
    404: 'INVENTORY_REPORT.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateInventoryReportDto,
  ) {
    return this.reports.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'buyer')
  @Delete(':id')
  @ApiOperation({ summary: "Delete a buyer's inventory report" })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'INVENTORY_REPORT.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.reports.remove(actor, id);
  }
}
