import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ProposalsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  AnswerProposalDto,
  ConfirmProposalDto,
  ListAllProposalsQueryDto,
  ConfirmedProposalResponse,
  ProposalCardResponse,
  ProposalPageResponse,
  ProposalResponse,
  RejectProposalDto,
} from './proposal.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  /** Staff see all; a cooperative or buyer the proposals about its lots or requests. */
  @Get()
  @ApiOperation({ summary: 'List proposals (staff all; a party its own)' })
  @ApiOkResponse({ type: ProposalPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListAllProposalsQueryDto) {
    return this.proposals.list(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One proposal' })
  @ApiErrors({
    403: "PROPOSAL.FORBIDDEN (another party's), PROPOSAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
    404: 'PROPOSAL.NOT_FOUND',
  })
  @ApiOkResponse({ type: ProposalCardResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.proposals.get(actor, id);
  }

  @Post(':id/accept')
  @ApiOperation({ summary: 'Accept a proposal as seller or buyer' })
  @ApiErrors({
    403: "PROPOSAL.FORBIDDEN (another party's), PROPOSAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
    404: 'PROPOSAL.NOT_FOUND',
    409: 'The proposal is no longer open (its status says why)',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  accept(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AnswerProposalDto) {
    return this.proposals.accept(actor, id, dto.side);
  }

  @Post(':id/reject')
  @ApiOperation({ summary: 'Reject a proposal as seller or buyer' })
  @ApiErrors({
    403: "PROPOSAL.FORBIDDEN (another party's), PROPOSAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
    404: 'PROPOSAL.NOT_FOUND',
    409: 'The proposal is no longer open',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  reject(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RejectProposalDto) {
    return this.proposals.reject(actor, id, dto.reason ?? null, dto.side);
  }

  /** Both sides accepted: staff turn the proposal into a deal. Answers the proposal with its `deal`. */
  @Roles('admin', 'staff')
  @Post(':id/confirm')
  @ApiOperation({ summary: 'Turn an accepted proposal into a deal' })
  @ApiOkResponse({ type: ConfirmedProposalResponse })
  @ApiErrors({
    404: 'PROPOSAL.NOT_FOUND',
    409: 'PROPOSAL.INVALID_STATE, PROPOSAL.STALE, PROPOSAL.INSUFFICIENT_REMAINING, PROPOSAL.ALREADY_CONFIRMED',
    422: 'A rule of the deal (e.g. an unusual price not confirmed)',
  })
  @HttpCode(200)
  async confirm(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ConfirmProposalDto,
  ) {
    const { proposal, deal } = await this.proposals.confirm(
      actor,
      id,
      dto.priceVndPerKg,
      dto.confirmUnusualPrice,
      dto.transportArranged,
    );
    return { ...proposal, dealId: deal.id, deal };
  }
}
