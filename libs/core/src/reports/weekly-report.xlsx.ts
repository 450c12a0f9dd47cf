import ExcelJS from 'exceljs';
import { formatVietnameseDate } from '../imports/cell-values';
import type { WeeklyReport, WeeklyTotals } from './weekly-report.types';
import {
  numberAndSymbol,
  communeCell,
  OfficialDocumentSettings,
  placeAndDate,
  productLabel,
  weekTitle,
} from './weekly-report.document';

/** Column layout of the main sheet; the e2e tests read figures back by these headers. */
export const WEEKLY_XLSX_COLUMNS = [
  'STT',
  'Tỉnh/thành phố',
  'Xã/phường',
  'Sản phẩm',
  'Sản lượng thu hoạch trong tuần (tấn)',
  'Dự kiến tuần +1 (tấn)',
  'Dự kiến tuần +2 (tấn)',
  'Dự kiến tuần +3 (tấn)',
  'Dự kiến tuần +4 (tấn)',
  'Nhu cầu thu mua (tấn)',
  'Nhu cầu chưa đáp ứng (tấn)',
  'Đã kết nối tiêu thụ (tấn)',
  'Đã giao nhận (tấn)',
  'Tồn đọng chưa tiêu thụ (tấn)',
  'Tồn đọng lâu nhất (ngày)',
  'Tuổi tồn đọng bình quân (ngày)',
  'Tồn kho cơ sở chế biến (tấn)',
  'Giá chào bán bình quân (đồng/kg)',
  'Giá giao dịch bình quân (đồng/kg)',
  'Số HTX hoạt động',
  'Số bên mua hoạt động',
] as const;

/** Row number of the column headers in the main sheet (the document's header block above). */
export const WEEKLY_XLSX_HEADER_ROW = 9;

/** Widths in characters: names wide enough not to be cut (they wrap), figures as narrow as their values allow. */
const MAIN_WIDTHS = [5, 13, 18, 19, 11, 10, 10, 10, 10, 11, 11, 11, 10, 11, 8, 8, 11, 10, 10, 7, 7];

export const WEEKLY_PRICE_XLSX_COLUMNS = [
  'STT',
  'Mã sản phẩm',
  'Sản phẩm',
  'Giá tuần này (trung vị, đồng/kg)',
  'Giá tuần trước (trung vị, đồng/kg)',
  'Tăng/giảm (%)',
  'Thấp nhất (đồng/kg)',
  'Cao nhất (đồng/kg)',
  'Số lần quan sát',
  'Cảnh báo',
] as const;

/** The forecast sheet's columns, with the five weeks named. */
export function weeklyForecastXlsxColumns(r: Pick<WeeklyReport, 'harvestForecast'>): string[] {
  return [
    'STT',
    'Tỉnh/thành phố',
    'Xã/phường',
    'Sản phẩm',
    ...r.harvestForecast.weeks.map(
      (w) =>
        `Dự kiến tuần ${Number(w.week.slice(-2))} (${formatVietnameseDate(w.from).slice(0, 5)}–${formatVietnameseDate(w.to).slice(0, 5)}) (tấn)`,
    ),
    'Cộng dự kiến (tấn)',
    'Đã đăng bán (tấn)',
    'Chưa đăng bán (tấn)',
  ];
}

export const WEEKLY_AGENCY_XLSX_COLUMNS = [
  'STT',
  'Cơ quan, đơn vị',
  'Tình trạng',
  'Thời điểm gửi',
  'Tình hình',
  'Khó khăn, vướng mắc',
  'Đề xuất, kiến nghị',
] as const;

export const WEEKLY_XLSX_SHEETS = {
  forecast: 'Dự báo thu hoạch',
  prices: 'Giá thị trường',
  agencies: 'Báo cáo sở, ngành',
} as const;

