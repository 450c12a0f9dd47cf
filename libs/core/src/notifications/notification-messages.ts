import type { Language } from './notification-delivery.entity';

/** Kinds that leave the app (e-mail, Zalo, SMS); every other kind stays in the bell. */
export const NotificationKind = {
  ProposalsCreated: 'proposals.created',
  // A run that only replaced earlier proposals: the same digest, with no new ones.
  ProposalsSuperseded: 'proposals.superseded',
  DealConfirmed: 'deal.confirmed',
  // Emitted by deals for each (partial) delivery: data { dealId, deliveredKg, deliveredOn, … }.
  DeliveryRecorded: 'delivery.recorded',
  DealCancelled: 'deal.cancelled',
  // To an agency's users: the week's report is missing (đôn đốc); data { week, agencyId }.
  AgencyReportReminder: 'agency_report.reminder',
} as const;
export const EXTERNAL_KINDS: ReadonlySet<string> = new Set(Object.values(NotificationKind));

export interface DigestProposal {
  id: string;
  status: string;
  productName: string;
  quantityKg: number;
  askVndPerKg: number;
  bidVndPerKg: number;
  otherParty: string;
  deliverFrom: string | null;
  deliverTo: string | null;
  harvestFrom: string | null;
  harvestTo: string | null;
  staleReason: string | null;
}

export interface DigestContext {
  organisationName: string;
  side: 'seller' | 'buyer';
  fresh: DigestProposal[];
  /** Earlier proposals of this organisation that this run replaced. */
  superseded: DigestProposal[];
  /** Earlier proposals that no longer fit their lot or request. */
  stale: DigestProposal[];
}

export interface DealContext {
  dealId: string;
  productName: string;
  quantityKg: number;
  priceVndPerKg: number;
  otherParty: string;
  deliveredKg: number | null;
  deliveredOn: string | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** Short, without diacritics: an SMS in GSM characters costs one part per 160, not per 70. */
  sms: string;
  zalo: { template: 'proposals' | 'dealConfirmed' | 'deliveryRecorded' | null; data: Record<string, string> };
}

const WORDS = {
  vi: {
    digestSubject: (n: number) => `Có ${n} đề xuất kết nối mới`,
    supersededSubject: (n: number) => `${n} đề xuất đã được thay thế`,
    digestIntro: (org: string) => `Kính gửi ${org}, lượt ghép nối cung cầu mới có các đề xuất sau cho đơn vị:`,
    fresh: 'Đề xuất mới',
    superseded: 'Đề xuất cũ đã được thay thế (không còn trả lời được)',
    stale: 'Đề xuất không còn phù hợp (lô hàng hoặc nhu cầu đã thay đổi)',
    none: 'Không có đề xuất mới trong lượt này.',
    product: 'Sản phẩm',
    quantity: 'Khối lượng',
    price: 'Giá',
    party: (side: 'seller' | 'buyer') => (side === 'seller' ? 'Bên mua' : 'Bên bán'),
    dates: 'Thời gian',
    ask: 'chào bán',
    bid: 'mua',
    harvest: 'thu hoạch',
    deliver: 'giao hàng',
    open: 'Xem đề xuất',
    answer: 'Vui lòng đăng nhập AgriLink để chấp nhận hoặc từ chối từng đề xuất.',
    dealSubject: (product: string) => `Giao dịch đã được xác nhận: ${product}`,
    dealIntro: 'Giao dịch sau đã được Sở Công Thương xác nhận:',
    deliverySubject: (product: string) => `Đã ghi nhận giao hàng: ${product}`,
    deliveryIntro: 'Một lần giao hàng đã được ghi nhận cho giao dịch:',
    delivered: 'Đã giao',
    deliveredOn: 'Ngày giao',
    openDeal: 'Xem giao dịch',
    footer: 'AgriLink — Kết nối tiêu thụ nông sản. Đổi kênh nhận thông báo trong mục Thông báo của ứng dụng.',
    perKg: 'đ/kg',
  },
  en: {
    digestSubject: (n: number) => `${n} new linkage proposal${n === 1 ? '' : 's'}`,
    supersededSubject: (n: number) => `${n} proposal${n === 1 ? '' : 's'} superseded`,
    digestIntro: (org: string) => `Dear ${org}, the latest matching run proposes the following for your organisation:`,
    fresh: 'New proposals',
    superseded: 'Earlier proposals replaced by this run (no longer answerable)',
    stale: 'Proposals that no longer fit (the lot or request changed)',
    none: 'No new proposals in this run.',
    product: 'Product',
    quantity: 'Quantity',
    price: 'Price',
    party: (side: 'seller' | 'buyer') => (side === 'seller' ? 'Buyer' : 'Seller'),
    dates: 'Dates',
    ask: 'ask',
    bid: 'bid',
    harvest: 'harvest',
    deliver: 'delivery',
    open: 'Open proposal',
    answer: 'Sign in to AgriLink to accept or reject each proposal.',
    dealSubject: (product: string) => `Deal confirmed: ${product}`,
    dealIntro: 'The following deal has been confirmed by the Department of Industry and Trade:',
    deliverySubject: (product: string) => `Delivery recorded: ${product}`,
    deliveryIntro: 'A delivery has been recorded for the deal:',
    delivered: 'Delivered',
    deliveredOn: 'Delivered on',
    openDeal: 'Open deals',
    footer: 'AgriLink — agricultural market linkage. Choose your notification channels under Notifications in the app.',
    perKg: 'VND/kg',
  },
};

