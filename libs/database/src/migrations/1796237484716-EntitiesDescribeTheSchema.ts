import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The entities now describe every constraint and index the migrations made (test/e2e/schema-drift),
 * so TypeORM's schema builder needs two facts it cannot read from the catalogue:
 * - the expressions of the generated `search_text` columns (DatabaseSearchText and the agency and
 *   checkpoint migrations), which it keeps in `typeorm_metadata` because PostgreSQL reformats them;
 *   the text here is the entities' `asExpression`, word for word;
 * - checkpoints' `search_text` was made nullable though its name never is.
 */
const GENERATED_SEARCH_TEXT: Array<[table: string, expression: string]> = [
  ['agencies', 'fold_vietnamese("name")'],
  ['checkpoints', 'fold_vietnamese("name")'],
  [
    'buyers',
    `fold_vietnamese("name" || ' ' || coalesce("address", '') || ' ' || coalesce("contact_name", '') || ' ' || coalesce("tax_code", ''))`,
  ],
  [
    'cooperatives',
    `fold_vietnamese("name" || ' ' || coalesce("address", '') || ' ' || coalesce("contact_name", '') || ' ' || coalesce("tax_code", ''))`,
  ],
  ['harvest_resources', `fold_vietnamese("name" || ' ' || coalesce("contact_name", ''))`],
  ['transport_operators', `fold_vietnamese("name" || ' ' || coalesce("contact_name", ''))`],
  ['zones', `fold_vietnamese("code" || ' ' || "name")`],
];

export class EntitiesDescribeTheSchema1796237484716 implements MigrationInterface {
  name = 'EntitiesDescribeTheSchema1796237484716';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "checkpoints" ALTER COLUMN "search_text" SET NOT NULL`);
    for (const [table, expression] of GENERATED_SEARCH_TEXT) {
      await queryRunner.query(
        `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "schema" = 'public' AND "table" = $1 AND "name" = 'search_text'`,
        [table],
      );
      await queryRunner.query(
        `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', $1, 'GENERATED_COLUMN', 'search_text', $2)`,
        [table, expression],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "schema" = 'public' AND "name" = 'search_text' AND "table" = ANY($1)`,
      [GENERATED_SEARCH_TEXT.map(([table]) => table)],
    );
    await queryRunner.query(`ALTER TABLE "checkpoints" ALTER COLUMN "search_text" DROP NOT NULL`);
  }
}
