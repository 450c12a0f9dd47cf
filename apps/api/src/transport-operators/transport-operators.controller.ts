import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, TransportOperatorsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateTransportOperatorDto,
  ListTransportOperatorsQueryDto,
  UpdateTransportOperatorDto,
  TransportOperatorPageResponse,
  TransportOperatorResponse,
} from './transport-operator.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('transport-operators')
@ApiBearerAuth()
@Controller('transport-operators')
export class TransportOperatorsController {
  constructor(private readonly operators: TransportOperatorsService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Register a transport operator' })
  @ApiCreatedResponse({ type: TransportOperatorResponse })
  @ApiErrors({
    409: 'A transport operator with the same natural key exists',
    422: 'A field breaks a rule (the code names it)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTransportOperatorDto) {
    return this.operators.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List transport operators, filtered and paged' })
  @ApiOkResponse({ type: TransportOperatorPageResponse })
  list(@Query() q: ListTransportOperatorsQueryDto) {
    return this.operators.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One transport operator by id' })
  @ApiOkResponse({ type: TransportOperatorResponse })
  @ApiErrors({ 404: 'TRANSPORT_OPERATOR.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.operators.get(id);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a transport operator' })
  @ApiOkResponse({ type: TransportOperatorResponse })
  @ApiErrors({
    404: 'TRANSPORT_OPERATOR.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateTransportOperatorDto,
  ) {
    return this.operators.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a transport operator' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'TRANSPORT_OPERATOR.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.operators.remove(actor, id);
  }
}
