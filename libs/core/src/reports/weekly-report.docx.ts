import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip as mm,
  Document,
  Header,
  HeightRule,
  ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { WeeklyReport, WeeklyTotals } from './weekly-report.types';
import {
  documentSummary,
  formatViNumber,
  numberAndSymbol,
  OfficialDocumentSettings,
  percentText,
  periodText,
  placeAndDate,
  placeName,
  productLabel,
  weekTitle,
  weeklyNarrative,
} from './weekly-report.document';

/**
 * The weekly report of the Sở Công Thương as an administrative document laid out as
 * Decree 30/2020/NĐ-CP (Appendix I) fixes it: A4, margins top/bottom 20 mm, left 30 mm,
 * right 15 mm; Times New Roman; the header block (parent authority and agency, number
 * and symbol; national motto; place and date), kind and summary, "Kính gửi", the body,
 * "Nơi nhận" and the signature; page numbers centred in the top margin from page 2.
 * The statistics follow as an annex on landscape pages, as tables whose header rows
 * repeat on every page. Sizes are half-points (28 = 14 pt).
 */
export async function buildWeeklyReportDocx(r: WeeklyReport, s: OfficialDocumentSettings): Promise<Buffer> {
  const doc = new Document({
    creator: s.agencyName,
    title: `Báo cáo tuần ${r.week}`,
    description: documentSummary(r),
    styles: {
      default: { document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { after: 0, line: 240 } } } },
    },
    sections: [letterSection(r, s), annexSection(r, s)],
  });
  return Packer.toBuffer(doc);
}

const FONT = 'Times New Roman';
// A4 in twips, portrait.
const A4 = { width: 11906, height: 16838 };
const PORTRAIT_TEXT_WIDTH = A4.width - mm(30) - mm(15);
const LANDSCAPE_MARGIN = { top: mm(20), bottom: mm(15), left: mm(20), right: mm(15) };
const LANDSCAPE_TEXT_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;

type RunOpts = { bold?: boolean; italics?: boolean; size?: number; underline?: boolean };
const run = (text: string, o: RunOpts = {}) =>
  new TextRun({ text, bold: o.bold, italics: o.italics, size: o.size, underline: o.underline ? {} : undefined });

const centred = (text: string, o: RunOpts & { after?: number; before?: number; keepNext?: boolean } = {}) =>
  // A little over single spacing: Vietnamese stacked marks (Ổ, Ỗ) need the room.
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: 276 },
    keepNext: o.keepNext,
    children: [run(text, o)],
  });

/**
 * The short solid line Decree 30 draws under the agency's name, the motto and the summary:
 * a bottom border on an empty paragraph, indented so it has the given length, centred.
 */
const rule = (cellWidth: number, length: number, after = 0) => {
  const side = Math.max(0, Math.round((cellWidth - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 40, after, line: 80, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 2 })],
  });
};

const noBorders = TableBorders.NONE;

function headerBlock(s: OfficialDocumentSettings): Table {
  const left = mm(72);
  const right = PORTRAIT_TEXT_WIDTH - left;
  const cell = (width: number, children: Paragraph[]) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: noBorders,
      margins: { left: 0, right: 0 },
      children,
    });
  return new Table({
    width: { size: PORTRAIT_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(left, [
            centred(s.parentAuthority.toUpperCase(), { size: 26 }),
            centred(s.agency.toUpperCase(), { bold: true, size: 26 }),
            rule(left, mm(24), 160),
            centred(numberAndSymbol(s), { size: 26 }),
          ]),
          cell(right, [
            centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 }),
            centred('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 26 }),
            rule(right, mm(59), 160),
            centred(placeAndDate(s.place, s.issuedOn), { italics: true, size: 26 }),
          ]),
        ],
      }),
    ],
  });
}

function body(
  text: string,
  o: { bold?: boolean; italics?: boolean; keepNext?: boolean; indent?: boolean } = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: mm(12.7) },
    spacing: { before: 0, after: 120, line: 288 },
    keepNext: o.keepNext,
    children: [run(text, { bold: o.bold, italics: o.italics, size: 28 })],
  });
}

