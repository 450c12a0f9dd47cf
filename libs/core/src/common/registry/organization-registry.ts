import { DataSource, DeepPartial, EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import type { AuditService } from '../../audit/audit.service';
import type { Actor } from '../actor';
import { DomainError } from '../domain-error';
import { assertOwnsRow } from '../ownership';
import { assertCoversAnyProvince } from '../territory/province-scope';
import { assertEntityInProvinces } from '../territory/row-provinces';
import { pickFields } from './patch';
import { applyOrganizationFields, OrganizationRow, taxCodeTaken } from './organization-fields';
import { applyFields, auditedFields, RegistryField } from './registry-fields';
import { isForeignKeyViolation, isUniqueViolation } from './postgres-errors';
import { assertStaff } from './staff';

/** A cooperative or a buyer as the registry writes it: an id and a province. */
interface RegisteredOrganization {
  id: string;
  provinceCode: string | null;
}

export interface OrganizationRegistryOptions<E extends RegisteredOrganization> {
  entity: EntityTarget<E>;
  /** Error-code prefix and audit entity type, e.g. `BUYER` and `buyer`. */
  code: 'BUYER' | 'COOPERATIVE';
  entityType: 'buyer' | 'cooperative';
  /** The resource's fields (`BUYER_FIELDS`): what a write sets and its audit entry records. */
  fields: readonly RegistryField[];
  /** What only staff may do, for the 403 message: "register or delete buyers". */
  staffOnly: string;
  /** Columns a new row starts with before the input is applied (empty lists). */
  defaults: DeepPartial<E>;
  /** Counts of the rows that still hold the organisation, by name; any above zero stops a delete. */
  holders: Record<string, string>;
  inUse(counts: Record<string, number>): DomainError;
}

/**
 * The steps a seller and a buyer share when staff register, correct or delete them: who may,
 * in which province, the audit entry in the same transaction, and the database deciding a
 * tax-code race or a row that appeared while deleting. The resources keep their rules; their
 * field lists say what a write sets and what its audit entry records.
 */
export class OrganizationRegistry<E extends RegisteredOrganization, P extends object> {
  private readonly audited: string[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly o: OrganizationRegistryOptions<E>,
  ) {
    this.audited = auditedFields(o.fields);
  }

  async create(actor: Actor, input: P): Promise<E> {
    assertStaff(actor, this.o.code, this.o.staffOnly);
    return this.write(async (em) => {
      const row = em.create(this.o.entity, this.o.defaults);
      await this.apply(em, row, input);
      // Province staff register the organisations of their own provinces.
      assertCoversAnyProvince(actor, [row.provinceCode], this.o.code);
      const saved = await em.save(row);
      await this.audit.record(em, actor, 'create', this.o.entityType, saved.id, pickFields(saved, this.audited));
      return this.load(em, saved.id);
    });
  }

  async update(actor: Actor, id: string, patch: P): Promise<E> {
    return this.write(async (em) => {
      const row = await this.lock(em, id);
      assertOwnsRow(actor, this.o.entityType, row.id, this.o.code);
      await assertEntityInProvinces(em, actor, this.o.entityType, row.id, this.o.code);
      const before = { ...row };
      await this.apply(em, row, patch);
      await em.save(row);
      const changes = this.audit.diff(before, row, this.audited);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', this.o.entityType, id, changes);
      return this.load(em, id);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertStaff(actor, this.o.code, this.o.staffOnly);
    try {
      await this.dataSource.transaction(async (em) => {
        // The row lock makes a concurrent insert of a holder (its FK check) wait, so the counts stay true.
        const row = await this.lock(em, id);
        assertCoversAnyProvince(actor, [row.provinceCode], this.o.code);
        const counts = await this.holderCounts(em, id);
        if (Object.values(counts).some((n) => n > 0)) throw this.o.inUse(counts);
        await em.delete(this.o.entity, { id });
        await this.audit.record(em, actor, 'delete', this.o.entityType, id, pickFields(row, this.audited));
      });
    } catch (e) {
      if (isForeignKeyViolation(e)) throw this.o.inUse({});
      throw e;
    }
  }

  /** A checked input or patch onto the row: its patchable fields, the organisation ones through their shared steps. */
  private apply(em: EntityManager, row: E, input: P): Promise<void> {
    return applyFields(em, this.o.fields, row, input, (patch) =>
      applyOrganizationFields(
        em,
        this.o.entity as unknown as EntityTarget<OrganizationRow>,
        this.o.code,
        row as unknown as OrganizationRow,
        patch,
      ),
    );
  }

  async load(em: EntityManager, id: string): Promise<E> {
    const row = await em.findOneBy(this.o.entity, { id } as FindOptionsWhere<E>);
    if (!row) throw DomainError.notFound(this.o.code, id);
    return row;
  }

  private async lock(em: EntityManager, id: string): Promise<E> {
    const row = await em.findOne(this.o.entity, {
      where: { id } as FindOptionsWhere<E>,
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw DomainError.notFound(this.o.code, id);
    return row;
  }

  private async holderCounts(em: EntityManager, id: string): Promise<Record<string, number>> {
    const column = `${this.o.entityType}_id`;
    const counts = Object.entries(this.o.holders).map(
      ([name, table]) => `(SELECT count(*) FROM ${table} WHERE ${column} = $1)::int AS "${name}"`,
    );
    const [row] = await em.query<Array<Record<string, number>>>(`SELECT ${counts.join(', ')}`, [id]);
    return row;
  }

  private async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (e) {
      // Two writers took the same tax code at once: the unique index decides.
      if (isUniqueViolation(e)) throw taxCodeTaken(this.o.code, null);
      throw e;
    }
  }
}
