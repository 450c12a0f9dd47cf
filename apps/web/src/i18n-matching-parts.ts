// Strings of a matching run's parts (issue 17: a run fanned out over workers), spread into i18n.ts.
export const matchingPartsVi = {
  runParts: 'Các phần của lượt (mỗi mặt hàng một phần, máy nào rảnh thì giải)',
  runPartLine: '{product}: {status} · máy {worker} · {seconds} giây',
  runPartRetried: ' · giải lại lần {attempts}',
  runPartWaiting: 'chưa có máy nhận',
  runPartWarm: ' · khởi động ấm từ lượt trước ({pairs} cặp dùng lại)',
  runPartError: ' · lỗi: {error}',
};

export const matchingPartsEn: Record<keyof typeof matchingPartsVi, string> = {
  runParts: 'Parts of the run (one per product, solved by whichever worker is free)',
  runPartLine: '{product}: {status} · worker {worker} · {seconds} s',
  runPartRetried: ' · solved again, attempt {attempts}',
  runPartWaiting: 'not taken yet',
  runPartWarm: ' · warm start from the previous run ({pairs} pairs reused)',
  runPartError: ' · error: {error}',
};
