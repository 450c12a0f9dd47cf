// Renaming a queue or job strands the jobs already waiting in Redis under the old name.
export enum QueueName {
  Matching = 'matching',
  Imports = 'imports',
  Notifications = 'notifications',
}

export enum JobName {
  RunMatching = 'run-matching',
  ProcessImport = 'process-import',
  DeliverNotification = 'deliver-notification',
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
