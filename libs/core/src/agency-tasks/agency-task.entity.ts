import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { ForeignUuidColumn } from '../common/columns';

export const AGENCY_TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type AgencyTaskStatus = (typeof AGENCY_TASK_STATUSES)[number];

/** A task the Sở Công Thương gives an agency (nhiệm vụ giao), followed up to done. */
@Entity('agency_tasks')
@Check('ck_agency_tasks_status', `status IN ('open', 'in_progress', 'done', 'cancelled')`)
@Check('ck_agency_tasks_title', 'length(btrim(title)) > 0')
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_agency_tasks_assignee', { synchronize: false })
export class AgencyTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @ForeignUuidColumn(() => Agency, { name: 'FK_agency_tasks_agency', onDelete: 'RESTRICT' })
  assigneeAgencyId: string;

  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: AgencyTaskStatus;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
