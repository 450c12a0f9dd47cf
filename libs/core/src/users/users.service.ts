import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Agency } from '../agencies/agency.entity';
import { Buyer } from '../buyers/buyer.entity';
import { Actor, Role } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { organizationProvinceCodes, USER_ORGANIZATION_PROVINCE_SQL } from '../common/territory/row-provinces';
import {
  assertCoversAnyProvince,
  checkedProvinceCodes,
  provinceCondition,
  provincesOf,
} from '../common/territory/province-scope';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { TransportOperator } from '../transport-operators/transport-operator.entity';
import { AuthSessionsRepository, returnedRows } from './auth-sessions.repository';
import { hashPassword } from './password-hasher';
import { User } from './user.entity';
import { assertMayManageRole, assertNotSelf } from './user.rules';
import { applySort, sortKeysOfColumns } from '../common/sort';
import { likePattern } from '../common/vietnamese-text';

export interface CreateUserInput {
  email: string;
  password: string;
  role: Role;
  organizationId?: string | null;
  displayName?: string | null;
  /** Staff only: the current provinces they work for; none means national. */
  provinceCodes?: string[] | null;
}

/** What an admin changes on an account (absent fields stay). */
export interface UpdateUserInput {
  displayName?: string | null;
  provinceCodes?: string[] | null;
}

export interface UserView {
  id: string;
  email: string;
  role: Role;
  organizationId: string | null;
  displayName: string | null;
  /** Staff: the provinces they work for; empty for national staff and every other role. */
  provinceCodes: string[];
  active: boolean;
  /** Sign-in asks for an authenticator code. */
  totpEnabled: boolean;
  /** An admin reset the password: the next sign-in sets a new one. */
  passwordChangeRequired: boolean;
  createdAt: Date;
  /** The organisation's name, in lists (the Users screen shows it beside the role). */
  organizationName?: string | null;
}

export interface UserFilter extends PageQuery {
  role?: Role;
  /** Diacritics-insensitive search on e-mail, display name and the organisation's name. */
  q?: string;
  active?: boolean;
  /** A field of USER_SORTS, `-` first for descending; default oldest first. */
  sort?: UserSort;
}

const USER_SORT_COLUMNS = { createdAt: 'u.createdAt', email: 'u.email', role: 'u.role', displayName: 'u.displayName' };
export const USER_SORTS = sortKeysOfColumns(USER_SORT_COLUMNS);
export type UserSort = (typeof USER_SORTS)[number];

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    organizationId: organizationOf(u),
    displayName: u.displayName,
    provinceCodes: u.provinceCodes ?? [],
    active: u.active,
    totpEnabled: !!u.totpEnabledAt,
    passwordChangeRequired: u.passwordChangeRequired,
    createdAt: u.createdAt,
  };
}

export function toActor(u: User): Actor {
  return {
    userId: u.id,
    email: u.email,
    role: u.role,
    organizationId: organizationOf(u),
    provinceCodes: u.provinceCodes?.length ? u.provinceCodes : null,
  };
}

/** The one organisation a user acts for (the users CHECK allows one at most). */
export function organizationOf(
  u: Pick<User, 'cooperativeId' | 'buyerId' | 'transportOperatorId' | 'agencyId'>,
): string | null {
  return u.cooperativeId ?? u.buyerId ?? u.transportOperatorId ?? u.agencyId ?? null;
}

/** The roles that act for one organisation, and the table their organizationId names. */
const ORGANIZATION_TABLE: Partial<Record<Role, { entity: Function; name: string }>> = {
  cooperative: { entity: Cooperative, name: 'cooperative' },
  buyer: { entity: Buyer, name: 'buyer' },
  transport: { entity: TransportOperator, name: 'transport operator' },
  agency: { entity: Agency, name: 'agency' },
};

