import { EntityManager, In } from 'typeorm';
import { transitDays } from '@agrilink/matching-engine';
import { Buyer } from '../buyers/buyer.entity';
import { Actor, isStaff } from '../common/actor';
import { addDays } from '../common/dates';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { MatchingRun } from '../matching-runs/matching-run.entity';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import type { DeliveryWindow, PartyContact, ProposalCardFields } from './proposal-card';
import type { Proposal, ProposalSide } from './proposal.entity';

// The engine's default when a run did not set kmPerDay (libs/matching-engine validation).
const DEFAULT_KM_PER_DAY = 400;

/**
 * Adds to each proposal what its card shows: the lot and the request it is about, the caller's side,
 * both parties' names, the other party's contact for the parties (both for staff), and the delivery days.
 * Five queries for a page, whatever its size.
 */
export async function proposalCardFields(
  em: EntityManager,
  actor: Actor,
  proposals: Proposal[],
): Promise<Map<string, ProposalCardFields>> {
  const out = new Map<string, ProposalCardFields>();
  if (!proposals.length) return out;
  const ids = <K extends keyof Proposal>(k: K) => [...new Set(proposals.map((p) => p[k] as unknown as string))];
  const [lots, requests, coops, buyers, runs] = await Promise.all([
    em.find(SupplyLot, { where: { id: In(ids('supplyLotId')) } }),
    em.find(PurchaseRequest, { where: { id: In(ids('purchaseRequestId')) } }),
    em.find(Cooperative, { where: { id: In(ids('cooperativeId')) } }),
    em.find(Buyer, { where: { id: In(ids('buyerId')) } }),
    em.find(MatchingRun, {
      where: { id: In(ids('matchingRunId')) },
      select: { id: true, options: true, runDay: true },
    }),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const lotById = byId(lots);
  const requestById = byId(requests);
  const coopById = byId(coops);
  const buyerById = byId(buyers);
  const runById = byId(runs);
  for (const p of proposals) {
    // A processor's users are the seller of the stock it offered (its seller record's lots).
    const mySide =
      sideOfCaller(actor, p) ??
      (actor.role === 'buyer' && actor.organizationId && coopById.get(p.cooperativeId)?.buyerId === actor.organizationId
        ? 'seller'
        : null);
    const lot = lotById.get(p.supplyLotId);
    const request = requestById.get(p.purchaseRequestId);
    const coop = coopById.get(p.cooperativeId);
    const buyer = buyerById.get(p.buyerId);
    const run = runById.get(p.matchingRunId);
    // A party sees the other side's contact; staff see both; nobody's own contact is repeated.
    const showCoopContact = isStaff(actor) || mySide === 'buyer';
    const showBuyerContact = isStaff(actor) || mySide === 'seller';
    out.set(p.id, {
      mySide,
      lot: lot
        ? {
            id: lot.id,
            product: lot.productCode,
            quantityKg: lot.quantityKg,
            remainingKg: lot.remainingKg,
            harvestFrom: lot.harvestFrom,
            harvestTo: lot.harvestTo,
            askVndPerKg: lot.askVndPerKg,
            status: lot.status,
            note: lot.note,
          }
        : null,
      request: request
        ? {
            id: request.id,
            product: request.productCode,
            quantityKg: request.quantityKg,
            remainingKg: request.remainingKg,
            deliverFrom: request.deliverFrom,
            deliverTo: request.deliverTo,
            bidVndPerKg: request.bidVndPerKg,
            status: request.status,
            note: request.note,
          }
        : null,
      cooperative: {
        id: p.cooperativeId,
        name: coop?.name ?? '',
        contact: showCoopContact && coop ? contactOf(coop) : null,
      },
      buyer: { id: p.buyerId, name: buyer?.name ?? '', contact: showBuyerContact && buyer ? contactOf(buyer) : null },
      delivery: deliveryWindow(p, run ?? null),
    });
  }
  return out;
}

function contactOf(o: {
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}): PartyContact {
  return { name: o.contactName, phone: o.contactPhone, email: o.contactEmail };
}

function sideOfCaller(actor: Actor, p: Proposal): ProposalSide | null {
  if (actor.role === 'cooperative' && actor.organizationId === p.cooperativeId) return 'seller';
  if (actor.role === 'buyer' && actor.organizationId === p.buyerId) return 'buyer';
  return null;
}

/**
 * The arrival days the run priced (SPEC timing rule): dispatch from max(harvestFrom, run day) to the end of the
 * lot's window (availableTo when the run recorded one), plus the transit days, inside the request's window.
 */
export function deliveryWindow(
  p: Pick<Proposal, 'snapshot' | 'distanceKm'>,
  run: Pick<MatchingRun, 'options' | 'runDay'> | null,
): DeliveryWindow | null {
  const lot = p.snapshot?.lot as
    | (Proposal['snapshot']['lot'] & { availableFrom?: string; availableTo?: string; availableUntil?: string })
    | undefined;
  const request = p.snapshot?.request;
  if (!lot || !request) return null;
  const kmPerDay = run?.options?.params?.kmPerDay ?? DEFAULT_KM_PER_DAY;
  const t = transitDays(Number(p.distanceKm), kmPerDay);
  const lotFrom = [lot.availableFrom ?? lot.harvestFrom, run?.runDay ?? ''].sort().at(-1)!;
  const lotTo = lot.availableTo ?? lot.availableUntil ?? lot.harvestTo;
  const from = [addDays(lotFrom, t), request.deliverFrom].sort().at(-1)!;
  const to = [addDays(lotTo, t), request.deliverTo].sort()[0];
  return from <= to ? { from, to, transitDays: t } : null;
}
