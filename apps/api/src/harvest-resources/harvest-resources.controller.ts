import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, HarvestResourcesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateHarvestResourceDto,
  ListHarvestResourcesQueryDto,
  UpdateHarvestResourceDto,
  HarvestResourcePageResponse,
  HarvestResourceResponse,
} from './harvest-resource.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('harvest-resources')
@ApiBearerAuth()
@Controller('harvest-resources')
export class HarvestResourcesController {
  constructor(private readonly resources: HarvestResourcesService) {}

  @Roles('admin', 'staff', 'cooperative')
  @Post()
  @ApiOperation({ summary: 'Register a harvest resource (team, machine, dryer)' })
  @ApiCreatedResponse({ type: HarvestResourceResponse })
  @ApiErrors({
    409: 'A harvest resource with the same natural key exists',
    422: 'A field breaks a rule (the code names it)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHarvestResourceDto) {
    return this.resources.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List harvest resources, filtered and paged' })
  @ApiOkResponse({ type: HarvestResourcePageResponse })
  list(@Query() q: ListHarvestResourcesQueryDto) {
    return this.resources.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One harvest resource by id' })
  @ApiOkResponse({ type: HarvestResourceResponse })
  @ApiErrors({ 404: 'HARVEST_RESOURCE.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.resources.get(id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a harvest resource' })
  @ApiOkResponse({ type: HarvestResourceResponse })
  @ApiErrors({
    404: 'HARVEST_RESOURCE.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateHarvestResourceDto,
  ) {
    return this.resources.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a harvest resource' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'HARVEST_RESOURCE.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.resources.remove(actor, id);
  }
}
