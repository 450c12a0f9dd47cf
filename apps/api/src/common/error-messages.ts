/**
 * Error messages in Vietnamese (the default) and English, chosen by Accept-Language.
 * Services write their messages in English with the specifics (ids, limits, reasons);
 * the Vietnamese text comes from here, by stable code. `{message}` keeps the English
 * specifics (a geometry reason, a row number) where a translation of them would be noise.
 */
export type Language = 'vi' | 'en';

/** The language the caller prefers among ours; Vietnamese unless English ranks higher. */
export function languageOf(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'vi';
  let best: { lang: Language; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const lang = tag === 'vi' || tag.startsWith('vi-') ? 'vi' : tag === 'en' || tag.startsWith('en-') ? 'en' : null;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'vi';
}

const VI: Partial<Record<string, string>> = {
  // Requests the server cannot read
  'REQUEST.INVALID': 'Yêu cầu không hợp lệ ({message})',
  'REQUEST.INVALID_JSON': 'Nội dung gửi lên không phải JSON hợp lệ',
  'REQUEST.INVALID_CHARACTER': 'Trường {field} chứa ký tự không hợp lệ (ký tự NUL hoặc Unicode hỏng)',
  'REQUEST.INVALID_PATH': 'Đường dẫn không phải UTF-8 mã hoá phần trăm hợp lệ',
  'REQUEST.TOO_DEEP': 'Trường {field} lồng nhau quá sâu',
  'REQUEST.TOO_LARGE': 'Nội dung gửi lên quá lớn',
  'REQUEST.TOO_MANY_PARAMETERS': 'Quá nhiều tham số',
  'REQUEST.INVALID_ENCODING': 'Nội dung không giải nén được theo Content-Encoding đã khai báo',
  'REQUEST.UNSUPPORTED_ENCODING': 'Content-Encoding không được hỗ trợ (dùng gzip, deflate, br hoặc không nén)',
  'REQUEST.UNSUPPORTED_CHARSET': 'Bảng mã không được hỗ trợ (dùng UTF-8)',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 'Kiểu nội dung không được hỗ trợ',
  'REQUEST.ABORTED': 'Yêu cầu bị ngắt giữa chừng',
  'REQUEST.SIZE_MISMATCH': 'Độ dài nội dung không khớp Content-Length',
  'REQUEST.RATE_LIMITED': 'Quá nhiều yêu cầu; vui lòng thử lại sau {retryAfter} giây',
  'ROUTE.NOT_FOUND': 'Không tìm thấy đường dẫn',
  'HTTP.405': 'Phương thức không được phép',
  'HTTP.406': 'Không có định dạng phù hợp với Accept',
  'HTTP.415': 'Kiểu nội dung không được hỗ trợ',
  INTERNAL: 'Lỗi máy chủ (mã lỗi {errorId})',
  // Validation
  'VALIDATION.FAILED': 'Dữ liệu không hợp lệ: {message}',
  'VALIDATION.REQUIRED': 'Trường {field} là bắt buộc, không được để trống (null)',
  // Sign-in and rights
  'AUTH.UNAUTHENTICATED': 'Vui lòng đăng nhập',
  'AUTH.INVALID_CREDENTIALS': 'Email hoặc mật khẩu không đúng',
  'AUTH.INVALID_TOKEN': 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn',
  'AUTH.INVALID_REFRESH_TOKEN': 'Mã làm mới phiên không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại',
  'AUTH.ACCOUNT_LOCKED': 'Tài khoản tạm khoá do đăng nhập sai nhiều lần; vui lòng thử lại sau',
  'AUTH.FORBIDDEN': 'Bạn không có quyền thực hiện thao tác này',
  'AUTH.ROLE_NOT_ALLOWED': 'Vai trò của bạn không được phép thực hiện thao tác này',
  'AUTH.TOTP_REQUIRED': 'Cần mã xác thực hai lớp (TOTP)',
  'AUTH.TOTP_INVALID': 'Mã xác thực hai lớp không đúng',
  'AUTH.PASSWORD_CHANGE_REQUIRED': 'Vui lòng đặt mật khẩu mới',
  'AUTH.ACCOUNT_DISABLED': 'Tài khoản đã bị vô hiệu hoá',
  'AUTH.CURRENT_PASSWORD_WRONG': 'Mật khẩu hiện tại không đúng',
  'AUTH.PASSWORD_UNCHANGED': 'Mật khẩu mới phải khác mật khẩu hiện tại',
  'AUTH.TOTP_ALREADY_ENABLED': 'Xác thực hai lớp đã được bật',
  'AUTH.TOTP_NOT_SET_UP': 'Chưa thiết lập xác thực hai lớp; hãy thiết lập trước',
  'AUTH.TOTP_SETUP_REQUIRED': 'Tài khoản quản trị cần thiết lập xác thực hai lớp (TOTP) trước khi đăng nhập',
  'AUTH.SIGN_IN_DELAYED': 'Đăng nhập sai nhiều lần; vui lòng thử lại sau {retryAfter} giây',
  'AUTH.REFRESH_TOKEN_REUSED': 'Mã làm mới phiên đã được dùng; phiên đã kết thúc, vui lòng đăng nhập lại',
  'NOTIFICATION_DELIVERY.NOT_FAILED': 'Chỉ gửi lại được thông báo đã gửi lỗi',
  'NOTIFICATION_PREFERENCES.PHONE_REQUIRED': 'Cần số điện thoại để nhận thông báo qua tin nhắn',
  'NOTIFICATION_PREFERENCES.PHONE_INVALID': 'Số điện thoại nhận thông báo không hợp lệ',
  'NOTIFICATION.STREAM_TICKET_INVALID': 'Vé theo dõi thông báo không hợp lệ hoặc đã hết hạn',
  'INVENTORY_REPORT.HAS_DEALS': 'Báo cáo tồn kho đã có giao dịch',
  'INVENTORY_REPORT.OFFER_OVER': 'Thời gian chào bán của báo cáo tồn kho đã hết',
  'INVENTORY_REPORT.OFFER_BEFORE_REPORT': 'Ngày chào bán phải từ ngày báo cáo trở đi',
  'INVENTORY_REPORT.NOTHING_TO_OFFER': 'Không còn hàng tồn để chào bán',
  'INVENTORY_REPORT.QUANTITY_BELOW_SOLD': 'Khối lượng không được thấp hơn lượng đã bán',
  'INVENTORY_REPORT.LOCATION_REQUIRED': 'Báo cáo tồn kho cần vị trí',
  'USER.CANNOT_DISABLE_SELF': 'Không thể tự vô hiệu hoá tài khoản của mình',
  // Database, when a rule of the data is what refused
  'DATABASE.UNAVAILABLE': 'Cơ sở dữ liệu tạm thời không sẵn sàng; vui lòng thử lại',
  'DATABASE.TIMEOUT': 'Cơ sở dữ liệu xử lý quá lâu; vui lòng thử lại',
  'DATABASE.UNIQUE_VIOLATION': 'Đã có bản ghi với cùng khoá',
  'DATABASE.FOREIGN_KEY_VIOLATION': 'Bản ghi được tham chiếu không tồn tại hoặc vẫn đang được dùng',
  'DATABASE.CHECK_VIOLATION': 'Thay đổi vi phạm quy tắc dữ liệu (ví dụ: vượt quá lượng còn lại)',
  'DATABASE.INVALID_TEXT': 'Một giá trị sai định dạng',
  'DATABASE.INVALID_VALUE': 'Một giá trị không hợp lệ',
  'DATABASE.VALUE_TOO_LONG': 'Một giá trị quá dài',
  'DATABASE.OUT_OF_RANGE': 'Một số vượt ngoài phạm vi cho phép',
  'DATABASE.INVALID_DATE': 'Ngày không hợp lệ hoặc ngoài phạm vi',
  'DATABASE.SERIALIZATION_FAILURE': 'Một thay đổi đồng thời đã được ghi trước; vui lòng thử lại',
  'DATABASE.DEADLOCK': 'Một thay đổi đồng thời đã được ghi trước; vui lòng thử lại',
  // Registry
  'ADMINISTRATIVE_UNIT.UNKNOWN': 'Không có đơn vị hành chính này ({message})',
  'ADMINISTRATIVE_UNIT.WRONG_ERA': 'Đơn vị hành chính không thuộc thời kỳ đã chọn ({message})',
  'ADMINISTRATIVE_UNIT.OUTSIDE_VIETNAM': 'Điểm này không nằm trên đất liền hay hải đảo của Việt Nam ({message})',
  'ADMINISTRATIVE_UNIT.NO_SUCCESSOR':
    'Đơn vị hành chính cũ (trước 1/7/2025) này chưa có đơn vị hiện hành thay thế ({message})',
  'BUYER.IN_USE': 'Bên mua đang được dùng (có nhu cầu hoặc giao dịch), không xoá được',
  'BUYER.UNKNOWN': 'Không có bên mua này',
  'CERTIFICATION.UNKNOWN': 'Tiêu chuẩn chất lượng không có trong danh mục',
  'CONTACT.INVALID_PHONE': 'Số điện thoại không hợp lệ',
  'CONTRACT.INVALID_BONUS': 'Mức thưởng của hợp đồng không hợp lệ',
  'CONTRACT.INVALID_DATE': 'Ngày của hợp đồng không hợp lệ',
  'CONTRACT.WINDOW_REVERSED': 'Ngày kết thúc hợp đồng trước ngày bắt đầu',
  'COOPERATIVE.IN_USE': 'Hợp tác xã đang được dùng (có lô hàng hoặc giao dịch), không xoá được',
  'COOPERATIVE.UNKNOWN': 'Không có hợp tác xã này',
  'DEAL.CANCELLED': 'Giao dịch đã bị huỷ',
  'DEAL.CANCEL_WITH_DELIVERY': 'Không thể vừa huỷ vừa ghi nhận giao hàng',
  'DEAL.DELIVERED_EXCEEDS_QUANTITY': 'Lượng đã giao vượt lượng của giao dịch',
  'DEAL.NOT_CANCELLABLE': 'Giao dịch ở trạng thái này không huỷ được',
  'DEAL.PRODUCT_MISMATCH': 'Lô hàng và nhu cầu mua khác sản phẩm',
  'DEAL.QUANTITY_EXCEEDS_REMAINING': 'Khối lượng vượt quá lượng còn lại',
  'IMPORT.EMPTY_FILE': 'Tệp tải lên rỗng',
  'IMPORT.FILE_REQUIRED': 'Vui lòng chọn tệp để nhập',
  'IMPORT.FILE_TOO_LARGE': 'Tệp quá lớn',
  'IMPORT.NOT_A_SPREADSHEET': 'Tệp không phải bảng tính .xlsx',
  'IMPORT.PROCESSING_FAILED': 'Không xử lý được tệp nhập',
  'IMPORT.ROWS_INVALID': 'Có dòng dữ liệu không hợp lệ',
  'IMPORT.UNKNOWN_KIND': 'Loại dữ liệu nhập không được hỗ trợ',
  'IMPORT.UNREADABLE_FILE': 'Không đọc được tệp',
  'IMPORT.WRONG_HEADERS': 'Tiêu đề cột không khớp mẫu',
  'INVENTORY_REPORT.DUPLICATE': 'Đã có báo cáo tồn kho cho kỳ này',
  'MATCHING_RUN.NOT_CANCELLABLE': 'Lượt ghép nối ở trạng thái này không huỷ được',
  'PRODUCT.UNKNOWN': 'Sản phẩm không có trong danh mục',
  'TRANSPORT_PLAN.INVALID_DATE': 'Ngày điều xe không hợp lệ (định dạng YYYY-MM-DD, từ năm 2000 đến 2100)',
  'TRANSPORT_PLAN.INVALID_PROVINCES': 'Danh sách mã tỉnh không hợp lệ (ví dụ "91")',
  'TRANSPORT_PLAN.INVALID_RATE': 'Đơn giá theo loại xe phải là số nguyên đồng mỗi km ({field})',
  'PRODUCTION_AREA.INVALID_AREA': 'Diện tích vùng sản xuất không hợp lệ',
  'PRODUCTION_AREA.INVALID_BOUNDARY': 'Ranh giới vùng sản xuất không hợp lệ: {message}',
  'PRODUCTION_AREA.OTHER_COOPERATIVE': 'Vùng sản xuất thuộc hợp tác xã khác',
  'PRODUCTION_AREA.UNKNOWN': 'Không có vùng sản xuất này',
  'PROPOSAL.ALREADY_CONFIRMED': 'Đề xuất này đã thành giao dịch',
  'PROPOSAL.INSUFFICIENT_REMAINING': 'Lượng còn lại không đủ cho đề xuất này',
  'PROPOSAL.INVALID_STATE': 'Đề xuất ở trạng thái này không thực hiện được thao tác',
  'PROPOSAL.STALE': 'Đề xuất đã cũ (lô hàng hoặc nhu cầu đã thay đổi)',
  'PURCHASE_REQUEST.HAS_DEALS': 'Nhu cầu mua đã có giao dịch',
  'PURCHASE_REQUEST.LOCATION_REQUIRED': 'Nhu cầu mua cần vị trí nhận hàng',
  'PURCHASE_REQUEST.NOT_OPEN': 'Nhu cầu mua không còn mở',
  'PURCHASE_REQUEST.QUANTITY_BELOW_COMMITTED': 'Khối lượng không được thấp hơn lượng đã cam kết',
  'PURCHASE_REQUEST.UNKNOWN': 'Không có nhu cầu mua này',
  'SUPPLY_LOT.HAS_DEALS': 'Lô hàng đã có giao dịch',
  'SUPPLY_LOT.LOCATION_REQUIRED': 'Lô hàng cần vị trí',
  'SUPPLY_LOT.NOT_OPEN': 'Lô hàng không còn mở',
  'SUPPLY_LOT.NOT_WITHDRAWN': 'Chỉ mở lại được lô hàng đã rút',
  'SUPPLY_LOT.REOPEN_EXPIRED': 'Lô hàng đã hết hạn bán, không mở lại được',
  'SUPPLY_LOT.REOPEN_SOLD_OUT': 'Toàn bộ khối lượng của lô đã được cam kết, không mở lại được',
  'SUPPLY_LOT.QUANTITY_BELOW_COMMITTED': 'Khối lượng không được thấp hơn lượng đã cam kết',
  'SUPPLY_LOT.UNKNOWN': 'Không có lô hàng này',
  'USER.EMAIL_TAKEN': 'Email đã được dùng',
  'USER.ORGANIZATION_NOT_ALLOWED': 'Vai trò này không gắn với tổ chức',
  'USER.ORGANIZATION_REQUIRED': 'Vai trò này cần gắn với một tổ chức',
  'USER.ORGANIZATION_UNKNOWN': 'Không có tổ chức này',
  'USER.ROLE_NOT_ALLOWED': 'Không được gán vai trò này',
  'USER.INVALID_PROVINCE_CODES': 'Mã tỉnh không phải mã tỉnh, thành phố hiện hành ({message})',
  'USER.PROVINCE_CODES_NOT_ALLOWED': 'Chỉ tài khoản cán bộ (staff) mới gắn với tỉnh, thành phố',
  'REPORT.PROVINCE_REQUIRED': 'Bạn phụ trách nhiều tỉnh, thành phố: hãy chọn một tỉnh cho báo cáo ({message})',
  'ZONE.CODE_TAKEN': 'Mã vùng đã được dùng',
  'ZONE.ALREADY_ENDED': 'Vùng đã kết thúc trước ngày này',
  'ZONE.EXTENT_REQUIRED': 'Vùng cần một đa giác, danh sách xã/phường, hoặc cả hai',
  'ZONE.INVALID_CURFEW': 'Giờ lưu thông không hợp lệ (dạng HH:MM, ví dụ 18:00 đến 05:00)',
  'ZONE.UNKNOWN_COMMUNE': 'Không phải xã/phường hiện hành: {message}',
  'CHECKPOINT.CODE_TAKEN': 'Mã chốt kiểm soát đã được dùng',
  'CHECKPOINT.ALREADY_ENDED': 'Chốt kiểm soát đã kết thúc trước ngày này',
  'CHECKPOINT.PERIOD_REVERSED': 'Ngày kết thúc của chốt trước ngày bắt đầu',
  'CHECKPOINT.UNKNOWN_ZONE': 'Không có vùng này',
  'LOAD.ALREADY_POSTED': 'Giao dịch này đã có hàng cần chở',
  'LOAD.DEAL_NOT_OPEN': 'Giao dịch không còn hàng để chở',
  'LOAD.KG_EXCEEDS_DEAL': 'Khối lượng vượt quá lượng giao dịch còn phải giao ({message})',
  'LOAD.NOT_CANCELLABLE': 'Không hủy được hàng cần chở đã có xe nhận',
  'LOAD.NOT_OPEN': 'Hàng cần chở không còn mở nhận chào giá',
  'LOAD.UNKNOWN_DEAL': 'Không có giao dịch này',
  'LOAD.WINDOW_REVERSED': 'Hạn giao hàng trước ngày lấy hàng sớm nhất',
  'LOAD_OFFER.DUPLICATE': 'Xe này đã có chào giá đang chờ cho hàng này vào ngày đó',
  'LOAD_OFFER.KG_EXCEEDS_OPEN': 'Khối lượng chào vượt quá phần hàng chưa có xe ({message})',
  'LOAD_OFFER.NOT_PENDING': 'Chào giá không còn chờ quyết định',
  'LOAD_OFFER.PERMIT_REQUIRED':
    'Tuyến đường ra hoặc vào vùng phong tỏa: xe cần giấy phép luồng xanh còn hiệu lực vào ngày lấy hàng ({message})',
  'LOAD_OFFER.PICKUP_OUTSIDE_WINDOW': 'Ngày lấy hàng nằm ngoài khoảng thời gian của hàng cần chở ({message})',
  'LOAD_OFFER.UNKNOWN_VEHICLE': 'Không có phương tiện này',
  'LOAD_OFFER.VEHICLE_NOT_REFRIGERATED': 'Hàng cần xe lạnh; phương tiện này không phải xe lạnh',
  'LOAD_OFFER.VEHICLE_NOT_YOURS': 'Phương tiện thuộc đơn vị vận tải khác',
  'LOAD_OFFER.VEHICLE_TOO_SMALL': 'Tải trọng xe nhỏ hơn khối lượng chào; hãy chào một phần hàng ({message})',
  'ZONE.INVALID_CODE': 'Mã vùng không hợp lệ',
  'ZONE.INVALID_POLYGON': 'Đa giác của vùng không hợp lệ: {message}',
  'ZONE.PERIOD_REVERSED': 'Ngày kết thúc của vùng trước ngày bắt đầu',
  'DEAL.DELIVERED_BELOW_RECORDED': 'Lượng đã giao không được thấp hơn lượng đã ghi nhận trước đó',
  'HARVEST_RESOURCE.UNKNOWN_COMMUNE': 'Không có xã/phường này trong vùng phục vụ ({message})',
  'HARVEST_RESOURCE.RADIUS_WITHOUT_LOCATION': 'Bán kính phục vụ cần có vị trí',
  'IMPORT.TOO_MANY_COLUMNS': 'Tệp có quá nhiều cột ({message})',
  'IMPORT.TOO_MANY_ROWS': 'Tệp có quá nhiều dòng ({message})',
  'IMPORT.TOO_MANY_SHARED_STRINGS': 'Tệp có quá nhiều chuỗi ký tự ({message})',
  'IMPORT.CELL_TOO_LONG': 'Một ô có nội dung quá dài ({message})',
  'IMPORT.ZIP_BOMB': 'Tệp nén bất thường (tỷ lệ giải nén quá lớn), không được nhận',
  'IMPORT.UNCOMPRESSED_TOO_LARGE': 'Tệp sau khi giải nén quá lớn',
  'PRICE_OBSERVATION.OUTLIER': 'Giá khác xa khoảng giá thông thường; gửi lại với confirmOutlier nếu đúng ({message})',
  'PRODUCTION_AREA.SCHEDULE_WINDOW_REVERSED': 'Lịch thu hoạch có ngày kết thúc trước ngày bắt đầu',
  'PRODUCTION_AREA.SCHEDULE_WINDOW_TOO_LONG': 'Một mùa thu hoạch kéo dài quá lâu ({message})',
  'PRODUCTION_AREA.YIELD_REQUIRED': 'Cần năng suất (kg/ha) cho lịch thu hoạch này',
  'PRODUCTION_AREA.SCHEDULE_OVERLAP': 'Các mùa thu hoạch của cùng sản phẩm bị chồng lên nhau',
  'SUPPLY_LOT.AVAILABLE_BEFORE_HARVEST_END': 'Ngày còn bán phải sau ngày kết thúc thu hoạch',
  'SUPPLY_LOT.AVAILABILITY_OVER': 'Lô hàng đã hết thời gian còn bán',
  // Vehicles (phương tiện) of transport operators
  'VEHICLE.INVALID_PLATE': 'Biển số không đúng định dạng Việt Nam (ví dụ 68C-123.45 hoặc 51D-1234)',
  'VEHICLE.INVALID_KIND': 'Loại phương tiện không hợp lệ ({message})',
  'VEHICLE.INVALID_CAPACITY': 'Tải trọng phải là số kg nguyên từ 1 đến 100000',
  'VEHICLE.OPERATOR_REQUIRED': 'Cần chọn đơn vị vận tải (operatorId)',
  'VEHICLE.OPERATOR_UNKNOWN': 'Không có đơn vị vận tải này',
  'VEHICLE.PLATE_TAKEN': 'Biển số đã được đăng ký ({message})',
  'VEHICLE.RETIRED': 'Phương tiện đã ngừng hoạt động',
  'VEHICLE.COOPERATIVE_UNKNOWN': 'Không có hợp tác xã này',
  'VEHICLE.FORBIDDEN': 'Bạn chỉ quản lý được phương tiện của đơn vị vận tải mình',
  // Reporting agencies, their weekly and ad-hoc reports, reminders and tasks
  'AGENCY.FORBIDDEN': 'Chỉ cán bộ Sở Công Thương được quản lý danh sách cơ quan báo cáo',
  'AGENCY.INVALID_KIND': 'Loại cơ quan không hợp lệ (department: sở, ngành; commune: UBND xã, phường; other: khác)',
  'AGENCY.NAME_REQUIRED': 'Vui lòng nhập tên cơ quan',
  'AGENCY.NAME_TOO_LONG': 'Tên cơ quan quá dài (tối đa 200 ký tự)',
  'AGENCY.NAME_TAKEN': 'Đã có cơ quan mang tên này ({message})',
  'AGENCY.NOT_FOUND': 'Không tìm thấy cơ quan',
  'AGENCY.UNKNOWN_ADMINISTRATIVE_UNIT': 'Không có đơn vị hành chính này ({message})',
  'AGENCY.PRE2025_ADMINISTRATIVE_UNIT':
    'Đơn vị hành chính trước sắp xếp 2025; vui lòng chọn đơn vị hiện hành ({message})',
  'AGENCY_REPORT.AGENCY_REQUIRED': 'Vui lòng chọn cơ quan gửi báo cáo (agencyId)',
  'AGENCY_REPORT.DUPLICATE_LINE': 'Mỗi sản phẩm chỉ được một dòng số liệu ({message})',
  'AGENCY_REPORT.EMPTY': 'Báo cáo cần có nội dung tình hình hoặc ít nhất một dòng số liệu',
  'AGENCY_REPORT.FORBIDDEN': 'Bạn chỉ được gửi và xem báo cáo của cơ quan mình',
  'AGENCY_REPORT.INVALID_KG': 'Số liệu phải là số kg nguyên, không âm ({message})',
  'AGENCY_REPORT.INVALID_SCHEDULE': 'Lịch nhắc không hợp lệ: thứ 1–7, giờ 0–23, phút 0–59 ({message})',
  'AGENCY_REPORT.LINE_WITHOUT_FIGURES': 'Dòng số liệu chưa có số nào (thu hoạch, tiêu thụ hoặc tồn đọng) ({message})',
  'AGENCY_REPORT.NOT_FOUND': 'Cơ quan chưa gửi báo cáo tuần này',
  'AGENCY_REPORT.NOT_MISSING': 'Có cơ quan đã gửi báo cáo tuần này hoặc không phải gửi, không cần nhắc ({message})',
  'AGENCY_REPORT.TEXT_TOO_LONG': 'Nội dung báo cáo quá dài ({message})',
  'AGENCY_REPORT.TOO_MANY_LINES': 'Báo cáo có quá nhiều dòng số liệu ({message})',
  'AGENCY_REPORT.UNKNOWN_AGENCY': 'Không có cơ quan này ({message})',
  'AGENCY_REPORT.UNKNOWN_PRODUCT': 'Sản phẩm không có trong danh mục ({message})',
  'AGENCY_REPORT.WEEK_IN_FUTURE': 'Tuần báo cáo chưa bắt đầu ({message})',
  'AGENCY_REPORT.SPREADSHEET_FORMULA': 'Bảng tính có công thức; vui lòng lưu giá trị ({message})',
  'AGENCY_REPORT.SPREADSHEET_ROW': 'Dòng không đúng mẫu báo cáo tuần ({message})',
  'AD_HOC_REPORT.AGENCY_REQUIRED': 'Vui lòng chọn cơ quan gửi báo cáo (agencyId)',
  'AD_HOC_REPORT.CONTENT_REQUIRED': 'Vui lòng nhập nội dung báo cáo đột xuất',
  'AD_HOC_REPORT.CONTENT_TOO_LONG': 'Nội dung báo cáo đột xuất quá dài ({message})',
  'AD_HOC_REPORT.DATE_IN_FUTURE': 'Ngày báo cáo không được sau hôm nay',
  'AD_HOC_REPORT.FORBIDDEN': 'Bạn chỉ được gửi báo cáo của cơ quan mình',
  'AD_HOC_REPORT.INVALID_DATE': 'Ngày không hợp lệ ({message})',
  'AD_HOC_REPORT.NOT_FOUND': 'Không tìm thấy báo cáo đột xuất',
  'AD_HOC_REPORT.SUBJECT_REQUIRED': 'Vui lòng nhập tiêu đề (vấn đề) của báo cáo đột xuất',
  'AD_HOC_REPORT.SUBJECT_TOO_LONG': 'Tiêu đề báo cáo đột xuất quá dài (tối đa 300 ký tự)',
  'AD_HOC_REPORT.UNKNOWN_AGENCY': 'Không có cơ quan này ({message})',
  'AGENCY_TASK.AGENCY_INACTIVE': 'Cơ quan này đã ngừng hoạt động, không giao nhiệm vụ được ({message})',
  'AGENCY_TASK.FORBIDDEN': 'Bạn không có quyền thay đổi nội dung này của nhiệm vụ ({message})',
  'AGENCY_TASK.INVALID_DUE_DATE': 'Hạn hoàn thành không hợp lệ ({message})',
  'AGENCY_TASK.INVALID_STATUS': 'Trạng thái nhiệm vụ không hợp lệ',
  'AGENCY_TASK.INVALID_TRANSITION': 'Không chuyển được nhiệm vụ sang trạng thái này ({message})',
  'AGENCY_TASK.NOTES_TOO_LONG': 'Ghi chú quá dài ({message})',
  'AGENCY_TASK.NOT_FOUND': 'Không tìm thấy nhiệm vụ',
  'AGENCY_TASK.TITLE_REQUIRED': 'Vui lòng nhập tên nhiệm vụ',
  'AGENCY_TASK.TITLE_TOO_LONG': 'Tên nhiệm vụ quá dài (tối đa 300 ký tự)',
  'AGENCY_TASK.UNKNOWN_AGENCY': 'Không có cơ quan này ({message})',
  // Green-lane permits (giấy phép luồng xanh)
  'GREEN_LANE_PERMIT.VEHICLE_UNKNOWN': 'Không có phương tiện này',
  'GREEN_LANE_PERMIT.INVALID_DATE': 'Ngày không hợp lệ (dạng YYYY-MM-DD)',
  'GREEN_LANE_PERMIT.WINDOW_REVERSED': 'Ngày hết hiệu lực phải từ ngày bắt đầu trở đi',
  'GREEN_LANE_PERMIT.ALREADY_OVER': 'Ngày hết hiệu lực đã qua ({message})',
  'GREEN_LANE_PERMIT.TOO_LONG': 'Một giấy phép có hiệu lực tối đa 92 ngày; hãy cấp giấy phép mới khi hết hạn',
  'GREEN_LANE_PERMIT.INVALID_CODE': 'Mã giấy phép không đúng dạng (ví dụ LX-7K3Q-F9M2)',
  'GREEN_LANE_PERMIT.NOT_FOUND': 'Không có giấy phép luồng xanh với mã này',
  'GREEN_LANE_PERMIT.FORBIDDEN': 'Chỉ cán bộ Sở được cấp hoặc thu hồi giấy phép luồng xanh',
  'GREEN_LANE_PERMIT.SIGNING_KEY_MISSING':
    'Chưa cấu hình khoá ký giấy phép (PERMIT_SIGNING_KEY_PEM hoặc PERMIT_SIGNING_KEY_FILE)',
};

// Families of codes every module shares: `<ENTITY>.NOT_FOUND`, `<ENTITY>.FORBIDDEN`, …
const VI_BY_SUFFIX: Array<[RegExp, string]> = [
  [/\.NOT_FOUND$/, 'Không tìm thấy bản ghi ({message})'],
  [/\.FORBIDDEN$/, 'Bạn không có quyền với bản ghi này'],
  [/\.OUTSIDE_PROVINCES$/, 'Bản ghi hoặc phạm vi này thuộc tỉnh, thành phố ngoài địa bàn bạn phụ trách ({message})'],
  [/\.OWNER_IMMUTABLE$/, 'Không được đổi chủ sở hữu của bản ghi'],
  [/\.WINDOW_REVERSED$/, 'Ngày kết thúc trước ngày bắt đầu'],
  [/\.UNKNOWN$/, 'Giá trị tham chiếu không tồn tại ({message})'],
  [/FROZEN$/, 'Trường này đã cố định sau khi có giao dịch ({message})'],
  [/\.TAKEN$|\.DUPLICATE$/, 'Giá trị đã được dùng ({message})'],
  [/\.IN_USE$/, 'Bản ghi đang được dùng, không xoá được'],
  [/\.TOO_MANY_[A-Z_]+$|\.TOO_LONG$|\.TOO_LARGE$/, 'Vượt quá giới hạn cho phép ({message})'],
  [/\.REQUIRED$/, 'Thiếu thông tin bắt buộc ({message})'],
  [/\.INVALID[A-Z_]*$/, 'Giá trị không hợp lệ ({message})'],
  [
    /\.NOT_OPEN$|\.INVALID_STATE$|\.NOT_CANCELLABLE$/,
    'Thao tác không thực hiện được ở trạng thái hiện tại ({message})',
  ],
];

const VI_BY_STATUS: Partial<Record<number, string>> = {
  400: 'Yêu cầu không hợp lệ ({message})',
  401: 'Vui lòng đăng nhập',
  403: 'Bạn không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy ({message})',
  409: 'Xung đột với dữ liệu hiện có ({message})',
  413: 'Nội dung gửi lên quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ',
  422: 'Dữ liệu không hợp lệ ({message})',
  429: 'Quá nhiều yêu cầu; vui lòng thử lại sau',
  503: 'Dịch vụ tạm thời không sẵn sàng; vui lòng thử lại',
};

/** The Vietnamese template for a code: its own, its family's, or its status's. */
export function vietnameseTemplate(code: string, status: number): string {
  return (
    VI[code] ?? VI_BY_SUFFIX.find(([re]) => re.test(code))?.[1] ?? VI_BY_STATUS[status] ?? `Lỗi ${status} ({message})`
  );
}

/** True when the code has a Vietnamese message of its own or of its family (the catalogue test checks every code in the source). */
export function hasVietnameseMessage(code: string): boolean {
  return code in VI || code in MESSAGES || VI_BY_SUFFIX.some(([re]) => re.test(code));
}

export interface LocalizableError {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  errorId?: string;
  retryAfter?: number;
}

/** The message in the caller's language; English is what the code that threw wrote. */
export function catalogMessage(body: LocalizableError, lang: Language): string {
  if (lang === 'en') return body.message;
  const fields = fieldsOf(body.details);
  const values: Record<string, string> = {
    message: body.message,
    field: fields.length ? fields.join(', ') : '?',
    errorId: body.errorId ?? '',
    retryAfter: String(body.retryAfter ?? 60),
  };
  return vietnameseTemplate(body.code, body.statusCode).replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? '');
}

