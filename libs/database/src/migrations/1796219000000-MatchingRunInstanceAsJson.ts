import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run's whole instance is kept as `json` (its text), no longer `jsonb`: a jsonb value cannot
 * exceed 256 MB, and a national season (a million lots, about 330 bytes each) is over it. The
 * instance is only ever stored and returned whole (replay, explanation), never queried inside,
 * so json also spares PostgreSQL converting it on the way in.
 */
export class MatchingRunInstanceAsJson1796219000000 implements MigrationInterface {
  name = 'MatchingRunInstanceAsJson1796219000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matching_runs" ALTER COLUMN "instance" TYPE json USING "instance"::json`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matching_runs" ALTER COLUMN "instance" TYPE jsonb USING "instance"::jsonb`);
  }
}
