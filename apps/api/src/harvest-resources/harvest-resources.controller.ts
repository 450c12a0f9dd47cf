import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, HarvestResourcesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateHarvestResourceDto, ListHarvestResourcesQueryDto, UpdateHarvestResourceDto } from './harvest-resource.dto';

@ApiTags('harvest-resources')
@ApiBearerAuth()
@Controller('harvest-resources')
export class HarvestResourcesController {
  constructor(private readonly resources: HarvestResourcesService) {}

  @Roles('admin', 'staff', 'cooperative')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHarvestResourceDto) {
    return this.resources.create(actor, dto);
  }

  @Get()
  list(@Query() q: ListHarvestResourcesQueryDto) {
    return this.resources.list(q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.resources.get(id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateHarvestResourceDto) {
    return this.resources.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.resources.remove(actor, id);
  }
}
