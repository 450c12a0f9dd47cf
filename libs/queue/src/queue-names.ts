// Renaming a queue or job strands the jobs already waiting in Redis under the old name.
export enum QueueName {
  Matching = 'matching',
  Imports = 'imports',
  Notifications = 'notifications',
  /** Recurring work from BullMQ job schedulers: scheduled matching runs, lot expiry. */
  Schedules = 'schedules',
}

export enum JobName {
  RunMatching = 'run-matching',
  ProcessImport = 'process-import',
  DeliverNotification = 'deliver-notification',
  FireMatchingSchedule = 'fire-matching-schedule',
  ExpireSupplyLots = 'expire-supply-lots',
}

/** Payloads carry ids only; the handler reloads state from PostgreSQL, the record. */
export interface RunMatchingPayload {
  matchingRunId: string;
}

export interface ProcessImportPayload {
  importId: string;
}

export interface DeliverNotificationPayload {
  outboxId: string;
}

export interface FireMatchingSchedulePayload {
  matchingScheduleId: string;
}

/** The expiry scheduler's job carries nothing: the handler reads today's date and the lots. */
export type ExpireSupplyLotsPayload = Record<string, never>;
