import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MatchingRunOptions } from '../matching-runs/matching-run.entity';

/**
 * A recurring matching run over one scope (lịch ghép nối định kỳ). PostgreSQL is the record;
 * a BullMQ job scheduler with this id produces one job per iteration across every process.
 */
@Entity('matching_schedules')
export class MatchingSchedule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Cron pattern (5 fields, or 6 with seconds), read in `timezone`. */
  @Column({ type: 'varchar', length: 120 })
  cron: string;

  @Column({ type: 'varchar', length: 64, default: 'Asia/Ho_Chi_Minh' })
  timezone: string;

  /** Scope (products, provinceCodes) and params, as a one-off run takes them. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  options: MatchingRunOptions;

  @Column({ type: 'text' })
  scopeKey: string;

  @Column({ type: 'boolean', default: false })
  paused: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastFiredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lastRunId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
