import { ChannelAdapter, ChannelSendError, OutgoingMessage, postJson, scalarText, SendResult } from './channel';

/**
 * A plain HTTP SMS gateway (most Vietnamese brandname gateways take this shape): POST
 * {to, from, text, reference} with a Bearer token and an Idempotency-Key header; any 2xx is accepted.
 */
export class SmsChannel implements ChannelAdapter {
  readonly channel = 'sms' as const;
  readonly enabled: boolean;

  constructor(
    private readonly config: { url: string; token: string; sender: string } | null,
    private readonly timeoutMs: number,
  ) {
    this.enabled = !!config;
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    if (!this.config) throw new ChannelSendError('SMS is not configured (SMS_GATEWAY_URL)', true);
    const headers: Record<string, string> = { 'Idempotency-Key': m.idempotencyKey };
    if (this.config.token) headers.Authorization = `Bearer ${this.config.token}`;
    const res = await postJson(
      this.config.url,
      { to: m.address, from: this.config.sender, text: m.text, reference: m.idempotencyKey },
      headers,
      this.timeoutMs,
    );
    if (res.status >= 200 && res.status < 300) {
      const id = res.json?.id ?? res.json?.messageId ?? null;
      return { providerMessageId: scalarText(id) };
    }
    const transient = res.status >= 500 || res.status === 429 || res.status === 408 || res.status === 401;
    throw new ChannelSendError(`SMS gateway HTTP ${res.status}: ${res.text.slice(0, 200)}`, !transient);
  }
}
