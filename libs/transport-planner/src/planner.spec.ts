import fc from 'fast-check';
import { exactOptimum } from '../bench/exact-small';
import { generateTransportInstance } from '../bench/instance-generator';
import { buildArcs, minCostAssignment } from './assignment';
import { haversineKm } from './geo';
import { planTransport } from './planner';
import type { PlannerLoad, PlannerVehicle, TransportInstance, TransportPlanResult } from './types';

const HOUR = 60;
const coop = (dLat: number) => ({ lat: 10.0 + dLat, lng: 105.1 });
const buyer = { lat: 10.78, lng: 106.7 };

const load = (id: string, over: Partial<PlannerLoad> = {}): PlannerLoad => ({
  id,
  pickup: coop(0),
  drop: buyer,
  dropKey: 'buyer-1',
  kg: 1_000,
  earliestPickupMin: 6 * HOUR,
  latestDeliveryMin: 20 * HOUR,
  refrigerated: false,
  crossesRestrictedZone: false,
  ...over,
});

const vehicle = (id: string, over: Partial<PlannerVehicle> = {}): PlannerVehicle => ({
  id,
  depot: coop(0.05),
  capacityKg: 8_000,
  kind: 'truck',
  refrigerated: false,
  permitValid: false,
  ...over,
});

/** Checks every rule of a plan against its instance; returns the offences. */
function offences(instance: TransportInstance, plan: TransportPlanResult): string[] {
  const out: string[] = [];
  const vehicles = new Map(instance.vehicles.map((v) => [v.id, v]));
  const loads = new Map(instance.loads.map((l) => [l.id, l]));
  const carried = new Map<string, number>();
  const byVehicle = new Map<string, Array<[number, number]>>();
  for (const t of plan.trips) {
    const v = vehicles.get(t.vehicleId)!;
    const kg = t.parts.reduce((a, p) => a + p.kg, 0);
    if (kg !== t.kg) out.push(`trip kg ${t.kg} ≠ parts ${kg}`);
    if (kg > v.capacityKg) out.push(`${v.id} carries ${kg} kg over ${v.capacityKg}`);
    for (const p of t.parts) {
      const l = loads.get(p.loadId)!;
      carried.set(l.id, (carried.get(l.id) ?? 0) + p.kg);
      if (l.refrigerated && !v.refrigerated) out.push(`${l.id} refrigerated on ${v.id}`);
      if (l.crossesRestrictedZone && !v.permitValid) out.push(`${l.id} crosses a zone on ${v.id} without permit`);
      if (l.dropKey !== t.dropKey) out.push(`${l.id} to another buyer on a trip to ${t.dropKey}`);
      const pick = t.stops.find((s) => s.kind === 'pickup' && s.loadIds.includes(l.id))!;
      const drop = t.stops.find((s) => s.kind === 'drop')!;
      if (pick.departMin - (instance.params?.stopMinutes ?? 30) < l.earliestPickupMin - 1)
        out.push(`${l.id} picked up before its earliest`);
      if (drop.arriveMin > l.latestDeliveryMin + 1) out.push(`${l.id} delivered late`);
    }
    const iv = byVehicle.get(v.id) ?? [];
    iv.push([t.startMin, t.endMin]);
    byVehicle.set(v.id, iv);
  }
  for (const [id, ivs] of byVehicle) {
    ivs.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < ivs.length; k++) if (ivs[k][0] < ivs[k - 1][1] - 1) out.push(`${id} has overlapping trips`);
  }
  const unplanned = new Map(plan.unplanned.map((u) => [u.loadId, u.kg]));
  for (const l of instance.loads) {
    const total = (carried.get(l.id) ?? 0) + (unplanned.get(l.id) ?? 0);
    if (total !== l.kg) out.push(`${l.id}: ${total} kg accounted of ${l.kg}`);
  }
  if (plan.stats.plannedKg < plan.stats.baselinePlannedKg)
    out.push(`carries ${plan.stats.plannedKg} kg, less than one truck per load (${plan.stats.baselinePlannedKg})`);
  if (plan.stats.plannedKg === plan.stats.baselinePlannedKg && plan.costVnd > plan.baselineCostVnd)
    out.push(`cost ${plan.costVnd} over one truck per load ${plan.baselineCostVnd}`);
  if (plan.costVnd < plan.lowerBoundVnd) out.push(`cost ${plan.costVnd} under the lower bound ${plan.lowerBoundVnd}`);
  if (plan.costVnd !== plan.trips.reduce((a, t) => a + t.costVnd, 0)) out.push('cost is not the sum of the trips');
  return out;
}

