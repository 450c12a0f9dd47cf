import { Body, Query } from '@nestjs/common';
import { Actor, AgenciesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  AgencyPageResponse,
  AgencyResponse,
  CreateAgencyDto,
  ListAgenciesQueryDto,
  UpdateAgencyDto,
} from './agency.dto';
import { ApiController, IdParam, Route } from '../common/routes';

const STAFF = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'agency'] as const;

/** Reporting agencies (departments, communes): staff keep the register; an agency user reads its own. */
@ApiController('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Route('post', undefined, {
    roles: STAFF,
    summary: 'Register an agency that reports weekly',
    created: AgencyResponse,
    described: {
      409: 'AGENCY.NAME_TAKEN',
      422: 'AGENCY.UNKNOWN_ADMINISTRATIVE_UNIT, AGENCY.PRE2025_ADMINISTRATIVE_UNIT, AGENCY.NAME_REQUIRED',
    },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAgencyDto) {
    return this.agencies.create(actor, dto);
  }

  @Route('get', undefined, { roles: READERS, summary: 'List agencies', ok: AgencyPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListAgenciesQueryDto) {
    return this.agencies.list(actor, q);
  }

  @Route('get', ':id', {
    roles: READERS,
    summary: 'One agency',
    ok: AgencyResponse,
    described: { 404: 'AGENCY.NOT_FOUND (also for another agency’s id)' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.agencies.get(actor, id);
  }

  @Route('patch', ':id', {
    roles: STAFF,
    summary: 'Change an agency',
    errors: { 422: 'A field breaks a rule' },
    ok: AgencyResponse,
    described: { 404: 'AGENCY.NOT_FOUND', 409: 'AGENCY.NAME_TAKEN' },
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateAgencyDto) {
    return this.agencies.update(actor, id, dto);
  }
}
