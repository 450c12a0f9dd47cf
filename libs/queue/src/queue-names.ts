// Renaming a queue or job strands the jobs already waiting in Redis under the old name.
export enum QueueName {
  Matching = 'matching',
  Imports = 'imports',
  Notifications = 'notifications',
  /** Recurring work from BullMQ job schedulers: scheduled matching runs, lot expiry, agency report reminders. */
  Schedules = 'schedules',
  /** Housekeeping from periodic job schedulers: recovery of jobs Redis lost, the notification outbox poll. */
  Maintenance = 'maintenance',
  TransportPlans = 'transport-plans',
  /** One product's part of a matching run: a child job of the run's job in a BullMQ flow. */
  MatchingParts = 'matching-parts',
}

export enum JobName {
  RunMatching = 'run-matching',
  ProcessImport = 'process-import',
  DeliverNotification = 'deliver-notification',
  FireMatchingSchedule = 'fire-matching-schedule',
  ExpireSupplyLots = 'expire-supply-lots',
  RunTransportPlan = 'run-transport-plan',
  SolveMatchingPart = 'solve-matching-part',
  RemindAgencyReports = 'remind-agency-reports',
  // Periodic jobs (QueueName.Maintenance); each name is also its scheduler's id.
  RecoverDurableJobs = 'recover-durable-jobs',
  DispatchNotifications = 'dispatch-notifications',
  RecoverNotificationDeliveries = 'recover-notification-deliveries',
  ReconcileSchedules = 'reconcile-schedules',
  TrimSupplyLotChanges = 'trim-supply-lot-changes',
}

/** Payloads carry ids only; the handler reloads state from PostgreSQL, the record. */
export interface RunMatchingPayload {
  matchingRunId: string;
}

/** A part's instance and solution stay in PostgreSQL (`matching_run_parts`); the job carries the part's id. */
export interface SolveMatchingPartPayload {
  matchingRunPartId: string;
}

/** Flow producers (BullMQ FlowProducer) registered by QueueModule; renaming one is harmless (it holds no jobs). */
export enum FlowName {
  /** Adds a matching run's parts as child jobs of the run's job. */
  MatchingParts = 'matching-parts',
}

export interface RunTransportPlanPayload {
  transportPlanId: string;
}

export interface ProcessImportPayload {
  importId: string;
}

/** One message to one recipient over one channel (a `notification_deliveries` row); its id is the job id. */
export interface DeliverNotificationPayload {
  deliveryId: string;
}

export interface FireMatchingSchedulePayload {
  matchingScheduleId: string;
}

/** The reminder scheduler's job carries nothing: the handler reads the schedule, the week and who is missing. */
export type RemindAgencyReportsPayload = Record<string, never>;

/** The expiry scheduler's job carries nothing: the handler reads today's date and the lots. */
export type ExpireSupplyLotsPayload = Record<string, never>;

/** Redis pub/sub channel (under QUEUE_PREFIX) on which workers announce dispatched notifications to the api's event streams. */
export const NOTIFICATION_EVENTS_CHANNEL = 'notification-events';

/** Whether a job is of this kind. BullMQ types a job's name as any string: Redis may hold names this enum no longer has. */
export function isJobNamed(job: { name: string }, name: JobName): boolean {
  const expected: string = name;
  return job.name === expected;
}
