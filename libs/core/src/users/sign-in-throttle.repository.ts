import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Attempts an account gets from one source address before each further one waits. */
export const SIGN_IN_FREE_ATTEMPTS = 5;
/** The wait after the last free attempt; it doubles with each attempt after that, up to the cap. */
export const SIGN_IN_FIRST_DELAY_S = 30;
export const SIGN_IN_MAX_DELAY_S = 3600;
/** A source that tried nothing for this long starts again from zero. */
export const SIGN_IN_FORGET_AFTER_S = 24 * 3600;

export type SignInAttempt = { allowed: true; attempts: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts sign-in attempts per (account, source) in PostgreSQL, before the password is checked:
 * one INSERT … ON CONFLICT DO UPDATE … RETURNING takes the row lock, so parallel guesses are
 * counted one by one and only the free ones reach the password check. The wait is compared with
 * clock_timestamp(), not now(): a guess that queued for the row lock started before the one it
 * waited for, and its now() would be earlier than the time that one wrote. An attempt from
 * another address is counted apart, so nobody can lock an account from elsewhere.
 */
@Injectable()
export class SignInThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async reserve(account: string, source: string): Promise<SignInAttempt> {
    const rows: Array<{ attempts: number }> = await this.dataSource.query(
      `INSERT INTO sign_in_throttles AS t (account, source, attempts, next_attempt_at, last_attempt_at)
       VALUES ($1, $2, 1, now(), now())
       ON CONFLICT (account, source) DO UPDATE SET
         attempts = CASE WHEN t.last_attempt_at < now() - make_interval(secs => $6) THEN 1 ELSE t.attempts + 1 END,
         last_attempt_at = now(),
         next_attempt_at = CASE
           WHEN t.last_attempt_at >= now() - make_interval(secs => $6) AND t.attempts + 1 >= $3
             THEN now() + make_interval(secs => LEAST($5::float8, $4::float8 * power(2, t.attempts + 1 - $3)))
           ELSE t.next_attempt_at END
       WHERE t.next_attempt_at <= clock_timestamp()
       RETURNING attempts`,
      [account, source, SIGN_IN_FREE_ATTEMPTS, SIGN_IN_FIRST_DELAY_S, SIGN_IN_MAX_DELAY_S, SIGN_IN_FORGET_AFTER_S],
    );
    if (rows.length) return { allowed: true, attempts: rows[0].attempts };
    const [row]: Array<{ wait: number | string }> = await this.dataSource.query(
      `SELECT GREATEST(1, ceil(extract(epoch FROM next_attempt_at - now())))::int AS wait FROM sign_in_throttles WHERE account = $1 AND source = $2`,
      [account, source],
    );
    return { allowed: false, retryAfterSeconds: Number(row?.wait ?? 1) };
  }

  /** A full sign-in: this source starts again from zero for this account. */
  async forget(account: string, source: string): Promise<void> {
    // Rows nobody used for a day count as zero anyway: drop them here rather than in a job.
    await this.dataSource.query(
      `DELETE FROM sign_in_throttles WHERE (account = $1 AND source = $2) OR last_attempt_at < now() - make_interval(secs => $3)`,
      [account, source, SIGN_IN_FORGET_AFTER_S],
    );
  }
}
