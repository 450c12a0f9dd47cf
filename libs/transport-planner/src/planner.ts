import { buildArcs, minCostAssignment } from './assignment';
import { lowerBoundVnd } from './lower-bound';
import { insertInterval, makeTrip, Model, type Interval, type Part, type Trip, type TripFit } from './model';
import { resolveParams } from './params';
import { savingsTrips } from './savings';
import type { PlannedTrip, TransportInstance, TransportPlanResult, TripStop, UnplannedLoad } from './types';

interface Assigned {
  trip: Trip;
  vehicle: number;
  fit: TripFit;
  interval: Interval;
}

interface Solution {
  assigned: Assigned[];
  days: Interval[][];
  unassigned: Trip[];
  rounds: number;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Proposes which vehicle takes which loads on one day, as cheaply as it can:
 * 1. one truck per load (the baseline): every part on its own trip, vehicles given to
 *    trips by rounds of minimum-cost assignment (each round gives each vehicle at most
 *    one more trip that fits a gap of its day);
 * 2. shared trips: Clarke–Wright savings joins loads to the same buyer from nearby
 *    pickups, the same rounds assign them, a trip no vehicle can take is split back;
 * 3. local improvement: relocate a part into another trip to the same buyer when the
 *    total falls, then reassign every trip from scratch and keep it if cheaper.
 * The shared plan is kept when it carries more kg than the baseline, or the same kg at no
 * more cost; otherwise the baseline is the plan. Deterministic: inputs sorted by id.
 */
export function planTransport(instance: TransportInstance): TransportPlanResult {
  const t0 = Date.now();
  const params = resolveParams(instance.params);
  const loads = [...instance.loads].sort(byId);
  const vehicles = [...instance.vehicles].sort(byId);
  const model = new Model(vehicles, params);
  const V = vehicles.length;

  const capCache = new Map<number, number>();
  const capFor = (refrigerated: boolean, permit: boolean): number => {
    const key = (refrigerated ? 1 : 0) + (permit ? 2 : 0);
    let c = capCache.get(key);
    if (c === undefined) {
      c = 0;
      for (let v = 0; v < V; v++) if (model.eligible(v, refrigerated, permit)) c = Math.max(c, vehicles[v].capacityKg);
      capCache.set(key, c);
    }
    return c;
  };

  // Split loads heavier than every truck that may carry them (part loads are allowed).
  const unplanned: UnplannedLoad[] = [];
  const parts: Part[] = [];
  for (const load of loads) {
    const cap = capFor(load.refrigerated, load.crossesRestrictedZone);
    if (cap <= 0 || load.kg <= 0) {
      unplanned.push({ loadId: load.id, kg: load.kg, reason: 'NO_ELIGIBLE_VEHICLE' });
      continue;
    }
    const n = Math.ceil(load.kg / cap);
    const base = Math.floor(load.kg / n);
    let extra = load.kg - base * n;
    for (let k = 0; k < n; k++) {
      const kg = base + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      parts.push({ index: parts.length, load, kg });
    }
  }

  const singles = parts.map((x) => makeTrip([x]));
  const baseline = assignRounds(model, singles, emptyDays(V));
  moveTrips(model, baseline, params.improvementPasses);
  const baselineCost = costOf(baseline);

  let shared = assignRounds(model, savingsTrips(model, parts, capFor), emptyDays(V));
  // A joined trip no vehicle could take goes back to single trips.
  const broken = shared.unassigned.filter((t) => t.parts.length > 1).flatMap((t) => t.parts.map((x) => makeTrip([x])));
  if (broken.length > 0) {
    const retry = assignRounds(model, broken, shared.days);
    shared = {
      assigned: [...shared.assigned, ...retry.assigned],
      days: retry.days,
      unassigned: [...shared.unassigned.filter((t) => t.parts.length === 1), ...retry.unassigned],
      rounds: shared.rounds + retry.rounds,
    };
  }
  let relocations = 0;
  for (let round = 0; round < params.improvementPasses; round++) {
    const before = costOf(shared);
    relocations += improve(model, shared, params.improvementPasses, capFor);
    moveTrips(model, shared, params.improvementPasses);
    if (costOf(shared) >= before) break;
  }
  const fresh = assignRounds(
    model,
    shared.assigned.map((a) => a.trip),
    emptyDays(V),
  );
  moveTrips(model, fresh, params.improvementPasses);
  if (fresh.unassigned.length === 0 && costOf(fresh) < costOf(shared)) {
    shared = { ...fresh, unassigned: shared.unassigned, rounds: shared.rounds + fresh.rounds };
  }

  const kgOf = (s: Solution) => s.assigned.reduce((a, x) => a + x.trip.kg, 0);
  // Carrying more comes first: a plan never leaves more kilograms behind than one truck per load,
  // and for the same kilograms it never costs more.
  const sharedWins =
    kgOf(shared) > kgOf(baseline) || (kgOf(shared) === kgOf(baseline) && costOf(shared) <= baselineCost);
  const chosen = sharedWins ? shared : baseline;

  for (const trip of chosen.unassigned) {
    for (const x of trip.parts) unplanned.push({ loadId: x.load.id, kg: x.kg, reason: whyUnplanned(model, x) });
  }
  const planned = chosen.assigned.flatMap((a) => a.trip.parts);
  const trips = chosen.assigned
    .map((a) => describeTrip(model, a))
    .sort((a, b) => (a.vehicleId < b.vehicleId ? -1 : a.vehicleId > b.vehicleId ? 1 : a.startMin - b.startMin));
  const plannedKg = planned.reduce((a, x) => a + x.kg, 0);
  return {
    method: sharedWins ? 'shared' : 'one-truck-per-load',
    trips,
    unplanned: mergeUnplanned(unplanned),
    costVnd: costOf(chosen),
    baselineCostVnd: baselineCost,
    lowerBoundVnd: lowerBoundVnd(model, planned),
    stats: {
      loads: loads.length,
      parts: parts.length,
      vehicles: V,
      vehiclesUsed: new Set(chosen.assigned.map((a) => a.vehicle)).size,
      plannedKg,
      baselinePlannedKg: kgOf(baseline),
      unplannedKg: unplanned.reduce((a, u) => a + u.kg, 0),
      baselineTrips: baseline.assigned.length,
      sharedTrips: shared.assigned.length,
      assignmentRounds: chosen.rounds,
      relocations: sharedWins ? relocations : 0,
      ms: Date.now() - t0,
    },
  };
}

function emptyDays(V: number): Interval[][] {
  return Array.from({ length: V }, () => []);
}

function costOf(s: Solution): number {
  let c = 0;
  for (const a of s.assigned) c += a.fit.costVnd;
  return c;
}

/**
 * Rounds of minimum-cost assignment: in each, every trip still without a vehicle is
 * offered its cheapest vehicles that may carry it and have a gap in their day for it;
 * the assignment gives each vehicle at most one more trip. Stops when a round places none.
 */
function assignRounds(model: Model, trips: Trip[], days: Interval[][]): Solution {
  const V = model.vehicles.length;
  const K = model.params.candidateVehiclesPerTrip;
  const assigned: Assigned[] = [];
  let open = trips;
  let rounds = 0;
  const order = new Int32Array(V);
  const price = new Float64Array(V);
  while (open.length > 0) {
    rounds++;
    const rows: Array<Array<{ right: number; cost: number }>> = [];
    const fits: Array<Map<number, TripFit>> = [];
    for (const trip of open) {
      // Price every eligible vehicle by distance alone, then check hours cheapest first.
      let m = 0;
      const pathKm = model.pathKm(trip);
      const first = trip.parts[0].load.pickup;
      const last = trip.parts[trip.parts.length - 1].load.pickup;
      const drop = trip.parts[0].load.drop;
      for (let v = 0; v < V; v++) {
        if (!model.eligibleFor(v, trip) || !model.fitsCapacity(v, trip.kg)) continue;
        const dep = model.vehicles[v].depot;
        const out = Math.min(model.roadKm(dep, first), model.roadKm(dep, last));
        price[v] = (out + pathKm + model.roadKm(drop, dep)) * model.rate[v];
        order[m++] = v;
      }
      const cand = Array.from(order.subarray(0, m)).sort((a, b) => price[a] - price[b] || a - b);
      const row: Array<{ right: number; cost: number }> = [];
      const fitMap = new Map<number, TripFit>();
      for (const v of cand) {
        const f = model.fitInDay(trip, v, days[v]);
        if (!f) continue;
        row.push({ right: v, cost: f.costVnd });
        fitMap.set(v, f);
        if (row.length >= K) break;
      }
      rows.push(row);
      fits.push(fitMap);
    }
    const match = minCostAssignment(open.length, V, buildArcs(open.length, rows));
    const still: Trip[] = [];
    let placed = 0;
    for (let t = 0; t < open.length; t++) {
      const v = match[t];
      const fit = v < 0 ? undefined : fits[t].get(v);
      if (!fit) {
        still.push(open[t]);
        continue;
      }
      const interval: Interval = { start: fit.startMin, end: fit.endMin, trip: open[t] };
      insertInterval(days[v], interval);
      assigned.push({ trip: open[t], vehicle: v, fit, interval });
      placed++;
    }
    open = still;
    if (placed === 0) break;
  }
  return { assigned, days, unassigned: open, rounds };
}

/**
 * Relocation: move one part into another trip to the same buyer (best insertion
 * position), on that trip's vehicle, when capacity, eligibility and both vehicles'
 * days allow and the total cost falls. Returns the number of moves made.
 */
function improve(model: Model, s: Solution, passes: number, capFor: (r: boolean, p: boolean) => number): number {
  const p = model.params;
  let moves = 0;
  for (let pass = 0; pass < passes; pass++) {
    let moved = 0;
    // Smallest trips first: emptying one saves its whole drive.
    const order = [...s.assigned].sort((a, b) => a.trip.kg - b.trip.kg || a.fit.costVnd - b.fit.costVnd);
    for (const A of order) {
      if (!s.assigned.includes(A)) continue;
      for (const x of [...A.trip.parts]) {
        const group = s.assigned.filter((a) => a.trip.dropKey === A.trip.dropKey);
        let best: {
          B: Assigned;
          trip: Trip;
          fit: TripFit;
          restFit: TripFit | null;
          rest: Trip | null;
          delta: number;
          day?: Array<{ trip: Trip; fit: TripFit }>;
        } | null = null;
        const restParts = A.trip.parts.filter((y) => y !== x);
        const rest = restParts.length > 0 ? makeTrip(restParts) : null;
        const restFit = rest ? model.fitInDay(rest, A.vehicle, s.days[A.vehicle], A.trip) : null;
        if (rest && !restFit) continue;
        const saved = A.fit.costVnd - (restFit ? restFit.costVnd : 0);
        for (const B of group) {
          if (B === A || B.trip.parts.length >= p.maxPickupsPerTrip) continue;
          const v = B.vehicle;
          if (!model.fitsCapacity(v, B.trip.kg + x.kg) || !model.eligibleFor(v, makeTrip([x]))) continue;
          if (!B.trip.parts.some((y) => model.roadKm(y.load.pickup, x.load.pickup) <= p.shareRadiusKm)) continue;
          for (let k = 0; k <= B.trip.parts.length; k++) {
            const ps = [...B.trip.parts];
            ps.splice(k, 0, x);
            const trip = makeTrip(ps);
            if (trip.kg > capFor(trip.refrigerated, trip.permit) || !model.nearEnough(trip)) continue;
            // B's day without B, and without A when it is the same vehicle (A shrinks or goes).
            const f = model.fitInDay(trip, v, s.days[v], B.trip);
            if (!f) {
              // B's gap is too short for the grown trip: the vehicle's other trips may move round it.
              if (v === A.vehicle) continue;
              const day = repackDay(model, s, v, B.trip, trip);
              if (!day) continue;
              const delta = day.cost - dayCost(s, v) - saved;
              if (delta < 0 && (!best || delta < best.delta))
                best = { B, trip, fit: day.fits[day.fits.length - 1].fit, restFit, rest, delta, day: day.fits };
              continue;
            }
            if (v === A.vehicle && !sameVehicleStillFits(model, s, A, rest, restFit, B, f)) continue;
            const delta = f.costVnd - B.fit.costVnd - saved;
            if (delta < 0 && (!best || delta < best.delta)) best = { B, trip, fit: f, restFit, rest, delta };
          }
        }
        if (!best) continue;
        if (best.day) setDay(s, best.B.vehicle, best.day);
        else replace(s, best.B, best.trip, best.fit);
        if (best.rest && best.restFit) replace(s, A, best.rest, best.restFit);
        else remove(s, A);
        moved++;
        break;
      }
    }
    moves += moved;
    if (moved === 0) break;
  }
  return moves;
}

function dayCost(s: Solution, v: number): number {
  let c = 0;
  for (const a of s.assigned) if (a.vehicle === v) c += a.fit.costVnd;
  return c;
}

/**
 * The vehicle's day re-sequenced with `add` in place of `drop`: its other trips keep their order
 * and the new trip goes in at each position in turn, every trip as early as it can start; the
 * cheapest sequence that fits, or null. (New trip last in the answer.)
 */
function repackDay(
  model: Model,
  s: Solution,
  v: number,
  drop: Trip,
  add: Trip,
): { cost: number; fits: Array<{ trip: Trip; fit: TripFit }> } | null {
  const others = s.days[v].filter((iv) => iv.trip !== drop).map((iv) => iv.trip);
  if (others.length > 6) return null;
  let best: { cost: number; fits: Array<{ trip: Trip; fit: TripFit }> } | null = null;
  for (let k = 0; k <= others.length; k++) {
    const order = [...others.slice(0, k), add, ...others.slice(k)];
    let from = -Infinity;
    let cost = 0;
    const fits: Array<{ trip: Trip; fit: TripFit }> = [];
    for (const trip of order) {
      const f = model.fit(trip, v, from, Infinity);
      if (!f) break;
      fits.push({ trip, fit: f });
      cost += f.costVnd;
      from = f.endMin;
    }
    if (fits.length < order.length || (best && cost >= best.cost)) continue;
    const mine = fits.findIndex((x) => x.trip === add);
    best = { cost, fits: [...fits.slice(0, mine), ...fits.slice(mine + 1), fits[mine]] };
  }
  return best;
}

/** Replaces every trip of vehicle v by the given sequence (the trip it grew from is gone). */
function setDay(s: Solution, v: number, fits: Array<{ trip: Trip; fit: TripFit }>): void {
  s.assigned = s.assigned.filter((a) => a.vehicle !== v);
  s.days[v] = [];
  for (const { trip, fit } of fits) {
    const interval: Interval = { start: fit.startMin, end: fit.endMin, trip };
    insertInterval(s.days[v], interval);
    s.assigned.push({ trip, vehicle: v, fit, interval });
  }
}

/**
 * Vehicle moves: give a trip to another vehicle that carries it for less and has a gap for it,
 * or swap the vehicles of two trips when both fit and the total falls. The assignment rounds
 * spread trips over vehicles one a round; these moves let a cheap vehicle take a second trip
 * from a dear one. Costs without hours (both orientations) screen the candidates first.
 */
function moveTrips(model: Model, s: Solution, passes: number): number {
  const V = model.vehicles.length;
  let moves = 0;
  for (let pass = 0; pass < passes; pass++) {
    let moved = 0;
    const trips = [...s.assigned].sort((a, b) => b.fit.costVnd - a.fit.costVnd || a.vehicle - b.vehicle);
    const price = new Map<Trip, Float64Array>();
    for (const a of trips) price.set(a.trip, freeCosts(model, a.trip));
    const priceOf = (trip: Trip): Float64Array => price.get(trip) ?? freeCosts(model, trip);
    for (const A of trips) {
      if (!s.assigned.includes(A)) continue;
      const row = priceOf(A.trip);
      let best: { v: number; fit: TripFit } | null = null;
      for (let v = 0; v < V; v++) {
        if (v === A.vehicle || row[v] >= (best ? best.fit.costVnd : A.fit.costVnd)) continue;
        const f = model.fitInDay(A.trip, v, s.days[v]);
        if (f && f.costVnd < (best ? best.fit.costVnd : A.fit.costVnd)) best = { v, fit: f };
      }
      if (!best) continue;
      moveTo(s, A, best.v, best.fit);
      moved++;
    }
    const current = [...s.assigned];
    for (let i = 0; i < current.length; i++) {
      const A = current[i];
      if (!s.assigned.includes(A)) continue;
      const pa = priceOf(A.trip);
      for (let j = i + 1; j < current.length; j++) {
        const B = current[j];
        if (!s.assigned.includes(B) || B.vehicle === A.vehicle) continue;
        const pb = priceOf(B.trip);
        const now = A.fit.costVnd + B.fit.costVnd;
        if (pa[B.vehicle] + pb[A.vehicle] >= now) continue;
        const fa = model.fitInDay(A.trip, B.vehicle, s.days[B.vehicle], B.trip);
        if (!fa) continue;
        const fb = model.fitInDay(B.trip, A.vehicle, s.days[A.vehicle], A.trip);
        if (!fb || fa.costVnd + fb.costVnd >= now) continue;
        const u = A.vehicle;
        const v = B.vehicle;
        const na = moveTo(s, A, v, fa, B);
        moveTo(s, B, u, fb, A);
        current[i] = na;
        moved++;
        break;
      }
    }
    moves += moved;
    if (moved === 0) break;
  }
  return moves;
}

/** The trip's cost on every vehicle that may carry it, hours aside (Infinity where it may not). */
function freeCosts(model: Model, trip: Trip): Float64Array {
  const V = model.vehicles.length;
  const out = new Float64Array(V).fill(Infinity);
  const ps = trip.parts;
  const first = ps[0].load.pickup;
  const last = ps[ps.length - 1].load.pickup;
  const drop = ps[0].load.drop;
  let inner = 0;
  for (let k = 1; k < ps.length; k++) inner += model.roadKm(ps[k - 1].load.pickup, ps[k].load.pickup);
  const fwd = inner + model.roadKm(last, drop);
  const rev = inner + model.roadKm(first, drop);
  for (let v = 0; v < V; v++) {
    if (!model.eligibleFor(v, trip) || !model.fitsCapacity(v, trip.kg)) continue;
    const dep = model.vehicles[v].depot;
    const km = Math.min(model.roadKm(dep, first) + fwd, model.roadKm(dep, last) + rev) + model.roadKm(drop, dep);
    out[v] = model.costOf(v, km);
  }
  return out;
}

/** Puts an assigned trip on vehicle v with the given fit (leaving `gone`'s interval out of v's day if it is being swapped away). */
function moveTo(s: Solution, old: Assigned, v: number, fit: TripFit, gone?: Assigned): Assigned {
  const from = s.days[old.vehicle];
  const at = from.indexOf(old.interval);
  if (at >= 0) from.splice(at, 1);
  if (gone) {
    const to = s.days[v];
    const k = to.indexOf(gone.interval);
    if (k >= 0) to.splice(k, 1);
  }
  const interval: Interval = { start: fit.startMin, end: fit.endMin, trip: old.trip };
  insertInterval(s.days[v], interval);
  const na: Assigned = { trip: old.trip, vehicle: v, fit, interval };
  s.assigned[s.assigned.indexOf(old)] = na;
  return na;
}

/** When both trips are on one vehicle, the shrunk A and the grown B must fit its day together. */
function sameVehicleStillFits(
  _model: Model,
  s: Solution,
  A: Assigned,
  rest: Trip | null,
  restFit: TripFit | null,
  B: Assigned,
  f: TripFit,
): boolean {
  const others = s.days[A.vehicle].filter((iv) => iv.trip !== A.trip && iv.trip !== B.trip);
  const ivs = [...others, { start: f.startMin, end: f.endMin, trip: B.trip }];
  if (rest && restFit) ivs.push({ start: restFit.startMin, end: restFit.endMin, trip: rest });
  ivs.sort((a, b) => a.start - b.start);
  for (let k = 1; k < ivs.length; k++) if (ivs[k].start < ivs[k - 1].end - 1e-9) return false;
  return true;
}

function replace(s: Solution, old: Assigned, trip: Trip, fit: TripFit): Assigned {
  const day = s.days[old.vehicle];
  day.splice(day.indexOf(old.interval), 1);
  const interval: Interval = { start: fit.startMin, end: fit.endMin, trip };
  insertInterval(day, interval);
  const na: Assigned = { trip, vehicle: old.vehicle, fit, interval };
  s.assigned[s.assigned.indexOf(old)] = na;
  return na;
}

function remove(s: Solution, old: Assigned): void {
  const day = s.days[old.vehicle];
  day.splice(day.indexOf(old.interval), 1);
  s.assigned.splice(s.assigned.indexOf(old), 1);
}

function whyUnplanned(model: Model, x: Part): UnplannedLoad['reason'] {
  const trip = makeTrip([x]);
  let eligible = false;
  for (let v = 0; v < model.vehicles.length; v++) {
    if (!model.eligibleFor(v, trip) || !model.fitsCapacity(v, x.kg)) continue;
    eligible = true;
    if (model.fit(trip, v, -Infinity, Infinity)) return 'NO_VEHICLE_TIME';
  }
  return eligible ? 'WINDOW_TOO_SHORT' : 'NO_ELIGIBLE_VEHICLE';
}

function mergeUnplanned(list: UnplannedLoad[]): UnplannedLoad[] {
  const by = new Map<string, UnplannedLoad>();
  for (const u of list) {
    const e = by.get(u.loadId);
    if (e) e.kg += u.kg;
    else by.set(u.loadId, { ...u });
  }
  return [...by.values()].sort((a, b) => (a.loadId < b.loadId ? -1 : 1));
}

function describeTrip(model: Model, a: Assigned): PlannedTrip {
  const p = model.params;
  const veh = model.vehicles[a.vehicle];
  const n = a.trip.parts.length;
  const ordered = a.fit.reversed ? [...a.trip.parts].reverse() : a.trip.parts;
  const stops: TripStop[] = [
    { kind: 'depot-out', point: veh.depot, loadIds: [], arriveMin: a.fit.startMin, departMin: a.fit.startMin },
  ];
  let time = a.fit.startMin;
  let at = veh.depot;
  for (let k = 0; k < n; k++) {
    const x = ordered[k];
    const same = k > 0 && ordered[k - 1].load.id === x.load.id;
    if (same) {
      stops[stops.length - 1].loadIds.push(x.load.id);
      continue;
    }
    time += model.driveMin(model.roadKm(at, x.load.pickup));
    const arrive = time;
    time = Math.max(time, x.load.earliestPickupMin) + p.stopMinutes;
    stops.push({
      kind: 'pickup',
      point: x.load.pickup,
      loadIds: [x.load.id],
      arriveMin: Math.round(arrive),
      departMin: Math.round(time),
    });
    at = x.load.pickup;
  }
  const drop = ordered[0].load.drop;
  time += model.driveMin(model.roadKm(at, drop));
  const arriveDrop = time;
  time += p.stopMinutes;
  stops.push({
    kind: 'drop',
    point: drop,
    loadIds: [...new Set(ordered.map((x) => x.load.id))],
    arriveMin: Math.round(arriveDrop),
    departMin: Math.round(time),
  });
  stops.push({
    kind: 'depot-back',
    point: veh.depot,
    loadIds: [],
    arriveMin: Math.round(a.fit.endMin),
    departMin: Math.round(a.fit.endMin),
  });
  stops[0].arriveMin = stops[0].departMin = Math.round(a.fit.startMin);
  return {
    vehicleId: veh.id,
    parts: ordered.map((x) => ({ loadId: x.load.id, kg: x.kg })),
    dropKey: a.trip.dropKey,
    kg: a.trip.kg,
    distanceKm: Math.round(a.fit.km * 10) / 10,
    costVnd: a.fit.costVnd,
    startMin: Math.round(a.fit.startMin),
    endMin: Math.round(a.fit.endMin),
    stops,
  };
}