function fieldsOf(details: unknown): string[] {
  const list = Array.isArray(details) ? details : details && typeof details === 'object' ? [details] : [];
  const out: string[] = [];
  for (const d of list as unknown[]) {
    const field = d && typeof d === 'object' ? (d as { field?: unknown }).field : undefined;
    if (typeof field === 'string' && !out.includes(field)) out.push(field);
  }
  return out.slice(0, 10);
}

// class-validator's English phrasing and ours, "<field> must …", turned into Vietnamese; the field path stays as sent.
const VI_VALIDATOR: Array<[RegExp, string]> = [
  [/^property (\S+) should not exist$/, 'không có trường $1'],
  [/^(\S+) should not be empty$/, '$1 không được để trống'],
  [/^(\S+) should not be null or undefined$/, '$1 là bắt buộc'],
  [/^(\S+) is required and cannot be null$/, '$1 là bắt buộc, không được để trống (null)'],
  [/^(\S+) must be an integer number$/, '$1 phải là số nguyên'],
  [/^(\S+) must be a whole number(?: of (kilograms|VND))?$/, '$1 phải là số nguyên'],
  [/^(\S+) must be a number conforming to the specified constraints$/, '$1 phải là một số'],
  [/^(\S+) must be a string$/, '$1 phải là chuỗi ký tự'],
  [/^(\S+) must be a boolean value$/, '$1 phải là true hoặc false'],
  [/^(\S+) must be an array$/, '$1 phải là một danh sách'],
  [/^(\S+) must be an object$/, '$1 phải là một đối tượng'],
  [/^(\S+) must be a UUID$/, '$1 phải là một UUID'],
  [/^(\S+) must be an email(?: address)?$/, '$1 phải là địa chỉ email'],
  [/^(\S+) must not be less than (\S+)$/, '$1 không được nhỏ hơn $2'],
  [/^(\S+) must not be greater than (\S+)$/, '$1 không được lớn hơn $2'],
  [/^(\S+) must be shorter than or equal to (\d+) characters$/, '$1 dài tối đa $2 ký tự'],
  [/^(\S+) must be longer than or equal to (\d+) characters$/, '$1 dài tối thiểu $2 ký tự'],
  [/^(\S+) must contain no more than (\d+) elements$/, '$1 có tối đa $2 phần tử'],
  [/^(\S+) must contain at least (\d+) elements$/, '$1 cần ít nhất $2 phần tử'],
  [/^(\S+) must be one of the following values: (.*)$/, '$1 phải là một trong các giá trị: $2'],
  [/^(\S+) must be a valid ISO 8601 date string$/, '$1 phải là thời điểm ISO 8601'],
  [/^(\S+) must be a date YYYY-MM-DD between (\S+) and (\S+)$/, '$1 phải là ngày dạng YYYY-MM-DD, từ $2 đến $3'],
  [/^(\S+) must be a date YYYY-MM-DD$/, '$1 phải là ngày dạng YYYY-MM-DD'],
  [/^(\S+) must be a year between (\d+) and (\d+)$/, '$1 phải thuộc năm từ $2 đến $3'],
  [/^(\S+) must be an ISO week YYYY-Www.*$/, '$1 phải là tuần ISO dạng YYYY-Www, ví dụ 2026-W10'],
  [/^(\S+) must be on or after (\S+)$/, '$1 phải từ $2 trở đi'],
  [/^(\S+) must be a point inside Vietnam$/, '$1 phải là một điểm trong lãnh thổ Việt Nam'],
  [/^(\S+) must be a latitude string or number$/, '$1 phải là vĩ độ (-90..90)'],
  [/^(\S+) must be a longitude string or number$/, '$1 phải là kinh độ (-180..180)'],
  [/^(\S+) must be a number with at most (\d+) decimals$/, '$1 phải là số có tối đa $2 chữ số thập phân'],
  [/^(\S+) must be a Vietnamese phone number.*$/, '$1 phải là số điện thoại Việt Nam, ví dụ 0912 345 678'],
  [/^(\S+) must be (?:a )?(?:two-digit )?(?:GSO )?province codes?.*$/, '$1 phải là mã tỉnh hai chữ số, ví dụ 91'],
  [/^(\S+) must be (?:a )?product codes?.*$/, '$1 phải là mã sản phẩm, ví dụ LUA_ST'],
];

