// Vietnamese and English messages for the errors a person meets while answering proposals and
// recording deliveries, chosen by Accept-Language. The code stays the stable part; a code missing
// here keeps the service's English message.
type Details = Record<string, unknown> | Array<Record<string, unknown>> | undefined;
type Messages = (d: Record<string, any>) => { vi: string; en: string };

const PROPOSAL_STATUS_VI: Record<string, string> = {
  proposed: 'đang chờ trả lời',
  accepted_by_seller: 'bên bán đã chấp nhận',
  accepted_by_buyer: 'bên mua đã chấp nhận',
  accepted: 'hai bên đã chấp nhận',
  rejected: 'đã bị từ chối',
  confirmed: 'đã được xác nhận thành giao dịch',
  stale: 'không còn phù hợp (lô hàng hoặc yêu cầu đã thay đổi)',
  superseded: 'đã được thay bằng đề xuất của lần ghép nối mới hơn',
};
const kg = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('vi-VN') : String(n ?? '?'));

const MESSAGES: Record<string, Messages> = {
  'PROPOSAL.INVALID_STATE': (d) => ({
    vi: `Không thể trả lời đề xuất này: đề xuất ${PROPOSAL_STATUS_VI[d.status] ?? d.status}.`,
    en: `This proposal can no longer be answered: it is ${String(d.status ?? '').replace(/_/g, ' ')}.`,
  }),
  'PROPOSAL.ALREADY_CONFIRMED': () => ({
    vi: 'Đề xuất này đã được xác nhận thành giao dịch; không thể trả lời nữa.',
    en: 'This proposal already turned into a deal; it can no longer be answered.',
  }),
  'PROPOSAL.STALE': (d) => ({
    vi: 'Đề xuất không còn phù hợp vì lô hàng hoặc yêu cầu mua đã thay đổi; hãy chờ lần ghép nối tiếp theo.',
    en: `This proposal no longer stands${d.reason ? ` (${d.reason})` : ''}; wait for the next matching run.`,
  }),
  'PROPOSAL.SUPERSEDED': () => ({
    vi: 'Đề xuất này đã được thay bằng đề xuất của lần ghép nối mới hơn; hãy trả lời đề xuất mới.',
    en: 'A newer matching run replaced this proposal; answer the new one.',
  }),
  'PROPOSAL.INSUFFICIENT_REMAINING': (d) => ({
    vi: `Không đủ sản lượng: chỉ còn ${kg(d.remainingKg)} kg so với ${kg(d.quantityKg)} kg được đề xuất.`,
    en: `Not enough left: ${kg(d.remainingKg)} kg remain of the ${kg(d.quantityKg)} kg proposed.`,
  }),
  'PROPOSAL.FORBIDDEN': () => ({
    vi: 'Đề xuất này thuộc về tổ chức khác.',
    en: 'This proposal concerns other organisations.',
  }),
  'PROPOSAL.NOT_FOUND': () => ({ vi: 'Không tìm thấy đề xuất.', en: 'Proposal not found.' }),
  'DEAL.DELIVERED_EXCEEDS_QUANTITY': (d) => ({
    vi: `Số lượng giao vượt quá phần còn lại của giao dịch: chỉ còn ${kg(d.remainingKg)} kg (giao dịch ${kg(d.quantityKg)} kg).`,
    en: `More than the deal: only ${kg(d.remainingKg)} kg are left to deliver of the deal's ${kg(d.quantityKg)} kg.`,
  }),
  'DEAL.DELIVERY_IN_FUTURE': () => ({
    vi: 'Ngày giao hàng không được ở tương lai; hãy ghi nhận sau khi đã giao.',
    en: 'The delivery day cannot be in the future; record it once it happened.',
  }),
  'DEAL.CANCELLED': () => ({ vi: 'Giao dịch đã bị hủy.', en: 'The deal was cancelled.' }),
  'DEAL.NOT_CANCELLABLE': (d) => ({
    vi: d.deliveredKg ? `Không thể hủy: giao dịch đã giao ${kg(d.deliveredKg)} kg.` : 'Không thể hủy giao dịch ở trạng thái này.',
    en: d.deliveredKg ? `Cannot cancel: ${kg(d.deliveredKg)} kg of the deal were delivered.` : `A ${d.status} deal cannot be cancelled.`,
  }),
  'DEAL.UNUSUAL_PRICE': (d) => ({
    vi: `Giá ${kg(d.priceVndPerKg)} đ/kg khác thường so với giá tham khảo ${kg(d.typicalPriceMinVnd)}–${kg(d.typicalPriceMaxVnd)} đ/kg; hãy xác nhận nếu đúng ý.`,
    en: `${kg(d.priceVndPerKg)} đ/kg is far outside the usual ${kg(d.typicalPriceMinVnd)}–${kg(d.typicalPriceMaxVnd)} đ/kg; confirm it if intended.`,
  }),
};

export type Language = 'vi' | 'en';

/** The caller's preferred language among ours, or null when the header names neither (the service's message stays). */
export function preferredLanguage(acceptLanguage: string | undefined): Language | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.lang === 'vi' || x.lang === 'en')
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.lang as Language | undefined) ?? null;
}

export function localizedMessage(code: string, details: Details, lang: Language | null): string | null {
  if (!lang) return null;
  const d = Array.isArray(details) ? details[0] ?? {} : details ?? {};
  // A service that wrote both languages into the details has the last word.
  const own = lang === 'vi' ? d.messageVi : d.messageEn;
  if (typeof own === 'string' && own) return own;
  const messages = MESSAGES[code];
  return messages ? messages(d)[lang] : null;
}
