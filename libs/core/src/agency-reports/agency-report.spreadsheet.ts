import ExcelJS from 'exceljs';
import { DomainError } from '../common/domain-error';
import { foldVietnamese } from '../common/vietnamese-text';
import { cellText, isBlank, parseWholeNumber } from '../imports/cell-values';
import type { Sheet } from '../imports/sheet';
import type { AgencyReportInput, AgencyReportLineInput } from './agency-report.rules';

/**
 * The weekly report as a spreadsheet (mẫu báo cáo tuần): one row per text (Tình hình, Khó khăn,
 * Đề xuất) with the text in the last column, then one row per product with its figures. It is
 * one document, not rows of records, so it is uploaded on the report itself
 * (PUT /agency-reports/{week}/spreadsheet) rather than through the queued imports; the same
 * rules (normalizeAgencyReport) then apply as to the form.
 */
export const AGENCY_REPORT_HEADERS = [
  'Mục',
  'Mã sản phẩm',
  'Đã thu hoạch (kg)',
  'Đã tiêu thụ (kg)',
  'Tồn đọng (kg)',
  'Nội dung / ghi chú',
] as const;

const TEXT_ROWS: Array<[label: string, field: 'situation' | 'difficulties' | 'proposals']> = [
  ['Tình hình', 'situation'],
  ['Khó khăn, vướng mắc', 'difficulties'],
  ['Đề xuất, kiến nghị', 'proposals'],
];
const FIGURES_LABEL = 'Số liệu';

export async function agencyReportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo tuần');
  ws.addRow([...AGENCY_REPORT_HEADERS]).font = { bold: true };
  for (const [label] of TEXT_ROWS) ws.addRow([label, '', '', '', '', '']);
  ws.addRow([FIGURES_LABEL, 'LUA_ST', 0, 0, 0, 'Ví dụ: xóa hoặc sửa dòng này']);
  ws.addRow([FIGURES_LABEL, '', '', '', '', 'Dòng không có mã sản phẩm: tổng của cơ quan']);
  ws.columns = [{ width: 22 }, { width: 16 }, { width: 18 }, { width: 18 }, { width: 16 }, { width: 80 }];
  ws.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report a filled-in template holds; a cell that cannot be read names its address. */
export function agencyReportFromSheet(sheet: Sheet): AgencyReportInput {
  const headers = sheet.headers.map((h) => foldVietnamese(h));
  const expected = AGENCY_REPORT_HEADERS.map((h) => foldVietnamese(h));
  if (expected.some((h, i) => headers[i] !== h)) {
    throw new DomainError(
      'validation',
      'IMPORT.WRONG_HEADERS',
      `the first row must be: ${AGENCY_REPORT_HEADERS.join(' | ')}`,
      [{ field: 'file', message: `expected headers ${AGENCY_REPORT_HEADERS.join(', ')}` }],
    );
  }
  const input: AgencyReportInput = { situation: '', difficulties: '', proposals: '', lines: [] };
  const lines: AgencyReportLineInput[] = [];
  for (const row of sheet.rows) {
    if (row.formulaCells.length) {
      const f = row.formulaCells[0];
      throw DomainError.invalid(
        'AGENCY_REPORT.SPREADSHEET_FORMULA',
        'file',
        `cell ${f.address} holds a formula (${f.formula}); save the values`,
      );
    }
    const label = foldVietnamese(cellText(row.cells[0] ?? null));
    const text = cellText(row.cells[5] ?? null);
    const textRow = TEXT_ROWS.find(
      ([l]) =>
        foldVietnamese(l) === label ||
        foldVietnamese(l).startsWith(label + ',') ||
        (label && foldVietnamese(l).split(',')[0] === label),
    );
    if (textRow) {
      input[textRow[1]] = [input[textRow[1]], text].filter(Boolean).join('\n');
      continue;
    }
    if (label && label !== foldVietnamese(FIGURES_LABEL)) {
      throw DomainError.invalid(
        'AGENCY_REPORT.SPREADSHEET_ROW',
        'file',
        `row ${row.rowNumber}: column A must be one of ${[...TEXT_ROWS.map(([l]) => l), FIGURES_LABEL].join(', ')}`,
      );
    }
    const figures = [2, 3, 4].map((c) => row.cells[c] ?? null);
    if (figures.every(isBlank) && isBlank(row.cells[1] ?? null)) continue;
    const line: AgencyReportLineInput = { productCode: cellText(row.cells[1] ?? null) || null, note: text || null };
    (['harvestedKg', 'soldKg', 'backlogKg'] as const).forEach((f, i) => {
      const v = figures[i];
      if (isBlank(v)) return;
      const parsed = parseWholeNumber(v, { min: 0 });
      if (!parsed.ok)
        throw DomainError.invalid(
          'AGENCY_REPORT.INVALID_KG',
          'file',
          `cell ${'CDE'[i]}${row.rowNumber}: ${parsed.message}`,
        );
      line[f] = parsed.value;
    });
    lines.push(line);
  }
  input.lines = lines;
  return input;
}
