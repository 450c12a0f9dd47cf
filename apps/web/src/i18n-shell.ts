// The app's frame: the menu, the bottom sheet on a phone, the loading of a screen.
export const shellVi = {
  menu: 'Menu',
  menuOpen: 'Mở menu',
  menuClose: 'Đóng menu',
  mainNav: 'Các màn hình',
  sheetExpand: 'Mở rộng bảng làm việc',
  sheetCollapse: 'Thu gọn bảng làm việc',
  workPanel: 'Bảng làm việc',
  skipToPanel: 'Chuyển đến nội dung',
  screenLoading: 'Đang tải màn hình…',
  screenLoadFailed: 'Không tải được màn hình; kiểm tra kết nối rồi thử lại.',
  retry: 'Thử lại',
  fixFields: 'Vui lòng sửa các trường được đánh dấu bên dưới.',
};

export const shellEn: Record<keyof typeof shellVi, string> = {
  menu: 'Menu',
  menuOpen: 'Open the menu',
  menuClose: 'Close the menu',
  mainNav: 'Screens',
  sheetExpand: 'Expand the working panel',
  sheetCollapse: 'Collapse the working panel',
  workPanel: 'Working panel',
  skipToPanel: 'Skip to content',
  screenLoading: 'Loading the screen…',
  screenLoadFailed: 'The screen could not load; check the connection and try again.',
  retry: 'Try again',
  fixFields: 'Please correct the fields marked below.',
};
