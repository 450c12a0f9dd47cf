// Strings of the weekly report downloads (issue 13 item 4), merged into i18n.ts.
export const weeklyReportVi = {
  downloadReportDocx: 'Tải báo cáo tuần (Word, trình ký)',
  downloadReportDocxHint: 'Văn bản báo cáo của Sở theo Nghị định 30/2020/NĐ-CP, kèm phụ lục số liệu',
};

export const weeklyReportEn: Record<keyof typeof weeklyReportVi, string> = {
  downloadReportDocx: 'Download weekly report (Word, for signature)',
  downloadReportDocxHint: "The Department's report laid out per Decree 30/2020/NĐ-CP, with the figures as an annex",
};
