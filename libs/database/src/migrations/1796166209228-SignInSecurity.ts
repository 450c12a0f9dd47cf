import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions and sign-in (issue 11):
 * - `auth_sessions`: one row per sign-in (a refresh-token family). Only the SHA-256 of the
 *   current refresh token is kept; `generation` counts rotations, so a token of an older
 *   generation is a reuse and revokes the session. Access tokens name their session (`sid`).
 * - `users.token_version`: bumped when a password changes or an account is disabled; a token
 *   carrying another version is refused, so those events end every session at once.
 * - `users.password_change_required`: set by an admin's reset; sign-in then asks for a new one.
 * - `users.totp_*`: the RFC 6238 secret (never sent back after set-up), when it was turned on,
 *   and the last 30 s step used, so a code works once.
 * - `sign_in_throttles`: attempts per account and source address, counted in one statement
 *   before the password is checked; past the limit the source waits a doubling delay.
 *   Replaces `users.failed_login_count`, whose read-modify-write let parallel guesses through
 *   and whose hard lock anyone could trigger for any account.
 */
export class SignInSecurity1796166209228 implements MigrationInterface {
  name = 'SignInSecurity1796166209228';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "users" ADD "password_change_required" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "users" ADD "totp_secret" text`);
    await q.query(`ALTER TABLE "users" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "users" ADD "totp_last_step" integer`);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "ck_users_totp_enabled_has_secret" CHECK ("totp_enabled_at" IS NULL OR "totp_secret" IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE "users" DROP COLUMN "failed_login_count"`);
    await q.query(`CREATE TABLE "auth_sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "refresh_token_hash" character(64) NOT NULL,
      "generation" integer NOT NULL DEFAULT 0,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "refreshed_at" TIMESTAMP WITH TIME ZONE,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "revoked_reason" character varying(30),
      CONSTRAINT "pk_auth_sessions" PRIMARY KEY ("id"),
      CONSTRAINT "fk_auth_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(
      `CREATE INDEX "ix_auth_sessions_user_live" ON "auth_sessions" ("user_id") WHERE "revoked_at" IS NULL`,
    );
    await q.query(`CREATE TABLE "sign_in_throttles" (
      "account" text NOT NULL,
      "source" text NOT NULL,
      "attempts" integer NOT NULL,
      "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "last_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_sign_in_throttles" PRIMARY KEY ("account", "source"),
      CONSTRAINT "ck_sign_in_throttles_attempts" CHECK ("attempts" > 0)
    )`);
    await q.query(`CREATE INDEX "ix_sign_in_throttles_last_attempt" ON "sign_in_throttles" ("last_attempt_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sign_in_throttles"`);
    await q.query(`DROP TABLE "auth_sessions"`);
    await q.query(`ALTER TABLE "users" ADD "failed_login_count" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "ck_users_totp_enabled_has_secret"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "totp_last_step"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "totp_enabled_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "totp_secret"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "password_change_required"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
