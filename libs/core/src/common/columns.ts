import {
  Column,
  ColumnOptions,
  CreateDateColumn,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  ObjectType,
  RelationOptions,
  UpdateDateColumn,
  VirtualColumn,
} from 'typeorm';
import { bigintAsNumber } from './column-types';
import { ZONE_CURFEW_SQL } from '../zones/zone-curfew';

/**
 * The column kinds the entities repeat, each one decorator. Each stands for the decorators it
 * names and nothing else, so the schema TypeORM describes (and the drift test compares with the
 * migrations) is the one the decorators written out gave.
 */

type Decorator = (target: object, propertyKey: string) => void;

function both(...decorators: Decorator[]): Decorator {
  return (target, key) => {
    for (let i = decorators.length - 1; i >= 0; i--) decorators[i](target, key);
  };
}

/** Whole kilograms or đồng in a bigint, read back as a JS number (exact up to 2^53). */
export const BigintColumn = (options?: Omit<ColumnOptions, 'type' | 'transformer'>): Decorator =>
  Column({ type: 'bigint', transformer: bigintAsNumber, ...options });

/** `quantity_kg - committed_kg`, kept by PostgreSQL (a lot's or a request's kilograms still free). */
export const RemainingKgColumn = (): Decorator =>
  Column({
    type: 'bigint',
    generatedType: 'STORED',
    asExpression: 'quantity_kg - committed_kg',
    transformer: bigintAsNumber,
    insert: false,
    update: false,
  });

/** An id the lists filter on: a uuid column with its own index. */
export const IndexedUuidColumn = (options?: Omit<ColumnOptions, 'type'>): Decorator =>
  both(Column({ type: 'uuid', ...options }), Index());

/** An id of another table, with its named foreign key. */
export const ForeignUuidColumn = (
  entity: () => ObjectType<object>,
  foreignKey: { name: string; onDelete: RelationOptions['onDelete'] },
  column?: Omit<ColumnOptions, 'type'>,
): Decorator => both(ForeignKey(entity, foreignKey), Column({ type: 'uuid', ...column }));

/** The row a foreign id column points at, loaded on demand (`join_column` names the id column). */
export const BelongsTo = (entity: () => ObjectType<object>, joinColumn: string, options: RelationOptions): Decorator =>
  both(ManyToOne(entity, options), JoinColumn({ name: joinColumn }));

/** A point on the map, with its GiST index. */
export const PointColumn = (): Decorator =>
  both(Index({ spatial: true }), Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 }));

/** The curfew hours of the row's zone, read with the row (JSON text; see zoneCurfewOf). */
export const ZoneCurfewColumn = (): Decorator =>
  VirtualColumn({ type: 'text', query: (alias) => ZONE_CURFEW_SQL(alias) });

/** The province a row lies in (a GSO code), indexed for the province-scoped lists. */
export const ProvinceCodeColumn = (): Decorator =>
  both(Column({ type: 'varchar', length: 10, nullable: true }), Index());

/**
 * The columns harvest resources and transport operators share: when they can be booked and whom
 * to call (common/registry/availability-contact.ts reads and patches them), the folded search text
 * and the times. An abstract class without @Entity: each entity's table has the columns as its own.
 */
export abstract class AvailableContactRow {
  @Column({ type: 'date', nullable: true })
  availableFrom: string | null;

  @Column({ type: 'date', nullable: true })
  availableTo: string | null;

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  /** Folded name and contact name for diacritics-insensitive search; the database computes it (fold_vietnamese). */
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `fold_vietnamese("name" || ' ' || coalesce("contact_name", ''))`,
    insert: false,
    update: false,
  })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