/** Provinces bind staff only; an empty list is stored as national (null). */
function checkedUserProvinces(role: Role, raw: string[] | null | undefined): string[] | null {
  if (raw === undefined || raw === null) return null;
  const codes = checkedProvinceCodes(raw, 'USER.INVALID_PROVINCE_CODES');
  if (!codes.length) return null;
  if (role !== 'staff')
    throw DomainError.invalid(
      'USER.PROVINCE_CODES_NOT_ALLOWED',
      'provinceCodes',
      `only staff users work for provinces (this one is ${role})`,
    );
  return codes;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: AuthSessionsRepository,
  ) {}

  async create(actor: Actor | null, input: CreateUserInput): Promise<UserView> {
    assertMayManageRole(actor, input.role);
    const email = input.email.trim().toLowerCase();
    const provinceCodes = checkedUserProvinces(input.role, input.provinceCodes);
    return this.dataSource.transaction(async (em) => {
      let cooperativeId: string | null = null;
      let buyerId: string | null = null;
      let transportOperatorId: string | null = null;
      let agencyId: string | null = null;
      const organization = ORGANIZATION_TABLE[input.role];
      if (organization) {
        if (!input.organizationId) {
          throw DomainError.invalid(
            'USER.ORGANIZATION_REQUIRED',
            'organizationId',
            `organizationId is required for role ${input.role}`,
          );
        }
        if (!(await em.existsBy(organization.entity, { id: input.organizationId }))) {
          throw DomainError.invalid(
            'USER.ORGANIZATION_UNKNOWN',
            'organizationId',
            `organizationId: no ${organization.name} ${input.organizationId}`,
          );
        }
        // Province staff enrol the people of their own provinces' organisations.
        if (actor)
          assertCoversAnyProvince(actor, await organizationProvinceCodes(em, input.role, input.organizationId), 'USER');
        if (input.role === 'cooperative') cooperativeId = input.organizationId;
        else if (input.role === 'buyer') buyerId = input.organizationId;
        else if (input.role === 'transport') transportOperatorId = input.organizationId;
        else agencyId = input.organizationId;
      } else if (input.organizationId) {
        throw DomainError.invalid(
          'USER.ORGANIZATION_NOT_ALLOWED',
          'organizationId',
          `role ${input.role} has no organization`,
        );
      }
      if (await em.existsBy(User, { email })) {
        throw new DomainError('conflict', 'USER.EMAIL_TAKEN', `a user with email ${email} already exists`, {
          field: 'email',
        });
      }
      const passwordHash = await hashPassword(input.password);
      const saved = await em.save(
        em.create(User, {
          email,
          passwordHash,
          role: input.role,
          cooperativeId,
          buyerId,
          transportOperatorId,
          agencyId,
          displayName: input.displayName ?? null,
          provinceCodes,
        }),
      );
      await this.audit.record(em, actor, 'create', 'user', saved.id, {
        email,
        role: input.role,
        organizationId: input.organizationId ?? null,
        provinceCodes,
      });
      return toUserView(saved);
    });
  }

  /** Province staff see the people of their provinces' organisations and the staff sharing a province with them. */
  async list(filter: UserFilter, actor?: Actor): Promise<Page<UserView>> {
    const qb = applySort(
      this.users.createQueryBuilder('u'),
      filter.sort,
      USER_SORT_COLUMNS,
      ['u.createdAt', 'ASC'],
      'u.id',
    );
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    const scope = provinceCondition(actor, [USER_ORGANIZATION_PROVINCE_SQL, { array: 'u.province_codes' }]);
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.q) {
      qb.andWhere(
        `(fold_vietnamese(u.email || ' ' || coalesce(u.display_name, '')) LIKE :q ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM cooperatives o WHERE o.id = u.cooperative_id AND o.search_text LIKE :q ESCAPE '\\')
          OR EXISTS (SELECT 1 FROM buyers o WHERE o.id = u.buyer_id AND o.search_text LIKE :q ESCAPE '\\')
          OR EXISTS (SELECT 1 FROM transport_operators o WHERE o.id = u.transport_operator_id AND o.search_text LIKE :q ESCAPE '\\')
          OR EXISTS (SELECT 1 FROM agencies o WHERE o.id = u.agency_id AND o.search_text LIKE :q ESCAPE '\\'))`,
        { q: likePattern(filter.q) },
      );
    }
    const page = await paginate(qb, filter, toUserView);
    const ids = page.items.map((u) => u.organizationId).filter((id): id is string => !!id);
    if (!ids.length) return page;
    const names: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id, name FROM cooperatives WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, name FROM buyers WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, name FROM transport_operators WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, name FROM agencies WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(names.map((n) => [n.id, n.name]));
    return {
      ...page,
      items: page.items.map((u) => ({
        ...u,
        organizationName: u.organizationId ? (byId.get(u.organizationId) ?? null) : null,
      })),
    };
  }

  /** The account, after checking the caller may look after users of its role. */
  private async manageable(actor: Actor, id: string): Promise<User> {
    const target = await this.get(id);
    assertMayManageRole(actor, target.role);
    // Province staff look after the people of their own provinces only.
    await this.view(actor, id);
    return target;
  }

  async get(id: string): Promise<User> {
    const u = await this.users.findOneBy({ id });
    if (!u) throw DomainError.notFound('USER', id);
    return u;
  }

  /** One account as an admin (or the staff of its provinces) sees it. */
  async view(actor: Actor, id: string): Promise<UserView> {
    const u = await this.get(id);
    if (provincesOf(actor)) {
      const organizationId = organizationOf(u);
      const provinces = organizationId
        ? await organizationProvinceCodes(this.dataSource.manager, u.role, organizationId)
        : (u.provinceCodes ?? []);
      assertCoversAnyProvince(actor, provinces, 'USER');
    }
    return toUserView(u);
  }

  /** An admin renames an account or binds a staff user to provinces (none: national). */
  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserView> {
    return this.dataSource.transaction(async (em) => {
      const u = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!u) throw DomainError.notFound('USER', id);
      const changes: Record<string, [unknown, unknown]> = {};
      if (input.displayName !== undefined) {
        const name = input.displayName?.trim() || null;
        if (name !== u.displayName) changes.displayName = [u.displayName, name];
        u.displayName = name;
      }
      if (input.provinceCodes !== undefined) {
        const codes = checkedUserProvinces(u.role, input.provinceCodes);
        const before = u.provinceCodes ?? [];
        if ((codes ?? []).join(',') !== before.join(',')) changes.provinceCodes = [before, codes ?? []];
        u.provinceCodes = codes;
      }
      if (!Object.keys(changes).length) return toUserView(u);
      await em.save(u);
      await this.audit.record(em, actor, 'update', 'user', id, changes);
      return toUserView(await em.findOneByOrFail(User, { id }));
    });
  }

  /** Staff or an admin stop an account (staff: only organisations' users): it cannot sign in, and every token it holds stops working. */
  async disable(actor: Actor, id: string): Promise<UserView> {
    await this.manageable(actor, id);
    assertNotSelf(actor, id);
    return this.dataSource.transaction(async (em) => {
      const rows = returnedRows<{ id: string }>(
        await em.query(
          `UPDATE users SET active = false, token_version = token_version + 1, updated_at = now() WHERE id = $1 RETURNING id`,
          [id],
        ),
      );
      if (!rows.length) throw DomainError.notFound('USER', id);
      await this.sessions.revokeAllOf(em, id, 'disabled');
      await this.audit.record(em, actor, 'disable', 'user', id, null);
      return toUserView(await em.findOneByOrFail(User, { id }));
    });
  }

  async enable(actor: Actor, id: string): Promise<UserView> {
    await this.manageable(actor, id);
    return this.dataSource.transaction(async (em) => {
      const rows = returnedRows<{ id: string }>(
        await em.query(`UPDATE users SET active = true, updated_at = now() WHERE id = $1 RETURNING id`, [id]),
      );
      if (!rows.length) throw DomainError.notFound('USER', id);
      await this.audit.record(em, actor, 'enable', 'user', id, null);
      return toUserView(await em.findOneByOrFail(User, { id }));
    });
  }

  /**
   * An admin gives the account a one-time password (returned once, to hand over); its sessions
   * end, and its next sign-in must set a new password.
   */
  async resetPassword(actor: Actor, id: string): Promise<{ user: UserView; temporaryPassword: string }> {
    await this.manageable(actor, id);
    const temporaryPassword = `${randomBytes(12).toString('base64url')}-Aa1`;
    const passwordHash = await hashPassword(temporaryPassword);
    return this.dataSource.transaction(async (em) => {
      const rows = returnedRows<{ id: string }>(
        await em.query(
          `UPDATE users SET password_hash = $2, password_change_required = true, token_version = token_version + 1, updated_at = now() WHERE id = $1 RETURNING id`,
          [id, passwordHash],
        ),
      );
      if (!rows.length) throw DomainError.notFound('USER', id);
      await this.sessions.revokeAllOf(em, id, 'password_reset');
      await this.audit.record(em, actor, 'password_reset', 'user', id, null);
      return { user: toUserView(await em.findOneByOrFail(User, { id })), temporaryPassword };
    });
  }
}