/** One validator message in Vietnamese, or the English one when no pattern knows it (the field path still reads). */
export function vietnameseValidatorMessage(message: string): string {
  for (const [re, vi] of VI_VALIDATOR) if (re.test(message)) return message.replace(re, vi);
  return message;
}

/** The body in the caller's language: message, and each field's message for validation errors. */
export function localizeBody<T extends LocalizableError>(body: T, lang: Language): T {
  const specific = localizedMessage(body.code, body.details as Details, lang);
  if (specific) return { ...body, message: specific };
  if (lang === 'en') return body;
  const messageOf = (d: unknown): string | undefined => {
    const m = d && typeof d === 'object' ? (d as { message?: unknown }).message : undefined;
    return typeof m === 'string' ? m : undefined;
  };
  if (Array.isArray(body.details) && (body.details as unknown[]).some((d) => messageOf(d) !== undefined)) {
    const details = (body.details as unknown[]).map((d) => {
      const m = messageOf(d);
      return m === undefined ? d : { ...(d as object), message: vietnameseValidatorMessage(m) };
    });
    if (body.code === 'VALIDATION.FAILED') {
      const joined = details.map(messageOf).filter(Boolean).join('; ');
      return { ...body, details, message: `Dữ liệu không hợp lệ: ${joined || body.message}` };
    }
    return { ...body, details, message: catalogMessage(body, lang) };
  }
  return { ...body, message: catalogMessage(body, lang) };
}

