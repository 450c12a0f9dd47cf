import { PRODUCT_CATALOGUE, foldVietnamese } from '@agrilink/core';
import { buildDemoDataSet, DemoGeography, monthsUntil, requiredCertifications } from './demo-data-set';
import { pointInPolygon } from './demo-geometry';

const geo: DemoGeography = {
  provinceCodeOf: (name) =>
    ({ 'an giang': '91', 'ho chi minh': '79', 'can tho': '92', 'ha noi': '01', 'ca mau': '96' })[
      foldVietnamese(name).replace(/^(tinh|thanh pho|tp\.?)\s+/, '')
    ] ?? null,
  communeIdOf: (pc, name) => `current:commune:${pc}-${foldVietnamese(name)}`,
};

describe('buildDemoDataSet', () => {
  const today = '2025-11-20';
  const sut = buildDemoDataSet(today, geo);
  const band = new Map(PRODUCT_CATALOGUE.map((p) => [p.code, p.typical_price_vnd!]));

  it('is deterministic for a given day', () => {
    expect(buildDemoDataSet(today, geo)).toEqual(sut);
  });

  it('builds 40 cooperatives and 27 buyers with unique natural keys', () => {
    expect(sut.cooperatives).toHaveLength(40);
    expect(sut.buyers).toHaveLength(27);
    for (const rows of [sut.cooperatives, sut.buyers, sut.productionAreas, sut.supplyLots, sut.purchaseRequests]) {
      const refs = rows.map((r) => r.externalRef);
      expect(new Set(refs).size).toBe(refs.length);
    }
  });

  it('flags illustrative demand on real markets and chains only', () => {
    const bd = sut.buyers.find((b) => b.externalRef === 'BUY-001')!;
    const invented = sut.buyers.find((b) => b.externalRef === 'BUY-016')!;
    expect(bd).toMatchObject({ type: 'wholesale_market', provinceCode: '79', demandIsIllustrative: true });
    expect(invented).toMatchObject({ type: 'processor', provinceCode: '91', demandIsIllustrative: false });
  });

  it('keeps asks and bids inside the product price band', () => {
    for (const l of sut.supplyLots) {
      const b = band.get(l.productCode)!;
      expect(l.askVndPerKg).toBeGreaterThanOrEqual(b.min!);
      expect(l.askVndPerKg).toBeLessThanOrEqual(b.max!);
    }
    for (const r of sut.purchaseRequests) {
      const b = band.get(r.productCode)!;
      expect(r.bidVndPerKg).toBeGreaterThanOrEqual(b.min!);
      expect(r.bidVndPerKg).toBeLessThanOrEqual(b.max!);
    }
  });

  it('places lots around today: some harvesting, some coming, a few past with backlog', () => {
    const phases = sut.supplyLots.map((l) => l.phase);
    expect(phases.filter((p) => p === 'now').length).toBeGreaterThan(5);
    expect(phases.filter((p) => p === 'upcoming').length).toBeGreaterThan(5);
    expect(phases.filter((p) => p === 'backlog').length).toBeGreaterThan(0);
    for (const l of sut.supplyLots) {
      expect(l.harvestFrom <= l.harvestTo).toBe(true);
      if (l.phase === 'now') expect(l.harvestFrom <= today && today <= l.harvestTo).toBe(true);
      if (l.phase === 'upcoming') expect(l.harvestFrom > today).toBe(true);
      if (l.phase === 'backlog') expect(l.harvestTo < today).toBe(true);
      expect(Number.isInteger(l.quantityKg) && l.quantityKg > 0).toBe(true);
    }
  });

  it('moves every window with the day it is given', () => {
    const later = buildDemoDataSet('2026-04-02', geo);
    expect(later.supplyLots.some((l) => l.harvestFrom <= '2026-04-02' && l.harvestTo >= '2026-04-02')).toBe(true);
    expect(later.purchaseRequests.every((r) => r.deliverFrom >= '2026-04-02')).toBe(true);
  });

  it('gives contracts a bonus of 100–300 VND/kg', () => {
    expect(sut.contracts.length).toBeGreaterThanOrEqual(3);
    for (const c of sut.contracts) {
      expect(c.bonusVndPerKg).toBeGreaterThanOrEqual(100);
      expect(c.bonusVndPerKg).toBeLessThanOrEqual(300);
    }
  });

  it('gives green-lane permits only to lots inside a zone', () => {
    const inside = (l: (typeof sut.supplyLots)[number]) =>
      sut.zones.some((z) => pointInPolygon(l.location.coordinates[1], l.location.coordinates[0], z.boundary));
    expect(sut.supplyLots.filter((l) => l.greenLane).every(inside)).toBe(true);
    expect(sut.supplyLots.some((l) => inside(l) && !l.greenLane)).toBe(true);
    expect(sut.zones.filter((z) => z.restricted)).toHaveLength(1);
  });

  it('binds the demo users to HTX-DEMO-001 and BUY-001', () => {
    expect(sut.users.map((u) => [u.email, u.role, u.cooperativeRef, u.buyerRef])).toEqual([
      ['staff@agrilink.local', 'staff', null, null],
      ['htx@agrilink.local', 'cooperative', 'HTX-DEMO-001', null],
      ['buyer@agrilink.local', 'buyer', null, 'BUY-001'],
    ]);
  });
});

describe('monthsUntil', () => {
  it.each([
    [[2, 3, 4], 3, 0],
    [[2, 3, 4], 1, 1],
    [[12, 1, 2], 11, 1],
    [[7, 8, 9], 10, 9],
  ])('from months %j in month %d is %d', (months, month, expected) =>
    expect(monthsUntil(months, month)).toBe(expected),
  );
});

describe('requiredCertifications', () => {
  const khom = { code: 'KHOM', category: 'trai_cay' };
  it.each([
    [['VietGAP'], khom, ['VIETGAP']],
    [['VietGAP là lợi thế'], khom, []],
    [['VietGAP/GlobalGAP'], khom, []],
    [['VietGAP hoặc tương đương'], khom, []],
    [['VietGAP'], { code: 'CA_BIEN', category: 'thuy_san' }, []],
    [['OCOP 3 sao trở lên'], { code: 'MAT_ONG', category: 'che_bien' }, ['OCOP']],
  ])('%j for %j requires %j', (reqs, p, expected) => expect(requiredCertifications(reqs, p)).toEqual(expected));
});
