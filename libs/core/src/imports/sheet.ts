import type { CellValue } from './cell-values';

// A parsed sheet, whatever the file's format: the readers produce it, the import kinds read it.

export interface SheetRow {
  /** 1-based spreadsheet row number (the header is row 1). */
  rowNumber: number;
  /** Values by 0-based column index. */
  cells: CellValue[];
  /** Cells holding a formula: rejected, the sheet must carry values (see ImportsService). */
  formulaCells: Array<{ column: number; address: string; formula: string }>;
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** A 0-based column index as Excel names it: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
