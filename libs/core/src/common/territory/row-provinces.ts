import type { EntityManager } from 'typeorm';
import type { Actor, Role } from '../actor';
import { assertCoversAnyProvince, ProvinceColumn, provincesOf } from './province-scope';

/**
 * Where rows lie, for the province scope (province-scope.ts): the SQL and look-ups that give a
 * row its provinces. A pair (proposal, deal, load) lies in its lot's province and in its
 * request's (the buyer's delivery point), so staff of either province act on it.
 */

/** The two provinces of a row with `supply_lot_id` and `purchase_request_id` columns, for provinceCondition. */
export function pairProvinceColumns(alias: string): ProvinceColumn[] {
  return [
    `(SELECT sl.province_code FROM supply_lots sl WHERE sl.id = ${alias}.supply_lot_id)`,
    `(SELECT pr.province_code FROM purchase_requests pr WHERE pr.id = ${alias}.purchase_request_id)`,
  ];
}

export async function pairProvinceCodes(em: EntityManager, pair: { supplyLotId: string; purchaseRequestId: string }): Promise<string[]> {
  const rows: Array<{ code: string | null }> = await em.query(
    `SELECT province_code AS code FROM supply_lots WHERE id = $1 UNION ALL SELECT province_code FROM purchase_requests WHERE id = $2`,
    [pair.supplyLotId, pair.purchaseRequestId],
  );
  return rows.map((r) => r.code).filter((c): c is string => !!c);
}

/** A proposal, deal or load: staff of another province than the lot's and the request's are refused (403). */
export async function assertPairInProvinces(em: EntityManager, actor: Actor, pair: { supplyLotId: string; purchaseRequestId: string }, entity: string): Promise<void> {
  if (!provincesOf(actor)) return;
  assertCoversAnyProvince(actor, await pairProvinceCodes(em, pair), entity);
}

/** SQL of the current province of each kind of organisation a user acts for, by its id ($1). */
const PROVINCE_OF: Partial<Record<Role, string>> = {
  cooperative: `SELECT province_code AS code FROM cooperatives WHERE id = $1`,
  buyer: `SELECT province_code AS code FROM buyers WHERE id = $1`,
  transport: `SELECT province_code AS code FROM transport_operators WHERE id = $1`,
  agency: `SELECT u.province_code AS code FROM agencies a JOIN administrative_units u ON u.id = a.administrative_unit_id WHERE a.id = $1`,
};

/** The provinces an organisation lies in (none when it has no province): what province staff may enrol users for. */
export async function organizationProvinceCodes(em: EntityManager, role: Role, organizationId: string): Promise<string[]> {
  const sql = PROVINCE_OF[role];
  if (!sql) return [];
  const rows: Array<{ code: string | null }> = await em.query(sql, [organizationId]);
  return rows.map((r) => r.code).filter((c): c is string => !!c);
}

/** SQL (alias `u` for users) of a user's organisation's province, for filtering user lists. */
export const USER_ORGANIZATION_PROVINCE_SQL = `COALESCE(
  (SELECT c.province_code FROM cooperatives c WHERE c.id = u.cooperative_id),
  (SELECT b.province_code FROM buyers b WHERE b.id = u.buyer_id),
  (SELECT o.province_code FROM transport_operators o WHERE o.id = u.transport_operator_id),
  (SELECT au.province_code FROM agencies a JOIN administrative_units au ON au.id = a.administrative_unit_id WHERE a.id = u.agency_id))`;
