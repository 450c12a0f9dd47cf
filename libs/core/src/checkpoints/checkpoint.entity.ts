import type { Point } from 'geojson';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Zone } from '../zones/zone.entity';
import { ForeignUuidColumn } from '../common/columns';

/** Chốt kiểm soát: where permits are checked on the road, usually at a zone's border. */
@Entity('checkpoints')
@Check('ck_checkpoints_period', '"active_to" IS NULL OR "active_from" IS NULL OR "active_from" <= "active_to"')
export class Checkpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Index('ix_checkpoints_location', { spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 })
  location: Point;

  @Index('ix_checkpoints_zone')
  @ForeignUuidColumn(() => Zone, { name: 'fk_checkpoints_zone', onDelete: 'SET NULL' }, { nullable: true })
  zoneId: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  provinceCode: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'date', nullable: true })
  activeFrom: string | null;

  /** Last day in force; a checkpoint is ended, never deleted. */
  @Column({ type: 'date', nullable: true })
  activeTo: string | null;

  /** Folded name for diacritics-insensitive search; the database computes it (fold_vietnamese). */
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `fold_vietnamese("name")`,
    insert: false,
    update: false,
  })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
