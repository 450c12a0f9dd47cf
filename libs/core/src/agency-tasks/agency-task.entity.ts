import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AGENCY_TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type AgencyTaskStatus = (typeof AGENCY_TASK_STATUSES)[number];

/** A task the Sở Công Thương gives an agency (nhiệm vụ giao), followed up to done. */
@Entity('agency_tasks')
export class AgencyTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid' })
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
