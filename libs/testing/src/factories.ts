import { randomBytes } from 'node:crypto';
import { DataSource, DeepPartial } from 'typeorm';
import {
  Agency,
  Buyer,
  Cooperative,
  foldVietnamese,
  Product,
  ProductionArea,
  PurchaseRequest,
  SupplyLot,
  toPoint,
  TransportOperator,
  Vehicle,
} from '@agrilink/core';

// Factories give valid random defaults; a test overrides only what it asserts.
let seq = 0;
const uniq = () => `${++seq}-${randomBytes(3).toString('hex')}`;

export async function ensureProduct(ds: DataSource, over: DeepPartial<Product> = {}): Promise<Product> {
  const code = over.code ?? 'LUA_ST';
  const existing = await ds.getRepository(Product).findOneBy({ code });
  if (existing) return existing;
  const nameVi = over.nameVi ?? `Lúa ST ${code}`;
  return ds.getRepository(Product).save({
    code,
    nameVi,
    nameEn: over.nameEn ?? `Product ${code}`,
    category: 'lua_gao',
    unit: 'tấn',
    shelfLifeDays: 30,
    searchText: foldVietnamese(`${nameVi} ${over.nameEn ?? ''}`),
    ...over,
  });
}

export async function makeCooperative(ds: DataSource, over: DeepPartial<Cooperative> = {}): Promise<Cooperative> {
  const name = over.name ?? `HTX Nông nghiệp Thử nghiệm ${uniq()}`;
  return ds.getRepository(Cooperative).save({
    kind: 'cooperative',
    name,
    provinceCode: '91',
    location: toPoint({ lat: 9.93, lng: 105.3 }),
    certifications: ['VIETGAP'],
    products: ['LUA_ST'],
    ...over,
  });
}

export async function makeBuyer(ds: DataSource, over: DeepPartial<Buyer> = {}): Promise<Buyer> {
  const name = over.name ?? `Chợ đầu mối Thử nghiệm ${uniq()}`;
  return ds.getRepository(Buyer).save({
    type: 'wholesale_market',
    name,
    provinceCode: '79',
    location: toPoint({ lat: 10.7225, lng: 106.6225 }),
    productsWanted: ['LUA_ST'],
    ...over,
  });
}

export async function makeSupplyLot(ds: DataSource, over: DeepPartial<SupplyLot> = {}): Promise<SupplyLot> {
  const cooperativeId = over.cooperativeId ?? (await makeCooperative(ds)).id;
  const productCode = over.productCode ?? (await ensureProduct(ds)).code;
  return ds.getRepository(SupplyLot).save({
    cooperativeId,
    productCode,
    quantityKg: 50_000,
    harvestFrom: '2026-12-01',
    harvestTo: '2026-12-15',
    certifications: ['VIETGAP'],
    askVndPerKg: 7000,
    location: toPoint({ lat: 9.93, lng: 105.3 }),
    greenLane: false,
    status: 'open',
    provinceCode: '91',
    ...over,
  });
}

export async function makePurchaseRequest(
  ds: DataSource,
  over: DeepPartial<PurchaseRequest> = {},
): Promise<PurchaseRequest> {
  const buyerId = over.buyerId ?? (await makeBuyer(ds)).id;
  const productCode = over.productCode ?? (await ensureProduct(ds)).code;
  return ds.getRepository(PurchaseRequest).save({
    buyerId,
    productCode,
    quantityKg: 100_000,
    deliverFrom: '2026-12-01',
    deliverTo: '2026-12-31',
    requiredCertifications: [],
    bidVndPerKg: 9000,
    location: toPoint({ lat: 10.7225, lng: 106.6225 }),
    status: 'open',
    provinceCode: '79',
    ...over,
  });
}

export async function makeProductionArea(
  ds: DataSource,
  over: DeepPartial<ProductionArea> = {},
): Promise<ProductionArea> {
  const cooperativeId = over.cooperativeId ?? (await makeCooperative(ds)).id;
  const productCode = over.productCode ?? (await ensureProduct(ds)).code;
  const ring = [
    [105.29, 9.92],
    [105.31, 9.92],
    [105.31, 9.94],
    [105.29, 9.94],
    [105.29, 9.92],
  ];
  return ds.getRepository(ProductionArea).save({
    cooperativeId,
    productCode,
    areaHa: 12.5,
    boundary: { type: 'Polygon', coordinates: [ring] },
    centroid: toPoint({ lat: 9.93, lng: 105.3 }),
    certifications: [],
    provinceCode: '91',
    ...over,
  });
}

export async function makeTransportOperator(
  ds: DataSource,
  over: DeepPartial<TransportOperator> = {},
): Promise<TransportOperator> {
  const name = over.name ?? `Vận tải Thử nghiệm ${uniq()}`;
  return ds.getRepository(TransportOperator).save({
    name,
    vehicleTypes: ['truck'],
    vehicleCount: 3,
    capacityKg: 30000,
    serviceProvinceCodes: ['91', '79'],
    provinceCode: '91',
    ...over,
  });
}

/** A random valid plate (68C-123.45 shape); unique enough across a test file. */
export function randomPlate(): string {
  const n = randomBytes(4).readUInt32BE(0);
  const digits = String(n % 100000).padStart(5, '0');
  const series = 'CDEFHK'[n % 6];
  return `${11 + (n % 89)}${series}-${digits.slice(0, 3)}.${digits.slice(3)}`;
}

export async function makeVehicle(
  ds: DataSource,
  operatorId: string,
  over: DeepPartial<Vehicle> = {},
): Promise<Vehicle> {
  return ds.getRepository(Vehicle).save({
    operatorId,
    plate: randomPlate(),
    kind: 'truck',
    capacityKg: 8000,
    refrigerated: false,
    status: 'active',
    retiredAt: null,
    ...over,
  });
}

export async function makeAgency(ds: DataSource, over: DeepPartial<Agency> = {}): Promise<Agency> {
  const name = over.name ?? `UBND xã Thử nghiệm ${uniq()}`;
  return ds.getRepository(Agency).save({ kind: 'commune', name, active: true, ...over });
}
