import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, MatchingRunsService, ProposalsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ListProposalsQueryDto, ProposalPageResponse } from '../proposals/proposal.dto';
import { CreateMatchingRunDto, ListMatchingRunsQueryDto, MatchingRunChangesResponse } from './matching-run.dto';
import { MatchingRunPageResponse, MatchingRunResponse } from './matching-run.response';
import { ApiErrors } from '../common/api-errors';

@ApiTags('matching-runs')
@ApiBearerAuth()
@Controller('matching-runs')
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

  @Roles('admin', 'staff')
  @Get()
  @ApiOperation({ summary: 'List matching runs, newest first' })
  @ApiOkResponse({ type: MatchingRunPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListMatchingRunsQueryDto) {
    return this.runs.list(q, actor);
  }

  @Roles('admin', 'staff')
  @Get(':id')
  @ApiOperation({ summary: 'One matching run with its progress and results' })
  @ApiErrors({ 404: 'MATCHING_RUN.NOT_FOUND' })
  @ApiOkResponse({ type: MatchingRunResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.get(id, actor);
  }

  /** Pairs the run added, kept and superseded against the open proposals of its scope. */
  @Roles('admin', 'staff')
  @Get(':id/changes')
  @ApiOperation({ summary: 'Pairs a run added, kept and superseded' })
  @ApiOkResponse({ type: MatchingRunChangesResponse })
  @ApiErrors({ 404: 'MATCHING_RUN.NOT_FOUND' })
  changes(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
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
  instance(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.instance(id, actor);
  }

  /** Staff see every proposal of the run; a cooperative or buyer sees those that concern it. */
  @Get(':id/proposals')
  @ApiOperation({ summary: 'Proposals of one run' })
  @ApiErrors({
    403: "MATCHING_RUN.OUTSIDE_PROVINCES: of other provinces than a province staff member's",
    404: 'MATCHING_RUN.NOT_FOUND',
  })
  @ApiOkResponse({ type: ProposalPageResponse })
  async proposalsOf(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: ListProposalsQueryDto,
  ) {
    await this.runs.get(id, actor);
    return this.proposals.list(actor, { ...q, matchingRunId: id });
  }

  @Roles('admin', 'staff')
  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancel a queued run' })
  @ApiErrors({ 404: 'MATCHING_RUN.NOT_FOUND', 409: 'MATCHING_RUN.NOT_CANCELLABLE' })
  @HttpCode(200)
  @ApiOkResponse({ type: MatchingRunResponse })
  cancel(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.cancel(actor, id);
  }
}
