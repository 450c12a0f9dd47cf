import ExcelJS from 'exceljs';
import { formatVietnameseDate } from '../imports/cell-values';
import type { WeeklyReport, WeeklyTotals } from './reports.service';

/** Column layout of the sheet; the e2e test reads figures back by these headers. */
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
  'Đã kết nối tiêu thụ (tấn)',
  'Tồn đọng chưa tiêu thụ (tấn)',
  'Tồn kho cơ sở chế biến (tấn)',
  'Giá chào bán bình quân (đồng/kg)',
  'Giá giao dịch bình quân (đồng/kg)',
  'Số HTX hoạt động',
  'Số bên mua hoạt động',
] as const;

/** Row number of the column headers in the sheet (title block above). */
export const WEEKLY_XLSX_HEADER_ROW = 8;

/**
 * The weekly report laid out as a Vietnamese administrative report: agency
 * and national motto, title "BÁO CÁO TUẦN", period, units, header row, one row
 * per commune and product, a totals row and the week-on-week comparison.
 * Volumes in tấn (3 decimals, i.e. exact kg), prices in đồng/kg.
 */
export async function buildWeeklyReportXlsx(r: WeeklyReport, agency = 'SỞ CÔNG THƯƠNG'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'AgriLink';
  const ws = wb.addWorksheet(`Tuần ${r.week.slice(-2)}-${r.week.slice(0, 4)}`, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = WEEKLY_XLSX_COLUMNS.length;
  const band = (row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font> = {}) => {
    ws.mergeCells(row, from, row, to);
    const c = ws.getCell(row, from);
    c.value = text;
    c.font = { name: 'Times New Roman', size: 12, ...font };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  band(1, 1, 5, agency, { bold: true });
  band(1, 9, last, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  band(2, 1, 5, `Số: ....../BC-SCT`);
  band(2, 9, last, 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true });
  const [year, week] = [r.week.slice(0, 4), r.week.slice(-2)];
  band(4, 1, last, `BÁO CÁO TUẦN ${week} NĂM ${year}`, { bold: true, size: 14 });
  band(5, 1, last, `Tình hình thu hoạch, kết nối tiêu thụ nông sản (Kế hoạch 308/KH-TB)${r.province ? ` — tỉnh mã ${r.province}` : ''}`, { italic: true });
  band(6, 1, last, `Kỳ báo cáo: từ ngày ${formatVietnameseDate(r.period.from)} đến ngày ${formatVietnameseDate(r.period.to)} (${formatVietnameseDate(r.period.from)} – ${formatVietnameseDate(r.period.to)})`);
  ws.mergeCells(7, 1, 7, last);
  ws.getCell(7, 1).value = 'Đơn vị tính: khối lượng: tấn; giá: đồng/kg';
  ws.getCell(7, 1).alignment = { horizontal: 'right' };
  ws.getCell(7, 1).font = { name: 'Times New Roman', italic: true, size: 11 };

  const head = ws.getRow(WEEKLY_XLSX_HEADER_ROW);
  WEEKLY_XLSX_COLUMNS.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { name: 'Times New Roman', bold: true, size: 11 };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  head.height = 48;
  ws.columns.forEach((col, i) => (col.width = i === 0 ? 6 : i < 4 ? 22 : 15));

  const t = (kg: number) => kg / 1000;
  const figures = (x: WeeklyTotals) => [
    t(x.harvestedKg),
    ...[0, 1, 2, 3].map((i) => t(x.expectedKg[i]?.kg ?? 0)),
    t(x.connectedKg),
    t(x.backlogKg),
    t(x.inventoryKg),
    x.avgAskVndPerKg ?? '',
    x.avgDealVndPerKg ?? '',
    x.activeCooperatives,
    x.activeBuyers,
  ];
  let rowNo = WEEKLY_XLSX_HEADER_ROW;
  r.rows.forEach((row, i) => {
    ws.getRow(++rowNo).values = [i + 1, row.provinceName ?? row.provinceCode ?? '', row.communeName ?? '', row.productName ?? row.product, ...figures(row)];
  });
  const totalRow = ws.getRow(++rowNo);
  totalRow.values = ['', 'TỔNG CỘNG', '', '', ...figures(r.totals)];
  totalRow.font = { bold: true };
  const prevRow = ws.getRow(++rowNo);
  prevRow.values = ['', `Tuần trước (${r.previousWeek.week})`, '', '', ...figures(r.previousWeek.totals)];
  const pct = (k: keyof WeeklyReport['change']) => (r.change[k].percent === null ? '' : r.change[k].percent! / 100);
  const changeRow = ws.getRow(++rowNo);
  changeRow.values = ['', 'Tăng/giảm so với tuần trước (%)', '', '', pct('harvestedKg'), '', '', '', '', pct('connectedKg'), pct('backlogKg'), pct('inventoryKg'), pct('avgAskVndPerKg'), pct('avgDealVndPerKg'), pct('activeCooperatives'), pct('activeBuyers')];
  changeRow.font = { italic: true };

  for (let n = WEEKLY_XLSX_HEADER_ROW + 1; n <= rowNo; n++) {
    const row = ws.getRow(n);
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      if (c >= 5 && c <= 12) cell.numFmt = n === rowNo ? '0.0%' : '#,##0.000';
      if (c >= 13 && c <= 14) cell.numFmt = n === rowNo ? '0.0%' : '#,##0';
      if (c >= 15) cell.numFmt = n === rowNo ? '0.0%' : '#,##0';
    }
  }
  for (let c = 1; c <= last; c++) head.getCell(c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

  rowNo += 2;
  ws.mergeCells(rowNo, 1, rowNo, last);
  ws.getCell(rowNo, 1).value = `Ghi chú: sản lượng thu hoạch trong tuần = sản lượng của lô × số ngày của khung thu hoạch rơi vào tuần / tổng số ngày của khung; tồn đọng = lô đã hết khung thu hoạch đến hết ngày ${formatVietnameseDate(r.period.to)} mà còn chưa bán.`;
  ws.getCell(rowNo, 1).alignment = { wrapText: true };
  ws.getRow(rowNo).height = 32;
  rowNo += 2;
  band(rowNo, 1, 5, 'NGƯỜI LẬP BIỂU', { bold: true });
  band(rowNo, 11, last, 'GIÁM ĐỐC', { bold: true });
  band(rowNo + 1, 1, 5, '(Ký, ghi rõ họ tên)', { italic: true });
  band(rowNo + 1, 11, last, '(Ký tên, đóng dấu)', { italic: true });
  addPriceSheet(wb, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

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

/** Giá thị trường: the price section of the week, on its own sheet. */
function addPriceSheet(wb: ExcelJS.Workbook, r: WeeklyReport): void {
  const ws = wb.addWorksheet('Giá thị trường', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, WEEKLY_PRICE_XLSX_COLUMNS.length);
  ws.getCell(1, 1).value = `GIÁ THỊ TRƯỜNG TUẦN ${r.week.slice(-2)} NĂM ${r.week.slice(0, 4)} (từ ${formatVietnameseDate(r.period.from)} đến ${formatVietnameseDate(r.period.to)})`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const head = ws.getRow(3);
  head.values = [...WEEKLY_PRICE_XLSX_COLUMNS];
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.columns = WEEKLY_PRICE_XLSX_COLUMNS.map((h, i) => ({ width: i === 2 ? 34 : i === 0 ? 6 : Math.max(14, Math.min(24, h.length)) }));
  r.prices.items.forEach((p, i) => {
    const row = ws.getRow(4 + i);
    row.values = [i + 1, p.product, p.productName ?? p.product, p.priceVndPerKg, p.previousPriceVndPerKg, p.changePercent === null ? null : p.changePercent / 100, p.minPriceVndPerKg, p.maxPriceVndPerKg, p.observations, p.flagged ? `Biến động quá ${r.prices.thresholdPercent}%` : ''];
    for (const c of [4, 5, 7, 8]) row.getCell(c).numFmt = '#,##0';
    row.getCell(6).numFmt = '0.0%';
  });
  const note = 5 + r.prices.items.length;
  ws.mergeCells(note, 1, note, WEEKLY_PRICE_XLSX_COLUMNS.length);
  ws.getCell(note, 1).value = r.prices.items.length
    ? 'Giá của tuần là trung vị các lần quan sát (một giá nhập nhầm không làm lệch con số của tuần).'
    : 'Không có quan sát giá nào trong tuần.';
  ws.getCell(note, 1).font = { italic: true };
}
