import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { PROPOSAL_SORTS, PROPOSAL_STATUSES, ProposalSort, ProposalStatus, type ProposalView } from '@agrilink/core';
import { IsListSearch, IsProductCode, PageQueryDto } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { DealResponse, TransportArranged } from '../deals/deal.dto';
import { OptionalBoolean, OptionalOneOf, OptionalText, OptionalUuid } from '../common/fields';

export class AnswerProposalDto {
  @OptionalOneOf(['seller', 'buyer'], { description: 'Staff answering for a party say which; parties may omit it' })
  side?: 'seller' | 'buyer';
}

export class RejectProposalDto extends AnswerProposalDto {
  @OptionalText(2000, { example: 'Giá chưa phù hợp' })
  reason?: string;
}

export class ConfirmProposalDto {
  @ApiPropertyOptional({ description: "Agreed price, whole VND per kg; defaults to the lot's asking price" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceVndPerKg?: number;

  @OptionalBoolean({
    description:
      "True when a price far outside the product's usual band (below a third of its minimum, above three times its maximum) is intended",
  })
  confirmUnusualPrice?: boolean;

  @TransportArranged()
  transportArranged?: boolean;
}

export class ListProposalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: PROPOSAL_STATUSES,
    isArray: true,
    description: 'One status, or several separated by commas (any of them)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  )
  @ArrayMaxSize(20)
  @IsIn(PROPOSAL_STATUSES, { each: true })
  status?: ProposalStatus[];

  @ApiPropertyOptional({ example: 'LUA_ST' })
  @IsOptional()
  @IsProductCode()
  product?: string;

  @OptionalOneOf(PROPOSAL_SORTS, { description: 'Sort field, `-` first for descending; default createdAt' })
  sort?: ProposalSort;

  @IsListSearch('Search cooperative, buyer and product names')
  q?: string;

  @OptionalUuid()
  supplyLotId?: string;

  @OptionalUuid()
  purchaseRequestId?: string;
}

export class ListAllProposalsQueryDto extends ListProposalsQueryDto {
  @OptionalUuid()
  matchingRunId?: string;
}

export class PartyContactResponse {
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class ProposalPartyResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({
    type: PartyContactResponse,
    nullable: true,
    description: "The other party's contact, for the proposal's parties (both for staff)",
  })
  contact: PartyContactResponse | null;
}

export class ProposalLotResponse {
  @ApiProperty() id: string;
  @ApiProperty() product: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() remainingKg: number;
  @ApiProperty() harvestFrom: string;
  @ApiProperty() harvestTo: string;
  @ApiProperty() askVndPerKg: number;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class ProposalRequestResponse {
  @ApiProperty() id: string;
  @ApiProperty() product: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() remainingKg: number;
  @ApiProperty() deliverFrom: string;
  @ApiProperty() deliverTo: string;
  @ApiProperty() bidVndPerKg: number;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class DeliveryWindowResponse {
  @ApiProperty({ example: '2026-12-05' }) from: string;
  @ApiProperty({ example: '2026-12-20' }) to: string;
  @ApiProperty() transitDays: number;
}

export class ProposalReasonResponse {
  @ApiProperty() code: string;
  @ApiProperty() vi: string;
  @ApiProperty() en: string;
}

export class ProposalResponse implements ProposalView {
  @ApiProperty() id: string;
  @ApiProperty() matchingRunId: string;
  @ApiProperty() supplyLotId: string;
  @ApiProperty() purchaseRequestId: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() buyerId: string;
  @ApiProperty() product: string;
  @ApiProperty() quantityKg: number;
  @ApiProperty() distanceKm: number;
  @ApiProperty() transportVndPerKg: number;
  @ApiProperty() scoreVndPerKg: number;
  @ApiProperty() askVndPerKg: number;
  @ApiProperty() bidVndPerKg: number;
  @ApiProperty({ type: [ProposalReasonResponse] }) reasons: ProposalReasonResponse[];
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty({ nullable: true, type: Date }) sellerAcceptedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) buyerAcceptedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) rejectedAt: Date | null;
  @ApiProperty({ nullable: true, enum: ['seller', 'buyer'] }) rejectedBySide: 'seller' | 'buyer' | null;
  @ApiProperty({ nullable: true, type: String }) rejectReason: string | null;
  @ApiProperty({ nullable: true, type: String }) staleReason: string | null;
  @ApiProperty({ nullable: true, type: Date, description: 'when the proposal went stale (its lot or request changed)' })
  staleAt: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'the later run whose plan replaced this proposal',
  })
  supersededByRunId: string | null;
  @ApiProperty({ nullable: true, type: Date }) supersededAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) confirmedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ProposalCardResponse extends ProposalResponse {
  @ApiProperty({
    nullable: true,
    enum: ['seller', 'buyer'],
    description: 'Which side the caller is on (its lot or its request); null for staff',
  })
  mySide: 'seller' | 'buyer' | null;
  @ApiProperty({ type: ProposalLotResponse, nullable: true }) lot: ProposalLotResponse | null;
  @ApiProperty({ type: ProposalRequestResponse, nullable: true }) request: ProposalRequestResponse | null;
  @ApiProperty({ type: ProposalPartyResponse }) cooperative: ProposalPartyResponse;
  @ApiProperty({ type: ProposalPartyResponse }) buyer: ProposalPartyResponse;
  @ApiProperty({ type: DeliveryWindowResponse, nullable: true }) delivery: DeliveryWindowResponse | null;
}

export class ProposalPageResponse extends pageResponseOf(ProposalCardResponse) {}

/** A confirmed proposal with the deal it became. */
export class ConfirmedProposalResponse extends ProposalResponse {
  @ApiProperty() dealId: string;
  @ApiProperty({ type: DealResponse }) deal: DealResponse;
}
