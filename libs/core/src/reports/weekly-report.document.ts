import type { OfficialReportConfig } from '@agrilink/config';
import { todayInVietnam } from '../common/dates';
import type { WeeklyReport } from './weekly-report.types';

/**
 * The parts of an administrative document (Decree 30/2020/NĐ-CP, Appendix I) that are
 * not figures: who issues it, its number, place and date, to whom, who signs. From the
 * REPORT_* configuration, with a download's own values over it.
 */
export interface OfficialDocumentSettings extends OfficialReportConfig {
  /** Số: the register number; null leaves the space the clerk fills in. */
  number: string | null;
  /** Ngày ban hành, YYYY-MM-DD; null leaves the day blank in the current month. */
  issuedOn: string | null;
}

export type OfficialDocumentOverrides = Partial<
  Pick<OfficialDocumentSettings, 'number' | 'issuedOn' | 'signerName' | 'signerTitle' | 'signerAuthority'>
>;

export function documentSettings(
  config: OfficialReportConfig,
  overrides: OfficialDocumentOverrides = {},
): OfficialDocumentSettings {
  const pick = <K extends keyof OfficialDocumentOverrides>(k: K) =>
    overrides[k] !== undefined && overrides[k] !== '' ? overrides[k] : undefined;
  return {
    ...config,
    number: pick('number') ?? null,
    issuedOn: pick('issuedOn') ?? null,
    signerName: pick('signerName') ?? config.signerName,
    signerTitle: pick('signerTitle') ?? config.signerTitle,
    signerAuthority: pick('signerAuthority') ?? config.signerAuthority,
  };
}

// ---------- Vietnamese writing of numbers and dates ----------

/** 1234567.891 → "1.234.567,891" (Vietnamese: "." groups thousands, "," before decimals). */
export function formatViNumber(n: number, decimals = 0, trim = false): string {
  const fixed = Math.abs(n).toFixed(decimals);
  let [int, frac] = fixed.split('.');
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  if (frac && trim) frac = frac.replace(/0+$/, '');
  return `${n < 0 && Number(fixed) !== 0 ? '-' : ''}${int}${frac ? `,${frac}` : ''}`;
}

/** Kilograms written as tonnes, exact to the kilogram: 170001 → "170,001"; 460000 → "460". */
export function tonnesText(kg: number): string {
  return formatViNumber(kg / 1000, 3, true);
}

export function percentText(p: number): string {
  return `${p > 0 ? '+' : ''}${formatViNumber(p, 1)}%`;
}

/** "02/3/2026": the day on two digits, the month as it is said (Decree 30 writes dates so). */
export function shortViDate(iso: string): string {
  return `${iso.slice(8, 10)}/${Number(iso.slice(5, 7))}/${iso.slice(0, 4)}`;
}

/**
 * Địa danh và thời gian: "An Giang, ngày 09 tháng 3 năm 2026". Decree 30 puts a 0 before
 * days under 10 and months under 3. Without a date, the day is left for the signer.
 */
export function placeAndDate(place: string, issuedOn: string | null, today = todayInVietnam()): string {
  const iso = issuedOn ?? today;
  const month = Number(iso.slice(5, 7));
  const monthText = month < 3 ? `0${month}` : String(month);
  const day = issuedOn ? iso.slice(8, 10) : '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0';
  return `${place}, ngày ${day} tháng ${monthText} năm ${iso.slice(0, 4)}`;
}

/** "Số: 12/BC-SCT", or "Số:        /BC-SCT" before the number is given. */
export function numberAndSymbol(s: OfficialDocumentSettings): string {
  return `Số: ${s.number ?? '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0'}/${s.symbol}`;
}

export function weekTitle(r: WeeklyReport): { week: number; year: number } {
  return { week: Number(r.week.slice(-2)), year: Number(r.week.slice(0, 4)) };
}

/** Tên loại và trích yếu: the report's kind and what it is about. */
export function documentSummary(r: WeeklyReport): string {
  const { week, year } = weekTitle(r);
  return `Tình hình thu hoạch, kết nối tiêu thụ nông sản tuần ${week} năm ${year}`;
}

export function periodText(r: WeeklyReport): string {
  return `từ ngày ${shortViDate(r.period.from)} đến ngày ${shortViDate(r.period.to)}`;
}

function stripProvinceWord(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố)\s+/i, '');
}

