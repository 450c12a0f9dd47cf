import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotificationInput, NotificationsService } from '../notifications/notifications.service';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { Proposal, ProposalStatus } from './proposal.entity';
import { proposalStaleReason } from './proposal-staleness';

/** Proposals that still wait for an answer or for staff: a change to their lot or request can break them. */
export const ANSWERABLE_STATUSES: ProposalStatus[] = [
  'proposed',
  'accepted_by_seller',
  'accepted_by_buyer',
  'accepted',
];

/**
 * Turns proposals stale on the write that breaks them, in its transaction: a lot or request whose
 * terms changed, that was withdrawn, expired, or no longer holds the proposed kilograms. The parties
 * get one notification per organisation (kind `proposals.stale`), the way every other event does.
 */
@Injectable()
export class ProposalStalenessWriter {
  constructor(
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Call after saving the lot (row-locked by the caller). */
  async afterLotChange(em: EntityManager, lot: SupplyLot): Promise<number> {
    const open = await em.find(Proposal, {
      where: { supplyLotId: lot.id, status: In(ANSWERABLE_STATUSES) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!open.length) return 0;
    const requests = await em.findBy(PurchaseRequest, { id: In([...new Set(open.map((p) => p.purchaseRequestId))]) });
    const byId = new Map(requests.map((r) => [r.id, r]));
    return this.judge(
      em,
      open.map((p) => [p, lot, byId.get(p.purchaseRequestId) ?? null]),
    );
  }

  /** Call after saving the request (row-locked by the caller). */
  async afterRequestChange(em: EntityManager, request: PurchaseRequest): Promise<number> {
    const open = await em.find(Proposal, {
      where: { purchaseRequestId: request.id, status: In(ANSWERABLE_STATUSES) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!open.length) return 0;
    const lots = await em.findBy(SupplyLot, { id: In([...new Set(open.map((p) => p.supplyLotId))]) });
    const byId = new Map(lots.map((l) => [l.id, l]));
    return this.judge(
      em,
      open.map((p) => [p, byId.get(p.supplyLotId) ?? null, request]),
    );
  }

  /** Marks the given proposals stale for one reason (e.g. the expiry job); returns how many. */
  async markStale(em: EntityManager, proposals: Proposal[], reason: string): Promise<number> {
    if (!proposals.length) return 0;
    const now = new Date();
    for (const p of proposals) {
      p.status = 'stale';
      p.staleReason = reason;
      p.staleAt = now;
    }
    await em.save(proposals, { chunk: 500 });
    for (const p of proposals) await this.audit.record(em, null, 'stale', 'proposal', p.id, { reason });
    await this.notifications.notify(em, staleNotifications(proposals));
    return proposals.length;
  }

  private async judge(
    em: EntityManager,
    cases: Array<[Proposal, SupplyLot | null, PurchaseRequest | null]>,
  ): Promise<number> {
    const byReason = new Map<string, Proposal[]>();
    for (const [p, lot, request] of cases) {
      const reason = staleReasonNow(p, lot, request);
      if (!reason) continue;
      byReason.set(reason, [...(byReason.get(reason) ?? []), p]);
    }
    let n = 0;
    for (const [reason, ps] of byReason) n += await this.markStale(em, ps, reason);
    return n;
  }
}

/** Why the proposal can no longer be met as made, judged on the rows as they are now; null while it holds. */
export function staleReasonNow(p: Proposal, lot: SupplyLot | null, request: PurchaseRequest | null): string | null {
  if (!lot) return 'the supply lot was deleted';
  if (!request) return 'the purchase request was deleted';
  const reason = proposalStaleReason(p.snapshot, p, lot, request);
  if (reason) return reason;
  // From quantity and committed: the stored remaining_kg is generated and not re-read after a save.
  const lotLeft = lot.quantityKg - lot.committedKg;
  const requestLeft = request.quantityKg - request.committedKg;
  if (p.quantityKg > lotLeft || p.quantityKg > requestLeft) {
    return `only ${Math.max(0, Math.min(lotLeft, requestLeft))} kg remain of the ${p.quantityKg} kg proposed`;
  }
  return null;
}

function staleNotifications(proposals: Proposal[]): NotificationInput[] {
  const byParty = new Map<
    string,
    { audience: 'cooperative' | 'buyer'; id: string; ids: string[]; runs: Set<string> }
  >();
  for (const p of proposals) {
    for (const [audience, id] of [
      ['cooperative', p.cooperativeId],
      ['buyer', p.buyerId],
    ] as const) {
      const key = `${audience}:${id}`;
      const e = byParty.get(key) ?? { audience, id, ids: [], runs: new Set<string>() };
      e.ids.push(p.id);
      e.runs.add(p.matchingRunId);
      byParty.set(key, e);
    }
  }
  return [...byParty.values()].map((e) => ({
    audience: e.audience,
    audienceId: e.id,
    kind: 'proposals.stale',
    title: `${e.ids.length} đề xuất không còn hiệu lực (${e.ids.length} proposals no longer stand)`,
    body: proposals.find((p) => p.id === e.ids[0])!.staleReason ?? '',
    data: {
      proposalIds: e.ids,
      matchingRunIds: [...e.runs],
      reason: proposals.find((p) => p.id === e.ids[0])!.staleReason,
    },
  }));
}
