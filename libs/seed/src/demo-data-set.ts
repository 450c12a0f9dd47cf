import type { Point, Polygon } from 'geojson';
import type { BuyerType, CooperativeKind, HarvestResourceKind } from '@agrilink/core';
import { CatalogueEntry, PRODUCT_CATALOGUE, addDays, foldVietnamese } from '@agrilink/core';
import buyersFile from './data/buyers.json';
import cooperativesFile from './data/cooperatives.json';
import districtsFile from './data/districts.json';
import { circleAround, offsetPoint, pointInPolygon, polygonAround, prng, randInt, round6 } from './demo-geometry';
import {
  buyerTypeOf,
  certificationCovers,
  certificationsFor,
  cooperativeKindOf,
  quantityToKg,
} from './demo-normalisers';

/**
 * The demo data set, built as plain rows from the files in ./data (40 invented
 * HTX, 27 buyers, Kiên Giang's old districts) and a `today`, so the demo is
 * always current. Pure and deterministic: each row draws from its own seeded stream.
 */

// ---------- source shapes (only what is used) ----------

interface SourceCooperative {
  id: string;
  name: string;
  district_code_pre2025: string;
  district_name_pre2025: string;
  commune_2025: string;
  province_2025: string;
  lat: number;
  lng: number;
  main_products: string[];
  certifications: string[];
  production_area_ha: number;
  members: number | null;
  harvest_plan: Array<{ product: string; season: string; months: number[]; expected_qty: number; unit: string }>;
}

interface SourceBuyer {
  id: string;
  name: string;
  type: string;
  city: string;
  province_2025: string;
  lat: number;
  lng: number;
  products_wanted: string[];
  requirements: string[];
  real_entity: boolean;
  demand_is_illustrative: boolean;
}

interface SourceDistrict {
  code: string;
  name_vi: string;
  centroid: { lat: number; lng: number };
}

export const DEMO_COOPERATIVES: readonly SourceCooperative[] = (
  cooperativesFile as { cooperatives: SourceCooperative[] }
).cooperatives;
export const DEMO_BUYERS: readonly SourceBuyer[] = (buyersFile as { buyers: SourceBuyer[] }).buyers;
export const KIEN_GIANG_DISTRICTS: readonly SourceDistrict[] = (districtsFile as { districts: SourceDistrict[] })
  .districts;

// ---------- output rows ----------

export interface DemoCooperative {
  externalRef: string;
  kind: CooperativeKind;
  name: string;
  administrativeUnitId: string | null;
  provinceCode: string | null;
  address: string;
  location: Point;
  certifications: string[];
  products: string[];
  members: number | null;
}

export interface DemoBuyer {
  externalRef: string;
  type: BuyerType;
  name: string;
  administrativeUnitId: string | null;
  provinceCode: string | null;
  address: string;
  location: Point;
  productsWanted: string[];
  demandIsIllustrative: boolean;
}

export interface DemoProductionArea {
  externalRef: string;
  cooperativeRef: string;
  productCode: string;
  name: string;
  areaHa: number;
  boundary: Polygon;
  centroid: Point;
  certifications: string[];
  provinceCode: string | null;
}

export interface DemoSupplyLot {
  externalRef: string;
  cooperativeRef: string;
  productionAreaRef: string | null;
  productCode: string;
  quantityKg: number;
  harvestFrom: string;
  harvestTo: string;
  certifications: string[];
  askVndPerKg: number;
  location: Point;
  greenLane: boolean;
  provinceCode: string | null;
  note: string;
  /** now: harvesting today; upcoming: in the coming weeks; backlog: harvested, still unsold. */
  phase: 'now' | 'upcoming' | 'backlog';
}

export interface DemoPurchaseRequest {
  externalRef: string;
  buyerRef: string;
  productCode: string;
  quantityKg: number;
  deliverFrom: string;
  deliverTo: string;
  requiredCertifications: string[];
  bidVndPerKg: number;
  location: Point;
  maxDistanceKm: number | null;
  provinceCode: string | null;
  note: string;
}

export interface DemoContract {
  cooperativeRef: string;
  buyerRef: string;
  productCode: string;
  bonusVndPerKg: number;
  validFrom: string;
  validTo: string;
  note: string;
}

export interface DemoZone {
  code: string;
  name: string;
  boundary: Polygon;
  restricted: boolean;
  activeFrom: string;
  activeTo: string;
}

