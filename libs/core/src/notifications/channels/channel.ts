import type { NotificationChannel } from '../notification-delivery.entity';

/** What a channel sends: rendered once at dispatch, identical on every retry. */
export interface OutgoingMessage {
  deliveryId: string;
  /** Stable across retries and processes; receivers and gateways dedupe on it. */
  idempotencyKey: string;
  address: string;
  subject: string;
  text: string;
  html: string | null;
  payload: Record<string, unknown>;
}

export interface SendResult {
  providerMessageId: string | null;
}

/** `permanent`: retrying cannot help (address refused, template rejected); the delivery fails at once. */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}

export interface ChannelAdapter {
  readonly channel: NotificationChannel;
  /** Off when its configuration is missing: no delivery is planned for it. */
  readonly enabled: boolean;
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** An HTTP call with a hard deadline, so a hanging gateway never outlives the send lease. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number; json: Record<string, unknown> | null; text: string }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new ChannelSendError(`${new URL(url).host} unreachable: ${(e as Error).message}`, false);
  }
  const text = await res.text().catch(() => '');
  return { status: res.status, json: jsonObject(text), text };
}

/** A gateway's answer as an object whose fields we look up; anything else (empty, not JSON, a bare value) is null. */
function jsonObject(text: string): Record<string, unknown> | null {
  if (!text) return null;
  try {
    return asObject(JSON.parse(text));
  } catch {
    return null;
  }
}

/** A gateway's scalar field as text (ids come as numbers or strings); anything else counts as absent. */
export function scalarText(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

export function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}
