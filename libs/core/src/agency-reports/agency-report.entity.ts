import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { bigintAsNumber } from '../common/column-types';

export type AgencyReportSource = 'form' | 'spreadsheet';

/** An agency's weekly report (báo cáo tuần) for one ISO week: the three texts and its figures. */
@Entity('agency_reports')
export class AgencyReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: Relation<Agency>;

  /** ISO week, `2026-W49`. */
  @Column({ type: 'varchar', length: 8 })
  week: string;

  /** Tình hình: the situation. */
  @Column({ type: 'text', default: '' })
  situation: string;

  /** Khó khăn, vướng mắc. */
  @Column({ type: 'text', default: '' })
  difficulties: string;

  /** Đề xuất, kiến nghị. */
  @Column({ type: 'text', default: '' })
  proposals: string;

  /** 1 at the first submission, +1 at every replacement (earlier versions are in the audit log). */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'varchar', length: 12, default: 'form' })
  source: AgencyReportSource;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @OneToMany(() => AgencyReportLine, (l) => l.report)
  lines?: Array<Relation<AgencyReportLine>>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One figure line of a weekly report: for one product, or (no product) the agency's totals. */
@Entity('agency_report_lines')
export class AgencyReportLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  reportId: string;

  @ManyToOne(() => AgencyReport, (r) => r.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<AgencyReport>;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  productCode: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  harvestedKg: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  soldKg: number | null;

  /** Tồn đọng: harvested and not sold. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  backlogKg: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** When staff want the missing reports chased: one weekday and hour (a BullMQ job scheduler). */
@Entity('agency_report_reminder_schedules')
export class AgencyReportReminderSchedule {
  @Column({ type: 'smallint', primary: true, default: 1 })
  id: number;

  /** ISO weekday: 1 Monday … 7 Sunday. */
  @Column({ type: 'smallint' })
  weekday: number;

  @Column({ type: 'smallint' })
  hour: number;

  @Column({ type: 'smallint', default: 0 })
  minute: number;

  @Column({ type: 'varchar', length: 64, default: 'Asia/Ho_Chi_Minh' })
  timezone: string;

  @Column({ type: 'boolean', default: false })
  paused: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastFiredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A reminder sent to an agency about a week's report (đôn đốc). */
@Entity('agency_report_reminders')
export class AgencyReportReminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  week: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @Column({ type: 'varchar', length: 10 })
  trigger: 'manual' | 'scheduled';

  @Column({ type: 'timestamptz', nullable: true })
  scheduledFor: Date | null;

  @Column({ type: 'uuid', nullable: true })
  sentByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}

/** A báo cáo đột xuất: an agency's report on one subject, outside the weekly cycle. */
@Entity('ad_hoc_reports')
export class AdHocReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'date' })
  reportedOn: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