describe('planTransport', () => {
  it('puts two loads from neighbouring cooperatives to one buyer on one truck, cheaper than two trucks', () => {
    const instance = { loads: [load('a'), load('b', { pickup: coop(0.1) })], vehicles: [vehicle('v1'), vehicle('v2')] };
    const sut = planTransport(instance);
    expect(sut.method).toBe('shared');
    expect(sut.trips).toHaveLength(1);
    expect(sut.trips[0].parts.map((p) => p.loadId).sort()).toEqual(['a', 'b']);
    expect(sut.costVnd).toBeLessThan(sut.baselineCostVnd);
    expect(offences(instance, sut)).toEqual([]);
  });

  it('never joins loads for different buyers', () => {
    const instance = {
      loads: [load('a'), load('b', { dropKey: 'buyer-2', drop: { lat: 10.03, lng: 105.77 } })],
      vehicles: [vehicle('v1')],
    };
    const sut = planTransport(instance);
    expect(sut.trips.every((t) => t.parts.length === 1)).toBe(true);
  });

  it('does not join loads when the truck would be over capacity', () => {
    const instance = {
      loads: [load('a', { kg: 5_000 }), load('b', { kg: 5_000 })],
      vehicles: [vehicle('v1'), vehicle('v2')],
    };
    const sut = planTransport(instance);
    expect(sut.trips).toHaveLength(2);
    expect(offences(instance, sut)).toEqual([]);
  });

  it('splits a load heavier than every truck into parts', () => {
    const instance = { loads: [load('a', { kg: 20_001 })], vehicles: [vehicle('v1'), vehicle('v2'), vehicle('v3')] };
    const sut = planTransport(instance);
    expect(sut.trips.map((t) => t.kg).sort()).toEqual([6_667, 6_667, 6_667]);
    expect(offences(instance, sut)).toEqual([]);
  });

  it('gives a refrigerated load only to a refrigerated truck, and leaves it unplanned without one', () => {
    const cold = load('a', { refrigerated: true });
    const sut = planTransport({
      loads: [cold],
      vehicles: [vehicle('dry'), vehicle('cold', { refrigerated: true, depot: coop(1) })],
    });
    expect(sut.trips[0].vehicleId).toBe('cold');
    const none = planTransport({ loads: [cold], vehicles: [vehicle('dry')] });
    expect(none.trips).toEqual([]);
    expect(none.unplanned).toEqual([{ loadId: 'a', kg: 1_000, reason: 'NO_ELIGIBLE_VEHICLE' }]);
  });

  it('gives a load crossing a restricted zone only to a truck with a permit valid on the day', () => {
    const crossing = load('a', { crossesRestrictedZone: true });
    const sut = planTransport({
      loads: [crossing],
      vehicles: [vehicle('near'), vehicle('permitted', { permitValid: true, depot: coop(1) })],
    });
    expect(sut.trips[0].vehicleId).toBe('permitted');
  });

  it('honours a permit limited to some provinces', () => {
    const crossing = load('a', { crossesRestrictedZone: true, provinceCodes: ['91', '79'] });
    const vehicles = [
      vehicle('kg-only', { permitValid: true, permitProvinceCodes: ['91'] }),
      vehicle('both', { permitValid: true, permitProvinceCodes: ['79', '91'], depot: coop(1) }),
    ];
    expect(planTransport({ loads: [crossing], vehicles }).trips[0].vehicleId).toBe('both');
  });

  it('charges a refrigerated truck more per km', () => {
    const dry = planTransport({ loads: [load('a')], vehicles: [vehicle('v')] });
    const cold = planTransport({
      loads: [load('a')],
      vehicles: [vehicle('v', { refrigerated: true })],
      params: { refrigeratedFactor: 1.5 },
    });
    expect(cold.costVnd).toBeGreaterThan(dry.costVnd * 1.49);
  });

  it('says a load cannot be delivered in its window', () => {
    const sut = planTransport({
      loads: [load('a', { earliestPickupMin: 10 * HOUR, latestDeliveryMin: 11 * HOUR })],
      vehicles: [vehicle('v1')],
    });
    expect(sut.unplanned).toEqual([{ loadId: 'a', kg: 1_000, reason: 'WINDOW_TOO_SHORT' }]);
  });

  it('gives one truck two trips in a day when the hours allow, never overlapping', () => {
    const near = { lat: 10.3, lng: 105.1 };
    const instance = {
      loads: [load('a', { drop: near, dropKey: 'n' }), load('b', { drop: near, dropKey: 'n', kg: 8_000 })],
      vehicles: [vehicle('v1')],
      params: { dayEndMin: 24 * HOUR },
    };
    const sut = planTransport(instance);
    expect(sut.trips).toHaveLength(2);
    expect(offences(instance, sut)).toEqual([]);
  });

  it('lets a cheap truck take a second trip rather than hire a dear one', () => {
    const near = (lat: number) => ({ lat, lng: 105.1 });
    const instance = {
      loads: [load('a', { drop: near(10.3), dropKey: 'n1' }), load('b', { drop: near(10.35), dropKey: 'n2' })],
      vehicles: [
        vehicle('van', { kind: 'van', capacityKg: 2_500 }),
        vehicle('container', { kind: 'container_truck', capacityKg: 15_000 }),
      ],
    };
    const sut = planTransport(instance);
    expect(sut.trips.map((t) => t.vehicleId)).toEqual(['van', 'van']);
    expect(offences(instance, sut)).toEqual([]);
  });

  it('never costs less than the enumerated optimum, and finds it on easy cases', () => {
    let optimal = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const instance = generateTransportInstance({
        loads: 5,
        vehicles: 3,
        seed,
        buyersPerCity: 1,
        buyerCities: [1, 2],
      });
      const plan = planTransport(instance);
      const opt = exactOptimum(instance);
      if (plan.unplanned.length || opt === null) continue;
      expect(plan.costVnd).toBeGreaterThanOrEqual(opt);
      if (plan.costVnd === opt) optimal++;
    }
    expect(optimal).toBeGreaterThan(0);
  });

  it('is deterministic whatever the input order', () => {
    const instance = generateTransportInstance({ loads: 60, vehicles: 20, seed: 7 });
    const a = planTransport(instance);
    const b = planTransport({ loads: [...instance.loads].reverse(), vehicles: [...instance.vehicles].reverse() });
    expect({ ...b, stats: { ...b.stats, ms: 0 } }).toEqual({ ...a, stats: { ...a.stats, ms: 0 } });
  });

  it('respects capacity, refrigeration, permits and hours, never carries less than one truck per load and for the same kg never costs more (generated)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 30 }),
        (seed, loads, vehicles) => {
          const instance = generateTransportInstance({ loads, vehicles, seed, buyersPerCity: 1 });
          const plan = planTransport(instance);
          expect(offences(instance, plan)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('minCostAssignment', () => {
  it('finds the cheapest perfect assignment (checked against all permutations)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 4, maxLength: 4 }), {
          minLength: 4,
          maxLength: 4,
        }),
        (m) => {
          const rows = m.map((r) => r.map((cost, right) => ({ right, cost })));
          const match = minCostAssignment(4, 4, buildArcs(4, rows));
          const got = match.reduce((a, r, u) => a + m[u][r], 0);
          let best = Infinity;
          const perm = (p: number[], used: boolean[]): void => {
            if (p.length === 4)
              best = Math.min(
                best,
                p.reduce((a, r, u) => a + m[u][r], 0),
              );
            for (let r = 0; r < 4; r++) {
              if (used[r]) continue;
              used[r] = true;
              perm([...p, r], used);
              used[r] = false;
            }
          };
          perm([], [false, false, false, false]);
          expect(got).toBe(best);
          expect(new Set(match).size).toBe(4);
        },
      ),
    );
  });

  it('places as many as it can when arcs are sparse', () => {
    const match = minCostAssignment(
      3,
      2,
      buildArcs(3, [
        [{ right: 0, cost: 1 }],
        [
          { right: 0, cost: 5 },
          { right: 1, cost: 9 },
        ],
        [{ right: 1, cost: 1 }],
      ]),
    );
    expect([...match].filter((r) => r >= 0)).toHaveLength(2);
    expect(match[0]).toBe(0);
    expect(match[2]).toBe(1);
  });
});

describe('haversineKm', () => {
  it('measures 111.195 km for one degree of longitude on the equator', () => {
    expect(haversineKm(0, 0, 0, 1)).toBeCloseTo(111.195, 2);
  });
});