export interface DemoTransportOperator {
  name: string;
  vehicleTypes: string[];
  vehicleCount: number;
  capacityKg: number;
  location: Point;
  serviceProvinceCodes: string[];
  greenLane: boolean;
  availableFrom: string;
  availableTo: string;
  provinceCode: string;
}

export interface DemoHarvestResource {
  kind: HarvestResourceKind;
  name: string;
  cooperativeRef: string;
  unitCount: number;
  capacityHaPerDay: number;
  workers: number | null;
  location: Point;
  availableFrom: string;
  availableTo: string;
  provinceCode: string | null;
}

export interface DemoInventoryReport {
  buyerRef: string;
  productCode: string;
  quantityKg: number;
  reportedAt: string;
  note: string;
}

export interface DemoUser {
  email: string;
  role: 'staff' | 'cooperative' | 'buyer';
  displayName: string;
  cooperativeRef: string | null;
  buyerRef: string | null;
}

export interface DemoDataSet {
  cooperatives: DemoCooperative[];
  buyers: DemoBuyer[];
  productionAreas: DemoProductionArea[];
  supplyLots: DemoSupplyLot[];
  purchaseRequests: DemoPurchaseRequest[];
  contracts: DemoContract[];
  zones: DemoZone[];
  transportOperators: DemoTransportOperator[];
  harvestResources: DemoHarvestResource[];
  inventoryReports: DemoInventoryReport[];
  users: DemoUser[];
}

/** Demo sign-ins, one per role besides the configured admin; passwords are given or generated at seeding. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'staff@agrilink.local',
    role: 'staff',
    displayName: 'Cán bộ Sở Công Thương (demo)',
    cooperativeRef: null,
    buyerRef: null,
  },
  {
    email: 'htx@agrilink.local',
    role: 'cooperative',
    displayName: 'HTX Nông nghiệp Thạnh Phước Lợi (demo)',
    cooperativeRef: 'HTX-DEMO-001',
    buyerRef: null,
  },
  {
    email: 'buyer@agrilink.local',
    role: 'buyer',
    displayName: 'Chợ đầu mối Bình Điền (demo)',
    cooperativeRef: null,
    buyerRef: 'BUY-001',
  },
];

/** Where the database's units are: resolved by the caller from the loaded reference data. */
export interface DemoGeography {
  /** Current-era province code for a province name ("TP. Hồ Chí Minh" → "79", "Tỉnh An Giang" → "91"). */
  provinceCodeOf(name: string): string | null;
  /** Current-era commune id for a commune name inside a current province. */
  communeIdOf(provinceCode: string, name: string): string | null;
}

// Products grown on land or in ponds (a production area); the rest are caught or processed.
const NOT_AREA_BOUND = new Set(['GAO_TRANG', 'CA_BIEN', 'MUC', 'GHE', 'MAT_ONG', 'KHO_CA', 'TOM_KHO', 'NUOC_MAM']);

// Base demand in kg a day by buyer type, scaled by product category; ESTIMATE for the demo.
const DEMAND_KG_PER_DAY: Record<BuyerType, number> = {
  wholesale_market: 15_000,
  distributor: 1_500,
  supermarket: 4_000,
  exporter: 60_000,
  processor: 30_000,
  trader: 10_000,
  ecommerce: 300,
};
const CATEGORY_SCALE: Record<string, number> = {
  lua_gao: 3,
  thuy_san: 0.4,
  trai_cay: 1,
  rau_cu: 0.6,
  chan_nuoi: 0.5,
  gia_vi: 0.1,
  cay_cong_nghiep: 0.3,
  che_bien: 0.05,
};

// ZONES: one around old Giồng Riềng district (registered, not restricted: scenario 1
// unaffected; staff flip `restricted` for scenario 2) and one restricted around the
// Kiên Hải islands with an active window, touching a single island cooperative.
const ZONE_SPECS = [
  {
    code: 'DEMO-GIONG-RIENG',
    district: '906',
    name: 'Vùng kiểm soát Giồng Riềng (Huyện Giồng Riềng cũ)',
    radiusM: 13_000,
    restricted: false,
  },
  {
    code: 'DEMO-KIEN-HAI',
    district: '912',
    name: 'Vùng phong tỏa Đặc khu Kiên Hải (Huyện Kiên Hải cũ)',
    radiusM: 20_000,
    restricted: true,
  },
];
// Kiên Hải's listed centroid sits on Hòn Tre; the zone is centred between Hòn Tre and Nam Du.
const ZONE_CENTRE_OVERRIDE: Record<string, { lat: number; lng: number }> = { '912': { lat: 9.743, lng: 104.498 } };

