import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `search_text` of the registry tables is kept by the database: a STORED generated column over
 * `fold_vietnamese(...)`, so no writer (api, import, seed, script) computes it and none can get it
 * wrong. Adding the column computes it for the rows already there.
 *
 * Why not `unaccent`: the embedded start (PGlite) loads only PostGIS, the house allows no other
 * extension, and `unaccent()` is STABLE, which a generated column refuses. `fold_vietnamese` is the
 * SQL twin of `foldVietnamese` in libs/core/src/common/vietnamese-text.ts: every Vietnamese vowel
 * with its tone folds to the bare vowel, đ to d, combining marks (text typed decomposed) drop,
 * then lower case and single spaces. A unit of the two is checked in test/integration.
 * No trigram index: pg_trgm is an extension too (see above); the lists' LIKE '%…%' scans these
 * registry tables, which hold thousands of rows, not millions.
 */
const VIETNAMESE_LETTERS =
  'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ';
const BARE_LETTERS =
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd';
// Grave, acute, tilde, hook above, dot below, circumflex, breve, horn: no counterpart, so translate() drops them.
const COMBINING_MARKS = '\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b';

const t = (column: string) => `coalesce(${column}, '')`;
const SEARCHED: Array<[table: string, expression: string]> = [
  ['cooperatives', `"name" || ' ' || ${t('"address"')} || ' ' || ${t('"contact_name"')} || ' ' || ${t('"tax_code"')}`],
  ['buyers', `"name" || ' ' || ${t('"address"')} || ' ' || ${t('"contact_name"')} || ' ' || ${t('"tax_code"')}`],
  ['harvest_resources', `"name" || ' ' || ${t('"contact_name"')}`],
  ['transport_operators', `"name" || ' ' || ${t('"contact_name"')}`],
  ['zones', `"code" || ' ' || "name"`],
];

export class DatabaseSearchText1796172416654 implements MigrationInterface {
  name = 'DatabaseSearchText1796172416654';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "fold_vietnamese"(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(lower(translate(t, '${VIETNAMESE_LETTERS}${COMBINING_MARKS}', '${BARE_LETTERS}')), '\\s+', ' ', 'g'))
$$`);
    for (const [table, expression] of SEARCHED) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "search_text"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "search_text" text GENERATED ALWAYS AS (fold_vietnamese(${expression})) STORED NOT NULL`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, expression] of SEARCHED) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "search_text"`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "search_text" text NOT NULL DEFAULT ''`);
      await queryRunner.query(`UPDATE "${table}" SET "search_text" = fold_vietnamese(${expression})`);
    }
    await queryRunner.query(`DROP FUNCTION "fold_vietnamese"(text)`);
  }
}
