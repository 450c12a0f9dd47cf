import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, MatchingRunsService, ProposalsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ListProposalsQueryDto, ProposalPageResponse } from '../proposals/proposal.dto';
import { CreateMatchingRunDto, ListMatchingRunsQueryDto } from './matching-run.dto';
import { MatchingRunPageResponse, MatchingRunResponse } from './matching-run.response';

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
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MatchingRunResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMatchingRunDto) {
    return this.runs.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Get()
  @ApiOkResponse({ type: MatchingRunPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListMatchingRunsQueryDto) {
    return this.runs.list(q, actor);
  }

  @Roles('admin', 'staff')
  @Get(':id')
  @ApiOkResponse({ type: MatchingRunResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.get(id, actor);
  }

  /** Pairs the run added, kept and superseded against the open proposals of its scope. */
  @Roles('admin', 'staff')
  @Get(':id/changes')
  changes(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.changes(id, actor);
  }

  @Roles('admin', 'staff')
  @Get(':id/instance')
  instance(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.instance(id, actor);
  }

  /** Staff see every proposal of the run; a cooperative or buyer sees those that concern it. */
  @Get(':id/proposals')
  @ApiOkResponse({ type: ProposalPageResponse })
  async proposalsOf(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: ListProposalsQueryDto) {
    await this.runs.get(id, actor);
    return this.proposals.list(actor, { ...q, matchingRunId: id });
  }

  @Roles('admin', 'staff')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchingRunResponse })
  cancel(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.runs.cancel(actor, id);
  }
}
