import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Product } from '../products/product.entity';
import { User } from '../users/user.entity';
import { BigintColumn, ForeignUuidColumn } from '../common/columns';

export type AgencyReportSource = 'form' | 'spreadsheet';

/** An agency's weekly report (báo cáo tuần) for one ISO week: the three texts and its figures. */
@Entity('agency_reports')
@Check('ck_agency_reports_revision', 'revision >= 1')
@Check('ck_agency_reports_source', `source IN ('form', 'spreadsheet')`)
@Check('ck_agency_reports_week', `week ~ '^[0-9]{4}-W[0-9]{2}$'`)
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ux_agency_reports_agency_week', { synchronize: false })
@Index('ix_agency_reports_week', { synchronize: false })
export class AgencyReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_agency_reports_agency' })
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

  @ForeignUuidColumn(() => User, { name: 'FK_agency_reports_user', onDelete: 'SET NULL' }, { nullable: true })
  submittedByUserId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
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
@Check(
  'ck_agency_report_lines_kg',
  '(harvested_kg IS NULL OR harvested_kg >= 0) AND (sold_kg IS NULL OR sold_kg >= 0) AND (backlog_kg IS NULL OR backlog_kg >= 0)',
)
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_agency_report_lines_report', { synchronize: false })
@Index('ux_agency_report_lines_product', { synchronize: false })
export class AgencyReportLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  reportId: string;

  @ManyToOne(() => AgencyReport, (r) => r.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'FK_agency_report_lines_report' })
  report?: Relation<AgencyReport>;

  @Column({ type: 'int' })
  position: number;

  @ForeignKey(() => Product, { name: 'FK_agency_report_lines_product', onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  productCode: string | null;

  @BigintColumn({ nullable: true })
  harvestedKg: number | null;

  @BigintColumn({ nullable: true })
  soldKg: number | null;

  /** Tồn đọng: harvested and not sold. */
  @BigintColumn({ nullable: true })
  backlogKg: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** When staff want the missing reports chased: one weekday and hour (a BullMQ job scheduler). */
@Entity('agency_report_reminder_schedules')
@Check('ck_agency_reminder_singleton', 'id = 1')
@Check('ck_agency_reminder_time', 'weekday BETWEEN 1 AND 7 AND hour BETWEEN 0 AND 23 AND minute BETWEEN 0 AND 59')
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
@Check(
  'ck_agency_report_reminders_trigger',
  `trigger = 'manual' OR (trigger = 'scheduled' AND scheduled_for IS NOT NULL)`,
)
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_agency_report_reminders_week', { synchronize: false })
@Index('ux_agency_report_reminders_iteration', { synchronize: false })
export class AgencyReportReminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  week: string;

  @ForeignUuidColumn(() => Agency, { name: 'FK_agency_report_reminders_agency', onDelete: 'CASCADE' })
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
@Check('ck_ad_hoc_reports_subject', 'length(btrim(subject)) > 0')
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_ad_hoc_reports_agency', { synchronize: false })
export class AdHocReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignUuidColumn(() => Agency, { name: 'FK_ad_hoc_reports_agency', onDelete: 'RESTRICT' })
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