export function proposalLink(base: string, id: string): string {
  return `${base}/#/proposals/${id}`;
}

export function dealLink(base: string, id: string): string {
  return `${base}/#/deals/${id}`;
}

export function renderDigest(ctx: DigestContext, lang: Language, base: string): RenderedMessage {
  const w = WORDS[lang];
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const kg = (n: number) => `${n.toLocaleString(locale)} kg`;
  const vnd = (n: number) => `${n.toLocaleString(locale)} ${w.perKg}`;
  const dates = (p: DigestProposal) =>
    [
      p.harvestFrom && `${w.harvest} ${p.harvestFrom}–${p.harvestTo ?? ''}`,
      p.deliverFrom && `${w.deliver} ${p.deliverFrom}–${p.deliverTo ?? ''}`,
    ]
      .filter(Boolean)
      .join('; ');
  const price = (p: DigestProposal) => `${w.ask} ${vnd(p.askVndPerKg)} · ${w.bid} ${vnd(p.bidVndPerKg)}`;
  const line = (p: DigestProposal) =>
    `- ${p.productName}: ${kg(p.quantityKg)}, ${price(p)}, ${w.party(ctx.side)}: ${p.otherParty}, ${dates(p)}\n  ${proposalLink(base, p.id)}`;

  const subject =
    ctx.fresh.length || !ctx.superseded.length
      ? w.digestSubject(ctx.fresh.length)
      : w.supersededSubject(ctx.superseded.length);
  const sections: Array<[string, DigestProposal[]]> = [
    [w.fresh, ctx.fresh],
    [w.superseded, ctx.superseded],
    [w.stale, ctx.stale],
  ];
  const textParts = [w.digestIntro(ctx.organisationName), ''];
  if (!ctx.fresh.length) textParts.push(w.none, '');
  for (const [title, items] of sections) {
    if (!items.length) continue;
    textParts.push(`${title} (${items.length}):`, ...items.map(line), '');
  }
  textParts.push(w.answer, '', w.footer);

  const row = (p: DigestProposal, link: boolean) =>
    `<tr><td>${esc(p.productName)}</td><td style="text-align:right">${esc(kg(p.quantityKg))}</td><td>${esc(price(p))}</td><td>${esc(p.otherParty)}</td><td>${esc(dates(p))}</td>` +
    `<td>${link ? `<a href="${esc(proposalLink(base, p.id))}">${esc(w.open)}</a>` : esc(p.staleReason ?? '')}</td></tr>`;
  const table = (items: DigestProposal[], link: boolean) =>
    `<table cellpadding="6" style="border-collapse:collapse" border="1"><tr><th>${esc(w.product)}</th><th>${esc(w.quantity)}</th><th>${esc(w.price)}</th><th>${esc(w.party(ctx.side))}</th><th>${esc(w.dates)}</th><th></th></tr>${items.map((p) => row(p, link)).join('')}</table>`;
  let html = `<p>${esc(w.digestIntro(ctx.organisationName))}</p>`;
  if (!ctx.fresh.length) html += `<p>${esc(w.none)}</p>`;
  for (const [title, items] of sections) {
    if (items.length) html += `<h3>${esc(title)} (${items.length})</h3>${table(items, items === ctx.fresh)}`;
  }
  html += `<p>${esc(w.answer)}</p><p style="color:#666;font-size:12px">${esc(w.footer)}</p>`;

  const totalKg = ctx.fresh.reduce((s, p) => s + p.quantityKg, 0);
  const firstLink = ctx.fresh[0] ? proposalLink(base, ctx.fresh[0].id) : `${base}/#/proposals`;
  return {
    subject,
    text: textParts.join('\n'),
    html,
    sms: ascii(`AgriLink: ${subject} (${kg(totalKg)}). ${firstLink}`),
    zalo: {
      template: 'proposals',
      data: {
        organisation: ctx.organisationName,
        count: String(ctx.fresh.length),
        quantity_kg: String(totalKg),
        link: firstLink,
      },
    },
  };
}