const FONT = 'Times New Roman';
// [$-42A]: Vietnamese number formatting (1.234,5) whatever the reader's own locale; a zero shows as "-".
const TONNES = '[$-42A]#,##0.000;-#,##0.000;"-"';
const WHOLE = '[$-42A]#,##0;-#,##0;"-"';
const PERCENT = '[$-42A]+0.0%;-0.0%;0.0%';
// A4 landscape less the margins below, in points.
const MARGINS = { left: 0.4, right: 0.3, top: 0.5, bottom: 0.55, header: 0.25, footer: 0.25 };
const PRINTABLE = {
  width: (11.69 - MARGINS.left - MARGINS.right) * 72,
  height: (8.27 - MARGINS.top - MARGINS.bottom) * 72 - 24,
};
const thin = { style: 'thin' } as const;
const boxed = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * The statistics of the weekly report (the annex of the .docx) as a workbook: the main
 * sheet by commune and product with a subtotal per product (the only place an average
 * price is given), the grand total (kg only), the previous week and the change; then the
 * harvest forecast, the market prices and the agencies' reports. Every sheet is set up
 * for A4 landscape: fit to the page width, header rows repeated, page numbers, and the
 * signature kept on the page of the table's last rows.
 */
export async function buildWeeklyReportXlsx(r: WeeklyReport, s: OfficialDocumentSettings): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'AgriLink';
  mainSheet(wb, r, s);
  forecastSheet(wb, r, s);
  priceSheet(wb, r);
  agencySheet(wb, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheet(wb: ExcelJS.Workbook, name: string, widths: number[], headerRows: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    properties: { defaultRowHeight: 16 },
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      horizontalCentered: true,
      margins: MARGINS,
      printTitlesRow: headerRows,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P' },
  });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/**
 * About the scale that fitting the columns to the page width gives (Excel's width unit: the
 * default font's digit, 7 px, plus padding), a little low so page breaks are foreseen early.
 */
function expectedScale(widths: number[]): number {
  const points = widths.reduce((t, w) => t + (w * 7 + 5) * 0.75, 0);
  return Math.min(1, (PRINTABLE.width / points) * 0.95);
}

const font = (o: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: 11, ...o });

function band(
  ws: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  text: string,
  o: Partial<ExcelJS.Font> = {},
  align: ExcelJS.Alignment['horizontal'] = 'center',
) {
  if (to > from) ws.mergeCells(row, from, row, to);
  const c = ws.getCell(row, from);
  c.value = text;
  c.font = font({ size: 12, ...o });
  c.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
}

/** The document's header block: authority and agency, number; motto; place and date; title. */
function documentHead(
  ws: ExcelJS.Worksheet,
  r: WeeklyReport,
  s: OfficialDocumentSettings,
  last: number,
  title: string,
) {
  const split = Math.max(4, Math.round(last * 0.38));
  const right = Math.max(split + 2, last - Math.round(last * 0.5) + 1);
  band(ws, 1, 1, split, s.parentAuthority.toUpperCase());
  band(ws, 1, right, last, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  band(ws, 2, 1, split, s.agency.toUpperCase(), { bold: true, underline: true });
  band(ws, 2, right, last, 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true, size: 13 });
  band(ws, 3, 1, split, numberAndSymbol(s));
  band(ws, 3, right, last, placeAndDate(s.place, s.issuedOn), { italic: true });
  const { week, year } = weekTitle(r);
  band(ws, 5, 1, last, `PHỤ LỤC: ${title} TUẦN ${week} NĂM ${year}`, { bold: true, size: 14 });
  band(
    ws,
    6,
    1,
    last,
    `(Kèm theo Báo cáo ${numberAndSymbol(s).replace(/^Số:/, 'số')} của ${s.agencyName}${r.provinceName ? ` – ${r.provinceName}` : ''})`,
    { italic: true },
  );
  band(
    ws,
    7,
    1,
    last,
    `Kỳ báo cáo: từ ngày ${formatVietnameseDate(r.period.from)} đến ngày ${formatVietnameseDate(r.period.to)}`,
  );
  ws.getRow(5).height = 22;
}

function headerRow(ws: ExcelJS.Worksheet, n: number, titles: readonly string[], height: number) {
  const head = ws.getRow(n);
  titles.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = font({ bold: true, size: 10 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    c.border = boxed;
  });
  head.height = height;
  // Column numbers under the titles, as statistical forms carry them.
  const nums = ws.getRow(n + 1);
  titles.forEach((_, i) => {
    const c = nums.getCell(i + 1);
    c.value = `(${i + 1})`;
    c.font = font({ italic: true, size: 9 });
    c.alignment = { horizontal: 'center' };
    c.border = boxed;
  });
  nums.height = 14;
}

