import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import says what it did to each record: inserted, updated (a corrected spreadsheet
 * corrects the data) or unchanged. writtenRows stays their sum, for the clients that read it.
 */
export class ImportRowOutcomes1796175230612 implements MigrationInterface {
  name = 'ImportRowOutcomes1796175230612';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "imports" ADD "inserted_rows" integer`);
    await queryRunner.query(`ALTER TABLE "imports" ADD "updated_rows" integer`);
    // Before this, every written row was a new record.
    await queryRunner.query(
      `UPDATE "imports" SET "inserted_rows" = "written_rows", "updated_rows" = 0 WHERE "written_rows" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "imports" DROP COLUMN "updated_rows"`);
    await queryRunner.query(`ALTER TABLE "imports" DROP COLUMN "inserted_rows"`);
  }
}