/**
 * Where a row is counted, as written in the report: "Xã Thạnh Hưng, Tỉnh An Giang", or the
 * commune alone when the whole report is one province's. A row placed at a province-level
 * unit (a buyer registered without a commune) reads "Chưa rõ xã/phường".
 */
export function placeName(
  row: { communeName: string | null; provinceName: string | null; provinceCode: string | null },
  reportProvince: string | null = null,
): string {
  const commune = row.communeName && row.communeName !== row.provinceName ? row.communeName : null;
  if (reportProvince) return commune ?? UNKNOWN_COMMUNE;
  const province = row.provinceName ?? (row.provinceCode ? `tỉnh mã ${row.provinceCode}` : null);
  return [commune ?? (province ? UNKNOWN_COMMUNE : null), province].filter(Boolean).join(', ') || 'Chưa rõ địa bàn';
}

export const UNKNOWN_COMMUNE = 'Chưa rõ xã/phường';

/** The commune column of a table: never the province's own name. */
export function communeCell(row: { communeName: string | null; provinceName: string | null }): string {
  return row.communeName && row.communeName !== row.provinceName ? row.communeName : UNKNOWN_COMMUNE;
}

export function productLabel(x: { product: string; productName: string | null }): string {
  return x.productName ?? x.product;
}

/** The name without its bracketed varieties, for sentences: "Lúa tươi chất lượng cao". */
export function shortProductLabel(x: { product: string; productName: string | null }): string {
  return (
    productLabel(x)
      .replace(/\s*\([^)]*\)\s*$/, '')
      .trim() || productLabel(x)
  );
}

/** At most `n` items named, the rest summed as "các sản phẩm khác". */
function topWithRest<T>(
  items: T[],
  n: number,
  kg: (x: T) => number,
  name: (x: T) => string,
  restLabel: string,
): string[] {
  const sorted = [...items].sort((a, b) => kg(b) - kg(a));
  const named = sorted.slice(0, n).map((x) => `${name(x)} ${tonnesText(kg(x))} tấn`);
  const rest = sorted.slice(n);
  if (rest.length) named.push(`${restLabel} ${tonnesText(rest.reduce((t, x) => t + kg(x), 0))} tấn`);
  return named;
}

// ---------- the body (nội dung), built from the figures and the agencies' texts ----------

export interface NarrativeSection {
  heading: string;
  /** Paragraphs; a line starting with "- " is an indented item. */
  paragraphs: string[];
}

export interface WeeklyNarrative {
  opening: string;
  sections: NarrativeSection[];
  closing: string;
}

/** Backlog older than this many days is named under difficulties. */
export const BACKLOG_ALERT_DAYS = 7;

export const NO_AGENCY_REPORTS_TEXT = 'Chưa có báo cáo của các sở, ngành, địa phương trong tuần.';