function recipients(s: OfficialDocumentSettings): Paragraph[] {
  if (s.recipients.length <= 1)
    return [centred(`Kính gửi: ${s.recipients[0] ?? ''}.`, { size: 28, before: 120, after: 240 })];
  // Several addressees: "Kính gửi:" then one line each, aligned after it.
  const at = mm(52);
  return s.recipients.map(
    (name, i) =>
      new Paragraph({
        indent: { left: at, hanging: i === 0 ? mm(25) : 0 },
        spacing: { before: i === 0 ? 120 : 0, after: i === s.recipients.length - 1 ? 240 : 0, line: 264 },
        tabStops: [{ type: 'left', position: at }],
        children: [
          run(`${i === 0 ? 'Kính gửi:\t' : ''}- ${name}${i === s.recipients.length - 1 ? '.' : ';'}`, { size: 28 }),
        ],
      }),
  );
}

/** Nơi nhận (left) and the signature (right), in one row that never splits across pages. */
function closingBlock(s: OfficialDocumentSettings): Table {
  const left = mm(80);
  const right = PORTRAIT_TEXT_WIDTH - left;
  const copy = [`- Như trên;`, ...s.copyTo.map((c) => `- ${c};`), `- Lưu: ${s.archive}.`];
  const signer: Paragraph[] = [];
  if (s.signerAuthority)
    signer.push(centred(s.signerAuthority.toUpperCase(), { bold: true, size: 28, keepNext: true }));
  signer.push(centred(s.signerTitle.toUpperCase(), { bold: true, size: 28, keepNext: true }));
  // Room for the signature and the seal.
  for (let i = 0; i < 4; i++) signer.push(centred('', { size: 28, keepNext: true }));
  signer.push(centred(s.signerName ?? '', { bold: true, size: 28 }));
  return new Table({
    width: { size: PORTRAIT_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: left, type: WidthType.DXA },
            borders: noBorders,
            margins: { left: 0, right: 0 },
            children: [
              new Paragraph({
                spacing: { before: 0 },
                keepNext: true,
                children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })],
              }),
              ...copy.map((c) => new Paragraph({ keepNext: true, children: [run(c, { size: 22 })] })),
            ],
          }),
          new TableCell({
            width: { size: right, type: WidthType.DXA },
            borders: noBorders,
            margins: { left: 0, right: 0 },
            children: signer,
          }),
        ],
      }),
    ],
  });
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: 26 })],
      }),
    ],
  });
}

function letterSection(r: WeeklyReport, s: OfficialDocumentSettings): ISectionOptions {
  const n = weeklyNarrative(r, s);
  const paragraphs: Paragraph[] = [body(n.opening)];
  n.sections.forEach((sec, i) => {
    paragraphs.push(body(sec.heading, { bold: true, keepNext: true }));
    // The last words of the body go with the signature, so it never stands alone on a page.
    const last = i === n.sections.length - 1;
    sec.paragraphs.forEach((p, j) => paragraphs.push(body(p, { keepNext: last && j === sec.paragraphs.length - 1 })));
  });
  paragraphs.push(body(n.closing, { keepNext: true }));
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: A4.width, height: A4.height },
        margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) },
      },
    },
    headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({ children: [] })] }) },
    children: [
      headerBlock(s),
      centred('BÁO CÁO', { bold: true, size: 28, before: 360 }),
      centred(documentSummary(r), { bold: true, size: 28 }),
      centred(`(${periodText(r)})`, { italics: true, size: 28 }),
      rule(PORTRAIT_TEXT_WIDTH, mm(45), 0),
      ...recipients(s),
      ...paragraphs,
      centred('', { size: 24, keepNext: true }),
      closingBlock(s),
    ],
  };
}

// ---------- the annex (phụ lục) ----------

interface Col {
  title: string;
  /** mm */
  width: number;
  numeric?: boolean;
}

const cellMargins = { top: 30, bottom: 30, left: 70, right: 70 };
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const gridBorders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function tableOf(cols: Col[], rows: Array<{ cells: string[]; bold?: boolean; italics?: boolean }>, size = 22): Table {
  const total = cols.reduce((t, c) => t + c.width, 0);
  const widths = cols.map((c) => Math.floor((c.width / total) * LANDSCAPE_TEXT_WIDTH));
  const cellOf = (text: string, i: number, o: { bold?: boolean; italics?: boolean; head?: boolean }) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      margins: cellMargins,
      verticalAlign: VerticalAlign.CENTER,
      shading: o.head ? { fill: 'E7EEF7', type: 'clear', color: 'auto' } : undefined,
      children: [
        new Paragraph({
          alignment: o.head
            ? AlignmentType.CENTER
            : cols[i].numeric
              ? AlignmentType.RIGHT
              : i === 0
                ? AlignmentType.CENTER
                : AlignmentType.LEFT,
          children: [run(text, { bold: o.bold || o.head, italics: o.italics, size })],
        }),
      ],
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: gridBorders,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        height: { value: mm(9), rule: HeightRule.ATLEAST },
        children: cols.map((c, i) => cellOf(c.title, i, { head: true })),
      }),
      // Column numbers under the titles, as statistical forms carry them.
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cols.map((_, i) => cellOf(`(${i + 1})`, i, { head: true, italics: true })),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.cells.map((text, i) => cellOf(text, i, { bold: row.bold, italics: row.italics })),
          }),
      ),
    ],
  });
}

