import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fanned-out run no longer keeps its whole instance beside its parts' (a national one is about
 * 330 MB of JSON, written twice and stringified on the worker's event loop): its parts hold their
 * instances, and the run keeps only what they do not hold — params, products, contracts, and the
 * lots and requests of products without a part — from which `GET …/instance` rebuilds the whole.
 * `instance` stays for runs stored before this. Down drops the column: runs split since then keep
 * their parts' instances but their whole instance can no longer be answered.
 */
export class MatchingRunInstanceOutsideParts1796222000000 implements MigrationInterface {
  name = 'MatchingRunInstanceOutsideParts1796222000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matching_runs" ADD "instance_outside_parts" json`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matching_runs" DROP COLUMN "instance_outside_parts"`);
  }
}
