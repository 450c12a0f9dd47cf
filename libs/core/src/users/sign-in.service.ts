import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AppConfig } from '@agrilink/config';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { AuthSessionsRepository, returnedRows } from './auth-sessions.repository';
import { toActor } from './users.service';
import { hashPassword, verifyPassword } from './password-hasher';
import { SignInThrottleRepository } from './sign-in-throttle.repository';
import { newTotpSecret, totpStepOf, totpUri } from './totp';
import { User } from './user.entity';

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address, as the api sees it (TRUST_PROXY decides). */
  source: string;
  totp?: string;
  /** Only when the account must change its password (after an admin's reset). */
  newPassword?: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

/** Where a client sets the new password that sign-in asks for. */
export const PASSWORD_CHANGE_PATH = '/api/auth/login';

/**
 * Sign-in and the things only the account holder does (password, second factor).
 * Every answer about credentials is the same for an unknown account, a disabled one and a
 * wrong password, and costs the same: a real Argon2 hash is verified either way.
 */
@Injectable()
export class SignInService {
  // Verified when the account does not exist, so both paths run the same Argon2 work.
  private standInHashOnce?: Promise<string>;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly throttle: SignInThrottleRepository,
    private readonly sessions: AuthSessionsRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async signIn(input: SignInInput, now = new Date()): Promise<User> {
    const email = input.email.trim().toLowerCase();
    await this.reserveAttempt(email, input.source);
    const user = await this.withSecrets(email);
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await this.standInHash()), input.password);
    if (!user || !passwordOk || !user.active) throw invalidCredentials();
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new DomainError('unauthorized', 'AUTH.ACCOUNT_LOCKED', 'this account is locked; ask an administrator', {
        lockedUntil: user.lockedUntil.toISOString(),
      });
    }
    await this.checkSecondFactor(user, input.totp, now);
    if (user.passwordChangeRequired) {
      if (!input.newPassword) {
        throw new DomainError(
          'forbidden',
          'AUTH.PASSWORD_CHANGE_REQUIRED',
          'set a new password: send newPassword with the sign-in',
          {
            path: PASSWORD_CHANGE_PATH,
            field: 'newPassword',
          },
        );
      }
      await this.setPassword(user, input.password, input.newPassword, 'password_changed');
      user.passwordChangeRequired = false;
      user.tokenVersion += 1;
    }
    await this.throttle.forget(email, input.source);
    return user;
  }

  /** The signed-in user changes their password; every session (this one too) ends. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, source: string): Promise<User> {
    await this.reserveAttempt(actor.email, source);
    const user = await this.withSecrets(actor.email);
    if (!user || user.id !== actor.userId) throw DomainError.notFound('USER', actor.userId);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw DomainError.invalid(
        'AUTH.CURRENT_PASSWORD_WRONG',
        'currentPassword',
        'currentPassword is not the password of this account',
      );
    }
    await this.throttle.forget(actor.email, source);
    await this.setPassword(user, currentPassword, newPassword, 'password_changed');
    return this.users.findOneByOrFail({ id: user.id });
  }

  /** A new (pending) secret; it counts only once a code from it is confirmed by `enableTotp`. */
  async setUpTotp(actor: Actor): Promise<TotpSetup> {
    const user = await this.users.findOneByOrFail({ id: actor.userId });
    if (user.totpEnabledAt) {
      throw new DomainError('conflict', 'AUTH.TOTP_ALREADY_ENABLED', 'two-step sign-in is already on for this account');
    }
    const secret = newTotpSecret();
    await this.users.update({ id: user.id }, { totpSecret: secret });
    return { secret, otpauthUrl: totpUri(secret, user.email) };
  }

  async enableTotp(actor: Actor, code: string, now = new Date()): Promise<User> {
    const user = await this.withSecrets(actor.email);
    if (!user || user.id !== actor.userId) throw DomainError.notFound('USER', actor.userId);
    if (user.totpEnabledAt)
      throw new DomainError('conflict', 'AUTH.TOTP_ALREADY_ENABLED', 'two-step sign-in is already on for this account');
    if (!user.totpSecret)
      throw new DomainError('conflict', 'AUTH.TOTP_NOT_SET_UP', 'call POST /api/auth/totp/setup first');
    const step = totpStepOf(user.totpSecret, code, now.getTime());
    if (step === null)
      throw DomainError.invalid(
        'AUTH.TOTP_INVALID',
        'code',
        'code does not match the authenticator (6 digits, current 30 s)',
      );
    await this.dataSource.transaction(async (em) => {
      await em.update(User, { id: user.id }, { totpEnabledAt: now, totpLastStep: step });
      await this.audit.record(em, actor, 'totp_enable', 'user', user.id, null);
    });
    return this.users.findOneByOrFail({ id: user.id });
  }

  private async checkSecondFactor(user: User, code: string | undefined, now: Date): Promise<void> {
    if (user.totpEnabledAt && user.totpSecret) {
      if (!code)
        throw new DomainError(
          'unauthorized',
          'AUTH.TOTP_REQUIRED',
          'enter the 6-digit code of your authenticator app (totp)',
        );
      await this.consumeCode(user, user.totpSecret, code, now, false);
      return;
    }
    if (user.role !== 'admin' || !this.config.adminTotpRequired) return;
    // An admin without a second factor where one is required sets it up within sign-in.
    let secret = user.totpSecret;
    if (!secret) {
      secret = newTotpSecret();
      await this.users.update({ id: user.id }, { totpSecret: secret });
    }
    if (!code) {
      throw new DomainError(
        'unauthorized',
        'AUTH.TOTP_SETUP_REQUIRED',
        'admins need two-step sign-in: add this secret to an authenticator app, then sign in with its code (totp)',
        {
          secret,
          otpauthUrl: totpUri(secret, user.email),
        },
      );
    }
    await this.consumeCode(user, secret, code, now, true);
  }

  /** A code counts once: its 30 s step is stored in the same statement that accepts it. */
  private async consumeCode(user: User, secret: string, code: string, now: Date, enable: boolean): Promise<void> {
    const step = totpStepOf(secret, code, now.getTime());
    const wrong = new DomainError(
      'unauthorized',
      'AUTH.TOTP_INVALID',
      'the authenticator code is wrong or already used',
    );
    if (step === null) throw wrong;
    const rows = await this.dataSource.query(
      `UPDATE users SET totp_last_step = $2, totp_enabled_at = CASE WHEN $3 THEN COALESCE(totp_enabled_at, now()) ELSE totp_enabled_at END
        WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
      [user.id, step, enable],
    );
    if (!returnedRows(rows).length) throw wrong;
    if (enable) user.totpEnabledAt ??= now;
  }

  private async setPassword(user: User, current: string, next: string, reason: 'password_changed'): Promise<void> {
    if (next === current)
      throw DomainError.invalid(
        'AUTH.PASSWORD_UNCHANGED',
        'newPassword',
        'newPassword must differ from the current password',
      );
    const passwordHash = await hashPassword(next);
    await this.dataSource.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .update(User)
        .set({ passwordHash, passwordChangeRequired: false, tokenVersion: () => 'token_version + 1' })
        .where('id = :id', { id: user.id })
        .execute();
      await this.sessions.revokeAllOf(em, user.id, reason);
      await this.audit.record(em, toActor(user), 'password_change', 'user', user.id, null);
    });
  }

  private async reserveAttempt(email: string, source: string): Promise<void> {
    const attempt = await this.throttle.reserve(email, source);
    if (!attempt.allowed) {
      throw new DomainError(
        'rate_limited',
        'AUTH.SIGN_IN_DELAYED',
        `too many sign-in attempts from this address; retry in ${attempt.retryAfterSeconds} s`,
        {
          retryAfterSeconds: attempt.retryAfterSeconds,
        },
      );
    }
  }

  private withSecrets(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.totpSecret', 'u.totpLastStep'])
      .where('u.email = :email', { email })
      .getOne();
  }

  private standInHash(): Promise<string> {
    this.standInHashOnce ??= hashPassword(randomBytes(24).toString('base64url'));
    return this.standInHashOnce;
  }
}

function invalidCredentials(): DomainError {
  return new DomainError('unauthorized', 'AUTH.INVALID_CREDENTIALS', 'email or password is incorrect');
}
