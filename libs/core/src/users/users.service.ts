import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Buyer } from '../buyers/buyer.entity';
import { Actor, Role } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import { User } from './user.entity';

export interface CreateUserInput {
  email: string;
  password: string;
  role: Role;
  organizationId?: string | null;
  displayName?: string | null;
}

export interface UserView {
  id: string;
  email: string;
  role: Role;
  organizationId: string | null;
  displayName: string | null;
  active: boolean;
  createdAt: Date;
}

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MS = 15 * 60_000;

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    organizationId: u.cooperativeId ?? u.buyerId ?? null,
    displayName: u.displayName,
    active: u.active,
    createdAt: u.createdAt,
  };
}

export function toActor(u: User): Actor {
  return { userId: u.id, email: u.email, role: u.role, organizationId: u.cooperativeId ?? u.buyerId ?? null };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor | null, input: CreateUserInput): Promise<UserView> {
    // Staff may enrol the people of cooperatives and buyers; only an admin makes staff or admins.
    if (actor && actor.role !== 'admin') {
      if (actor.role !== 'staff' || (input.role !== 'cooperative' && input.role !== 'buyer')) {
        throw new DomainError('forbidden', 'USER.ROLE_NOT_ALLOWED', `role ${actor.role} may not create ${input.role} users`);
      }
    }
    const email = input.email.trim().toLowerCase();
    return this.dataSource.transaction(async (em) => {
      let cooperativeId: string | null = null;
      let buyerId: string | null = null;
      if (input.role === 'cooperative' || input.role === 'buyer') {
        if (!input.organizationId) {
          throw DomainError.invalid('USER.ORGANIZATION_REQUIRED', 'organizationId', `organizationId is required for role ${input.role}`);
        }
        const exists =
          input.role === 'cooperative'
            ? await em.existsBy(Cooperative, { id: input.organizationId })
            : await em.existsBy(Buyer, { id: input.organizationId });
        if (!exists) {
          throw DomainError.invalid(
            'USER.ORGANIZATION_UNKNOWN',
            'organizationId',
            `organizationId: no ${input.role === 'cooperative' ? 'cooperative' : 'buyer'} ${input.organizationId}`,
          );
        }
        if (input.role === 'cooperative') cooperativeId = input.organizationId;
        else buyerId = input.organizationId;
      } else if (input.organizationId) {
        throw DomainError.invalid('USER.ORGANIZATION_NOT_ALLOWED', 'organizationId', `role ${input.role} has no organization`);
      }
      if (await em.existsBy(User, { email })) {
        throw new DomainError('conflict', 'USER.EMAIL_TAKEN', `a user with email ${email} already exists`, { field: 'email' });
      }
      const passwordHash = await hashPassword(input.password);
      const saved = await em.save(
        em.create(User, { email, passwordHash, role: input.role, cooperativeId, buyerId, displayName: input.displayName ?? null }),
      );
      await this.audit.record(em, actor, 'create', 'user', saved.id, { email, role: input.role, organizationId: input.organizationId ?? null });
      return toUserView(saved);
    });
  }

  async list(page: PageQuery & { role?: Role }): Promise<Page<UserView>> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.createdAt', 'ASC');
    if (page.role) qb.andWhere('u.role = :role', { role: page.role });
    return paginate(qb, page, toUserView);
  }

  async get(id: string): Promise<User> {
    const u = await this.users.findOneBy({ id });
    if (!u) throw DomainError.notFound('USER', id);
    return u;
  }

  /** Checks a password with lockout after repeated failures; the same error for every failure. */
  async authenticate(emailRaw: string, password: string, now = new Date()): Promise<User> {
    const email = emailRaw.trim().toLowerCase();
    const invalid = new DomainError('unauthorized', 'AUTH.INVALID_CREDENTIALS', 'email or password is incorrect');
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    if (!user || !user.active) {
      await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$YWJj', password); // even out timing
      throw invalid;
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new DomainError('unauthorized', 'AUTH.ACCOUNT_LOCKED', 'too many failed logins; try again later', {
        lockedUntil: user.lockedUntil.toISOString(),
      });
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const failed = user.failedLoginCount + 1;
      await this.users.update(user.id, {
        failedLoginCount: failed >= MAX_FAILED_LOGINS ? 0 : failed,
        lockedUntil: failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS) : null,
      });
      throw invalid;
    }
    if (user.failedLoginCount > 0 || user.lockedUntil) {
      await this.users.update(user.id, { failedLoginCount: 0, lockedUntil: null });
    }
    return user;
  }
}