/** Lines a text takes in a column of that width (wrapping), for the row height. */
function lines(text: string, width: number): number {
  return Math.max(1, Math.ceil((text.length * 0.95) / Math.max(1, width - 1)));
}

/** A row of a table; `span` merges the label cells 2..span (subtotals, totals). */
function dataRow(
  ws: ExcelJS.Worksheet,
  n: number,
  values: ExcelJS.CellValue[],
  widths: number[],
  formats: Array<string | null>,
  o: Partial<ExcelJS.Font> = {},
  span = 0,
) {
  const row = ws.getRow(n);
  row.values = values;
  let height = 1;
  const widthOf = (i: number) => (span && i === 1 ? widths.slice(1, span).reduce((a, b) => a + b, 0) : widths[i]);
  values.forEach((v, i) => {
    const c = row.getCell(i + 1);
    c.font = font(o);
    c.border = boxed;
    const f = formats[i];
    if (f) c.numFmt = f;
    if (typeof v === 'string') {
      c.alignment = { vertical: 'middle', wrapText: true, horizontal: i === 0 ? 'center' : 'left' };
      height = Math.max(height, lines(v, widthOf(i)));
    } else c.alignment = { vertical: 'middle', horizontal: i === 0 ? 'center' : 'right' };
  });
  row.height = 15 * height + 2;
  if (span) ws.mergeCells(n, 2, n, span);
}

const kgToT = (kg: number) => kg / 1000;

function mainFigures(x: WeeklyTotals, o: { prices: boolean; expected?: boolean }): ExcelJS.CellValue[] {
  return [
    kgToT(x.harvestedKg),
    ...[0, 1, 2, 3].map((i) => (o.expected === false ? null : kgToT(x.expectedKg[i]?.kg ?? 0))),
    kgToT(x.requestedKg),
    kgToT(x.unmetDemandKg),
    kgToT(x.connectedKg),
    kgToT(x.deliveredKg),
    kgToT(x.backlogKg),
    x.backlogOldestDays,
    x.backlogAvgAgeDays,
    kgToT(x.inventoryKg),
    o.prices ? x.avgAskVndPerKg : null,
    o.prices ? x.avgDealVndPerKg : null,
    x.activeCooperatives,
    x.activeBuyers,
  ];
}

const MAIN_FORMATS: Array<string | null> = [
  null,
  null,
  null,
  null,
  ...Array(10).fill(TONNES),
  WHOLE,
  WHOLE,
  TONNES,
  WHOLE,
  WHOLE,
  WHOLE,
  WHOLE,
];

