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

export async function pairProvinceCodes(
  em: EntityManager,
  pair: { supplyLotId: string; purchaseRequestId: string },
): Promise<string[]> {
  const rows: Array<{ code: string | null }> = await em.query(
    `SELECT province_code AS code FROM supply_lots WHERE id = $1 UNION ALL SELECT province_code FROM purchase_requests WHERE id = $2`,
    [pair.supplyLotId, pair.purchaseRequestId],
  );
  return rows.map((r) => r.code).filter((c): c is string => !!c);
}

/** A proposal, deal or load: staff of another province than the lot's and the request's are refused (403). */
export async function assertPairInProvinces(
  em: EntityManager,
  actor: Actor,
  pair: { supplyLotId: string; purchaseRequestId: string },
  entity: string,
): Promise<void> {
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
export async function organizationProvinceCodes(
  em: EntityManager,
  role: Role,
  organizationId: string,
): Promise<string[]> {
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

/** SQL of an agency's province from an expression of its id: what province staff read and task. */
export const agencyProvinceColumn = (agencyId: string): string =>
  `(SELECT au.province_code FROM agencies ag JOIN administrative_units au ON au.id = ag.administrative_unit_id WHERE ag.id = ${agencyId})`;
const AGENCY_PROVINCE = (agencyId: string) =>
  `(SELECT au.province_code FROM agencies ag JOIN administrative_units au ON au.id = ag.administrative_unit_id WHERE ag.id = ${agencyId})`;
const OPERATOR_PROVINCES = (operatorId: string) =>
  `(SELECT array_append(o.service_province_codes, o.province_code) FROM transport_operators o WHERE o.id = ${operatorId})`;
const PAIR = (table: string, id: string) =>
  `ARRAY[(SELECT sl.province_code FROM ${table} x JOIN supply_lots sl ON sl.id = x.supply_lot_id WHERE x.id = ${id}), (SELECT pr.province_code FROM ${table} x JOIN purchase_requests pr ON pr.id = x.purchase_request_id WHERE x.id = ${id})]`;

/**
 * Each kind of row (as the audit trail names it) and the SQL of its provinces (text[]) from an
 * id expression of type uuid. A kind not listed lies in no province: national staff only.
 */
export const ENTITY_PROVINCES_SQL: Readonly<Record<string, (id: string) => string>> = {
  supply_lot: (id) => `ARRAY[(SELECT province_code FROM supply_lots WHERE id = ${id})]`,
  purchase_request: (id) => `ARRAY[(SELECT province_code FROM purchase_requests WHERE id = ${id})]`,
  cooperative: (id) => `ARRAY[(SELECT province_code FROM cooperatives WHERE id = ${id})]`,
  buyer: (id) => `ARRAY[(SELECT province_code FROM buyers WHERE id = ${id})]`,
  production_area: (id) => `ARRAY[(SELECT province_code FROM production_areas WHERE id = ${id})]`,
  harvest_resource: (id) => `ARRAY[(SELECT province_code FROM harvest_resources WHERE id = ${id})]`,
  price_observation: (id) => `ARRAY[(SELECT province_code FROM price_observations WHERE id = ${id})]`,
  checkpoint: (id) => `ARRAY[(SELECT province_code FROM checkpoints WHERE id = ${id})]`,
  zone: (id) => `(SELECT province_codes FROM zones WHERE id = ${id})`,
  green_lane_permit: (id) => `(SELECT province_codes FROM green_lane_permits WHERE id = ${id})`,
  transport_plan: (id) => `(SELECT province_codes FROM transport_plans WHERE id = ${id})`,
  matching_run: (id) =>
    `ARRAY(SELECT jsonb_array_elements_text(COALESCE((SELECT options->'provinceCodes' FROM matching_runs WHERE id = ${id}), '[]'::jsonb)))`,
  matching_schedule: (id) =>
    `ARRAY(SELECT jsonb_array_elements_text(COALESCE((SELECT options->'provinceCodes' FROM matching_schedules WHERE id = ${id}), '[]'::jsonb)))`,
  proposal: (id) => PAIR('proposals', id),
  deal: (id) => PAIR('deals', id),
  load: (id) => PAIR('loads', id),
  load_offer: (id) => PAIR('loads', `(SELECT load_id FROM load_offers WHERE id = ${id})`),
  contract: (id) =>
    `ARRAY[(SELECT c.province_code FROM contracts k JOIN cooperatives c ON c.id = k.cooperative_id WHERE k.id = ${id}), (SELECT b.province_code FROM contracts k JOIN buyers b ON b.id = k.buyer_id WHERE k.id = ${id})]`,
  inventory_report: (id) =>
    `ARRAY[(SELECT b.province_code FROM inventory_reports r JOIN buyers b ON b.id = r.buyer_id WHERE r.id = ${id})]`,
  transport_operator: (id) => OPERATOR_PROVINCES(id),
  vehicle: (id) => OPERATOR_PROVINCES(`(SELECT operator_id FROM vehicles WHERE id = ${id})`),
  agency: (id) => `ARRAY[${AGENCY_PROVINCE(id)}]`,
  agency_task: (id) => `ARRAY[${AGENCY_PROVINCE(`(SELECT assignee_agency_id FROM agency_tasks WHERE id = ${id})`)}]`,
  agency_report: (id) => `ARRAY[${AGENCY_PROVINCE(`(SELECT agency_id FROM agency_reports WHERE id = ${id})`)}]`,
  ad_hoc_report: (id) => `ARRAY[${AGENCY_PROVINCE(`(SELECT agency_id FROM ad_hoc_reports WHERE id = ${id})`)}]`,
};

/**
 * A WHERE condition on audit-log rows (alias `a`) keeping those about rows of the actor's
 * provinces; 'true' for a national actor. Appends the provinces to `params`.
 */
export function auditProvinceConditionSql(actor: Actor, params: unknown[]): string {
  const mine = provincesOf(actor);
  if (!mine) return 'true';
  params.push(mine);
  const p = `$${params.length}::text[]`;
  const branches = Object.entries(ENTITY_PROVINCES_SQL).map(
    ([type, sql]) => `WHEN '${type}' THEN (${sql(`a.entity_id::uuid`)})::text[] && ${p}`,
  );
  // A delivery's entry names its deal.
  branches.push(
    `WHEN 'deal_delivery' THEN (${ENTITY_PROVINCES_SQL.deal(`(a.changes->>'dealId')::uuid`)})::text[] && ${p}`,
  );
  return `(CASE a.entity_type ${branches.join(' ')} ELSE false END)`;
}

/** One row of a listed kind: province staff of other provinces are refused (403 `<ENTITY>.OUTSIDE_PROVINCES`). */
export async function assertEntityInProvinces(
  em: EntityManager,
  actor: Actor,
  entityType: string,
  id: string,
  entity: string,
): Promise<void> {
  if (!provincesOf(actor)) return;
  const sql = ENTITY_PROVINCES_SQL[entityType] as ((id: string) => string) | undefined;
  const rows = sql
    ? await em.query<Array<{ codes: string[] | null }>>(`SELECT (${sql('$1::uuid')})::text[] AS codes`, [id])
    : [];
  assertCoversAnyProvince(actor, rows[0]?.codes ?? [], entity);
}