export function weeklyNarrative(r: WeeklyReport, s: OfficialDocumentSettings): WeeklyNarrative {
  const { week, year } = weekTitle(r);
  const t = r.totals;
  const p = r.previousWeek.totals;
  const change = (key: keyof WeeklyReport['change']) => {
    const c = r.change[key];
    if (c.percent !== null && c.delta !== 0)
      return `${c.delta! > 0 ? 'tăng' : 'giảm'} ${formatViNumber(Math.abs(c.percent), 1)}%`;
    if (c.delta === 0) return 'không đổi';
    return null;
  };
  const vsLastWeek = (key: 'harvestedKg' | 'connectedKg' | 'backlogKg' | 'requestedKg', prev: number) => {
    const c = change(key);
    return `tuần trước ${tonnesText(prev)} tấn${c ? `, ${c}` : ''}`;
  };
  // Inside a sentence: "tại xã Vĩnh Phong", "giá lúa tươi".
  const place = (x: { communeName: string | null; provinceName: string | null; provinceCode: string | null }) =>
    inSentence(placeName(x, r.province));
  const name = shortProductLabel;
  const lower = (x: { product: string; productName: string | null }) => lowerFirst(name(x));

  const harvest: string[] = [];
  if (t.harvestedKg > 0) {
    harvest.push(
      `Sản lượng thu hoạch trong tuần ước đạt ${tonnesText(t.harvestedKg)} tấn (${vsLastWeek('harvestedKg', p.harvestedKg)}), gồm: ${list(
        topWithRest(
          r.byProduct.filter((x) => x.harvestedKg > 0),
          5,
          (x) => x.harvestedKg,
          name,
          'các sản phẩm khác',
        ),
      )}.`,
    );
  } else
    harvest.push(
      `Trong tuần chưa ghi nhận sản lượng thu hoạch trên hệ thống (tuần trước ${tonnesText(p.harvestedKg)} tấn).`,
    );
  if (t.expectedNext4WeeksKg > 0) {
    harvest.push(
      `Theo các lô hàng các hợp tác xã đã đăng bán, 04 tuần tới dự kiến thu hoạch ${tonnesText(t.expectedNext4WeeksKg)} tấn (${t.expectedKg.map((e) => `tuần ${Number(e.week.slice(-2))}: ${tonnesText(e.kg)} tấn`).join('; ')}).`,
    );
  }
  const f = r.harvestForecast;
  if (f.totals.forecastKg > 0) {
    const top = topUnposted(r, 3);
    harvest.push(
      `Theo lịch thu hoạch của các vùng sản xuất, từ tuần ${Number(f.weeks[0].week.slice(-2))} đến tuần ${Number(f.weeks[f.weeks.length - 1].week.slice(-2))} dự kiến thu hoạch ${tonnesText(f.totals.forecastKg)} tấn; đã đăng bán ${tonnesText(f.totals.postedKg)} tấn, còn ${tonnesText(f.totals.unpostedKg)} tấn chưa đăng bán${top.length ? ` (nhiều nhất: ${list(top.map((x) => `${x.product} tại ${x.place} ${tonnesText(x.kg)} tấn`))})` : ''}.`,
    );
  }

  const trade: string[] = [];
  if (t.requestedKg > 0) {
    trade.push(
      `Nhu cầu thu mua của các doanh nghiệp, chợ đầu mối, cơ sở chế biến giao hàng trong tuần là ${tonnesText(t.requestedKg)} tấn, trong đó còn ${tonnesText(t.unmetDemandKg)} tấn chưa được đáp ứng; chưa đáp ứng nhiều nhất: ${list(
        topWithRest(
          r.byProduct.filter((x) => x.unmetDemandKg > 0),
          4,
          (x) => x.unmetDemandKg,
          name,
          'các sản phẩm khác',
        ),
      )}.`,
    );
  } else trade.push('Trong tuần chưa có nhu cầu thu mua mới được đăng ký trên hệ thống.');
  trade.push(
    t.connectedKg > 0
      ? `Đã kết nối tiêu thụ ${tonnesText(t.connectedKg)} tấn (${vsLastWeek('connectedKg', p.connectedKg)}), trong đó đã giao nhận ${tonnesText(t.deliveredKg)} tấn; có ${t.activeCooperatives} hợp tác xã và ${t.activeBuyers} đơn vị thu mua tham gia.`
      : `Trong tuần chưa có giao dịch kết nối tiêu thụ được xác nhận (tuần trước ${tonnesText(p.connectedKg)} tấn); có ${t.activeCooperatives} hợp tác xã và ${t.activeBuyers} đơn vị thu mua hoạt động.`,
  );
  if (t.inventoryKg > 0)
    trade.push(`Tồn kho tại các cơ sở thu mua, chế biến đến cuối tuần: ${tonnesText(t.inventoryKg)} tấn.`);

  const backlog: string[] = [];
  const backlogRows = [...r.rows].filter((x) => x.backlogKg > 0).sort((a, b) => b.backlogKg - a.backlogKg);
  if (t.backlogKg > 0) {
    backlog.push(
      `Đến hết ngày ${shortViDate(r.period.to)}, còn ${tonnesText(t.backlogKg)} tấn nông sản đã thu hoạch chưa tiêu thụ (${vsLastWeek('backlogKg', p.backlogKg)}), lâu nhất ${t.backlogOldestDays} ngày sau khi kết thúc thu hoạch; tập trung tại:`,
    );
    for (const x of backlogRows.slice(0, 5))
      backlog.push(
        `- ${name(x)} tại ${place(x)}: ${tonnesText(x.backlogKg)} tấn (lâu nhất ${x.backlogOldestDays} ngày);`,
      );
    if (backlogRows.length > 5)
      backlog.push(
        `- Các địa bàn khác: ${tonnesText(backlogRows.slice(5).reduce((s2, x) => s2 + x.backlogKg, 0))} tấn (chi tiết tại Phụ lục).`,
      );
    else backlog[backlog.length - 1] = backlog[backlog.length - 1].replace(/;$/, '.');
  } else backlog.push(`Đến hết ngày ${shortViDate(r.period.to)}, không có nông sản đã thu hoạch mà chưa tiêu thụ.`);

  const prices: string[] = [];
  if (r.prices.items.length) {
    prices.push(`Giá thị trường trong tuần (trung vị các lần khảo sát):`);
    r.prices.items.forEach((x, i) => {
      const last = i === r.prices.items.length - 1;
      const moved =
        x.changePercent !== null
          ? `, ${x.changePercent === 0 ? 'không đổi' : `${x.changePercent > 0 ? 'tăng' : 'giảm'} ${formatViNumber(Math.abs(x.changePercent), 1)}%`} so với tuần trước`
          : '';
      const flag = x.flagged ? ` (vượt ngưỡng theo dõi ${r.prices.thresholdPercent}%)` : '';
      prices.push(`- ${name(x)}: ${formatViNumber(x.priceVndPerKg ?? 0)} đồng/kg${moved}${flag}${last ? '.' : ';'}`);
    });
  } else prices.push('Trong tuần chưa có số liệu khảo sát giá thị trường.');

  const agencies = r.agencyReports;
  const situation: string[] = [];
  if (agencies.submitted.length) {
    for (const a of agencies.submitted)
      if (a.situation.trim()) situation.push(`- ${a.agencyName}: ${sentence(a.situation)}`);
    if (!situation.length)
      situation.push(`${agencies.submitted.length} cơ quan, đơn vị đã gửi báo cáo, không nêu thêm tình hình.`);
  } else situation.push(NO_AGENCY_REPORTS_TEXT);
  if (agencies.missing.length)
    situation.push(`Chưa gửi báo cáo tuần: ${list(agencies.missing.map((m) => m.agencyName))}.`);

  const difficulties: string[] = [];
  const stale = backlogRows.filter((b) => (b.backlogOldestDays ?? 0) > BACKLOG_ALERT_DAYS);
  if (stale.length) {
    const places = new Set(stale.map((x) => place(x)));
    difficulties.push(
      `- Nông sản tồn đọng quá ${BACKLOG_ALERT_DAYS} ngày sau khi kết thúc thu hoạch: ${tonnesText(stale.reduce((a, x) => a + x.backlogKg, 0))} tấn tại ${places.size} xã, phường (nhiều nhất: ${list(stale.slice(0, 3).map((x) => `${lower(x)} tại ${place(x)} ${tonnesText(x.backlogKg)} tấn`))});`,
    );
  }
  const unmetWithBacklog = r.byProduct.filter((x) => x.unmetDemandKg > 0 && x.backlogKg > 0);
  if (unmetWithBacklog.length) {
    difficulties.push(
      `- Nhu cầu thu mua chưa được đáp ứng trong khi nông sản cùng loại còn tồn đọng: ${list(unmetWithBacklog.map((x) => `${lower(x)} (nhu cầu còn ${tonnesText(x.unmetDemandKg)} tấn, tồn đọng ${tonnesText(x.backlogKg)} tấn)`))};`,
    );
  }
  for (const x of r.prices.items.filter((i) => i.flagged)) {
    difficulties.push(
      `- Giá ${lower(x)} ${x.changePercent! > 0 ? 'tăng' : 'giảm'} ${formatViNumber(Math.abs(x.changePercent!), 1)}% so với tuần trước, vượt ngưỡng theo dõi ${r.prices.thresholdPercent}%;`,
    );
  }
  if (f.totals.unpostedKg > 0)
    difficulties.push(
      `- Sản lượng dự kiến của các vùng sản xuất chưa được đăng bán để kết nối tiêu thụ: ${tonnesText(f.totals.unpostedKg)} tấn;`,
    );
  for (const a of agencies.submitted)
    if (a.difficulties.trim()) difficulties.push(`- ${a.agencyName}: ${sentence(a.difficulties, ';')}`);
  if (difficulties.length)
    difficulties[difficulties.length - 1] = difficulties[difficulties.length - 1].replace(/;$/, '.');
  else difficulties.push('Trong tuần chưa ghi nhận khó khăn, vướng mắc.');

  const proposals: string[] = [];
  if (backlogRows.some((b) => (b.backlogOldestDays ?? 0) > BACKLOG_ALERT_DAYS)) {
    proposals.push(
      '- Đề nghị UBND các xã, phường có nông sản tồn đọng nêu trên phối hợp với Sở Công Thương, các doanh nghiệp thu mua kết nối tiêu thụ ngay số lượng còn tồn;',
    );
  }
  if (unmetWithBacklog.length)
    proposals.push(
      '- Đề nghị các doanh nghiệp, chợ đầu mối, cơ sở chế biến còn nhu cầu thu mua các mặt hàng nêu trên liên hệ các hợp tác xã còn tồn đọng qua hệ thống AgriLink để kết nối;',
    );
  if (f.totals.unpostedKg > 0)
    proposals.push(
      '- Đề nghị Sở Nông nghiệp và Môi trường, UBND các xã, phường đôn đốc các hợp tác xã có vùng sản xuất sắp thu hoạch đăng bán sản lượng trên hệ thống AgriLink để kịp kết nối;',
    );
  for (const a of agencies.submitted)
    if (a.proposals.trim()) proposals.push(`- ${a.agencyName}: ${sentence(a.proposals, ';')}`);
  if (proposals.length) proposals[proposals.length - 1] = proposals[proposals.length - 1].replace(/;$/, '.');
  else proposals.push('Chưa có đề xuất, kiến nghị trong tuần.');

  return {
    opening: `Thực hiện ${s.planReference}, ${s.agencyName} báo cáo tình hình thu hoạch, kết nối tiêu thụ nông sản tuần ${week} năm ${year} (${periodText(r)})${r.provinceName ? ` trên địa bàn tỉnh ${stripProvinceWord(r.provinceName)}` : ''} như sau:`,
    sections: [
      { heading: 'I. KẾT QUẢ THU HOẠCH, KẾT NỐI TIÊU THỤ NÔNG SẢN', paragraphs: [] },
      { heading: '1. Sản lượng thu hoạch và dự kiến thu hoạch', paragraphs: harvest },
      { heading: '2. Nhu cầu thu mua và kết nối tiêu thụ', paragraphs: trade },
      { heading: '3. Nông sản tồn đọng', paragraphs: backlog },
      { heading: '4. Giá cả thị trường', paragraphs: prices },
      { heading: 'II. TÌNH HÌNH TẠI CÁC SỞ, NGÀNH, ĐỊA PHƯƠNG', paragraphs: situation },
      { heading: 'III. KHÓ KHĂN, VƯỚNG MẮC', paragraphs: difficulties },
      { heading: 'IV. ĐỀ XUẤT, KIẾN NGHỊ', paragraphs: proposals },
    ],
    closing: `Trên đây là báo cáo tình hình thu hoạch, kết nối tiêu thụ nông sản tuần ${week} năm ${year} của ${s.agencyName} (số liệu chi tiết tại Phụ lục kèm theo), kính báo cáo ${s.recipients.length === 1 ? s.recipients[0] : 'các cơ quan nêu trên'} xem xét, chỉ đạo./.`,
  };
}

