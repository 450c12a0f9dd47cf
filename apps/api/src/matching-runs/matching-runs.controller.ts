import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor, MatchingRunsService, ProposalsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ListProposalsQueryDto, ProposalPageResponse } from '../proposals/proposal.dto';
import { CreateMatchingRunDto, ListMatchingRunsQueryDto, MatchingRunChangesResponse } from './matching-run.dto';
import { MatchingRunPageResponse, MatchingRunResponse } from './matching-run.response';
import { ApiErrors } from '../common/api-errors';
import { ApiController, IdParam, Route } from '../common/routes';

@ApiController('matching-runs')
export class MatchingRunsController {
  constructor(
    private readonly runs: MatchingRunsService,
    private readonly proposals: ProposalsService,
  ) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Start a matching run (queued; poll it)' })
  @ApiErrors({ 409: 'A run over the same scope is already queued or running', 422: 'An option breaks a rule' })
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MatchingRunResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMatchingRunDto) {
    return this.runs.create(actor, dto);
  }

  @Route('get', undefined, {
    roles: ['admin', 'staff'],
    summary: 'List matching runs, newest first',
    ok: MatchingRunPageResponse,
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListMatchingRunsQueryDto) {
    return this.runs.list(q, actor);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff'],
    summary: 'One matching run with its progress and results',
    ok: MatchingRunResponse,
    errors: { 404: 'MATCHING_RUN.NOT_FOUND' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.runs.get(id, actor);
  }

  /** Pairs the run added, kept and superseded against the open proposals of its scope. */
  @Route('get', ':id/changes', {
    roles: ['admin', 'staff'],
    summary: 'Pairs a run added, kept and superseded',
    ok: MatchingRunChangesResponse,
    errors: { 404: 'MATCHING_RUN.NOT_FOUND' },
  })
  changes(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.runs.changes(id, actor);
  }

  @Roles('admin', 'staff')
  @Get(':id/instance')
  @ApiOperation({ summary: 'The exact input the engine was given (for replay)' })
  @ApiOkResponse({
    schema: { type: 'object', additionalProperties: true },
    description: "The matching engine's instance as JSON",
  })
  @ApiErrors({ 404: 'MATCHING_RUN.NOT_FOUND' })
  instance(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.runs.instance(id, actor);
  }

  /** Staff see every proposal of the run; a cooperative or buyer sees those that concern it. */
  @Route('get', ':id/proposals', {
    summary: 'Proposals of one run',
    ok: ProposalPageResponse,
    errors: {
      403: "MATCHING_RUN.OUTSIDE_PROVINCES: of other provinces than a province staff member's",
      404: 'MATCHING_RUN.NOT_FOUND',
    },
  })
  async proposalsOf(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: ListProposalsQueryDto) {
    await this.runs.get(id, actor);
    return this.proposals.list(actor, { ...q, matchingRunId: id });
  }

  @Route('post', ':id/cancel', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Cancel a queued run',
    ok: MatchingRunResponse,
    errors: { 404: 'MATCHING_RUN.NOT_FOUND', 409: 'MATCHING_RUN.NOT_CANCELLABLE' },
  })
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.runs.cancel(actor, id);
  }
}