/** Tấn with three decimals (exact to the kilogram), as in the .xlsx annex; "-" for none, as statistical tables write it. */
export const annexTonnes = (kg: number) => (kg === 0 ? '-' : formatViNumber(kg / 1000, 3));
const price = (v: number | null) => (v === null ? '' : formatViNumber(v));
const days = (v: number | null) => (v === null ? '' : String(v));
const pct = (v: number | null) => (v === null ? '' : percentText(v));

export const DOCX_PRODUCT_TABLE_COLUMNS: Col[] = [
  { title: 'TT', width: 9 },
  { title: 'Sản phẩm', width: 38 },
  { title: 'Thu hoạch trong tuần', width: 19, numeric: true },
  { title: 'Dự kiến 4 tuần tới', width: 19, numeric: true },
  { title: 'Nhu cầu thu mua', width: 19, numeric: true },
  { title: 'Nhu cầu chưa đáp ứng', width: 19, numeric: true },
  { title: 'Đã kết nối tiêu thụ', width: 19, numeric: true },
  { title: 'Đã giao nhận', width: 18, numeric: true },
  { title: 'Tồn đọng chưa tiêu thụ', width: 19, numeric: true },
  { title: 'Tồn đọng lâu nhất (ngày)', width: 15, numeric: true },
  { title: 'Tồn kho cơ sở chế biến', width: 18, numeric: true },
  { title: 'Giá chào bán bình quân', width: 17, numeric: true },
  { title: 'Giá giao dịch bình quân', width: 17, numeric: true },
];

const productFigures = (x: WeeklyTotals, withPrices: boolean) => [
  annexTonnes(x.harvestedKg),
  annexTonnes(x.expectedNext4WeeksKg),
  annexTonnes(x.requestedKg),
  annexTonnes(x.unmetDemandKg),
  annexTonnes(x.connectedKg),
  annexTonnes(x.deliveredKg),
  annexTonnes(x.backlogKg),
  days(x.backlogOldestDays),
  annexTonnes(x.inventoryKg),
  withPrices ? price(x.avgAskVndPerKg) : '',
  withPrices ? price(x.avgDealVndPerKg) : '',
];

export const DOCX_DETAIL_TABLE_COLUMNS: Col[] = [
  { title: 'TT', width: 9 },
  { title: 'Xã/phường, tỉnh/thành phố', width: 46 },
  { title: 'Sản phẩm', width: 32 },
  { title: 'Thu hoạch trong tuần', width: 18, numeric: true },
  { title: 'Dự kiến 4 tuần tới', width: 18, numeric: true },
  { title: 'Nhu cầu thu mua', width: 18, numeric: true },
  { title: 'Nhu cầu chưa đáp ứng', width: 18, numeric: true },
  { title: 'Đã kết nối tiêu thụ', width: 18, numeric: true },
  { title: 'Tồn đọng chưa tiêu thụ', width: 18, numeric: true },
  { title: 'Tồn đọng lâu nhất (ngày)', width: 14, numeric: true },
  { title: 'Tồn kho cơ sở chế biến', width: 17, numeric: true },
  { title: 'Giá chào bán bình quân', width: 16, numeric: true },
];

