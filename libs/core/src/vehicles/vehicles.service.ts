import { Injectable } from '@nestjs/common';
import { provinceConditionSql } from '../common/territory/province-scope';
import { assertEntityInProvinces, ENTITY_PROVINCES_SQL } from '../common/territory/row-provinces';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery, pageBounds } from '../common/page';
import { queryRow, queryRows } from '../common/sql-rows';
import { isUniqueViolation, pickFields, rejectNullFields } from '../common/registry';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { TransportOperator } from '../transport-operators/transport-operator.entity';
import { Vehicle, VehicleKind, VehicleStatus } from './vehicle.entity';
import { VehicleAssignment } from './vehicle-assignment.entity';
import {
  assertCapacity,
  assertManagesVehicle,
  assertVehicleKind,
  operatorForWrite,
  plateOrThrow,
} from './vehicles.rules';

export interface VehicleInput {
  operatorId?: string | null;
  plate: string;
  kind: string;
  capacityKg: number;
  refrigerated?: boolean;
  note?: string | null;
}

export type VehiclePatch = Partial<Omit<VehicleInput, 'operatorId'>>;

export interface VehicleFilter extends PageQuery {
  operatorId?: string;
  /** Vehicles with an open assignment to this cooperative. */
  cooperativeId?: string;
  status?: VehicleStatus;
  refrigerated?: boolean;
}

export interface VehicleView {
  id: string;
  operatorId: string;
  operatorName: string;
  plate: string;
  kind: VehicleKind;
  capacityKg: number;
  refrigerated: boolean;
  status: VehicleStatus;
  retiredAt: Date | null;
  note: string | null;
  /** Cooperatives the vehicle is at the disposal of now (open assignments). */
  assignedCooperativeIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface VehicleAssignmentView {
  id: string;
  vehicleId: string;
  cooperativeId: string;
  cooperativeName: string;
  assignedByUserId: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

const AUDITED = ['operatorId', 'plate', 'kind', 'capacityKg', 'refrigerated', 'status', 'note'];

/**
 * Phương tiện of transport operators. Staff and admin manage all; a transport user its own
 * operator's. Reads: staff all, a transport user its operator's, a cooperative those assigned to it.
 */
@Injectable()
export class VehiclesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: VehicleInput): Promise<VehicleView> {
    const operatorId = operatorForWrite(actor, input.operatorId);
    const plate = plateOrThrow(input.plate);
    const kind = assertVehicleKind(input.kind);
    const capacityKg = assertCapacity(input.capacityKg);
    return this.writing(async (em) => {
      if (!(await em.existsBy(TransportOperator, { id: operatorId }))) {
        throw DomainError.invalid(
          'VEHICLE.OPERATOR_UNKNOWN',
          'operatorId',
          `operatorId: no transport operator ${operatorId}`,
        );
      }
      // A vehicle lies where its operator is based or serves: province staff register those of their provinces.
      await assertEntityInProvinces(em, actor, 'transport_operator', operatorId, 'VEHICLE');
      await assertPlateFree(em, plate, null);
      const saved = await em.save(
        em.create(Vehicle, {
          operatorId,
          plate,
          kind,
          capacityKg,
          refrigerated: input.refrigerated ?? false,
          note: input.note?.trim() || null,
          status: 'active',
          retiredAt: null,
        }),
      );
      await this.audit.record(em, actor, 'create', 'vehicle', saved.id, pickFields(saved, AUDITED));
      return this.view(em, saved.id);
    }, plate);
  }

