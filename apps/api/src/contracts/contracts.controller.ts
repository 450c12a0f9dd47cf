import { Body, Query } from '@nestjs/common';
import { Actor, ContractsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateContractDto,
  ListContractsQueryDto,
  UpdateContractDto,
  ContractPageResponse,
  ContractResponse,
} from './contract.dto';
import { ApiController, IdParam, Route } from '../common/routes';

/** Linkage agreements: staff write them; a cooperative or buyer user reads those it is party to. */
@ApiController('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff'],
    summary: 'Register a contract (liên kết tiêu thụ)',
    created: ContractResponse,
    errors: { 409: 'A contract with the same natural key exists', 422: 'A field breaks a rule (the code names it)' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateContractDto) {
    return this.contracts.create(actor, dto);
  }

  @Route('get', undefined, { summary: 'List contracts, filtered and paged', ok: ContractPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListContractsQueryDto) {
    return this.contracts.list(actor, q);
  }

  @Route('get', ':id', {
    summary: 'One contract by id',
    ok: ContractResponse,
    errors: {
      403: "CONTRACT.FORBIDDEN (another party's), CONTRACT.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'CONTRACT.NOT_FOUND',
    },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.contracts.get(actor, id);
  }

  @Route('patch', ':id', {
    roles: ['admin', 'staff'],
    summary: 'Change some fields of a contract',
    ok: ContractResponse,
    errors: {
      404: 'CONTRACT.NOT_FOUND',
      409: 'Conflicts with its current state or another row',
      422: 'A field breaks a rule (the code names it)',
    },
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateContractDto) {
    return this.contracts.update(actor, id, dto);
  }

  @Route('delete', ':id', {
    roles: ['admin', 'staff'],
    summary: 'Delete a contract',
    errors: { 404: 'CONTRACT.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' },
    noContent: 'Deleted',
  })
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.contracts.remove(actor, id);
  }
}
