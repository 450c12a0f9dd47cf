import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdministrativeUnitsService } from '@agrilink/core';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../common/api-errors';
import {
  AdministrativeUnitListResponse,
  AdministrativeUnitPageResponse,
  AdministrativeUnitResponse,
} from './dto/administrative-unit.response';
import { ListAdministrativeUnitsQueryDto } from './dto/list-administrative-units-query.dto';
import { ResolvedPlaceResponse, ResolvePointQueryDto } from './dto/resolve-point.dto';

const ID_PARAM = { name: 'id', example: 'pre2025:commune:30733', description: '<era>:<level>:<GSO code>' };

/** Both maps of Việt Nam (đơn vị hành chính), read-only and public. */
@ApiTags('administrative-units')
@Controller('administrative-units')
export class AdministrativeUnitsController {
  constructor(private readonly units: AdministrativeUnitsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'List units of one era, filtered by level, parent, province or name' })
  @ApiOkResponse({ type: AdministrativeUnitPageResponse })
  list(@Query() q: ListAdministrativeUnitsQueryDto) {
    return this.units.list(q);
  }

  // Before ':id', which would take "resolve" for an id.
  @Public()
  @Get('resolve')
  @ApiOperation({
    summary: 'The current commune and province at a point, and the pre-2025 units beside them (reverse lookup)',
  })
  @ApiOkResponse({ type: ResolvedPlaceResponse })
  @ApiErrors({ 422: 'ADMINISTRATIVE_UNIT.OUTSIDE_VIETNAM (details name lat and lng)' })
  resolve(@Query() q: ResolvePointQueryDto): Promise<ResolvedPlaceResponse> {
    return this.units.resolvePoint({ lat: q.lat, lng: q.lng });
  }

  @Public()
  @Get(':id')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'One administrative unit by id' })
  @ApiOkResponse({ type: AdministrativeUnitResponse })
  @ApiErrors({ 404: 'ADMINISTRATIVE_UNIT.NOT_FOUND' })
  get(@Param('id') id: string) {
    return this.units.get(id);
  }

  @Public()
  @Get(':id/successors')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'Current units that replaced a pre-2025 commune, district or province' })
  @ApiOkResponse({ type: AdministrativeUnitListResponse })
  @ApiErrors({ 404: 'ADMINISTRATIVE_UNIT.NOT_FOUND' })
  async successors(@Param('id') id: string) {
    return { items: await this.units.successors(id) };
  }

  @Public()
  @Get(':id/predecessors')
  @ApiParam({ ...ID_PARAM, example: 'current:commune:30742' })
  @ApiOperation({ summary: 'Pre-2025 units a current commune or province was formed from' })
  @ApiOkResponse({ type: AdministrativeUnitListResponse })
  @ApiErrors({ 404: 'ADMINISTRATIVE_UNIT.NOT_FOUND' })
  async predecessors(@Param('id') id: string) {
    return { items: await this.units.predecessors(id) };
  }
}
