/**
 * Clarke–Wright savings per buyer: every part starts on a trip of its own; two trips to
 * the same buyer are joined end to end where the saving s(i, j) = d(i, buyer) +
 * d(j, buyer) − d(i, j) is largest, while the pickups are near each other, the joined
 * load fits the largest truck that may carry it, the trip has few enough stops and its
 * own path can still meet every delivery deadline.
 */
import { haversineKm } from './geo';
import { makeTrip, type Model, type Part, type Trip } from './model';

export function savingsTrips(
  model: Model,
  parts: Part[],
  capFor: (refrigerated: boolean, permit: boolean) => number,
): Trip[] {
  const p = model.params;
  const byDrop = new Map<string, Part[]>();
  for (const x of parts) {
    const g = byDrop.get(x.load.dropKey);
    if (g) g.push(x);
    else byDrop.set(x.load.dropKey, [x]);
  }
  const out: Trip[] = [];
  for (const [, group] of [...byDrop].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const n = group.length;
    const routeOf = new Int32Array(n);
    const chains: Array<number[] | null> = group.map((_, i) => [i]);
    for (let i = 0; i < n; i++) routeOf[i] = i;
    const drop = group[0].load.drop;
    const toDrop = group.map((x) => haversineKm(x.load.pickup.lat, x.load.pickup.lng, drop.lat, drop.lng));
    const pairs: Array<{ i: number; j: number; s: number }> = [];
    for (let i = 0; i < n; i++) {
      const a = group[i].load.pickup;
      for (let j = i + 1; j < n; j++) {
        const b = group[j].load.pickup;
        const d = haversineKm(a.lat, a.lng, b.lat, b.lng);
        if (d * p.roadFactor > p.shareRadiusKm) continue;
        const s = toDrop[i] + toDrop[j] - d;
        if (s > 0) pairs.push({ i, j, s });
      }
    }
    pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
    for (const { i, j } of pairs) {
      const ri = routeOf[i];
      const rj = routeOf[j];
      if (ri === rj) continue;
      const ci = chains[ri];
      const cj = chains[rj];
      // routeOf only points at live chains; a merged one is null.
      if (!ci || !cj || ci.length + cj.length > p.maxPickupsPerTrip) continue;
      // i and j must be ends; orient so that i ends the first chain and j starts the second.
      let left: number[];
      let right: number[];
      if (ci[ci.length - 1] === i) left = ci;
      else if (ci[0] === i) left = [...ci].reverse();
      else continue;
      if (cj[0] === j) right = cj;
      else if (cj[cj.length - 1] === j) right = [...cj].reverse();
      else continue;
      const joined = [...left, ...right];
      const trip = makeTrip(joined.map((k) => group[k]));
      if (trip.kg > capFor(trip.refrigerated, trip.permit)) continue;
      if (!pathMeetsDeadlines(model, trip)) continue;
      chains[ri] = joined;
      chains[rj] = null;
      for (const k of cj) routeOf[k] = ri;
    }
    for (const c of chains) if (c) out.push(makeTrip(c.map((k) => group[k])));
  }
  return out;
}

/** The trip's own path, from its first pickup at the earliest hour, in either direction, meets every deadline. */
function pathMeetsDeadlines(model: Model, trip: Trip): boolean {
  const p = model.params;
  const n = trip.parts.length;
  for (const reversed of [false, true]) {
    const at = (k: number) => trip.parts[reversed ? n - 1 - k : k];
    let time = Math.max(p.dayStartMin, at(0).load.earliestPickupMin);
    let latest = Infinity;
    for (let k = 0; k < n; k++) {
      const x = at(k);
      if (k > 0) time += model.driveMin(model.roadKm(at(k - 1).load.pickup, x.load.pickup));
      time = Math.max(time, x.load.earliestPickupMin) + p.stopMinutes;
      latest = Math.min(latest, x.load.latestDeliveryMin);
    }
    time += model.driveMin(model.roadKm(at(n - 1).load.pickup, at(n - 1).load.drop));
    if (time <= latest) return true;
  }
  return false;
}
