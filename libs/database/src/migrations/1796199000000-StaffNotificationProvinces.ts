import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provinces as tenants for the staff desk's notifications: `notifications.province_codes`, the
 * provinces a notification to staff is about (a run's scope, a proposal's lot and request), so
 * province staff see only their provinces' and national staff all; empty: national only.
 * Notifications already there take them from the run or proposal they name.
 */
export class StaffNotificationProvinces1796199000000 implements MigrationInterface {
  name = 'StaffNotificationProvinces1796199000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "province_codes" text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `UPDATE "notifications" n SET "province_codes" = ARRAY(SELECT jsonb_array_elements_text(COALESCE(r.options->'provinceCodes', '[]'::jsonb)))
               FROM "matching_runs" r
              WHERE n.audience = 'staff' AND n.kind = 'matching_run.completed' AND r.id::text = n.data->>'matchingRunId'`,
    );
    await queryRunner.query(
      `UPDATE "notifications" n SET "province_codes" = ARRAY(SELECT DISTINCT c FROM unnest(ARRAY[l.province_code, q.province_code]) c WHERE c IS NOT NULL ORDER BY c)
               FROM "proposals" p JOIN "supply_lots" l ON l.id = p.supply_lot_id JOIN "purchase_requests" q ON q.id = p.purchase_request_id
              WHERE n.audience = 'staff' AND n.kind = 'proposal.ready_to_confirm' AND p.id::text = n.data->>'proposalId'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "province_codes"`);
  }
}
