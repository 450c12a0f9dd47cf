import { Body, Query } from '@nestjs/common';
import { Actor, ProposalsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
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
import { ApiController, IdParam, Route } from '../common/routes';

@ApiController('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  /** Staff see all; a cooperative or buyer the proposals about its lots or requests. */
  @Route('get', undefined, { summary: 'List proposals (staff all; a party its own)', ok: ProposalPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListAllProposalsQueryDto) {
    return this.proposals.list(actor, q);
  }

  @Route('get', ':id', {
    summary: 'One proposal',
    ok: ProposalCardResponse,
    errors: {
      403: "PROPOSAL.FORBIDDEN (another party's), PROPOSAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'PROPOSAL.NOT_FOUND',
    },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.proposals.get(actor, id);
  }

  @Route('post', ':id/accept', {
    status: 200,
    summary: 'Accept a proposal as seller or buyer',
    ok: ProposalResponse,
    errors: {
      403: "PROPOSAL.FORBIDDEN (another party's), PROPOSAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'PROPOSAL.NOT_FOUND',
      409: 'The proposal is no longer open (its status says why)',
    },
  })
  accept(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: AnswerProposalDto) {
    return this.proposals.accept(actor, id, dto.side);
  }

  @Route('post', ':id/reject', {
    status: 200,
    summary: 'Reject a proposal as seller or buyer',
    ok: ProposalResponse,
    errors: {
      403: "PROPOSAL.FORBIDDEN (another party's), PROPOSAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'PROPOSAL.NOT_FOUND',
      409: 'The proposal is no longer open',
    },
  })
  reject(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RejectProposalDto) {
    return this.proposals.reject(actor, id, dto.reason ?? null, dto.side);
  }

  /** Both sides accepted: staff turn the proposal into a deal. Answers the proposal with its `deal`. */
  @Route('post', ':id/confirm', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Turn an accepted proposal into a deal',
    ok: ConfirmedProposalResponse,
    errors: {
      404: 'PROPOSAL.NOT_FOUND',
      409: 'PROPOSAL.INVALID_STATE, PROPOSAL.STALE, PROPOSAL.INSUFFICIENT_REMAINING, PROPOSAL.ALREADY_CONFIRMED',
      422: 'A rule of the deal (e.g. an unusual price not confirmed)',
    },
  })
  async confirm(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: ConfirmProposalDto) {
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