function mainSheet(wb: ExcelJS.Workbook, r: WeeklyReport, s: OfficialDocumentSettings) {
  const { week, year } = weekTitle(r);
  const ws = sheet(
    wb,
    `Tuần ${String(week).padStart(2, '0')}-${year}`,
    MAIN_WIDTHS,
    `${WEEKLY_XLSX_HEADER_ROW}:${WEEKLY_XLSX_HEADER_ROW + 1}`,
  );
  const last = WEEKLY_XLSX_COLUMNS.length;
  documentHead(ws, r, s, last, 'SỐ LIỆU THU HOẠCH, KẾT NỐI TIÊU THỤ NÔNG SẢN');
  band(
    ws,
    8,
    1,
    last,
    'Đơn vị tính: khối lượng: tấn; giá: đồng/kg; tuổi tồn đọng: ngày',
    { italic: true, size: 11 },
    'right',
  );
  headerRow(ws, WEEKLY_XLSX_HEADER_ROW, WEEKLY_XLSX_COLUMNS, 66);

  let n = WEEKLY_XLSX_HEADER_ROW + 1;
  let stt = 0;
  const tableRows: number[] = [];
  // Grouped by product; a product on several rows is closed by its subtotal, with the product's
  // average prices (the only place an average price is given).
  for (const p of r.byProduct) {
    const rows = r.rows.filter((x) => x.product === p.product);
    for (const row of rows) {
      dataRow(
        ws,
        ++n,
        [
          ++stt,
          row.provinceName ?? row.provinceCode ?? '',
          communeCell(row),
          productLabel(row),
          ...mainFigures(row, { prices: true }),
        ],
        MAIN_WIDTHS,
        MAIN_FORMATS,
      );
      tableRows.push(n);
    }
    if (rows.length > 1) {
      dataRow(
        ws,
        ++n,
        ['', `Cộng ${productLabel(p)}`, '', '', ...mainFigures(p, { prices: true })],
        MAIN_WIDTHS,
        MAIN_FORMATS,
        { bold: true, italic: true },
        4,
      );
      tableRows.push(n);
    }
  }
  dataRow(
    ws,
    ++n,
    ['', 'TỔNG CỘNG', '', '', ...mainFigures(r.totals, { prices: false })],
    MAIN_WIDTHS,
    MAIN_FORMATS,
    { bold: true },
    4,
  );
  tableRows.push(n);
  dataRow(
    ws,
    ++n,
    [
      '',
      `Tuần trước (tuần ${Number(r.previousWeek.week.slice(-2))}: ${formatVietnameseDate(r.previousWeek.period.from)} – ${formatVietnameseDate(r.previousWeek.period.to)})`,
      '',
      '',
      ...mainFigures(r.previousWeek.totals, { prices: false }),
    ],
    MAIN_WIDTHS,
    MAIN_FORMATS,
    { italic: true },
    4,
  );
  tableRows.push(n);
  const pct = (k: keyof WeeklyReport['change']) => (r.change[k].percent === null ? null : r.change[k].percent! / 100);
  const change = [
    '',
    'Tăng/giảm so với tuần trước (%)',
    '',
    '',
    pct('harvestedKg'),
    null,
    null,
    null,
    null,
    pct('requestedKg'),
    pct('unmetDemandKg'),
    pct('connectedKg'),
    null,
    pct('backlogKg'),
    null,
    null,
    pct('inventoryKg'),
    null,
    null,
    pct('activeCooperatives'),
    pct('activeBuyers'),
  ];
  dataRow(
    ws,
    ++n,
    change,
    MAIN_WIDTHS,
    change.map((_, i) => (i >= 4 ? PERCENT : null)),
    { italic: true },
    4,
  );
  tableRows.push(n);

  n += 1;
  const noteRow = n + 1;
  band(
    ws,
    noteRow,
    1,
    last,
    `Ghi chú: sản lượng thu hoạch trong tuần = sản lượng của lô × số ngày của khung thu hoạch rơi vào tuần / tổng số ngày của khung; tồn đọng = lô đã hết khung thu hoạch đến hết ngày ${formatVietnameseDate(r.period.to)} mà còn chưa bán, tuổi tính từ ngày kết thúc thu hoạch; nhu cầu = yêu cầu thu mua có khung giao hàng trong tuần, tại xã/phường của bên mua; giá bình quân tính riêng từng sản phẩm (dòng "Cộng"), không cộng gộp các sản phẩm khác nhau.`,
    { italic: true, size: 10 },
    'left',
  );
  ws.getRow(noteRow).height = 30;
  signature(ws, noteRow + 2, last, s, tableRows);
}

/**
 * Người lập biểu and the head of the agency. When the table's end would leave the signature
 * alone on a page, the last rows of the table are moved to that page with it.
 */
function signature(ws: ExcelJS.Worksheet, at: number, last: number, s: OfficialDocumentSettings, tableRows: number[]) {
  const leftTo = Math.round(last * 0.3);
  const rightFrom = last - Math.round(last * 0.4) + 1;
  band(ws, at, 1, leftTo, 'NGƯỜI LẬP BIỂU', { bold: true });
  if (s.signerAuthority) band(ws, at - 1, rightFrom, last, s.signerAuthority.toUpperCase(), { bold: true });
  band(ws, at, rightFrom, last, s.signerTitle.toUpperCase(), { bold: true });
  band(ws, at + 1, 1, leftTo, '(Ký, ghi rõ họ tên)', { italic: true });
  band(ws, at + 1, rightFrom, last, '(Ký tên, đóng dấu)', { italic: true });
  for (const k of [2, 3, 4]) ws.getRow(at + k).height = 18;
  if (s.signerName) band(ws, at + 5, rightFrom, last, s.signerName, { bold: true });
  keepSignatureWithTable(ws, tableRows, at + 5);
}

