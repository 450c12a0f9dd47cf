import { proposalStaleReason } from './proposal-staleness';
import type { ProposalSnapshot } from './proposal.entity';

const snapshot: ProposalSnapshot = {
  lot: {
    productCode: 'LUA_ST',
    askVndPerKg: 7000,
    harvestFrom: '2026-12-01',
    harvestTo: '2026-12-15',
    certifications: ['VIETGAP'],
    location: [105.3, 9.93],
  },
  request: {
    productCode: 'LUA_ST',
    bidVndPerKg: 9000,
    deliverFrom: '2026-12-01',
    deliverTo: '2026-12-31',
    requiredCertifications: [],
    location: [106.62, 10.72],
    maxDistanceKm: null,
  },
};
const lot = (o: object = {}) => ({
  status: 'open' as const,
  version: 1,
  productCode: 'LUA_ST',
  askVndPerKg: 7000,
  harvestFrom: '2026-12-01',
  harvestTo: '2026-12-15',
  certifications: ['VIETGAP'],
  location: { type: 'Point' as const, coordinates: [105.3, 9.93] },
  ...o,
});
const request = (o: object = {}) => ({
  status: 'open' as const,
  version: 1,
  productCode: 'LUA_ST',
  bidVndPerKg: 9000,
  deliverFrom: '2026-12-01',
  deliverTo: '2026-12-31',
  requiredCertifications: [],
  location: { type: 'Point' as const, coordinates: [106.62, 10.72] },
  maxDistanceKm: null,
  ...o,
});
const versions = { lotVersion: 1, requestVersion: 1 };

describe('proposalStaleReason', () => {
  it('keeps a proposal whose rows did not change', () => {
    expect(proposalStaleReason(snapshot, versions, lot(), request())).toBeNull();
  });

  it('keeps a proposal written before zones were snapshotted when only the version moved', () => {
    expect(
      proposalStaleReason(
        snapshot,
        versions,
        lot({ version: 2, zone: 'PT-1', greenLane: true }),
        request({ version: 2, zone: 'PT-1' }),
      ),
    ).toBeNull();
  });

  it('keeps a proposal when only the version moved (another deal committed kilograms)', () => {
    expect(proposalStaleReason(snapshot, versions, lot({ version: 3 }), request({ version: 2 }))).toBeNull();
  });

  it.each([
    ['the lot was withdrawn', lot({ status: 'withdrawn' }), request(), /withdrawn/],
    ['the request was withdrawn', lot(), request({ status: 'withdrawn' }), /withdrawn/],
    ['the ask changed', lot({ version: 2, askVndPerKg: 7100 }), request(), /asking price/],
    ['the harvest window changed', lot({ version: 2, harvestTo: '2026-12-20' }), request(), /harvest window/],
    ['the certifications changed', lot({ version: 2, certifications: [] }), request(), /certifications/],
    ['the lot moved', lot({ version: 2, location: { type: 'Point', coordinates: [105.5, 9.93] } }), request(), /moved/],
    ['the bid changed', lot(), request({ version: 2, bidVndPerKg: 8000 }), /bid/],
    ['the delivery window changed', lot(), request({ version: 2, deliverFrom: '2026-12-05' }), /delivery window/],
    ['the distance cap changed', lot(), request({ version: 2, maxDistanceKm: 50 }), /distance cap/],
    ['the product changed', lot({ version: 2, productCode: 'XOAI' }), request(), /product/],
    [
      'a lockdown zone was drawn over the lot',
      lot({ version: 2, zone: 'PT-1', greenLane: false }),
      request(),
      /lockdown zone/,
    ],
    ['the green lane changed', lot({ version: 2, zone: null, greenLane: true }), request(), /green lane/],
    ['a lockdown zone was drawn over the request', lot(), request({ version: 2, zone: 'PT-1' }), /lockdown zone/],
  ])('marks it stale when %s', (_label, l, r, reason) => {
    const withZones: ProposalSnapshot = {
      lot: { ...snapshot.lot, zone: null, greenLane: false },
      request: { ...snapshot.request, zone: null },
    };
    expect(proposalStaleReason(withZones, versions, l as any, r as any)).toMatch(reason);
  });
});
