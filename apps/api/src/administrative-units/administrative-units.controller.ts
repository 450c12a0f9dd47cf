import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdministrativeUnitsService } from '@agrilink/core';
import { Public } from '../auth/public.decorator';
import { ListAdministrativeUnitsQueryDto } from './dto/list-administrative-units-query.dto';

const ID_PARAM = { name: 'id', example: 'pre2025:commune:30733', description: '<era>:<level>:<GSO code>' };

/** Both maps of Việt Nam (đơn vị hành chính), read-only and public. */
@ApiTags('administrative-units')
@Controller('administrative-units')
export class AdministrativeUnitsController {
  constructor(private readonly units: AdministrativeUnitsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'List units of one era, filtered by level, parent, province or name' })
  list(@Query() q: ListAdministrativeUnitsQueryDto) {
    return this.units.list(q);
  }

  @Public()
  @Get(':id')
  @ApiParam(ID_PARAM)
  get(@Param('id') id: string) {
    return this.units.get(id);
  }

  @Public()
  @Get(':id/successors')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'Current units that replaced a pre-2025 commune, district or province' })
  async successors(@Param('id') id: string) {
    return { items: await this.units.successors(id) };
  }

  @Public()
  @Get(':id/predecessors')
  @ApiParam({ ...ID_PARAM, example: 'current:commune:30742' })
  @ApiOperation({ summary: 'Pre-2025 units a current commune or province was formed from' })
  async predecessors(@Param('id') id: string) {
    return { items: await this.units.predecessors(id) };
  }
}
