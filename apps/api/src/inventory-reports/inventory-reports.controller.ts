import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, InventoryReportsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateInventoryReportDto, ListInventoryReportsQueryDto, UpdateInventoryReportDto } from './inventory-report.dto';

@ApiTags('inventory-reports')
@ApiBearerAuth()
@Controller('inventory-reports')
export class InventoryReportsController {
  constructor(private readonly reports: InventoryReportsService) {}

  @Roles('admin', 'staff', 'buyer')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInventoryReportDto) {
    return this.reports.create(actor, dto);
  }

  @Get()
  list(@Query() q: ListInventoryReportsQueryDto) {
    return this.reports.list(q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.reports.get(id);
  }

  @Roles('admin', 'staff', 'buyer')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateInventoryReportDto) {
    return this.reports.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'buyer')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.reports.remove(actor, id);
  }
}