export function renderDeal(
  kind: 'confirmed' | 'delivery',
  ctx: DealContext,
  lang: Language,
  base: string,
): RenderedMessage {
  const w = WORDS[lang];
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const kg = (n: number) => `${n.toLocaleString(locale)} kg`;
  const subject = kind === 'confirmed' ? w.dealSubject(ctx.productName) : w.deliverySubject(ctx.productName);
  const facts: Array<[string, string]> = [
    [w.product, ctx.productName],
    [w.quantity, kg(ctx.quantityKg)],
    [w.price, `${ctx.priceVndPerKg.toLocaleString(locale)} ${w.perKg}`],
    [lang === 'vi' ? 'Đối tác' : 'Counterpart', ctx.otherParty],
  ];
  if (kind === 'delivery') {
    if (ctx.deliveredKg !== null) facts.push([w.delivered, kg(ctx.deliveredKg)]);
    if (ctx.deliveredOn) facts.push([w.deliveredOn, ctx.deliveredOn]);
  }
  const link = dealLink(base, ctx.dealId);
  const intro = kind === 'confirmed' ? w.dealIntro : w.deliveryIntro;
  const text = [intro, '', ...facts.map(([k, v]) => `${k}: ${v}`), '', `${w.openDeal}: ${link}`, '', w.footer].join(
    '\n',
  );
  const html =
    `<p>${esc(intro)}</p><table cellpadding="4">${facts.map(([k, v]) => `<tr><th style="text-align:left">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>` +
    `<p><a href="${esc(link)}">${esc(w.openDeal)}</a></p><p style="color:#666;font-size:12px">${esc(w.footer)}</p>`;
  const quantity = kind === 'delivery' && ctx.deliveredKg !== null ? ctx.deliveredKg : ctx.quantityKg;
  return {
    subject,
    text,
    html,
    sms: ascii(`AgriLink: ${subject}, ${kg(quantity)}. ${link}`),
    zalo: {
      template: kind === 'confirmed' ? 'dealConfirmed' : 'deliveryRecorded',
      data: {
        product: ctx.productName,
        quantity_kg: String(quantity),
        price: String(ctx.priceVndPerKg),
        counterpart: ctx.otherParty,
        link,
      },
    },
  };
}

/** Any other outgoing kind: the notification's own title and body. */
export function renderPlain(title: string, body: string, base: string): RenderedMessage {
  const text = `${title}\n\n${body}\n\n${base}/`;
  return {
    subject: title,
    text,
    html: `<p><strong>${esc(title)}</strong></p><p>${esc(body)}</p><p><a href="${esc(base)}/">AgriLink</a></p>`,
    sms: ascii(`AgriLink: ${title}. ${body}`),
    zalo: { template: null, data: {} },
  };
}

function esc(s: string): string {
  const entity = new Map([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
  ]);
  return s.replace(/[&<>"']/g, (c) => entity.get(c) ?? c);
}

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '')
    .slice(0, 320);
}
