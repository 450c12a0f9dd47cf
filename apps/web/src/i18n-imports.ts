// Strings of an import's result: what it did to the records (issue 16, item 2), spread into i18n.ts.
export const importsVi = {
  rowsInserted: 'Bản ghi mới',
  rowsUpdated: 'Đã có, được sửa theo tệp',
};

export const importsEn: typeof importsVi = {
  rowsInserted: 'New records',
  rowsUpdated: 'Already there, corrected from the file',
};
