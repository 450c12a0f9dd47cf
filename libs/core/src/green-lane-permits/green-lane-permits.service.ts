import { createPublicKey, sign } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@agrilink/config';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery, pageBounds } from '../common/page';
import { queryRow, queryRows } from '../common/sql-rows';
import { assertStaff, isUniqueViolation } from '../common/registry';
import {
  assertCoversAllProvinces,
  assertCoversAnyProvince,
  provinceConditionSql,
  scopedProvinceCodes,
} from '../common/territory/province-scope';
import { GreenLanePermit } from './green-lane-permit.entity';
import {
  assertPermitWindow,
  newPermitCode,
  normalizePermitCode,
  permitPayload,
  permitQrText,
  PermitStatus,
  permitStatus,
} from './green-lane-permits.rules';

export interface IssuePermitInput {
  vehicleId: string;
  validFrom: string;
  validTo: string;
  provinceCodes?: string[] | null;
  note?: string | null;
}

export interface PermitFilter extends PageQuery {
  vehicleId?: string;
  operatorId?: string;
  status?: PermitStatus;
}

export interface PermitQr {
  payload: string;
  /** base64url Ed25519 over the payload's UTF-8 bytes. */
  signature: string;
  /** What the QR image encodes: `payload|signature`. */
  text: string;
}

export interface GreenLanePermitView {
  id: string;
  code: string;
  status: PermitStatus;
  /** Active today and the vehicle still on the road. */
  valid: boolean;
  vehicleId: string;
  plate: string;
  vehicleKind: string;
  operatorId: string;
  operatorName: string;
  validFrom: string;
  validTo: string;
  provinceCodes: string[];
  note: string | null;
  qr: PermitQr;
  revokedAt: Date | null;
  revokedReason: string | null;
  createdAt: Date;
}

/** What anyone (a checkpoint, a police officer, the driver) learns from a code: nothing private. */
export interface PermitVerification {
  valid: boolean;
  status: PermitStatus;
  code: string;
  plate: string;
  operatorName: string;
  validFrom: string;
  validTo: string;
  provinceCodes: string[];
  /** The day (Việt Nam) the answer is for. */
  checkedOn: string;
}

/** Subject of `activePermitsFor`: one vehicle, an operator's fleet, or the vehicles at a cooperative's disposal. */
export type PermitSubject = { vehicleId: string } | { operatorId: string } | { cooperativeId: string };

/**
 * Green-lane permits: staff issue and revoke them; the QR is signed with the configured Ed25519
 * key so a checkpoint can check it offline; anyone can check a code online. Other features ask
 * `activePermitsFor` (offers, transport plans) and matching asks the `seller_green_lane` SQL function.
 */