// Vietnamese and English messages for the errors a person meets while answering proposals and
// recording deliveries, with their specifics. Other codes take the catalogue below.
type Details = Record<string, unknown> | Array<Record<string, unknown>> | undefined;
type Messages = (d: Record<string, unknown>) => { vi: string; en: string };

// A detail as text in a message; absent values read as '?'.
const txt = (v: unknown, fallback = '?'): string =>
  v === undefined || v === null
    ? fallback
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
        ? String(v)
        : JSON.stringify(v);
const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => txt(x)).join(', ') : '');

const PROPOSAL_STATUS_VI: Partial<Record<string, string>> = {
  proposed: 'đang chờ trả lời',
  accepted_by_seller: 'bên bán đã chấp nhận',
  accepted_by_buyer: 'bên mua đã chấp nhận',
  accepted: 'hai bên đã chấp nhận',
  rejected: 'đã bị từ chối',
  confirmed: 'đã được xác nhận thành giao dịch',
  stale: 'không còn phù hợp (lô hàng hoặc yêu cầu đã thay đổi)',
  superseded: 'đã được thay bằng đề xuất của lần ghép nối mới hơn',
};
const kg = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('vi-VN') : txt(n));

const MESSAGES: Partial<Record<string, Messages>> = {
  'ADMINISTRATIVE_UNIT.AMBIGUOUS': (d) => {
    const units = (Array.isArray(d.candidates) ? (d.candidates as Array<{ name?: unknown; id?: unknown }>) : [])
      .map((c) => `${txt(c.name)} (${txt(c.id)})`)
      .join(', ');
    return {
      vi: `${txt(d.field)}: ${txt(d.name ?? d.value)} (${txt(d.value)}) là đơn vị trước 1/7/2025 đã được chia cho ${units}; ${d.locationGiven ? 'vị trí đã gửi không thuộc riêng đơn vị nào trong số đó' : 'gửi kèm vị trí (location) để chọn'}, hoặc ghi đơn vị hiện hành.`,
      en: `${txt(d.field)}: ${txt(d.name ?? d.value)} (${txt(d.value)}) is a pre-2025 unit that was split between ${units}; ${d.locationGiven ? 'the location sent does not decide between them' : 'send the location to choose'}, or name the current unit.`,
    };
  },
  'LOAD_OFFER.PERMIT_REQUIRED': (d) => ({
    vi: `Tuyến đường ra hoặc vào vùng phong tỏa ${list(d.zones)} vào ngày ${txt(d.pickupOn)}: xe cần giấy phép luồng xanh còn hiệu lực ngày đó.`,
    en: `The route leaves or enters restricted zone ${list(d.zones)} on ${txt(d.pickupOn)}: the vehicle needs a green-lane permit valid that day.`,
  }),
  'LOAD_OFFER.VEHICLE_TOO_SMALL': (d) => ({
    vi: `Xe chở được ${kg(d.capacityKg)} kg, ít hơn ${kg(d.kg)} kg chào chở; hãy chào một phần hàng (kg) hoặc chọn xe lớn hơn.`,
    en: `The vehicle carries ${kg(d.capacityKg)} kg, less than the ${kg(d.kg)} kg offered; offer a part load (kg) or a bigger vehicle.`,
  }),
  'PROPOSAL.INVALID_STATE': (d) => ({
    vi: `Không thể trả lời đề xuất này: đề xuất ${PROPOSAL_STATUS_VI[txt(d.status, '')] ?? txt(d.status, '')}.`,
    en: `This proposal can no longer be answered: it is ${txt(d.status, '').replace(/_/g, ' ')}.`,
  }),
  'PROPOSAL.ALREADY_CONFIRMED': () => ({
    vi: 'Đề xuất này đã được xác nhận thành giao dịch; không thể trả lời nữa.',
    en: 'This proposal already turned into a deal; it can no longer be answered.',
  }),
  'PROPOSAL.STALE': (d) => ({
    vi: 'Đề xuất không còn phù hợp vì lô hàng hoặc yêu cầu mua đã thay đổi; hãy chờ lần ghép nối tiếp theo.',
    en: `This proposal no longer stands${d.reason ? ` (${txt(d.reason)})` : ''}; wait for the next matching run.`,
  }),
  'PROPOSAL.SUPERSEDED': () => ({
    vi: 'Đề xuất này đã được thay bằng đề xuất của lần ghép nối mới hơn; hãy trả lời đề xuất mới.',
    en: 'A newer matching run replaced this proposal; answer the new one.',
  }),
  'PROPOSAL.INSUFFICIENT_REMAINING': (d) => ({
    vi: `Không đủ sản lượng: chỉ còn ${kg(d.remainingKg)} kg so với ${kg(d.quantityKg)} kg được đề xuất.`,
    en: `Not enough left: ${kg(d.remainingKg)} kg remain of the ${kg(d.quantityKg)} kg proposed.`,
  }),
  'PROPOSAL.FORBIDDEN': () => ({
    vi: 'Đề xuất này thuộc về tổ chức khác.',
    en: 'This proposal concerns other organisations.',
  }),
  'PROPOSAL.NOT_FOUND': () => ({ vi: 'Không tìm thấy đề xuất.', en: 'Proposal not found.' }),
  'DEAL.DELIVERED_EXCEEDS_QUANTITY': (d) => ({
    vi: `Số lượng giao vượt quá phần còn lại của giao dịch: chỉ còn ${kg(d.remainingKg)} kg (giao dịch ${kg(d.quantityKg)} kg).`,
    en: `More than the deal: only ${kg(d.remainingKg)} kg are left to deliver of the deal's ${kg(d.quantityKg)} kg.`,
  }),
  'DEAL.DELIVERY_IN_FUTURE': () => ({
    vi: 'Ngày giao hàng không được ở tương lai; hãy ghi nhận sau khi đã giao.',
    en: 'The delivery day cannot be in the future; record it once it happened.',
  }),
  'TRANSPORT_PLAN.NOT_COMPLETED': (d) => ({
    vi: `Kế hoạch điều xe chưa xong (trạng thái ${txt(d.status)}); hãy chờ kế hoạch hoàn tất rồi tạo chào giá.`,
    en: `The transport plan is not completed (it is ${txt(d.status)}); wait for it before making offers.`,
  }),
  'TRANSPORT_PLAN.OFFERS_ALREADY_MADE': (d) => ({
    vi: `Kế hoạch này đã được chuyển thành ${kg(d.offersCount)} chào giá vận chuyển; không tạo lại.`,
    en: `This plan was already turned into ${kg(d.offersCount)} load offers.`,
  }),
  'SUPPLY_LOT.REOPEN_EXPIRED': (d) => ({
    vi: `Lô hàng chỉ còn bán đến ${txt(d.availableUntil)
      .split('-')
      .reverse()
      .join('/')}: đã hết hạn, không mở lại được.`,
    en: `The lot was available until ${txt(d.availableUntil)}: it has expired and cannot be reopened.`,
  }),
  'DEAL.CANCELLED': () => ({ vi: 'Giao dịch đã bị hủy.', en: 'The deal was cancelled.' }),
  'DEAL.NOT_CANCELLABLE': (d) => ({
    vi: d.deliveredKg
      ? `Không thể hủy: giao dịch đã giao ${kg(d.deliveredKg)} kg.`
      : 'Không thể hủy giao dịch ở trạng thái này.',
    en: d.deliveredKg
      ? `Cannot cancel: ${kg(d.deliveredKg)} kg of the deal were delivered.`
      : `A ${txt(d.status)} deal cannot be cancelled.`,
  }),
  'DEAL.UNUSUAL_PRICE': (d) => ({
    vi: `Giá ${kg(d.priceVndPerKg)} đ/kg khác thường so với giá tham khảo ${kg(d.typicalPriceMinVnd)}–${kg(d.typicalPriceMaxVnd)} đ/kg; hãy xác nhận nếu đúng ý.`,
    en: `${kg(d.priceVndPerKg)} đ/kg is far outside the usual ${kg(d.typicalPriceMinVnd)}–${kg(d.typicalPriceMaxVnd)} đ/kg; confirm it if intended.`,
  }),
};

/** A message written for this code in the caller's language (the service's own, or one above), or null. */
export function localizedMessage(code: string, details: Details, lang: Language | null): string | null {
  if (!lang) return null;
  const d = Array.isArray(details) ? (details[0] ?? {}) : (details ?? {});
  // A service that wrote both languages into the details has the last word.
  const own = lang === 'vi' ? d.messageVi : d.messageEn;
  if (typeof own === 'string' && own) return own;
  const messages = MESSAGES[code];
  return messages ? messages(d)[lang] : null;
}
