import {
  asObject,
  scalarText,
  ChannelAdapter,
  ChannelSendError,
  OutgoingMessage,
  postJson,
  SendResult,
} from './channel';

// ZNS answers HTTP 200 with an error code; these say the phone cannot receive ZNS at all.
const PERMANENT_ZNS_ERRORS = new Set([-108, -118, -119]);

/**
 * Zalo Notification Service (template messages to a phone): POST {phone, template_id, template_data,
 * tracking_id} with the OA access token in the `access_token` header. tracking_id is our idempotency key.
 */
export class ZaloChannel implements ChannelAdapter {
  readonly channel = 'zalo' as const;
  readonly enabled: boolean;

  constructor(
    private readonly config: { apiUrl: string; accessToken: string } | null,
    private readonly timeoutMs: number,
  ) {
    this.enabled = !!config;
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    if (!this.config) throw new ChannelSendError('Zalo is not configured (ZALO_API_URL, ZALO_ACCESS_TOKEN)', true);
    const templateId = typeof m.payload.templateId === 'string' ? m.payload.templateId : '';
    if (!templateId) throw new ChannelSendError('no Zalo template for this kind of message', true);
    const res = await postJson(
      this.config.apiUrl,
      {
        phone: m.address,
        template_id: templateId,
        template_data: m.payload.templateData ?? {},
        tracking_id: m.idempotencyKey,
      },
      { access_token: this.config.accessToken },
      this.timeoutMs,
    );
    if (res.status >= 500 || res.status === 429) throw new ChannelSendError(`Zalo HTTP ${res.status}`, false);
    if (res.status >= 400)
      throw new ChannelSendError(
        `Zalo HTTP ${res.status}: ${res.text.slice(0, 200)}`,
        res.status !== 401 && res.status !== 408,
      );
    const code = Number(res.json?.error ?? NaN);
    if (code !== 0) {
      throw new ChannelSendError(
        `Zalo error ${scalarText(res.json?.error) ?? '?'}: ${scalarText(res.json?.message) ?? res.text.slice(0, 200)}`,
        PERMANENT_ZNS_ERRORS.has(code),
      );
    }
    const msgId = asObject(res.json?.data)?.msg_id;
    return { providerMessageId: msgId ? scalarText(msgId) : null };
  }
}