@Injectable()
export class GreenLanePermitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  publicKey(): { alg: 'Ed25519'; publicKeyPem: string } {
    const key = this.signingKey();
    return { alg: 'Ed25519', publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString() };
  }

  async issue(actor: Actor, input: IssuePermitInput): Promise<GreenLanePermitView> {
    assertStaff(actor, 'GREEN_LANE_PERMIT', 'issue green-lane permits');
    const key = this.signingKey();
    assertPermitWindow(input.validFrom, input.validTo, todayInVietnam());
    // Province staff issue permits for their own provinces (all of them by default); none is nationwide, the ministry's.
    const provinceCodes = [
      ...new Set(scopedProvinceCodes(actor, input.provinceCodes, 'GREEN_LANE_PERMIT') ?? []),
    ].sort();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (em) => {
          const vehicle = await queryRow<{ id: string; plate: string; status: string }>(
            em,
            `SELECT id, plate, status FROM vehicles WHERE id = $1 FOR SHARE`,
            [input.vehicleId],
          );
          if (!vehicle)
            throw DomainError.invalid(
              'GREEN_LANE_PERMIT.VEHICLE_UNKNOWN',
              'vehicleId',
              `vehicleId: no vehicle ${input.vehicleId}`,
            );
          if (vehicle.status !== 'active')
            throw new DomainError('conflict', 'VEHICLE.RETIRED', 'a retired vehicle gets no permit', {
              field: 'vehicleId',
            });
          const code = newPermitCode();
          const payload = permitPayload({
            code,
            plate: vehicle.plate,
            validFrom: input.validFrom,
            validTo: input.validTo,
          });
          const signature = sign(null, Buffer.from(payload, 'utf8'), key).toString('base64url');
          const saved = await em.save(
            em.create(GreenLanePermit, {
              code,
              vehicleId: vehicle.id,
              validFrom: input.validFrom,
              validTo: input.validTo,
              provinceCodes,
              note: input.note?.trim() || null,
              payload,
              signature,
              issuedByUserId: actor.userId,
              revokedAt: null,
              revokedReason: null,
            }),
          );
          await this.audit.record(em, actor, 'issue', 'green_lane_permit', saved.id, {
            code,
            vehicleId: vehicle.id,
            plate: vehicle.plate,
            validFrom: input.validFrom,
            validTo: input.validTo,
            provinceCodes,
          });
          return this.view(em, saved.id);
        });
      } catch (e) {
        // 40 random bits: a clash is rare, and a new code settles it.
        if (isUniqueViolation(e) && attempt < 3) continue;
        throw e;
      }
    }
  }

  async revoke(actor: Actor, id: string, reason: string | null): Promise<GreenLanePermitView> {
    assertStaff(actor, 'GREEN_LANE_PERMIT', 'revoke green-lane permits');
    return this.dataSource.transaction(async (em) => {
      const p = await em.findOne(GreenLanePermit, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw DomainError.notFound('GREEN_LANE_PERMIT', id);
      assertCoversAllProvinces(actor, p.provinceCodes, 'GREEN_LANE_PERMIT');
      if (!p.revokedAt) {
        p.revokedAt = new Date();
        p.revokedReason = reason?.trim() || null;
        await em.save(p);
        await this.audit.record(em, actor, 'revoke', 'green_lane_permit', id, {
          code: p.code,
          reason: p.revokedReason,
        });
      }
      return this.view(em, id);
    });
  }

  async list(actor: Actor, filter: PermitFilter): Promise<Page<GreenLanePermitView>> {
    const { limit, offset } = pageBounds(filter);
    const today = todayInVietnam();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      let s = sql;
      for (const v of values) {
        params.push(v);
        s = s.replace('?', `$${params.length}`);
      }
      where.push(s);
    };
    const scope = readScope(actor);
    if (scope.operatorId) add('v.operator_id = ?', scope.operatorId);
    if (scope.cooperativeId)
      add(
        'EXISTS (SELECT 1 FROM vehicle_assignments a WHERE a.vehicle_id = v.id AND a.ended_at IS NULL AND a.cooperative_id = ?)',
        scope.cooperativeId,
      );
    const provinces = provinceConditionSql(actor, [{ array: 'p.province_codes' }], params);
    if (provinces !== 'true') where.push(provinces);
    if (filter.vehicleId) add('p.vehicle_id = ?', filter.vehicleId);
    if (filter.operatorId) add('v.operator_id = ?', filter.operatorId);
    if (filter.status === 'revoked') where.push('p.revoked_at IS NOT NULL');
    if (filter.status === 'expired') add('p.revoked_at IS NULL AND p.valid_to < ?::date', today);
    if (filter.status === 'pending') add('p.revoked_at IS NULL AND p.valid_from > ?::date', today);
    if (filter.status === 'active')
      add('p.revoked_at IS NULL AND p.valid_from <= ?::date AND p.valid_to >= ?::date', today, today);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM green_lane_permits p JOIN vehicles v ON v.id = p.vehicle_id ${whereSql}`;
    const counted = await queryRow<{ total: number }>(this.dataSource, `SELECT count(*)::int AS total ${from}`, params);
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT p.id ${from} ORDER BY p.created_at DESC, p.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return {
      items: await this.views(
        this.dataSource.manager,
        rows.map((r) => r.id),
      ),
      total: counted?.total ?? 0,
      limit,
      offset,
    };
  }

  async get(actor: Actor, id: string): Promise<GreenLanePermitView> {
    const p = await this.view(this.dataSource.manager, id);
    await this.assertReads(actor, p);
    return p;
  }

  /** The online check at a checkpoint: valid only while not revoked, in date and on an active vehicle. */
  async verify(codeText: string): Promise<PermitVerification> {
    const code = normalizePermitCode(codeText);
    if (!code) throw DomainError.invalid('GREEN_LANE_PERMIT.INVALID_CODE', 'code', 'code must look like LX-7K3Q-F9M2');
    const row = await queryRow<{ id: string }>(this.dataSource, `SELECT id FROM green_lane_permits WHERE code = $1`, [
      code,
    ]);
    if (!row) throw DomainError.notFound('GREEN_LANE_PERMIT', code, 'code');
    const p = await this.view(this.dataSource.manager, row.id);
    return {
      valid: p.valid,
      status: p.status,
      code: p.code,
      plate: p.plate,
      operatorName: p.operatorName,
      validFrom: p.validFrom,
      validTo: p.validTo,
      provinceCodes: p.provinceCodes,
      checkedOn: todayInVietnam(),
    };
  }

  /**
   * Permits valid on `day` (not revoked, in date, vehicle active) for a vehicle, an operator's
   * fleet or the vehicles assigned to a cooperative; with `provinceCode`, only those good there.
   * Offers and transport plans ask this before a vehicle may cross a lockdown zone.
   */
  async activePermitsFor(
    subject: PermitSubject,
    day: string,
    opts: { provinceCode?: string; em?: EntityManager } = {},
  ): Promise<GreenLanePermitView[]> {
    const em = opts.em ?? this.dataSource.manager;
    const [col, value] =
      'vehicleId' in subject
        ? ['v.id = $1', subject.vehicleId]
        : 'operatorId' in subject
          ? ['v.operator_id = $1', subject.operatorId]
          : [
              'EXISTS (SELECT 1 FROM vehicle_assignments a WHERE a.vehicle_id = v.id AND a.ended_at IS NULL AND a.cooperative_id = $1)',
              subject.cooperativeId,
            ];
    const rows: Array<{ id: string }> = await em.query(
      `SELECT p.id FROM green_lane_permits p JOIN vehicles v ON v.id = p.vehicle_id
        WHERE ${col} AND v.status = 'active' AND p.revoked_at IS NULL AND p.valid_from <= $2::date AND p.valid_to >= $2::date
          AND ($3::text IS NULL OR cardinality(p.province_codes) = 0 OR $3 = ANY(p.province_codes))
        ORDER BY p.valid_to DESC, p.id`,
      [value, day, opts.provinceCode ?? null],
    );
    return this.views(
      em,
      rows.map((r) => r.id),
      day,
    );
  }

  /** True when the vehicle may cross on `day` (in `provinceCode`, when given). */
  async isVehiclePermitted(
    vehicleId: string,
    day: string,
    opts: { provinceCode?: string; em?: EntityManager } = {},
  ): Promise<boolean> {
    return (await this.activePermitsFor({ vehicleId }, day, opts)).length > 0;
  }

  /** The permit, loaded for rendering (QR image, PDF) after the caller's read right is checked. */
  async forDocument(actor: Actor, id: string): Promise<GreenLanePermitView> {
    return this.get(actor, id);
  }

  private signingKey() {
    const key = this.config.permitSigningKey;
    if (!key) {
      throw new DomainError(
        'unavailable',
        'GREEN_LANE_PERMIT.SIGNING_KEY_MISSING',
        'no permit signing key is configured: set PERMIT_SIGNING_KEY_PEM or PERMIT_SIGNING_KEY_FILE (an Ed25519 private key)',
      );
    }
    return key;
  }

  private async assertReads(actor: Actor, p: GreenLanePermitView): Promise<void> {
    const scope = readScope(actor);
    assertCoversAnyProvince(actor, p.provinceCodes, 'GREEN_LANE_PERMIT');
    if (scope.operatorId && scope.operatorId !== p.operatorId) throw DomainError.notFound('GREEN_LANE_PERMIT', p.id);
    if (scope.cooperativeId) {
      const row = await queryRow<{ '?column?': number }>(
        this.dataSource,
        `SELECT 1 FROM vehicle_assignments WHERE vehicle_id = $1 AND cooperative_id = $2 AND ended_at IS NULL`,
        [p.vehicleId, scope.cooperativeId],
      );
      if (!row) throw DomainError.notFound('GREEN_LANE_PERMIT', p.id);
    }
  }

  private async view(em: EntityManager, id: string): Promise<GreenLanePermitView> {
    const v = (await this.views(em, [id])).at(0);
    if (!v) throw DomainError.notFound('GREEN_LANE_PERMIT', id);
    return v;
  }

  private async views(
    em: EntityManager,
    ids: string[],
    day: string = todayInVietnam(),
  ): Promise<GreenLanePermitView[]> {
    if (!ids.length) return [];
    const rows = await queryRows<{
      id: string;
      code: string;
      vehicle_id: string;
      plate: string;
      kind: string;
      vehicle_status: string;
      operator_id: string;
      operator_name: string;
      valid_from: string;
      valid_to: string;
      province_codes: string[];
      note: string | null;
      payload: string;
      signature: string;
      revoked_at: Date | null;
      revoked_reason: string | null;
      created_at: Date;
    }>(
      em,
      `SELECT p.id, p.code, p.vehicle_id, v.plate, v.kind, v.status AS vehicle_status, v.operator_id, o.name AS operator_name,
              p.valid_from::text AS valid_from, p.valid_to::text AS valid_to, p.province_codes, p.note, p.payload, p.signature,
              p.revoked_at, p.revoked_reason, p.created_at
         FROM green_lane_permits p JOIN vehicles v ON v.id = p.vehicle_id JOIN transport_operators o ON o.id = v.operator_id
        WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(
      rows.map((r) => {
        const revokedAt = r.revoked_at ? new Date(r.revoked_at) : null;
        const status = permitStatus({ validFrom: r.valid_from, validTo: r.valid_to, revokedAt }, day);
        const view: GreenLanePermitView = {
          id: r.id,
          code: r.code,
          status,
          valid: status === 'active' && r.vehicle_status === 'active',
          vehicleId: r.vehicle_id,
          plate: r.plate,
          vehicleKind: r.kind,
          operatorId: r.operator_id,
          operatorName: r.operator_name,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          provinceCodes: r.province_codes,
          note: r.note,
          qr: { payload: r.payload, signature: r.signature, text: permitQrText(r.payload, r.signature) },
          revokedAt,
          revokedReason: r.revoked_reason,
          createdAt: new Date(r.created_at),
        };
        return [r.id, view] as const;
      }),
    );
    return ids.map((id) => byId.get(id)).filter((v): v is GreenLanePermitView => !!v);
  }
}

function readScope(actor: Actor): { operatorId?: string; cooperativeId?: string } {
  if (isStaff(actor)) return {};
  if (actor.role === 'transport' && actor.organizationId) return { operatorId: actor.organizationId };
  if (actor.role === 'cooperative' && actor.organizationId) return { cooperativeId: actor.organizationId };
  throw new DomainError(
    'forbidden',
    'GREEN_LANE_PERMIT.FORBIDDEN',
    `role ${actor.role} may not read green-lane permits`,
  );
}
