/** Why an allocation was made, in words Sở Công Thương staff use, Vietnamese and English. */
import type { AllocationReason, InstanceLot, InstanceRequest } from './types';

export interface AllocationFacts {
  lot: InstanceLot;
  request: InstanceRequest;
  distanceKm: number;
  multiplier: number;
  /** Scenario 2 and the lot's or the request's zone is restricted. */
  touchesRestricted: boolean;
  transportVndPerKg: number;
  transitDays: number;
  shelfLifeDays: number | undefined;
  bonusVndPerKg: number;
  scoreVndPerKg: number;
  /** This lot is the closest feasible lot of the request. */
  nearestForRequest: boolean;
  /** No feasible lot earns the request a better score. */
  bestForRequest: boolean;
  /** No feasible request earns the lot a better score. */
  bestForLot: boolean;
}

// Formatters are costly to build: one each, reused.
const VI = new Intl.NumberFormat('vi-VN');
const EN = new Intl.NumberFormat('en-US');
const vnd = (n: number): string => VI.format(n);
const usd = (n: number): string => EN.format(n);
const km = (d: number): string => (Math.round(d * 10) / 10).toString();

export function explainAllocation(f: AllocationFacts): AllocationReason[] {
  const { lot, request } = f;
  const margin = request.bidVndPerKg - lot.askVndPerKg - f.transportVndPerKg;
  const reasons: AllocationReason[] = [];
  if (f.bonusVndPerKg > 0) {
    reasons.push({
      code: 'CONTRACT_BONUS',
      vi: `Có hợp đồng liên kết (+${vnd(f.bonusVndPerKg)} đ/kg)`,
      en: `Linkage contract between the cooperative and the buyer (+${usd(f.bonusVndPerKg)} VND/kg)`,
    });
  }
  reasons.push({
    code: 'PRICE_MARGIN',
    vi: `Giá mua ${vnd(request.bidVndPerKg)} đ/kg đủ trả giá bán ${vnd(lot.askVndPerKg)} đ/kg và cước ${vnd(f.transportVndPerKg)} đ/kg, còn lãi ${vnd(margin)} đ/kg`,
    en: `Bid ${usd(request.bidVndPerKg)} VND/kg covers the ask ${usd(lot.askVndPerKg)} VND/kg and transport ${usd(f.transportVndPerKg)} VND/kg, leaving ${usd(margin)} VND/kg`,
  });
  if (f.bestForRequest) {
    reasons.push({
      code: 'BEST_MARGIN',
      vi: 'Lô hàng đem lại lợi ích cao nhất cho đơn đặt mua này',
      en: 'The most valuable feasible lot for this purchase request',
    });
  }
  if (f.bestForLot) {
    reasons.push({
      code: 'BEST_BUYER',
      vi: 'Đơn đặt mua đem lại lợi ích cao nhất cho lô hàng này',
      en: 'The most valuable feasible buyer for this lot',
    });
  }
  if (f.nearestForRequest) {
    reasons.push({
      code: 'NEAREST',
      vi: `Nguồn hàng gần nhất đáp ứng được đơn (${km(f.distanceKm)} km)`,
      en: `The nearest lot that can serve this request (${km(f.distanceKm)} km)`,
    });
  }
  if (request.requiredCertifications.length > 0) {
    const list = request.requiredCertifications.join(', ');
    reasons.push({
      code: 'CERTIFICATION_MATCH',
      vi: `Đạt chứng nhận người mua yêu cầu: ${list}`,
      en: `Holds the certification the buyer requires: ${list}`,
    });
  }
  if (lot.zone !== null && lot.zone === request.zone) {
    reasons.push({ code: 'SAME_ZONE', vi: `Cùng vùng ${lot.zone}`, en: `Same zone (${lot.zone})` });
  }
  if (f.touchesRestricted && lot.zone !== request.zone) {
    reasons.push({
      code: 'GREEN_LANE',
      vi: 'Lô hàng có luồng xanh nên được vận chuyển qua vùng hạn chế',
      en: 'The lot has a green lane, so it may cross the restricted zone',
    });
  }
  if (f.touchesRestricted && f.multiplier !== 1) {
    reasons.push({
      code: 'RESTRICTED_ZONE_SURCHARGE',
      vi: `Cước vận chuyển nhân ${f.multiplier} do đi qua vùng hạn chế`,
      en: `Transport cost × ${f.multiplier} for a restricted zone`,
    });
  }
  const shelf = f.shelfLifeDays === undefined ? '' : `, trong hạn sử dụng ${f.shelfLifeDays} ngày`;
  const shelfEn = f.shelfLifeDays === undefined ? '' : `, within the ${f.shelfLifeDays}-day shelf life`;
  reasons.push({
    code: 'ON_TIME',
    vi: `Vận chuyển ${km(f.distanceKm)} km mất ${f.transitDays} ngày, giao kịp từ ${request.deliverFrom} đến ${request.deliverTo}${shelf}`,
    en: `${km(f.distanceKm)} km take ${f.transitDays} day(s), delivered within ${request.deliverFrom} to ${request.deliverTo}${shelfEn}`,
  });
  return reasons;
}
