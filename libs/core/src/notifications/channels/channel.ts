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
): Promise<{ status: number; json: any; text: string }> {
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
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}
