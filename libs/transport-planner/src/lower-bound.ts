/**
 * A lower bound on the cost of any plan that carries the given parts, within the trip
 * model (a trip picks up, delivers to one buyer and returns to its depot; road km are
 * great-circle km × a constant factor, so the triangle inequality holds). For a part ℓ
 * and an eligible vehicle v, direct(ℓ, v) = rate(v) × (depot→pickup + pickup→buyer +
 * buyer→depot): any trip of v carrying ℓ drives at least that. So a trip of v carrying
 * the set S costs at least max over S of direct(ℓ, v), which is at least the kg-weighted
 * mean, Σ kg(ℓ)/cap(v) × direct(ℓ, v) since Σ kg ≤ cap(v). Per buyer G the bound is the
 * largest of three valid ones:
 *   1. Σ over G of min over v of kg(ℓ)/cap(v) × direct(ℓ, v) (the fill share);
 *   2. max over G of min over v of direct(ℓ, v) (some trip carries the farthest part);
 *   3. ceil(kg(G) / largest eligible capacity) trips, each at least min over G, v of direct.
 * Vehicle hours and deadlines are relaxed (ignored), so the bound holds for every plan.
 */
import { makeTrip, type Model, type Part } from './model';

export function lowerBoundVnd(model: Model, parts: Part[]): number {
  const byDrop = new Map<string, Part[]>();
  for (const x of parts) {
    const g = byDrop.get(x.load.dropKey);
    if (g) g.push(x);
    else byDrop.set(x.load.dropKey, [x]);
  }
  const V = model.vehicles.length;
  let total = 0;
  for (const group of byDrop.values()) {
    let share = 0;
    let farthest = 0;
    let cheapest = Infinity;
    let kg = 0;
    let maxCap = 0;
    for (const x of group) {
      const alone = makeTrip([x]);
      let bestShare = Infinity;
      let bestDirect = Infinity;
      for (let v = 0; v < V; v++) {
        const veh = model.vehicles[v];
        if (!model.eligibleFor(v, alone) || !model.fitsCapacity(v, x.kg)) continue;
        const km =
          model.roadKm(veh.depot, x.load.pickup) +
          model.roadKm(x.load.pickup, x.load.drop) +
          model.roadKm(x.load.drop, veh.depot);
        const direct = km * model.rate[v];
        bestDirect = Math.min(bestDirect, direct);
        bestShare = Math.min(bestShare, (x.kg / veh.capacityKg) * direct);
        maxCap = Math.max(maxCap, veh.capacityKg);
      }
      if (!Number.isFinite(bestDirect)) continue;
      share += bestShare;
      farthest = Math.max(farthest, bestDirect);
      cheapest = Math.min(cheapest, bestDirect);
      kg += x.kg;
    }
    if (maxCap === 0) continue;
    const trips = Math.ceil(kg / maxCap - 1e-9);
    total += Math.max(share, farthest, trips * cheapest);
  }
  return Math.floor(total);
}