  async list(actor: Actor, filter: VehicleFilter): Promise<Page<VehicleView>> {
    const { limit, offset } = pageBounds(filter);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    const scope = readScope(actor);
    if (scope.operatorId) add('v.operator_id = ?', scope.operatorId);
    if (scope.cooperativeId)
      add(
        'EXISTS (SELECT 1 FROM vehicle_assignments a WHERE a.vehicle_id = v.id AND a.ended_at IS NULL AND a.cooperative_id = ?)',
        scope.cooperativeId,
      );
    if (filter.operatorId) add('v.operator_id = ?', filter.operatorId);
    if (filter.cooperativeId)
      add(
        'EXISTS (SELECT 1 FROM vehicle_assignments a WHERE a.vehicle_id = v.id AND a.ended_at IS NULL AND a.cooperative_id = ?)',
        filter.cooperativeId,
      );
    if (filter.status) add('v.status = ?', filter.status);
    if (filter.refrigerated !== undefined) add('v.refrigerated = ?', filter.refrigerated);
    const inProvinces = provinceConditionSql(
      actor,
      [{ array: ENTITY_PROVINCES_SQL.transport_operator('v.operator_id') }],
      params,
    );
    if (inProvinces !== 'true') where.push(inProvinces);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const counted = await queryRow<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM vehicles v ${whereSql}`,
      params,
    );
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT v.id FROM vehicles v ${whereSql} ORDER BY v.plate, v.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const items = await this.views(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return { items, total: counted?.total ?? 0, limit, offset };
  }

  async get(actor: Actor, id: string): Promise<VehicleView> {
    const v = await this.view(this.dataSource.manager, id);
    assertReads(actor, v);
    await assertEntityInProvinces(this.dataSource.manager, actor, 'vehicle', id, 'VEHICLE');
    return v;
  }

  async update(actor: Actor, id: string, patch: VehiclePatch): Promise<VehicleView> {
    rejectNullFields(patch, ['plate', 'kind', 'capacityKg', 'refrigerated']);
    const plate = patch.plate !== undefined ? plateOrThrow(patch.plate) : undefined;
    return this.writing(async (em) => {
      const v = await em.findOne(Vehicle, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!v) throw DomainError.notFound('VEHICLE', id);
      assertManagesVehicle(actor, v.operatorId);
      await assertEntityInProvinces(em, actor, 'vehicle', id, 'VEHICLE');
      if (v.status === 'retired')
        throw new DomainError('conflict', 'VEHICLE.RETIRED', 'a retired vehicle cannot be changed');
      const before = { ...v };
      if (plate !== undefined && plate !== v.plate) {
        await assertPlateFree(em, plate, id);
        v.plate = plate;
      }
      if (patch.kind !== undefined) v.kind = assertVehicleKind(patch.kind);
      if (patch.capacityKg !== undefined) v.capacityKg = assertCapacity(patch.capacityKg);
      if (patch.refrigerated !== undefined) v.refrigerated = patch.refrigerated;
      if (patch.note !== undefined) v.note = patch.note?.trim() || null;
      await em.save(v);
      const changes = this.audit.diff(before, v, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'vehicle', id, changes);
      return this.view(em, id);
    }, plate ?? null);
  }

  /** Off the road for good: its assignments end and its green-lane permits are revoked. */
  async retire(actor: Actor, id: string): Promise<VehicleView> {
    return this.dataSource.transaction(async (em) => {
      const v = await em.findOne(Vehicle, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!v) throw DomainError.notFound('VEHICLE', id);
      assertManagesVehicle(actor, v.operatorId);
      await assertEntityInProvinces(em, actor, 'vehicle', id, 'VEHICLE');
      if (v.status === 'retired') return this.view(em, id);
      v.status = 'retired';
      v.retiredAt = new Date();
      await em.save(v);
      await em.query(`UPDATE vehicle_assignments SET ended_at = now() WHERE vehicle_id = $1 AND ended_at IS NULL`, [
        id,
      ]);
      await em.query(
        `UPDATE green_lane_permits SET revoked_at = now(), revoked_reason = 'vehicle retired', updated_at = now() WHERE vehicle_id = $1 AND revoked_at IS NULL`,
        [id],
      );
      await this.audit.record(em, actor, 'retire', 'vehicle', id, { status: 'retired' });
      return this.view(em, id);
    });
  }

  /** The operator (or staff) puts the vehicle at a cooperative's disposal; repeating it changes nothing. */
  async assign(actor: Actor, vehicleId: string, cooperativeId: string): Promise<VehicleAssignmentView> {
    return this.dataSource.transaction(async (em) => {
      const v = await em.findOne(Vehicle, { where: { id: vehicleId }, lock: { mode: 'pessimistic_write' } });
      if (!v) throw DomainError.notFound('VEHICLE', vehicleId);
      assertManagesVehicle(actor, v.operatorId);
      await assertEntityInProvinces(em, actor, 'vehicle', vehicleId, 'VEHICLE');
      if (v.status === 'retired')
        throw new DomainError('conflict', 'VEHICLE.RETIRED', 'a retired vehicle cannot be assigned');
      if (!(await em.existsBy(Cooperative, { id: cooperativeId }))) {
        throw DomainError.invalid(
          'VEHICLE.COOPERATIVE_UNKNOWN',
          'cooperativeId',
          `cooperativeId: no cooperative ${cooperativeId}`,
        );
      }
      let a = await em.findOne(VehicleAssignment, { where: { vehicleId, cooperativeId, endedAt: IsNull() } });
      if (!a) {
        a = await em.save(
          em.create(VehicleAssignment, { vehicleId, cooperativeId, assignedByUserId: actor.userId, endedAt: null }),
        );
        await this.audit.record(em, actor, 'assign', 'vehicle', vehicleId, { cooperativeId });
      }
      return (await this.assignmentViews(em, vehicleId, a.id))[0];
    });
  }

  async listAssignments(actor: Actor, vehicleId: string): Promise<VehicleAssignmentView[]> {
    const v = await this.view(this.dataSource.manager, vehicleId);
    assertReads(actor, v);
    await assertEntityInProvinces(this.dataSource.manager, actor, 'vehicle', vehicleId, 'VEHICLE');
    const all = await this.assignmentViews(this.dataSource.manager, vehicleId);
    // A cooperative sees its own assignments only, not which other sellers the operator serves.
    return actor.role === 'cooperative' ? all.filter((a) => a.cooperativeId === actor.organizationId) : all;
  }

  async endAssignment(actor: Actor, vehicleId: string, assignmentId: string): Promise<VehicleAssignmentView> {
    return this.dataSource.transaction(async (em) => {
      const v = await em.findOneBy(Vehicle, { id: vehicleId });
      if (!v) throw DomainError.notFound('VEHICLE', vehicleId);
      assertManagesVehicle(actor, v.operatorId);
      await assertEntityInProvinces(em, actor, 'vehicle', vehicleId, 'VEHICLE');
      const a = await em.findOne(VehicleAssignment, {
        where: { id: assignmentId, vehicleId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!a) throw DomainError.notFound('VEHICLE_ASSIGNMENT', assignmentId);
      if (!a.endedAt) {
        a.endedAt = new Date();
        await em.save(a);
        await this.audit.record(em, actor, 'unassign', 'vehicle', vehicleId, { cooperativeId: a.cooperativeId });
      }
      return (await this.assignmentViews(em, vehicleId, a.id))[0];
    });
  }

  async view(em: EntityManager, id: string): Promise<VehicleView> {
    const v = (await this.views(em, [id])).at(0);
    if (!v) throw DomainError.notFound('VEHICLE', id);
    return v;
  }

  private async views(em: EntityManager, ids: string[]): Promise<VehicleView[]> {
    if (!ids.length) return [];
    const rows = await queryRows<VehicleRow>(
      em,
      `SELECT v.id, v.operator_id, o.name AS operator_name, v.plate, v.kind, v.capacity_kg, v.refrigerated, v.status, v.retired_at, v.note,
              v.created_at, v.updated_at,
              COALESCE((SELECT array_agg(a.cooperative_id::text ORDER BY a.cooperative_id) FROM vehicle_assignments a WHERE a.vehicle_id = v.id AND a.ended_at IS NULL), '{}') AS assigned
         FROM vehicles v JOIN transport_operators o ON o.id = v.operator_id
        WHERE v.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, toView(r)]));
    return ids.map((id) => byId.get(id)).filter((v): v is VehicleView => !!v);
  }

  private async assignmentViews(em: EntityManager, vehicleId: string, id?: string): Promise<VehicleAssignmentView[]> {
    const rows = await queryRows<{
      id: string;
      vehicle_id: string;
      cooperative_id: string;
      cooperative_name: string;
      assigned_by_user_id: string | null;
      created_at: Date;
      ended_at: Date | null;
    }>(
      em,
      `SELECT a.id, a.vehicle_id, a.cooperative_id, c.name AS cooperative_name, a.assigned_by_user_id, a.created_at, a.ended_at
         FROM vehicle_assignments a JOIN cooperatives c ON c.id = a.cooperative_id
        WHERE a.vehicle_id = $1 AND ($2::uuid IS NULL OR a.id = $2)
        ORDER BY a.ended_at IS NULL DESC, a.created_at DESC, a.id`,
      [vehicleId, id ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      vehicleId: r.vehicle_id,
      cooperativeId: r.cooperative_id,
      cooperativeName: r.cooperative_name,
      assignedByUserId: r.assigned_by_user_id,
      createdAt: new Date(r.created_at),
      endedAt: r.ended_at ? new Date(r.ended_at) : null,
    }));
  }

  /** A concurrent writer that took the plate after our check still gets the 409, not a 500. */
  private async writing<T>(work: (em: EntityManager) => Promise<T>, plate: string | null): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      if (plate && isUniqueViolation(e)) throw plateTaken(plate);
      throw e;
    }
  }
}

