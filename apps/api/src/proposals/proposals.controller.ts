import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, ProposalsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AnswerProposalDto, ConfirmProposalDto, ListAllProposalsQueryDto, ProposalCardResponse, ProposalPageResponse, ProposalResponse, RejectProposalDto } from './proposal.dto';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  /** Staff see all; a cooperative or buyer the proposals about its lots or requests. */
  @Get()
  @ApiOkResponse({ type: ProposalPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListAllProposalsQueryDto) {
    return this.proposals.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProposalCardResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.proposals.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  accept(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AnswerProposalDto) {
    return this.proposals.accept(actor, id, dto?.side);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalResponse })
  reject(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RejectProposalDto) {
    return this.proposals.reject(actor, id, dto?.reason ?? null, dto?.side);
  }

  /** Both sides accepted: staff turn the proposal into a deal. Answers the proposal with its `deal`. */
  @Roles('admin', 'staff')
  @Post(':id/confirm')
  @HttpCode(200)
  async confirm(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ConfirmProposalDto) {
    const { proposal, deal } = await this.proposals.confirm(actor, id, dto?.priceVndPerKg, dto?.confirmUnusualPrice, dto?.transportArranged);
    return { ...proposal, dealId: deal.id, deal };
  }
}
