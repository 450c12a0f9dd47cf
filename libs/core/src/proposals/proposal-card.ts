// What a party answering a proposal needs on its card (issue 12, item 6). Types only, so the
// web app imports them as they are (`import type`) instead of copying them by hand.
// No import from the entity: the web app type-checks this file without TypeORM's decorators.
type ProposalSide = 'seller' | 'buyer';

export interface PartyContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface ProposalParty {
  id: string;
  name: string;
  /** The other party's contact, for the signed-in parties of the proposal (both for staff); null otherwise. */
  contact: PartyContact | null;
}

export interface ProposalLotSummary {
  id: string;
  product: string;
  quantityKg: number;
  remainingKg: number;
  harvestFrom: string;
  harvestTo: string;
  askVndPerKg: number;
  status: string;
  note: string | null;
}

export interface ProposalRequestSummary {
  id: string;
  product: string;
  quantityKg: number;
  remainingKg: number;
  deliverFrom: string;
  deliverTo: string;
  bidVndPerKg: number;
  status: string;
  note: string | null;
}

/** Days the goods can arrive: dispatch inside the lot's window plus the transit days, inside the request's window. */
export interface DeliveryWindow {
  from: string;
  to: string;
  transitDays: number;
}

export interface ProposalCardFields {
  /** Which side the caller is on: its lot (seller) or its request (buyer); null for staff. */
  mySide: ProposalSide | null;
  lot: ProposalLotSummary | null;
  request: ProposalRequestSummary | null;
  cooperative: ProposalParty;
  buyer: ProposalParty;
  delivery: DeliveryWindow | null;
}

/** The JSON a proposal card arrives as (dates as ISO strings). */
export interface ProposalCardJson extends ProposalCardFields {
  id: string;
  matchingRunId: string;
  supplyLotId: string;
  purchaseRequestId: string;
  cooperativeId: string;
  buyerId: string;
  product: string;
  quantityKg: number;
  distanceKm: number;
  transportVndPerKg: number;
  scoreVndPerKg: number;
  askVndPerKg: number;
  bidVndPerKg: number;
  reasons: Array<{ code: string; vi: string; en: string }>;
  /** One of PROPOSAL_STATUSES (proposal.entity.ts). */
  status: string;
  sellerAcceptedAt: string | null;
  buyerAcceptedAt: string | null;
  rejectedAt: string | null;
  rejectedBySide: ProposalSide | null;
  rejectReason: string | null;
  staleReason: string | null;
  confirmedAt: string | null;
  supersededByRunId?: string | null;
  supersededAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

export const PROPOSAL_SORTS = [
  'createdAt',
  '-createdAt',
  'quantityKg',
  '-quantityKg',
  'scoreVndPerKg',
  '-scoreVndPerKg',
  'distanceKm',
  '-distanceKm',
  'status',
  'product',
] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];
