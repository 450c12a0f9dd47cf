import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ProductionAreasService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateProductionAreaDto,
  ListProductionAreasQueryDto,
  parseBboxQuery,
  UpdateProductionAreaDto,
  ProductionAreaPageResponse,
  ProductionAreaResponse,
} from './production-area.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('production-areas')
@ApiBearerAuth()
@Controller('production-areas')
export class ProductionAreasController {
  constructor(private readonly areas: ProductionAreasService) {}

  @Roles('admin', 'staff', 'cooperative')
  @Post()
  @ApiOperation({ summary: 'Register a production area (vùng trồng)' })
  @ApiCreatedResponse({ type: ProductionAreaResponse })
  @ApiErrors({
    409: 'A production area with the same natural key exists',
    422: 'A field breaks a rule (the code names it)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductionAreaDto) {
    return this.areas.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List production areas, filtered and paged' })
  @ApiOkResponse({ type: ProductionAreaPageResponse })
  list(@Query() q: ListProductionAreasQueryDto) {
    const { bbox, ...rest } = q;
    return this.areas.list({ ...rest, bbox: parseBboxQuery(bbox) ?? undefined });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One production area by id' })
  @ApiOkResponse({ type: ProductionAreaResponse })
  @ApiErrors({ 404: 'PRODUCTION_AREA.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.areas.get(id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a production area' })
  @ApiOkResponse({ type: ProductionAreaResponse })
  @ApiErrors({
    404: 'PRODUCTION_AREA.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateProductionAreaDto,
  ) {
    return this.areas.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a production area' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'PRODUCTION_AREA.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.areas.remove(actor, id);
  }
}
