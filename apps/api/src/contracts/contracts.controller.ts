import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ContractsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateContractDto,
  ListContractsQueryDto,
  UpdateContractDto,
  ContractPageResponse,
  ContractResponse,
} from './contract.dto';
import { ApiErrors } from '../common/api-errors';

/** Linkage agreements: staff write them; a cooperative or buyer user reads those it is party to. */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Register a contract (liên kết tiêu thụ)' })
  @ApiCreatedResponse({ type: ContractResponse })
  @ApiErrors({ 409: 'A contract with the same natural key exists', 422: 'A field breaks a rule (the code names it)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateContractDto) {
    return this.contracts.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List contracts, filtered and paged' })
  @ApiOkResponse({ type: ContractPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListContractsQueryDto) {
    return this.contracts.list(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One contract by id' })
  @ApiOkResponse({ type: ContractResponse })
  @ApiErrors({
    403: "CONTRACT.FORBIDDEN (another party's), CONTRACT.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
    404: 'CONTRACT.NOT_FOUND',
  })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.contracts.get(actor, id);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a contract' })
  @ApiOkResponse({ type: ContractResponse })
  @ApiErrors({
    404: 'CONTRACT.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateContractDto) {
    return this.contracts.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a contract' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'CONTRACT.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.contracts.remove(actor, id);
  }
}
