// The map read at a glance (issue 15 item 6) and picking on it (item 3).
export const mapVi = {
  layerProvinces2025: 'Tỉnh, thành phố (34, từ 1/7/2025)',
  layerProvinces2024: 'Tỉnh, thành phố cũ (63, trước 1/7/2025)',
  layerCommuneLabels: 'Tên xã, phường (khi phóng to)',
  legendLotsByProduct: 'Lô hàng (hình tròn, màu theo sản phẩm, cỡ theo sản lượng còn lại)',
  legendAreasByProduct: 'Vùng sản xuất (màu theo sản phẩm)',
  legendBuyersByType: 'Người mua (hình thoi, màu theo loại)',
  legendNothingDrawn: 'Chưa có lô hàng hay người mua nào trong vùng đang xem',
  filterNothingMatches:
    'Không có lô hàng, vùng sản xuất, người mua hay luồng hàng nào khớp bộ lọc trong vùng đang xem.',
  filterMatches: 'Khớp bộ lọc: {supply} lô hàng, {areas} vùng sản xuất, {buyers} người mua, {flows} luồng hàng',
  filterZonesNote: 'Vùng phong tỏa và chốt kiểm soát luôn được hiển thị.',
  pickLookingUp: 'Đang tìm xã, phường…',
  pickedPlace: '{commune}, {province}',
  pickedProvinceOnly: 'Chưa rõ xã, phường; thuộc {province}',
  pickedOld: 'trước 1/7/2025: {units}',
  pickedUnknown: 'Chưa xác định được đơn vị hành chính của điểm này',
  pickedOutside: 'Điểm này không nằm trong lãnh thổ Việt Nam; vui lòng chọn lại',
};

export const mapEn: Record<keyof typeof mapVi, string> = {
  layerProvinces2025: 'Provinces (34, since 1 July 2025)',
  layerProvinces2024: 'Former provinces (63, before 1 July 2025)',
  layerCommuneLabels: 'Commune names (zoomed in)',
  legendLotsByProduct: 'Lots (circles, colour by product, size by remaining volume)',
  legendAreasByProduct: 'Production areas (colour by product)',
  legendBuyersByType: 'Buyers (diamonds, colour by type)',
  legendNothingDrawn: 'No lots or buyers in this view yet',
  filterNothingMatches: 'No lots, production areas, buyers or flows match the filters in this view.',
  filterMatches: 'Matching the filters: {supply} lots, {areas} production areas, {buyers} buyers, {flows} flows',
  filterZonesNote: 'Lockdown zones and checkpoints are always shown.',
  pickLookingUp: 'Looking up the commune…',
  pickedPlace: '{commune}, {province}',
  pickedProvinceOnly: 'Commune not known; in {province}',
  pickedOld: 'before 1 July 2025: {units}',
  pickedUnknown: 'The administrative unit of this point is not known',
  pickedOutside: 'This point is not in Việt Nam; please pick again',
};
