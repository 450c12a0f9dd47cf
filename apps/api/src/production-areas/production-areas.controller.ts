import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, ProductionAreasService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateProductionAreaDto, ListProductionAreasQueryDto, parseBboxQuery, UpdateProductionAreaDto } from './production-area.dto';

@ApiTags('production-areas')
@ApiBearerAuth()
@Controller('production-areas')
export class ProductionAreasController {
  constructor(private readonly areas: ProductionAreasService) {}

  @Roles('admin', 'staff', 'cooperative')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductionAreaDto) {
    return this.areas.create(actor, dto);
  }

  @Get()
  list(@Query() q: ListProductionAreasQueryDto) {
    const { bbox, ...rest } = q;
    return this.areas.list({ ...rest, bbox: parseBboxQuery(bbox) ?? undefined });
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.areas.get(id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateProductionAreaDto) {
    return this.areas.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.areas.remove(actor, id);
  }
}
