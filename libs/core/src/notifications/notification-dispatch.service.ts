import { Injectable } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { DataSource, EntityManager } from 'typeorm';
import { queryRow, queryRows } from '../common/sql-rows';
import { Notification } from './notification.entity';
import { Language, NotificationChannel, NOTIFICATION_CHANNELS } from './notification-delivery.entity';
import { NotificationChannels } from './notification-channels';
import {
  DealContext,
  DigestContext,
  DigestProposal,
  EXTERNAL_KINDS,
  NotificationKind,
  renderDeal,
  renderDigest,
  renderPlain,
  RenderedMessage,
} from './notification-messages';

/** What the api's event streams receive (over Redis) when a notification has been dispatched. */
export interface NotificationEvent {
  id: string;
  audience: Notification['audience'];
  audienceId: string | null;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  /** A staff notification's provinces, for the same visibility rule as the inbox. */
  provinceCodes: string[];
  createdAt: string;
}

export interface DispatchResult {
  events: NotificationEvent[];
  deliveryIds: string[];
}

interface Recipient {
  userId: string;
  email: string;
  emailOn: boolean;
  zaloOn: boolean;
  smsOn: boolean;
  phone: string | null;
  language: Language;
}

/** A proposal as the digest reads it; the snapshot is the lot and request as they were when it was made. */
interface DigestRow {
  id: string;
  status: string;
  matching_run_id: string;
  superseded_by_run_id: string | null;
  quantity_kg: string;
  ask_vnd_per_kg: number;
  bid_vnd_per_kg: number;
  snapshot: {
    request?: { deliverFrom?: string | null; deliverTo?: string | null };
    lot?: { harvestFrom?: string | null; harvestTo?: string | null };
  };
  stale_reason: string | null;
  product_name: string;
  other_party: string;
}

// An old backlog (the outbox filled for months before a delivery worker existed) goes to the bell only:
// e-mailing last month's proposals would tell people about offers long gone.
const EXTERNAL_MAX_AGE_MS = 72 * 3600_000;