function keepSignatureWithTable(ws: ExcelJS.Worksheet, tableRows: number[], blockTo: number) {
  const capacity = PRINTABLE.height / expectedScale(ws.columns.map((c) => c.width ?? 9));
  const heightOf = (n: number) => ws.getRow(n).height ?? 16;
  const [repeatFrom, repeatTo] = String(ws.pageSetup.printTitlesRow).split(':').map(Number);
  let repeated = 0;
  for (let n = repeatFrom; n <= repeatTo; n++) repeated += heightOf(n);
  // Where each row lands when the rows flow onto pages (the header rows repeat from page 2).
  let used = 0;
  let page = 1;
  const pageOf = new Map<number, number>();
  for (let n = 1; n <= blockTo; n++) {
    const h = heightOf(n);
    if (used + h > capacity) {
      page += 1;
      used = repeated;
    }
    used += h;
    pageOf.set(n, page);
  }
  const lastTablePage = pageOf.get(tableRows[tableRows.length - 1])!;
  // Kept together when the whole block fits on the table's last page with some room to spare.
  if (pageOf.get(blockTo)! === lastTablePage && used <= capacity * 0.95) return;
  // Break before the table's last data rows (at most the last three) so they go with the signature.
  const dataRows = tableRows.slice(0, -3);
  const breakBefore =
    dataRows.length > 3 ? dataRows[dataRows.length - 3] : tableRows[Math.max(0, tableRows.length - 4)];
  if (breakBefore && breakBefore > WEEKLY_XLSX_HEADER_ROW + 2) ws.getRow(breakBefore - 1).addPageBreak();
}

function forecastSheet(wb: ExcelJS.Workbook, r: WeeklyReport, s: OfficialDocumentSettings) {
  const cols = weeklyForecastXlsxColumns(r);
  const weeks = r.harvestForecast.weeks.length;
  const widths = [5, 14, 22, 22, ...Array(weeks).fill(12), 12, 12, 12];
  const head = 9;
  const ws = sheet(wb, WEEKLY_XLSX_SHEETS.forecast, widths, `${head}:${head + 1}`);
  documentHead(ws, r, s, cols.length, 'SẢN LƯỢNG DỰ KIẾN THU HOẠCH TỪ VÙNG SẢN XUẤT');
  band(ws, 8, 1, cols.length, 'Đơn vị tính: tấn', { italic: true, size: 11 }, 'right');
  headerRow(ws, head, cols, 48);
  const f = r.harvestForecast;
  const groups = new Map<
    string,
    { province: string; commune: string; product: string; byWeek: number[]; posted: number; unposted: number }
  >();
  for (const x of f.rows) {
    const k = `${x.provinceCode}|${x.communeId}|${x.product}`;
    const g = groups.get(k) ?? {
      province: x.provinceName ?? x.provinceCode ?? '',
      commune: communeCell(x),
      product: productLabel(x),
      byWeek: f.weeks.map(() => 0),
      posted: 0,
      unposted: 0,
    };
    g.byWeek[f.weeks.findIndex((w) => w.week === x.week)] += x.forecastKg;
    g.posted += x.postedKg;
    g.unposted += x.unpostedKg;
    groups.set(k, g);
  }
  const formats = [null, null, null, null, ...Array(weeks + 3).fill(TONNES)];
  let n = head + 1;
  [...groups.values()].forEach((g, i) => {
    dataRow(
      ws,
      ++n,
      [
        i + 1,
        g.province,
        g.commune,
        g.product,
        ...g.byWeek.map(kgToT),
        kgToT(g.byWeek.reduce((a, b) => a + b, 0)),
        kgToT(g.posted),
        kgToT(g.unposted),
      ],
      widths,
      formats,
    );
  });
  if (!groups.size)
    dataRow(
      ws,
      ++n,
      ['', 'Chưa có lịch thu hoạch của vùng sản xuất trong các tuần này', '', '', ...Array(weeks + 3).fill(null)],
      widths,
      formats,
      {},
      4,
    );
  dataRow(
    ws,
    ++n,
    [
      '',
      'TỔNG CỘNG',
      '',
      '',
      ...f.totalsByWeek.map((w) => kgToT(w.forecastKg)),
      kgToT(f.totals.forecastKg),
      kgToT(f.totals.postedKg),
      kgToT(f.totals.unpostedKg),
    ],
    widths,
    formats,
    { bold: true },
    4,
  );
  band(
    ws,
    n + 2,
    1,
    cols.length,
    'Dự kiến = diện tích khai báo × năng suất dự kiến, chia đều cho các ngày của khung thu hoạch; đã đăng bán = các lô hàng đăng trên vùng sản xuất đó; chưa đăng bán = phần dự kiến chưa có lô, không âm, tính riêng từng vùng.',
    { italic: true, size: 10 },
    'left',
  );
  ws.getRow(n + 2).height = 30;
}

