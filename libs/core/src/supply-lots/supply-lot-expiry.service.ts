import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { todayInVietnam } from '../common/dates';
import { Proposal } from '../proposals/proposal.entity';
import { ANSWERABLE_STATUSES, ProposalStalenessWriter } from '../proposals/proposal-staleness.writer';

/**
 * Past availableUntil an unsold lot can no longer be dispatched: it turns `expired` by itself.
 * One UPDATE on supply_lots, so the change-log triggers record every expired lot and each api
 * process's map snapshot drops them on its next request; open proposals on them turn stale.
 */
@Injectable()
export class SupplyLotExpiryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly staleness: ProposalStalenessWriter,
  ) {}

  /** Expires the open lots whose availableUntil is before `today` (Asia/Ho_Chi_Minh); returns their ids. */
  async expireLapsed(today: string = todayInVietnam()): Promise<string[]> {
    return this.dataSource.transaction(async (em) => {
      const rows: Array<{ id: string; available_until: string }> = await em
        .query(
          `UPDATE supply_lots SET status = 'expired', version = version + 1, updated_at = now()
          WHERE id IN (SELECT id FROM supply_lots WHERE status = 'open' AND available_until < $1::date ORDER BY id FOR UPDATE SKIP LOCKED)
          RETURNING id, available_until::text AS available_until`,
          [today],
        )
        .then((r) => (Array.isArray(r[0]) ? r[0] : r));
      if (!rows.length) return [];
      for (const r of rows)
        await this.audit.record(em, null, 'expire', 'supply_lot', r.id, {
          status: ['open', 'expired'],
          availableUntil: r.available_until,
        });
      const ids = rows.map((r) => r.id);
      const open = await em.find(Proposal, {
        where: { supplyLotId: In(ids), status: In(ANSWERABLE_STATUSES) },
        lock: { mode: 'pessimistic_write' },
      });
      await this.staleness.markStale(em, open, 'the supply lot is no longer available (expired)');
      return ids;
    });
  }
}
