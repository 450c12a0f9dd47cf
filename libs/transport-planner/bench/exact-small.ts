/**
 * The optimum of tiny instances by enumeration, to measure how far the planner lands from it:
 * every partition of the loads into trips (one buyer a trip), every pickup order of a trip,
 * every vehicle for every trip, and each vehicle's trips in every sequence against the day
 * (earliest starts): exact within the planner's trip model, under its sharing rule (each pickup
 * within shareRadiusKm of the one before it). Loads must fit a truck whole.
 */
import { makeTrip, Model, type Part, type Trip, type TripFit } from '../src/model';
import { resolveParams } from '../src/params';
import type { TransportInstance } from '../src/types';

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/** Optimal cost when every load is carried (loads must fit a truck whole); null when no plan carries them all. */
export function exactOptimum(instance: TransportInstance, explain?: (lines: string[]) => void): number | null {
  const params = resolveParams(instance.params);
  const vehicles = [...instance.vehicles].sort((a, b) => (a.id < b.id ? -1 : 1));
  const model = new Model(vehicles, params);
  const parts: Part[] = [...instance.loads]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((load, index) => ({ index, load, kg: load.kg }));
  const n = parts.length;
  const V = vehicles.length;
  // For each block and vehicle: every pickup order that works alone, cheapest first.
  const bestFit = new Map<string, Array<Array<{ trip: Trip; fit: TripFit }>>>();
  const blockFits = (block: number[]) => {
    const key = block.join(',');
    let row = bestFit.get(key);
    if (row) return row;
    row = [];
    const orders = permutations(block).map((o) => makeTrip(o.map((i) => parts[i])));
    for (let v = 0; v < V; v++) {
      const ok: Array<{ trip: Trip; fit: TripFit }> = [];
      for (const trip of orders) {
        if (!model.eligibleFor(v, trip) || !model.fitsCapacity(v, trip.kg)) break;
        if (!model.nearEnough(trip)) continue;
        const fit = model.fit(trip, v, -Infinity, Infinity);
        if (fit) ok.push({ trip, fit });
      }
      row.push(ok.sort((a, b) => a.fit.costVnd - b.fit.costVnd));
    }
    bestFit.set(key, row);
    return row;
  };
  /** The cheapest choice of pickup orders for the vehicle's blocks that fits its day in some sequence; Infinity when none does. */
  const dayCost = (options: Array<Array<{ trip: Trip; fit: TripFit }>>, v: number): number => {
    let best = Infinity;
    const pick = (k: number, chosen: Trip[], cost: number) => {
      if (cost >= best) return;
      if (k === options.length) {
        const fits =
          chosen.length <= 1 ||
          permutations(chosen).some((order) => {
            let from = -Infinity;
            for (const trip of order) {
              const f = model.fit(trip, v, from, Infinity);
              if (!f) return false;
              from = f.endMin;
            }
            return true;
          });
        if (fits) best = cost;
        return;
      }
      for (const o of options[k]) pick(k + 1, [...chosen, o.trip], cost + o.fit.costVnd);
    };
    pick(0, [], 0);
    return best;
  };
  let best = Infinity;
  const blocks: number[][] = [];
  const assign = (b: number, chosen: number[], cost: number) => {
    if (cost >= best) return;
    if (b === blocks.length) {
      // `cost` took each block's cheapest order: a lower bound; the day decides the real one.
      let total = 0;
      for (let v = 0; v < V; v++) {
        const mine = blocks
          .map((_, k) => k)
          .filter((k) => chosen[k] === v)
          .map((k) => blockFits(blocks[k])[v]);
        total += mine.length ? dayCost(mine, v) : 0;
        if (total >= best) return;
      }
      best = total;
      if (explain)
        explain(blocks.map((bl, k) => `${vehicles[chosen[k]].id} ${bl.map((i) => parts[i].load.id).join(' ')}`));
      return;
    }
    const fits = blockFits(blocks[b]);
    for (let v = 0; v < V; v++) {
      const f = fits[v];
      if (!f.length) continue;
      chosen.push(v);
      assign(b + 1, chosen, cost + f[0].fit.costVnd);
      chosen.pop();
    }
  };
  const partition = (i: number) => {
    if (i === n) {
      assign(0, [], 0);
      return;
    }
    for (const block of blocks) {
      if (parts[block[0]].load.dropKey !== parts[i].load.dropKey) continue;
      block.push(i);
      partition(i + 1);
      block.pop();
    }
    blocks.push([i]);
    partition(i + 1);
    blocks.pop();
  };
  partition(0);
  return Number.isFinite(best) ? best : null;
}