/** Giá thị trường: the price section of the week (rows 1–3 the title and headers, data from row 4). */
function priceSheet(wb: ExcelJS.Workbook, r: WeeklyReport) {
  const widths = [5, 16, 34, 16, 16, 12, 14, 14, 12, 24];
  const ws = sheet(wb, WEEKLY_XLSX_SHEETS.prices, widths, '3:3');
  const last = WEEKLY_PRICE_XLSX_COLUMNS.length;
  const { week, year } = weekTitle(r);
  band(
    ws,
    1,
    1,
    last,
    `GIÁ THỊ TRƯỜNG TUẦN ${week} NĂM ${year} (từ ${formatVietnameseDate(r.period.from)} đến ${formatVietnameseDate(r.period.to)})${r.provinceName ? ` – ${r.provinceName}` : ''}`,
    { bold: true, size: 13 },
  );
  ws.getRow(1).height = 22;
  const head = ws.getRow(3);
  WEEKLY_PRICE_XLSX_COLUMNS.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = font({ bold: true, size: 10 });
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    c.border = boxed;
  });
  head.height = 36;
  const formats = [null, null, null, WHOLE, WHOLE, PERCENT, WHOLE, WHOLE, WHOLE, null];
  r.prices.items.forEach((p, i) => {
    dataRow(
      ws,
      4 + i,
      [
        i + 1,
        p.product,
        productLabel(p),
        p.priceVndPerKg,
        p.previousPriceVndPerKg,
        p.changePercent === null ? null : p.changePercent / 100,
        p.minPriceVndPerKg,
        p.maxPriceVndPerKg,
        p.observations,
        p.flagged ? `Biến động quá ${r.prices.thresholdPercent}%` : '',
      ],
      widths,
      formats,
    );
  });
  const note = 5 + r.prices.items.length;
  band(
    ws,
    note,
    1,
    last,
    r.prices.items.length
      ? 'Giá của tuần là trung vị các lần quan sát (một giá nhập nhầm không làm lệch con số của tuần).'
      : 'Không có quan sát giá nào trong tuần.',
    { italic: true, size: 10 },
    'left',
  );
}

function agencySheet(wb: ExcelJS.Workbook, r: WeeklyReport) {
  const widths = [5, 30, 11, 15, 40, 34, 34];
  const ws = sheet(wb, WEEKLY_XLSX_SHEETS.agencies, widths, '3:3');
  const last = WEEKLY_AGENCY_XLSX_COLUMNS.length;
  const { week, year } = weekTitle(r);
  band(ws, 1, 1, last, `BÁO CÁO CỦA CÁC SỞ, NGÀNH, ĐỊA PHƯƠNG TUẦN ${week} NĂM ${year}`, { bold: true, size: 13 });
  ws.getRow(1).height = 22;
  WEEKLY_AGENCY_XLSX_COLUMNS.forEach((h, i) => {
    const c = ws.getRow(3).getCell(i + 1);
    c.value = h;
    c.font = font({ bold: true, size: 10 });
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    c.border = boxed;
  });
  ws.getRow(3).height = 30;
  const a = r.agencyReports;
  let n = 3;
  const nulls = widths.map(() => null);
  for (const x of a.submitted)
    dataRow(
      ws,
      ++n,
      [n - 3, x.agencyName, 'Đã gửi', submittedText(x.submittedAt), x.situation, x.difficulties, x.proposals],
      widths,
      nulls,
    );
  for (const x of a.missing)
    dataRow(ws, ++n, [n - 3, x.agencyName, 'Chưa gửi', '', '', '', ''], widths, nulls, { italic: true });
  if (n === 3)
    band(ws, 4, 1, last, 'Chưa có báo cáo của các sở, ngành, địa phương.', { italic: true, size: 11 }, 'left');
}

function submittedText(at: string): string {
  const d = new Date(Date.parse(at) + 7 * 3600_000).toISOString();
  return `${d.slice(11, 16)} ${formatVietnameseDate(d.slice(0, 10))}`;
}