const CONTRACT_SPECS: Array<[string, string, string]> = [
  ['HTX-DEMO-006', 'BUY-016', 'LUA_TUOI_CLC'],
  ['HTX-DEMO-001', 'BUY-023', 'LUA_TUOI_CLC'],
  ['HTX-DEMO-018', 'BUY-020', 'KHOM'],
  ['HTX-DEMO-021', 'BUY-019', 'TOM_SU'],
  ['HTX-DEMO-024', 'BUY-015', 'LUA_ST'],
  ['HTX-DEMO-037', 'BUY-021', 'HO_TIEU_PQ'],
  ['HTX-DEMO-040', 'BUY-010', 'RAU_AN_LA'],
];

export function buildDemoDataSet(today: string, geo: DemoGeography): DemoDataSet {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be YYYY-MM-DD, got "${today}"`);
  const products = new Map<string, CatalogueEntry>(PRODUCT_CATALOGUE.map((p) => [p.code, p]));
  const product = (code: string) => {
    const p = products.get(code);
    if (!p) throw new Error(`demo data: unknown product ${code}`);
    return p;
  };
  const month = Number(today.slice(5, 7));
  const districts = new Map(KIEN_GIANG_DISTRICTS.map((d) => [d.code, d]));

  // Zones first: lots inside them get green-lane permits in part.
  const zones: DemoZone[] = ZONE_SPECS.map((z) => {
    const d = districts.get(z.district);
    if (!d) throw new Error(`demo data: district ${z.district} missing`);
    const c = ZONE_CENTRE_OVERRIDE[z.district] ?? d.centroid;
    return {
      code: z.code,
      name: z.name,
      boundary: circleAround(c.lat, c.lng, z.radiusM),
      restricted: z.restricted,
      activeFrom: addDays(today, -3),
      activeTo: addDays(today, 11),
    };
  });
  const inZone = (lat: number, lng: number) => zones.some((z) => pointInPolygon(lat, lng, z.boundary));

  const cooperatives: DemoCooperative[] = [];
  const productionAreas: DemoProductionArea[] = [];
  const supplyLots: DemoSupplyLot[] = [];
  const coopByRef = new Map<string, DemoCooperative>();
  let zoneLots = 0;

  for (const c of DEMO_COOPERATIVES) {
    const provinceCode = geo.provinceCodeOf(c.province_2025);
    const communeId = provinceCode ? geo.communeIdOf(provinceCode, c.commune_2025) : null;
    const district = districts.get(c.district_code_pre2025);
    const coop: DemoCooperative = {
      externalRef: c.id,
      kind: cooperativeKindOf(c.name),
      name: c.name,
      administrativeUnitId: communeId,
      provinceCode,
      address: `${c.commune_2025}, ${c.province_2025} (trước 2025: ${district?.name_vi ?? c.district_name_pre2025}, Tỉnh Kiên Giang)`,
      location: point(c.lat, c.lng),
      certifications: certificationsFor(c.certifications),
      products: [...new Set(c.main_products)].filter((p) => products.has(p)),
      members: c.members,
    };
    cooperatives.push(coop);
    coopByRef.set(c.id, coop);

    // One production area per main product grown on land or in ponds, sharing the HTX's hectares.
    const areaProducts = coop.products.filter((p) => !NOT_AREA_BOUND.has(p));
    const areaRefs = new Map<string, DemoProductionArea>();
    if (c.production_area_ha > 0 && areaProducts.length) {
      const share = c.production_area_ha / areaProducts.length;
      areaProducts.forEach((code, i) => {
        const rand = prng(`area:${c.id}:${code}`);
        const areaM2 = share * 10_000;
        // Fields lie around the HTX office, one bearing per product, about a field's width away.
        const bearing = (2 * Math.PI * i) / areaProducts.length + rand() * 0.6;
        const distM = Math.sqrt(areaM2) * (0.7 + rand() * 0.4) + 300;
        const centre = offsetPoint(c.lat, c.lng, distM * Math.cos(bearing), distM * Math.sin(bearing));
        const p = product(code);
        const area: DemoProductionArea = {
          externalRef: `${c.id}:AREA:${code}`,
          cooperativeRef: c.id,
          productCode: code,
          name: `Vùng ${lowerFirst(p.name_vi.split(' (')[0])} – ${c.commune_2025}`,
          areaHa: Math.round(share * 100) / 100,
          boundary: polygonAround(centre.lat, centre.lng, areaM2, 6, rand() * Math.PI),
          centroid: point(centre.lat, centre.lng),
          certifications: certificationsFor(c.certifications, code, p.category),
          provinceCode,
        };
        productionAreas.push(area);
        areaRefs.set(code, area);
      });
    }

    // One open lot per product the harvest plan names: the season nearest to today.
    const byProduct = new Map<string, SourceCooperative['harvest_plan']>();
    for (const h of c.harvest_plan) byProduct.set(h.product, [...(byProduct.get(h.product) ?? []), h]);
    for (const [code, seasons] of byProduct) {
      const p = product(code);
      const season = [...seasons].sort((a, b) => monthsUntil(a.months, month) - monthsUntil(b.months, month))[0];
      const rand = prng(`lot:${c.id}:${code}:${today}`);
      const inSeason = monthsUntil(season.months, month) === 0;
      const roll = rand();
      const phase: DemoSupplyLot['phase'] = roll < 0.12 ? 'backlog' : inSeason && roll < 0.75 ? 'now' : 'upcoming';
      let from: string;
      let to: string;
      if (phase === 'backlog') {
        to = addDays(today, -randInt(rand, 1, 6));
        from = addDays(to, -randInt(rand, 7, 20));
      } else if (phase === 'now') {
        from = addDays(today, -randInt(rand, 1, 12));
        to = addDays(today, randInt(rand, 7, 30));
      } else {
        from = addDays(today, randInt(rand, 5, 42));
        to = addDays(from, randInt(rand, 10, 35));
      }
      // Year-round plans give annual output: offer about a month's worth; seasonal plans the season.
      const seasonKg = quantityToKg(season.expected_qty, season.unit, code);
      const kg = season.months.length >= 6 ? seasonKg / 12 : seasonKg;
      const quantityKg = Math.max(100, Math.round(kg / 100) * 100);
      const certifications = certificationsFor(c.certifications, code, p.category);
      const min = p.typical_price_vnd?.min ?? 0;
      const max = p.typical_price_vnd?.max ?? min;
      // Certified produce asks in the upper half of the band.
      const position = certifications.length ? 0.5 + rand() * 0.35 : 0.2 + rand() * 0.45;
      const area = areaRefs.get(code) ?? null;
      const at = area
        ? { lat: area.centroid.coordinates[1], lng: area.centroid.coordinates[0] }
        : { lat: c.lat, lng: c.lng };
      const originalCerts = c.certifications.filter((t) => certificationCovers(t, code, p.category));
      supplyLots.push({
        externalRef: `${c.id}:LOT:${code}`,
        cooperativeRef: c.id,
        productionAreaRef: area?.externalRef ?? null,
        productCode: code,
        quantityKg,
        harvestFrom: from,
        harvestTo: to,
        certifications,
        askVndPerKg: clamp(roundTo(min + (max - min) * position, 100), min, max),
        location: point(at.lat, at.lng),
        // Every other lot inside a zone holds a luồng xanh permit, so scenario 2 shows both cases.
        greenLane: inZone(at.lat, at.lng) && zoneLots++ % 2 === 0,
        provinceCode,
        note: [
          `Vụ: ${season.season}`,
          phase === 'backlog' ? 'Đã thu hoạch, còn tồn chưa bán' : null,
          originalCerts.length ? `Chứng nhận: ${originalCerts.join('; ')}` : null,
        ]
          .filter(Boolean)
          .join('. '),
        phase,
      });
    }
  }

  const buyers: DemoBuyer[] = [];
  const purchaseRequests: DemoPurchaseRequest[] = [];
  for (const b of DEMO_BUYERS) {
    const type = buyerTypeOf(b.type);
    const provinceCode = geo.provinceCodeOf(b.province_2025);
    buyers.push({
      externalRef: b.id,
      type,
      name: b.name,
      administrativeUnitId: provinceCode ? `current:province:${provinceCode}` : null,
      provinceCode,
      address: b.city,
      location: point(b.lat, b.lng),
      productsWanted: b.products_wanted.filter((p) => products.has(p)),
      // Real markets and chains: the demand shown is an illustration, not their orders.
      demandIsIllustrative: b.real_entity && b.demand_is_illustrative,
    });
    const local = provinceCode === '91';
    for (const code of b.products_wanted) {
      const p = products.get(code);
      if (!p) continue;
      const rand = prng(`request:${b.id}:${code}:${today}`);
      const from = addDays(today, randInt(rand, 0, 21));
      const days = randInt(rand, 7, 35);
      const perDay = DEMAND_KG_PER_DAY[type] * (CATEGORY_SCALE[p.category] ?? 0.5);
      const quantityKg = Math.max(200, roundTo(perDay * days * (0.6 + rand() * 0.8), 100));
      const min = p.typical_price_vnd?.min ?? 0;
      const max = p.typical_price_vnd?.max ?? min;
      // Far buyers pay more at the farm gate's expense of freight; bids overlap the asks.
      const position = (local ? 0.35 : 0.5) + rand() * 0.4;
      purchaseRequests.push({
        externalRef: `${b.id}:REQ:${code}`,
        buyerRef: b.id,
        productCode: code,
        quantityKg,
        deliverFrom: from,
        deliverTo: addDays(from, days),
        requiredCertifications: requiredCertifications(b.requirements, p),
        bidVndPerKg: clamp(roundTo(min + (max - min) * position, 100), min, max),
        location: point(b.lat, b.lng),
        maxDistanceKm: maxDistanceKm(type, local, rand),
        provinceCode,
        note: [b.demand_is_illustrative ? 'Nhu cầu minh họa (illustrative demand)' : null, ...b.requirements]
          .filter(Boolean)
          .join('; '),
      });
    }
  }

  const contracts: DemoContract[] = CONTRACT_SPECS.map(([coop, buyer, code]) => {
    const rand = prng(`contract:${coop}:${buyer}:${code}`);
    return {
      cooperativeRef: coop,
      buyerRef: buyer,
      productCode: code,
      bonusVndPerKg: 100 + 50 * randInt(rand, 0, 4),
      validFrom: addDays(today, -randInt(rand, 60, 200)),
      validTo: addDays(today, randInt(rand, 120, 300)),
      note: 'Hợp đồng liên kết tiêu thụ (demo, KH 308)',
    };
  });

  const transportOperators: DemoTransportOperator[] = [
    op('HTX Vận tải thủy Tắc Cậu', ['boat', 'barge'], 8, 200_000, 9.869, 105.13, ['91'], true),
    op(
      'Công ty TNHH Vận tải lạnh Rạch Giá',
      ['refrigerated_truck'],
      6,
      90_000,
      10.012,
      105.09,
      ['91', '92', '79'],
      true,
    ),
    op('Đội xe tải Giồng Riềng Minh Phát', ['truck'], 4, 40_000, 9.906, 105.31, ['91'], false),
    op(
      'Công ty CP Logistics Mekong',
      ['truck', 'refrigerated_truck'],
      12,
      180_000,
      10.045,
      105.77,
      ['91', '92', '79', '86'],
      true,
      '92',
    ),
    op('Tàu hàng Rạch Giá – Phú Quốc', ['boat'], 2, 30_000, 10.0, 105.08, ['91'], false),
  ].map((o) => ({ ...o, availableFrom: today, availableTo: addDays(today, 60) }));

  const harvestResources: DemoHarvestResource[] = [];
  const resource = (
    kind: HarvestResourceKind,
    name: string,
    coopRef: string,
    unitCount: number,
    capacityHaPerDay: number,
    workers: number | null,
  ) => {
    const c = coopByRef.get(coopRef)!;
    harvestResources.push({
      kind,
      name,
      cooperativeRef: coopRef,
      unitCount,
      capacityHaPerDay,
      workers,
      location: c.location,
      availableFrom: addDays(today, -7),
      availableTo: addDays(today, 45),
      provinceCode: c.provinceCode,
    });
  };
  resource('combine_harvester', 'Máy gặt đập liên hợp – HTX Thạnh Phước Lợi', 'HTX-DEMO-001', 4, 20, 8);
  resource('combine_harvester', 'Máy gặt đập liên hợp – HTX Tân Hiệp Đồng Tâm', 'HTX-DEMO-006', 6, 30, 12);
  resource('dryer', 'Lò sấy lúa – HTX DV NN Tân Hội Thành', 'HTX-DEMO-007', 2, 25, 6);
  resource('combine_harvester', 'Máy gặt đập liên hợp – HTX Mỹ Hiệp Sơn', 'HTX-DEMO-010', 5, 24, 10);
  resource('harvest_team', 'Tổ thu hoạch khóm Tắc Cậu', 'HTX-DEMO-018', 1, 3, 25);
  resource('harvest_team', 'Tổ thu hoạch khóm Long Hưng Phú', 'HTX-DEMO-004', 1, 2, 15);
  resource('harvest_team', 'Tổ thu tôm Tây Yên', 'HTX-DEMO-021', 1, 4, 12);
  resource('combine_harvester', 'Máy gặt lúa ST25 – HTX Vân Khánh Phát', 'HTX-DEMO-024', 3, 15, 6);

  const inventoryReports: DemoInventoryReport[] = [
    {
      buyerRef: 'BUY-016',
      productCode: 'GAO_TRANG',
      quantityKg: 850_000,
      reportedAt: addDays(today, -1),
      note: 'Tồn kho gạo sau sấy – xay xát (demo)',
    },
    {
      buyerRef: 'BUY-016',
      productCode: 'GAO_TRANG',
      quantityKg: 620_000,
      reportedAt: addDays(today, -8),
      note: 'Tồn kho gạo sau sấy – xay xát (demo)',
    },
    {
      buyerRef: 'BUY-017',
      productCode: 'CA_BIEN',
      quantityKg: 120_000,
      reportedAt: addDays(today, -1),
      note: 'Cá biển cấp đông tồn kho (demo)',
    },
    {
      buyerRef: 'BUY-020',
      productCode: 'KHOM',
      quantityKg: 45_000,
      reportedAt: addDays(today, -2),
      note: 'Khóm nguyên liệu chờ chế biến (demo)',
    },
  ];

  return {
    cooperatives,
    buyers,
    productionAreas,
    supplyLots,
    purchaseRequests,
    contracts,
    zones,
    transportOperators,
    harvestResources,
    inventoryReports,
    users: DEMO_USERS.map((u) => ({ ...u })),
  };
}

// ---------- helpers ----------

function point(lat: number, lng: number): Point {
  return { type: 'Point', coordinates: [round6(lng), round6(lat)] };
}

/** Months from `month` until the plan's next harvest month (0 when harvesting now). */
export function monthsUntil(months: number[], month: number): number {
  return Math.min(...months.map((m) => (m - month + 12) % 12));
}

function roundTo(x: number, step: number): number {
  return Math.round(x / step) * step;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(Math.max(x, min), max);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * A buyer's stated requirement becomes a hard filter only when it is plain
 * ("VietGAP", "OCOP 3 sao trở lên"); "ưu tiên", "là lợi thế", "hoặc tương đương"
 * and "A/B" alternatives stay preferences. VietGAP binds fresh produce, OCOP processed goods.
 */
export function requiredCertifications(requirements: string[], p: Pick<CatalogueEntry, 'code' | 'category'>): string[] {
  const out = new Set<string>();
  for (const r of requirements) {
    const f = foldVietnamese(r);
    if (/uu tien|loi the|khuyen khich|hoac|tuong duong|neu |\//.test(f)) continue;
    if (f.includes('vietgap') && ['rau_cu', 'trai_cay'].includes(p.category)) out.add('VIETGAP');
    if (/\bocop\b/.test(f) && ['che_bien', 'gia_vi'].includes(p.category)) out.add('OCOP');
  }
  return [...out].sort();
}

function maxDistanceKm(type: BuyerType, local: boolean, rand: () => number): number | null {
  if (type === 'trader') return 30 + 10 * randInt(rand, 0, 3);
  if (type === 'processor' && local) return 80 + 10 * randInt(rand, 0, 7);
  if (type === 'distributor' && local) return 150;
  return null;
}

function op(
  name: string,
  vehicleTypes: string[],
  vehicleCount: number,
  capacityKg: number,
  lat: number,
  lng: number,
  serviceProvinceCodes: string[],
  greenLane: boolean,
  provinceCode = '91',
): Omit<DemoTransportOperator, 'availableFrom' | 'availableTo'> {
  return {
    name,
    vehicleTypes,
    vehicleCount,
    capacityKg,
    location: point(lat, lng),
    serviceProvinceCodes,
    greenLane,
    provinceCode,
  };
}
