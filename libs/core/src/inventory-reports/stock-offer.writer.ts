import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { Buyer } from '../buyers/buyer.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { ProposalStalenessWriter } from '../proposals/proposal-staleness.writer';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { supplyLotStatus } from '../supply-lots/supply-lots.service';
import { InventoryReport } from './inventory-report.entity';

export interface StockOffer {
  askVndPerKg: number;
  /** YYYY-MM-DD, today or later, on or after the day the stock was counted. */
  availableUntil: string;
}

/**
 * Offering a processor's reported stock for sale: the stock becomes a supply lot (one per report)
 * owned by the processor's seller record, so matching, the map, proposals and deals treat it as
 * any lot. The lot's quantity follows the report; its deals' kilograms are what has been sold of
 * the stock (the report's remainingKg). Withdrawing the offer withdraws the lot.
 */
@Injectable()
export class StockOfferWriter {
  constructor(
    private readonly audit: AuditService,
    private readonly staleness: ProposalStalenessWriter,
  ) {}

  /** `offer` undefined: keep the offer as it is, following the report; null: withdraw it. */
  async apply(
    em: EntityManager,
    actor: Actor,
    report: InventoryReport,
    offer: StockOffer | null | undefined,
  ): Promise<void> {
    const lot = await em.findOne(SupplyLot, {
      where: { inventoryReportId: report.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (offer === undefined && !lot) return;
    if (offer === null) {
      if (lot && lot.status !== 'withdrawn') await this.save(em, actor, lot, { status: 'withdrawn' });
      return;
    }
    if (offer) {
      if (offer.availableUntil < todayInVietnam()) {
        throw DomainError.invalid(
          'INVENTORY_REPORT.OFFER_OVER',
          'offer.availableUntil',
          'offer.availableUntil is in the past (ngày còn bán đã qua)',
        );
      }
      if (offer.availableUntil < report.reportedAt) {
        throw DomainError.invalid(
          'INVENTORY_REPORT.OFFER_BEFORE_REPORT',
          'offer.availableUntil',
          'offer.availableUntil must be on or after reportedAt',
        );
      }
      if (report.quantityKg <= 0)
        throw DomainError.invalid(
          'INVENTORY_REPORT.NOTHING_TO_OFFER',
          'quantityKg',
          'a report of 0 kg has nothing to offer',
        );
    }
    if (lot) {
      if (report.quantityKg < lot.committedKg) {
        throw new DomainError(
          'conflict',
          'INVENTORY_REPORT.QUANTITY_BELOW_SOLD',
          `quantityKg cannot go below the ${lot.committedKg} kg already sold from this stock`,
          {
            field: 'quantityKg',
            soldKg: lot.committedKg,
          },
        );
      }
      const withdrawn = offer ? false : lot.status === 'withdrawn';
      const availableUntil = offer?.availableUntil ?? lot.availableUntil;
      await this.save(em, actor, lot, {
        productCode: report.productCode,
        quantityKg: report.quantityKg,
        harvestFrom: report.reportedAt,
        harvestTo: report.reportedAt,
        availableUntil,
        askVndPerKg: offer?.askVndPerKg ?? lot.askVndPerKg,
        status: supplyLotStatus(withdrawn, report.quantityKg - lot.committedKg, availableUntil),
      });
      return;
    }
    // No lot yet: an undefined offer returned at the top, so there is an offer to put on sale.
    if (!offer) return;
    const seller = await this.sellerRecord(em, report.buyerId);
    if (!seller.location) {
      throw DomainError.invalid(
        'INVENTORY_REPORT.LOCATION_REQUIRED',
        'offer',
        'the seller record has no location: set it before offering stock (cần vị trí kho)',
      );
    }
    const created = await em.save(
      em.create(SupplyLot, {
        cooperativeId: seller.id,
        productCode: report.productCode,
        quantityKg: report.quantityKg,
        // Stock counted on reportedAt: its "harvest" is over that day; it sells from store until availableUntil.
        harvestFrom: report.reportedAt,
        harvestTo: report.reportedAt,
        availableUntil: offer.availableUntil,
        certifications: [],
        askVndPerKg: offer.askVndPerKg,
        location: seller.location,
        zone: null,
        greenLane: false,
        status: 'open',
        provinceCode: seller.provinceCode,
        note: report.note,
        inventoryReportId: report.id,
      }),
    );
    await this.audit.record(em, actor, 'create', 'supply_lot', created.id, {
      inventoryReportId: report.id,
      quantityKg: created.quantityKg,
      askVndPerKg: created.askVndPerKg,
      availableUntil: created.availableUntil,
    });
  }

  private async save(em: EntityManager, actor: Actor, lot: SupplyLot, changes: Partial<SupplyLot>): Promise<void> {
    const before = { ...lot };
    Object.assign(lot, changes);
    await em.save(lot);
    const diff = this.audit.diff(before, lot, Object.keys(changes));
    if (Object.keys(diff).length) await this.audit.record(em, actor, 'update', 'supply_lot', lot.id, diff);
    await this.staleness.afterLotChange(em, lot);
  }

  /** The processor's seller record, made on its first offer from its registry entry (name, place, contact). */
  private async sellerRecord(em: EntityManager, buyerId: string): Promise<Cooperative> {
    const existing = await em.findOneBy(Cooperative, { buyerId });
    if (existing) return existing;
    const buyer = await em.findOneBy(Buyer, { id: buyerId });
    if (!buyer) throw DomainError.invalid('BUYER.UNKNOWN', 'buyerId', `buyerId: no buyer ${buyerId}`);
    if (!buyer.location) {
      throw DomainError.invalid(
        'INVENTORY_REPORT.LOCATION_REQUIRED',
        'offer',
        'the buyer has no location on record: set it before offering stock (cần vị trí kho)',
      );
    }
    // Locked insert: two first offers at once make one record (the partial unique index decides).
    await em.query(
      `INSERT INTO cooperatives (kind, name, administrative_unit_id, province_code, address, location, contact_name, contact_phone, contact_email, certifications, products, buyer_id)
       SELECT 'enterprise', b.name, b.administrative_unit_id, b.province_code, b.address, b.location, b.contact_name, b.contact_phone, b.contact_email, '{}', '{}', b.id
         FROM buyers b WHERE b.id = $1
       ON CONFLICT (buyer_id) WHERE buyer_id IS NOT NULL DO NOTHING`,
      [buyerId],
    );
    return em.findOneByOrFail(Cooperative, { buyerId });
  }
}
