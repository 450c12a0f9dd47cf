import { createTransport } from 'nodemailer';
import { ChannelAdapter, ChannelSendError, OutgoingMessage, SendResult } from './channel';

// Recipient refused for good (no such mailbox, policy); other codes (4xx, 421, auth) are worth a retry.
const PERMANENT_SMTP_CODES = new Set([550, 551, 552, 553, 554, 555]);

/** SMTP through nodemailer; one connection per message, timeouts inside the send deadline. */
export class EmailChannel implements ChannelAdapter {
  readonly channel = 'email' as const;
  readonly enabled: boolean;
  private readonly transport;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    this.enabled = !!smtpUrl;
    this.transport = smtpUrl
      ? createTransport({
          url: smtpUrl,
          connectionTimeout: timeoutMs,
          greetingTimeout: timeoutMs,
          socketTimeout: timeoutMs,
          // Self-hosted relays often use private certificates; the URL decides on TLS (smtps: or STARTTLS).
          tls: { rejectUnauthorized: false },
        })
      : null;
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    if (!this.transport) throw new ChannelSendError('e-mail is not configured (SMTP_URL)', true);
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: m.address,
        subject: m.subject,
        text: m.text,
        html: m.html ?? undefined,
        // The same Message-ID on every retry: the idempotency key a receiving system can dedupe on.
        messageId: messageIdFor(m.deliveryId, this.from),
        headers: { 'X-AgriLink-Idempotency-Key': m.idempotencyKey },
      });
      return { providerMessageId: info.messageId };
    } catch (e) {
      const err = e as Error & { responseCode?: number };
      throw new ChannelSendError(
        `SMTP: ${err.message}`,
        !!err.responseCode && PERMANENT_SMTP_CODES.has(err.responseCode),
      );
    }
  }
}

export function messageIdFor(deliveryId: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'agrilink.local';
  return `<notification.${deliveryId}@${domain}>`;
}
