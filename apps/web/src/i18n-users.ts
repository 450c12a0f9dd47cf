// Strings of the admin's staff-and-provinces screen (issue 17 item 1: provinces as tenants), spread into i18n.ts.
export const usersVi = {
  tabStaffProvinces: 'Cán bộ và địa bàn',
  spTitle: 'Cán bộ và địa bàn phụ trách',
  spIntro:
    'Cán bộ gắn với tỉnh, thành phố chỉ ghép nối, xác nhận giao dịch, quản lý vùng và xem báo cáo của các tỉnh đó. Không chọn tỉnh nào: cán bộ toàn quốc (Bộ).',
  spNewTitle: 'Thêm cán bộ',
  spEmail: 'Email',
  spPassword: 'Mật khẩu',
  spName: 'Họ tên',
  spProvinces: 'Tỉnh, thành phố phụ trách',
  spCreate: 'Tạo tài khoản cán bộ',
  spCreated: 'Đã tạo tài khoản {email}',
  spSave: 'Lưu địa bàn',
  spSaved: 'Đã lưu địa bàn của {email}',
  spNational: 'Toàn quốc',
  spNone: 'Chưa có cán bộ nào',
  spErrEmail: 'Nhập email hợp lệ',
  spErrPassword: 'Mật khẩu ít nhất 8 ký tự',
};

export const usersEn: Record<keyof typeof usersVi, string> = {
  tabStaffProvinces: 'Staff and provinces',
  spTitle: 'Staff and the provinces they work for',
  spIntro:
    'Staff bound to provinces run matching, confirm deals, manage zones and read reports of those provinces only. No province: national staff (the ministry).',
  spNewTitle: 'New staff member',
  spEmail: 'E-mail',
  spPassword: 'Password',
  spName: 'Name',
  spProvinces: 'Provinces they work for',
  spCreate: 'Create staff account',
  spCreated: 'Account {email} created',
  spSave: 'Save provinces',
  spSaved: 'Provinces of {email} saved',
  spNational: 'National',
  spNone: 'No staff yet',
  spErrEmail: 'Enter a valid e-mail',
  spErrPassword: 'At least 8 characters',
};