/** The embedded database (PGlite) may answer a boolean as 't' and an array as its text form. */
interface VehicleRow {
  id: string;
  operator_id: string;
  operator_name: string;
  plate: string;
  kind: VehicleKind;
  capacity_kg: string;
  refrigerated: boolean | string;
  status: VehicleStatus;
  retired_at: Date | null;
  note: string | null;
  assigned: string[] | string | null;
  created_at: Date;
  updated_at: Date;
}

function toView(r: VehicleRow): VehicleView {
  return {
    id: r.id,
    operatorId: r.operator_id,
    operatorName: r.operator_name,
    plate: r.plate,
    kind: r.kind,
    capacityKg: Number(r.capacity_kg),
    refrigerated: r.refrigerated === true || r.refrigerated === 't',
    status: r.status,
    retiredAt: r.retired_at ? new Date(r.retired_at) : null,
    note: r.note,
    assignedCooperativeIds: Array.isArray(r.assigned) ? r.assigned : parseArray(r.assigned),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

function parseArray(text: string | null): string[] {
  if (!text || text === '{}') return [];
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

function readScope(actor: Actor): { operatorId?: string; cooperativeId?: string } {
  if (isStaff(actor)) return {};
  if (actor.role === 'transport' && actor.organizationId) return { operatorId: actor.organizationId };
  if (actor.role === 'cooperative' && actor.organizationId) return { cooperativeId: actor.organizationId };
  throw new DomainError('forbidden', 'VEHICLE.FORBIDDEN', `role ${actor.role} may not read vehicles`);
}

function assertReads(actor: Actor, v: VehicleView): void {
  const scope = readScope(actor);
  const visible =
    (!scope.operatorId || scope.operatorId === v.operatorId) &&
    (!scope.cooperativeId || v.assignedCooperativeIds.includes(scope.cooperativeId));
  // Someone else's vehicle is simply not there for this caller.
  if (!visible) throw DomainError.notFound('VEHICLE', v.id);
}

async function assertPlateFree(em: EntityManager, plate: string, exceptId: string | null): Promise<void> {
  const row = await queryRow<{ id: string }>(
    em,
    `SELECT id FROM vehicles WHERE plate = $1 AND ($2::uuid IS NULL OR id <> $2)`,
    [plate, exceptId],
  );
  if (row) throw plateTaken(plate);
}

function plateTaken(plate: string): DomainError {
  return new DomainError('conflict', 'VEHICLE.PLATE_TAKEN', `a vehicle with plate ${plate} is already registered`, {
    field: 'plate',
    value: plate,
  });
}
