import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import says what a corrected spreadsheet changed: of its updated rows, how many changed
 * each field. Null for imports finished before (they did not count it).
 */
export class ImportChangedFields1796199200000 implements MigrationInterface {
  name = 'ImportChangedFields1796199200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "imports" ADD "changed_fields" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "imports" DROP COLUMN "changed_fields"`);
  }
}