function annexSection(r: WeeklyReport, s: OfficialDocumentSettings): ISectionOptions {
  const { week, year } = weekTitle(r);
  const heading = (text: string) =>
    new Paragraph({
      spacing: { before: 240, after: 80 },
      keepNext: true,
      children: [run(text, { bold: true, size: 26 })],
    });
  const note = (text: string) =>
    new Paragraph({ spacing: { before: 60, after: 0 }, children: [run(text, { italics: true, size: 22 })] });
  const children: Array<Paragraph | Table> = [
    centred('Phụ lục', { bold: true, size: 28 }),
    centred(`SỐ LIỆU THU HOẠCH, KẾT NỐI TIÊU THỤ NÔNG SẢN TUẦN ${week} NĂM ${year}`, { bold: true, size: 28 }),
    centred(
      `(Kèm theo Báo cáo ${numberAndSymbol(s).replace(/^Số:/, 'số')} ${placeAndDate(s.place, s.issuedOn).replace(/^[^,]*, /, '')} của ${s.agencyName})`,
      { italics: true, size: 26 },
    ),
    rule(LANDSCAPE_TEXT_WIDTH, mm(50), 120),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [run('Đơn vị tính: khối lượng: tấn; giá: đồng/kg', { italics: true, size: 22 })],
    }),
  ];

  // 1. By product: the only level where an average price is meaningful.
  children.push(heading('1. Tổng hợp theo sản phẩm'));
  const productRows = r.byProduct.map((x, i) => ({
    cells: [String(i + 1), productLabel(x), ...productFigures(x, true)],
  }));
  const ch = (k: keyof WeeklyReport['change']) => pct(r.change[k].percent);
  children.push(
    tableOf(DOCX_PRODUCT_TABLE_COLUMNS, [
      ...productRows,
      { cells: ['', 'Tổng cộng', ...productFigures(r.totals, false)], bold: true },
      {
        cells: [
          '',
          `Tuần trước (tuần ${Number(r.previousWeek.week.slice(-2))}, ${shortPeriod(r.previousWeek.period)})`,
          ...productFigures(r.previousWeek.totals, false),
        ],
        italics: true,
      },
      {
        cells: [
          '',
          'Tăng/giảm so với tuần trước',
          ch('harvestedKg'),
          '',
          ch('requestedKg'),
          ch('unmetDemandKg'),
          ch('connectedKg'),
          '',
          ch('backlogKg'),
          '',
          ch('inventoryKg'),
          '',
          '',
        ],
        italics: true,
      },
    ]),
  );
  children.push(
    note(
      'Giá bình quân tính riêng cho từng sản phẩm (theo khối lượng); dòng tổng cộng không cộng gộp giá của các sản phẩm khác nhau.',
    ),
  );

  // 2. By commune and product.
  children.push(heading('2. Chi tiết theo xã/phường và sản phẩm'));
  children.push(
    tableOf(
      DOCX_DETAIL_TABLE_COLUMNS.map((c, i) => (i === 1 && r.province ? { ...c, title: 'Xã/phường' } : c)),
      r.rows.length
        ? r.rows.map((x, i) => ({
            cells: [
              String(i + 1),
              placeName(x, r.province),
              productLabel(x),
              annexTonnes(x.harvestedKg),
              annexTonnes(x.expectedNext4WeeksKg),
              annexTonnes(x.requestedKg),
              annexTonnes(x.unmetDemandKg),
              annexTonnes(x.connectedKg),
              annexTonnes(x.backlogKg),
              days(x.backlogOldestDays),
              annexTonnes(x.inventoryKg),
              price(x.avgAskVndPerKg),
            ],
          }))
        : [{ cells: ['', 'Không có số liệu trong tuần', ...DOCX_DETAIL_TABLE_COLUMNS.slice(2).map(() => '')] }],
    ),
  );
  children.push(
    note(
      `Tồn đọng: lô đã hết khung thu hoạch đến hết ngày ${shortViDate2(r.period.to)} mà còn chưa bán; số ngày tính từ ngày kết thúc thu hoạch. Nhu cầu: yêu cầu thu mua có khung giao hàng trong tuần, tính tại xã/phường của bên mua.`,
    ),
  );

  // 3. Harvest forecast from the production areas.
  const f = r.harvestForecast;
  children.push(heading('3. Sản lượng dự kiến thu hoạch từ vùng sản xuất'));
  const fcols: Col[] = [
    { title: 'TT', width: 9 },
    { title: r.province ? 'Xã/phường' : 'Xã/phường, tỉnh/thành phố', width: 40 },
    { title: 'Sản phẩm', width: 38 },
    ...f.weeks.map((w) => ({
      title: `Tuần ${Number(w.week.slice(-2))} (${shortViDate2(w.from).slice(0, 5)}–${shortViDate2(w.to).slice(0, 5)})`,
      width: 19,
      numeric: true,
    })),
    { title: 'Cộng dự kiến', width: 19, numeric: true },
    { title: 'Đã đăng bán', width: 19, numeric: true },
    { title: 'Chưa đăng bán', width: 19, numeric: true },
  ];
  const groups = new Map<
    string,
    { place: string; product: string; byWeek: number[]; posted: number; unposted: number }
  >();
  for (const x of f.rows) {
    const k = `${x.provinceCode}|${x.communeId}|${x.product}`;
    const g = groups.get(k) ?? {
      place: placeName(x, r.province),
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
  const frows = [...groups.values()].map((g, i) => ({
    cells: [
      String(i + 1),
      g.place,
      g.product,
      ...g.byWeek.map(annexTonnes),
      annexTonnes(g.byWeek.reduce((a, b) => a + b, 0)),
      annexTonnes(g.posted),
      annexTonnes(g.unposted),
    ],
  }));
  children.push(
    tableOf(fcols, [
      ...(frows.length
        ? frows
        : [
            {
              cells: [
                '',
                'Chưa có lịch thu hoạch của vùng sản xuất trong các tuần này',
                ...fcols.slice(2).map(() => ''),
              ],
            },
          ]),
      {
        cells: [
          '',
          'Tổng cộng',
          '',
          ...f.totalsByWeek.map((w) => annexTonnes(w.forecastKg)),
          annexTonnes(f.totals.forecastKg),
          annexTonnes(f.totals.postedKg),
          annexTonnes(f.totals.unpostedKg),
        ],
        bold: true,
      },
    ]),
  );
  children.push(
    note(
      'Dự kiến = diện tích khai báo × năng suất dự kiến, chia đều cho các ngày của khung thu hoạch; đã đăng bán = các lô hàng đăng trên vùng sản xuất đó; chưa đăng bán không âm.',
    ),
  );

  // 4. Market prices.
  children.push(heading('4. Giá thị trường'));
  const pcols: Col[] = [
    { title: 'TT', width: 9 },
    { title: 'Sản phẩm', width: 50 },
    { title: 'Giá tuần này (trung vị)', width: 24, numeric: true },
    { title: 'Giá tuần trước (trung vị)', width: 24, numeric: true },
    { title: 'Tăng/giảm', width: 18, numeric: true },
    { title: 'Thấp nhất', width: 20, numeric: true },
    { title: 'Cao nhất', width: 20, numeric: true },
    { title: 'Số lần khảo sát', width: 18, numeric: true },
    { title: 'Cảnh báo', width: 40 },
  ];
  children.push(
    tableOf(
      pcols,
      r.prices.items.length
        ? r.prices.items.map((x, i) => ({
            cells: [
              String(i + 1),
              productLabel(x),
              price(x.priceVndPerKg),
              price(x.previousPriceVndPerKg),
              pct(x.changePercent),
              price(x.minPriceVndPerKg),
              price(x.maxPriceVndPerKg),
              String(x.observations),
              x.flagged ? `Biến động quá ${r.prices.thresholdPercent}%` : '',
            ],
          }))
        : [{ cells: ['', 'Không có quan sát giá nào trong tuần', ...pcols.slice(2).map(() => '')] }],
    ),
  );
  children.push(
    note('Giá của tuần là trung vị các lần khảo sát, nên một giá nhập nhầm không làm lệch con số của tuần.'),
  );

  // 5. The agencies' reports: who has sent one.
  const a = r.agencyReports;
  children.push(heading('5. Tình hình gửi báo cáo của các sở, ngành, địa phương'));
  if (!a.submitted.length && !a.missing.length) children.push(note('Chưa có báo cáo của các sở, ngành, địa phương.'));
  else {
    children.push(
      tableOf(
        [
          { title: 'TT', width: 9 },
          { title: 'Cơ quan, đơn vị', width: 120 },
          { title: 'Tình trạng', width: 40 },
          { title: 'Thời điểm gửi', width: 40 },
        ],
        [
          ...a.submitted.map((x) => ({
            cells: [x.agencyName, 'Đã gửi', x.submittedAt ? formatSubmitted(x.submittedAt) : ''],
          })),
          ...a.missing.map((x) => ({ cells: [x.agencyName, 'Chưa gửi', ''], italics: true })),
        ].map((row, i) => ({ ...row, cells: [String(i + 1), ...row.cells] })),
      ),
    );
  }
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
        margin: { ...LANDSCAPE_MARGIN, header: mm(8), footer: mm(8) },
      },
    },
    headers: { default: pageNumberHeader() },
    children,
  };
}

function shortViDate2(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function shortPeriod(p: { from: string; to: string }): string {
  return `${shortViDate2(p.from).slice(0, 5)}–${shortViDate2(p.to)}`;
}

function formatSubmitted(at: string): string {
  // Việt Nam time, UTC+7 all year.
  const d = new Date(Date.parse(at) + 7 * 3600_000).toISOString();
  return `${d.slice(11, 16)} ${shortViDate2(d.slice(0, 10))}`;
}