function topUnposted(r: WeeklyReport, n: number): Array<{ place: string; product: string; kg: number }> {
  const by = new Map<string, { place: string; product: string; kg: number }>();
  for (const x of r.harvestForecast.rows) {
    if (x.unpostedKg <= 0) continue;
    const k = `${x.communeId}|${x.provinceCode}|${x.product}`;
    const e = by.get(k) ?? {
      place: inSentence(placeName(x, r.province)),
      product: lowerFirst(shortProductLabel(x)),
      kg: 0,
    };
    e.kg += x.unpostedKg;
    by.set(k, e);
  }
  return [...by.values()].sort((a, b) => b.kg - a.kg).slice(0, n);
}

/** An agency's text as one item: whitespace folded, ended with the given mark. */
function sentence(text: string, end = '.'): string {
  const s = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,:]+$/, '');
  return `${s}${end}`;
}

/** Unit words are lower case inside a sentence: "xã Vĩnh Phong, tỉnh An Giang". */
export function inSentence(place: string): string {
  return place.replace(
    /(^|, )(Xã|Phường|Đặc khu|Thị trấn|Tỉnh|Thành phố|Chưa rõ)(?= )/g,
    (_, sep: string, word: string) => `${sep}${word.toLowerCase()}`,
  );
}

/** "Lúa tươi" → "lúa tươi" inside a sentence; a code or an acronym (ST25, OCOP) keeps its case. */
function lowerFirst(text: string): string {
  const first = text.split(' ')[0];
  return first.length > 1 && first === first.toUpperCase() ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function list(items: string[]): string {
  return items.join('; ');
}
