import { AppConfig } from './app-config';
import { validateEnv } from './validate-env';

const base = { JWT_SECRET: 'test-secret-0123456789abcdef' };

describe('the weekly report settings (REPORT_*)', () => {
  it('defaults to the Sở Công Thương of An Giang reporting to the Sub-committee', () => {
    expect(new AppConfig(validateEnv(base)).officialReport).toEqual({
      parentAuthority: 'UBND TỈNH AN GIANG',
      agency: 'SỞ CÔNG THƯƠNG',
      agencyName: 'Sở Công Thương',
      place: 'An Giang',
      symbol: 'BC-SCT',
      recipients: ['Tiểu ban Hỗ trợ tiêu thụ nông sản tỉnh', 'Ủy ban nhân dân tỉnh An Giang'],
      copyTo: ['Giám đốc, các Phó Giám đốc Sở', 'Các sở, ngành, UBND các xã, phường, đặc khu (phối hợp)'],
      archive: 'VT, QLTM',
      planReference: 'Kế hoạch số 308/KH-TB',
      signerAuthority: null,
      signerTitle: 'GIÁM ĐỐC',
      signerName: null,
    });
  });

  it('takes another province, agency and signer, lists split on ";"', () => {
    const r = new AppConfig(
      validateEnv({
        ...base,
        REPORT_PARENT_AUTHORITY: 'UBND TỈNH ĐỒNG THÁP',
        REPORT_PLACE: 'Đồng Tháp',
        REPORT_RECIPIENTS: ' Tiểu ban Kinh tế ; UBND tỉnh Đồng Tháp;',
        REPORT_COPY_TO: '',
        REPORT_SIGNER_AUTHORITY: 'KT. GIÁM ĐỐC',
        REPORT_SIGNER_TITLE: 'PHÓ GIÁM ĐỐC',
        REPORT_SIGNER_NAME: 'Trần Thị B',
      }),
    ).officialReport;
    expect(r).toMatchObject({
      parentAuthority: 'UBND TỈNH ĐỒNG THÁP',
      place: 'Đồng Tháp',
      recipients: ['Tiểu ban Kinh tế', 'UBND tỉnh Đồng Tháp'],
      copyTo: [],
      signerAuthority: 'KT. GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      signerName: 'Trần Thị B',
    });
  });
});