/** Turns pending outbox rows into one delivery per recipient and channel, rendered once, in one transaction. */
@Injectable()
export class NotificationDispatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannels,
    private readonly config: AppConfig,
  ) {}

  async dispatchPending(limit = 100, now = new Date()): Promise<DispatchResult> {
    return this.dataSource.transaction(async (em) => {
      // SKIP LOCKED: several workers share the outbox without waiting on each other.
      const rows = await queryRows<{ id: string; notification_id: string }>(
        em,
        `SELECT id, notification_id FROM notification_outbox WHERE status = 'pending' ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (!rows.length) return { events: [], deliveryIds: [] };
      const notifications = await em.getRepository(Notification).findBy(rows.map((r) => ({ id: r.notification_id })));
      const deliveryIds: string[] = [];
      for (const n of notifications) {
        if (
          !EXTERNAL_KINDS.has(n.kind) ||
          n.audience === 'staff' ||
          now.getTime() - n.createdAt.getTime() > EXTERNAL_MAX_AGE_MS
        )
          continue;
        deliveryIds.push(...(await this.planDeliveries(em, n)));
      }
      await em.query(
        `UPDATE notification_outbox SET status = 'dispatched', dispatched_at = now() WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      const events = notifications.map((n) => ({
        id: n.id,
        audience: n.audience,
        audienceId: n.audienceId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        data: n.data,
        provinceCodes: n.provinceCodes,
        createdAt: n.createdAt.toISOString(),
      }));
      return { events, deliveryIds };
    });
  }

  private async planDeliveries(em: EntityManager, n: Notification): Promise<string[]> {
    const recipients = await this.recipients(em, n);
    if (!recipients.length) return [];
    const rendered = new Map<Language, RenderedMessage | null>();
    const render = async (lang: Language) => {
      const known = rendered.get(lang);
      if (known !== undefined) return known;
      const msg = await this.render(em, n, lang);
      rendered.set(lang, msg);
      return msg;
    };
    const ids: string[] = [];
    for (const r of recipients) {
      for (const channel of NOTIFICATION_CHANNELS) {
        const address = this.addressFor(channel, r);
        if (!address || !this.channels.enabled(channel)) continue;
        const msg = await render(r.language);
        if (!msg) continue;
        let payload: Record<string, unknown> = {};
        let text = msg.text;
        let html: string | null = msg.html;
        if (channel === 'zalo') {
          const templateId = msg.zalo.template ? this.channels.zaloTemplate(msg.zalo.template) : '';
          if (!templateId) continue; // no approved template for this kind: ZNS cannot carry it
          payload = { templateId, templateData: msg.zalo.data };
          html = null;
        }
        if (channel === 'sms') {
          text = msg.sms;
          html = null;
        }
        const res = await queryRows<{ id: string }>(
          em,
          `INSERT INTO notification_deliveries (notification_id, user_id, channel, address, idempotency_key, language, subject, body_text, body_html, payload, max_attempts)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
          [
            n.id,
            r.userId,
            channel,
            address,
            `${n.id}:${r.userId}:${channel}`,
            r.language,
            msg.subject,
            text,
            html,
            JSON.stringify(payload),
            this.config.notificationMaxAttempts,
          ],
        );
        ids.push(...res.map((x) => x.id));
      }
    }
    return ids;
  }

  private addressFor(channel: NotificationChannel, r: Recipient): string | null {
    if (channel === 'email') return r.emailOn ? r.email : null;
    if (channel === 'zalo') return r.zaloOn ? r.phone : null;
    return r.smsOn ? r.phone : null;
  }

  private async recipients(em: EntityManager, n: Notification): Promise<Recipient[]> {
    const column =
      n.audience === 'cooperative'
        ? 'u.cooperative_id'
        : n.audience === 'buyer'
          ? 'u.buyer_id'
          : n.audience === 'agency'
            ? 'u.agency_id'
            : 'u.id';
    const rows = await queryRows<{
      id: string;
      email: string;
      email_on: boolean;
      zalo_on: boolean;
      sms_on: boolean;
      phone: string | null;
      language: Language;
    }>(
      em,
      `SELECT u.id, u.email, COALESCE(p.email, true) AS email_on, COALESCE(p.zalo, false) AS zalo_on, COALESCE(p.sms, false) AS sms_on,
              p.phone, COALESCE(p.language, 'vi') AS language
       FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
       WHERE u.active AND ${column} = $1 ORDER BY u.created_at, u.id`,
      [n.audienceId],
    );
    return rows.map((x) => ({
      userId: x.id,
      email: x.email,
      emailOn: x.email_on,
      zaloOn: x.zalo_on,
      smsOn: x.sms_on,
      phone: x.phone,
      language: x.language,
    }));
  }

  private async render(em: EntityManager, n: Notification, lang: Language): Promise<RenderedMessage | null> {
    const base = this.config.appBaseUrl;
    if (n.kind === NotificationKind.ProposalsCreated || n.kind === NotificationKind.ProposalsSuperseded) {
      const ctx = await this.digestContext(em, n, lang);
      return ctx ? renderDigest(ctx, lang, base) : null;
    }
    if (n.kind === NotificationKind.DealConfirmed || n.kind === NotificationKind.DeliveryRecorded) {
      const ctx = await this.dealContext(em, n, lang);
      if (ctx) return renderDeal(n.kind === NotificationKind.DealConfirmed ? 'confirmed' : 'delivery', ctx, lang, base);
    }
    return renderPlain(n.title, n.body, base);
  }

  /**
   * The run's proposals for this organisation, the earlier ones this run superseded, and those that
   * turned stale since the organisation's previous digest (up to this one, written in the run's transaction).
   */
  private async digestContext(em: EntityManager, n: Notification, lang: Language): Promise<DigestContext | null> {
    const runId = typeof n.data.matchingRunId === 'string' ? n.data.matchingRunId : null;
    if (!runId || (n.audience !== 'cooperative' && n.audience !== 'buyer')) return null;
    const side = n.audience === 'cooperative' ? 'seller' : 'buyer';
    const orgColumn = side === 'seller' ? 'p.cooperative_id' : 'p.buyer_id';
    const org = await queryRow<{ name: string }>(
      em,
      `SELECT name FROM ${side === 'seller' ? 'cooperatives' : 'buyers'} WHERE id = $1`,
      [n.audienceId],
    );
    const rows = await queryRows<DigestRow>(
      em,
      `SELECT p.id, p.status, p.matching_run_id, p.superseded_by_run_id, p.quantity_kg, p.ask_vnd_per_kg, p.bid_vnd_per_kg, p.snapshot, p.stale_reason,
              COALESCE(${lang === 'en' ? 'pr.name_en' : 'pr.name_vi'}, p.product_code) AS product_name,
              ${side === 'seller' ? 'b.name' : 'c.name'} AS other_party
       FROM proposals p
       JOIN cooperatives c ON c.id = p.cooperative_id
       JOIN buyers b ON b.id = p.buyer_id
       LEFT JOIN products pr ON pr.code = p.product_code
       -- Compared in SQL: a JavaScript Date would drop the microseconds of the run's timestamps.
       CROSS JOIN (
         SELECT me.created_at AS until,
                (SELECT max(o.created_at) FROM notifications o
                 WHERE o.audience = me.audience AND o.audience_id = me.audience_id AND o.kind = ANY($4::text[]) AND o.created_at < me.created_at) AS since
         FROM notifications me WHERE me.id = $3
       ) w
       WHERE ${orgColumn} = $1
         AND (p.matching_run_id = $2
              OR p.superseded_by_run_id = $2
              OR (p.status = 'stale' AND p.stale_at > COALESCE(w.since, '-infinity') AND p.stale_at <= w.until))
       ORDER BY product_name, p.quantity_kg DESC, p.id`,
      [n.audienceId, runId, n.id, [NotificationKind.ProposalsCreated, NotificationKind.ProposalsSuperseded]],
    );
    const toDigest = (r: DigestRow): DigestProposal => ({
      id: r.id,
      status: r.status,
      productName: r.product_name,
      quantityKg: Number(r.quantity_kg),
      askVndPerKg: r.ask_vnd_per_kg,
      bidVndPerKg: r.bid_vnd_per_kg,
      otherParty: r.other_party,
      deliverFrom: r.snapshot.request?.deliverFrom ?? null,
      deliverTo: r.snapshot.request?.deliverTo ?? null,
      harvestFrom: r.snapshot.lot?.harvestFrom ?? null,
      harvestTo: r.snapshot.lot?.harvestTo ?? null,
      staleReason: r.stale_reason,
    });
    return {
      organisationName: org?.name ?? '',
      side,
      fresh: rows.filter((r) => r.matching_run_id === runId).map(toDigest),
      superseded: rows.filter((r) => r.superseded_by_run_id === runId).map(toDigest),
      stale: rows
        .filter((r) => r.matching_run_id !== runId && r.superseded_by_run_id !== runId && r.status === 'stale')
        .map(toDigest),
    };
  }

  private async dealContext(em: EntityManager, n: Notification, lang: Language): Promise<DealContext | null> {
    const dealId = typeof n.data.dealId === 'string' ? n.data.dealId : null;
    if (!dealId) return null;
    const d = await queryRow<{
      id: string;
      quantity_kg: string;
      price_vnd_per_kg: number;
      delivered_kg: string | null;
      delivered_at: Date | null;
      cooperative_name: string;
      buyer_name: string;
      product_name: string;
    }>(
      em,
      `SELECT d.id, d.quantity_kg, d.price_vnd_per_kg, d.delivered_kg, d.delivered_at, c.name AS cooperative_name, b.name AS buyer_name,
              COALESCE(${lang === 'en' ? 'pr.name_en' : 'pr.name_vi'}, d.product_code) AS product_name
       FROM deals d JOIN cooperatives c ON c.id = d.cooperative_id JOIN buyers b ON b.id = d.buyer_id LEFT JOIN products pr ON pr.code = d.product_code
       WHERE d.id = $1`,
      [dealId],
    );
    if (!d) return null;
    const data = n.data as { deliveredKg?: number; deliveredOn?: string };
    return {
      dealId: d.id,
      productName: d.product_name,
      quantityKg: Number(d.quantity_kg),
      priceVndPerKg: d.price_vnd_per_kg,
      otherParty: n.audience === 'cooperative' ? d.buyer_name : d.cooperative_name,
      deliveredKg:
        typeof data.deliveredKg === 'number'
          ? data.deliveredKg
          : d.delivered_kg === null
            ? null
            : Number(d.delivered_kg),
      deliveredOn:
        typeof data.deliveredOn === 'string'
          ? data.deliveredOn
          : d.delivered_at
            ? new Date(d.delivered_at).toISOString().slice(0, 10)
            : null,
    };
  }
}
