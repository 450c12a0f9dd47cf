/**
 * Feasible pairs of one component, grouped by request (CSR layout), in typed arrays.
 * Lots sit in a KD-tree on 3-D unit vectors (chord distance is monotone in great-circle
 * distance, so the pruning is exact anywhere on the globe); every node also keeps the
 * cheapest ask, the earliest availableFrom and the latest availableTo below it, so whole
 * subtrees are pruned by distance, price and dates before any pair is scored.
 */
import { EARTH_RADIUS_KM } from './geo';
import type { ComponentInput } from './model';

const DEG = Math.PI / 180;
const LEAF_SIZE = 16;

export interface ComponentPairs {
  /** Pairs of request r are pairLot/pairScore[reqStart[r] .. reqStart[r+1]), in KD-tree order. */
  reqStart: Int32Array;
  pairLot: Int32Array;
  pairScore: Float64Array;
  count: number;
  /** Per request: best score and shortest distance over its feasible pairs (for explanations). */
  reqBestScore: Float64Array;
  reqMinKm: Float64Array;
  /** Per lot: best score over its feasible pairs. */
  lotBestScore: Float64Array;
  maxScore: number;
}

class LotKdTree {
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly box: Float64Array; // 6 per node: min xyz, max xyz
  readonly minAsk: Float64Array;
  readonly minFrom: Float64Array;
  readonly maxTo: Float64Array;
  nodes = 0;

  constructor(
    readonly ux: Float64Array,
    readonly uy: Float64Array,
    readonly uz: Float64Array,
    private readonly ask: Float64Array,
    private readonly from: Int32Array,
    private readonly to: Int32Array,
  ) {
    const n = ux.length;
    const cap = Math.max(1, 2 * Math.ceil(n / (LEAF_SIZE / 2)) + 1);
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.left = new Int32Array(cap).fill(-1);
    this.right = new Int32Array(cap).fill(-1);
    this.box = new Float64Array(cap * 6);
    this.minAsk = new Float64Array(cap);
    this.minFrom = new Float64Array(cap);
    this.maxTo = new Float64Array(cap);
    if (n > 0) this.build(0, n);
  }

  private build(s: number, e: number): number {
    const node = this.nodes++;
    const { order, ux, uy, uz, box } = this;
    let x0 = Infinity,
      y0 = Infinity,
      z0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity,
      z1 = -Infinity;
    let ask = Infinity,
      from = Infinity,
      to = -Infinity;
    for (let k = s; k < e; k++) {
      const i = order[k];
      const x = ux[i],
        y = uy[i],
        z = uz[i];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
      if (this.ask[i] < ask) ask = this.ask[i];
      if (this.from[i] < from) from = this.from[i];
      if (this.to[i] > to) to = this.to[i];
    }
    const b = node * 6;
    box[b] = x0;
    box[b + 1] = y0;
    box[b + 2] = z0;
    box[b + 3] = x1;
    box[b + 4] = y1;
    box[b + 5] = z1;
    this.minAsk[node] = ask;
    this.minFrom[node] = from;
    this.maxTo[node] = to;
    this.start[node] = s;
    this.end[node] = e;
    if (e - s > LEAF_SIZE) {
      const dx = x1 - x0,
        dy = y1 - y0,
        dz = z1 - z0;
      const coord = dx >= dy && dx >= dz ? ux : dy >= dz ? uy : uz;
      // Sort by the widest axis (ties by lot index: deterministic), split at the median.
      const seg = Array.from(order.subarray(s, e)).sort((a, c) => coord[a] - coord[c] || a - c);
      order.set(seg, s);
      const mid = (s + e) >> 1;
      this.left[node] = this.build(s, mid);
      this.right[node] = this.build(mid, e);
    }
    return node;
  }
}

function unitVectors(lat: Float64Array, lng: Float64Array): [Float64Array, Float64Array, Float64Array] {
  const n = lat.length;
  const x = new Float64Array(n),
    y = new Float64Array(n),
    z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const la = lat[i] * DEG,
      lo = lng[i] * DEG;
    x[i] = Math.cos(la) * Math.cos(lo);
    y[i] = Math.cos(la) * Math.sin(lo);
    z[i] = Math.sin(la);
  }
  return [x, y, z];
}

function growInt(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Growable typed buffers for pairs. */
class PairBuffer {
  lot: Int32Array;
  score: Float64Array;
  count = 0;
  constructor(capacity: number) {
    this.lot = new Int32Array(Math.max(16, capacity));
    this.score = new Float64Array(Math.max(16, capacity));
  }
  push(lot: number, score: number): void {
    if (this.count === this.lot.length) {
      const cap = Math.ceil(this.lot.length * 1.5);
      const l = new Int32Array(cap);
      l.set(this.lot);
      this.lot = l;
      const s = new Float64Array(cap);
      s.set(this.score);
      this.score = s;
    }
    this.lot[this.count] = lot;
    this.score[this.count] = score;
    this.count++;
  }
}

/** Generates every feasible pair of a component (rules 2–7; rule 1 holds by construction). */
export function generatePairs(c: ComponentInput): ComponentPairs {
  const nL = c.lotQty.length;
  const nR = c.reqQty.length;
  const { transportVndPerKgKm: rate, kmPerDay, maxDistanceKm: globalMax, scenario, multiplier } = c.params;
  const shelf = c.shelfLifeDays;
  const [lx, ly, lz] = unitVectors(c.lotLat, c.lotLng);
  const [rx, ry, rz] = unitVectors(c.reqLat, c.reqLng);
  const tree = new LotKdTree(lx, ly, lz, c.lotAsk, c.lotFrom, c.lotTo);
  // The leaf filters read lots in tree order: copies of their fields in that order make
  // those reads sequential instead of scattered over seven arrays.
  const tOrder = tree.order;
  const tAsk = Float64Array.from(tOrder, (i) => c.lotAsk[i]);
  const tFrom = Int32Array.from(tOrder, (i) => c.lotFrom[i]);
  const tTo = Int32Array.from(tOrder, (i) => c.lotTo[i]);
  const tCert = Int32Array.from(tOrder, (i) => c.lotCertSet[i]);
  const tx = Float64Array.from(tOrder, (i) => lx[i]);
  const ty = Float64Array.from(tOrder, (i) => ly[i]);
  const tz = Float64Array.from(tOrder, (i) => lz[i]);
  const lotCos = Float64Array.from(c.lotLat, (v) => Math.cos(v * DEG));
  const reqCos = Float64Array.from(c.reqLat, (v) => Math.cos(v * DEG));

  let minAsk = Infinity,
    minFrom = Infinity;
  for (let i = 0; i < nL; i++) {
    if (c.lotAsk[i] < minAsk) minAsk = c.lotAsk[i];
    if (c.lotFrom[i] < minFrom) minFrom = c.lotFrom[i];
  }
  const minMultiplier = scenario === 2 ? Math.min(1, multiplier) : 1;

  // Contract bonuses for the current buyer, stamped per request.
  const bonusOf = new Float64Array(c.coopCount);
  const bonusStamp = new Int32Array(c.coopCount).fill(-1);
  const contractsByBuyer = new Map<number, number[]>();
  for (let k = 0; k < c.contractCoop.length; k++) {
    const list = contractsByBuyer.get(c.contractBuyer[k]) ?? [];
    list.push(k);
    contractsByBuyer.set(c.contractBuyer[k], list);
  }

  const buf = new PairBuffer(nL * 4);
  const reqStart = new Int32Array(nR + 1);
  const reqBestScore = new Float64Array(nR).fill(-Infinity);
  const reqMinKm = new Float64Array(nR).fill(Infinity);
  const lotBestScore = new Float64Array(nL).fill(-Infinity);
  const stack = new Int32Array(128);
  let found = new Int32Array(Math.max(16, nL));
  let maxScore = 0;
  const restricted = c.zoneRestricted;
  const compat = c.certCompat;
  const lotSetCount = c.lotSetCount;

  for (let j = 0; j < nR; j++) {
    reqStart[j] = buf.count;
    if (nL === 0) continue;
    const bid = c.reqBid[j];
    const dFrom = c.reqFrom[j];
    const dTo = c.reqTo[j];
    // A radius no feasible lot can exceed: caps, shelf life, the latest window, the price.
    let radius = Math.min(c.reqMaxKm[j], globalMax, (dTo - minFrom) * kmPerDay);
    if (shelf >= 0) radius = Math.min(radius, shelf * kmPerDay);
    if (rate * minMultiplier > 0) radius = Math.min(radius, (bid - minAsk + 0.5) / (rate * minMultiplier));
    if (!(radius >= 0)) continue;
    radius = radius * (1 + 1e-9) + 1e-6;
    const half = radius / (2 * EARTH_RADIUS_KM);
    const chord = half >= Math.PI / 2 ? 2 : 2 * Math.sin(half);
    const chord2 = chord * chord * (1 + 1e-9) + 1e-15;
    const maxTransit = Math.ceil(radius / kmPerDay);
    const qx = rx[j],
      qy = ry[j],
      qz = rz[j];
    const reqSetRow = c.reqCertSet[j] * lotSetCount;

    const buyerContracts = contractsByBuyer.get(c.reqBuyer[j]);
    if (buyerContracts) {
      for (const k of buyerContracts) {
        bonusOf[c.contractCoop[k]] = c.contractBonus[k];
        bonusStamp[c.contractCoop[k]] = j;
      }
    }

    let nf = 0;
    let sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp];
      if (tree.minAsk[node] > bid || tree.minFrom[node] > dTo || tree.maxTo[node] + maxTransit < dFrom) continue;
      const b = node * 6;
      const box = tree.box;
      const ex = qx < box[b] ? box[b] - qx : qx > box[b + 3] ? qx - box[b + 3] : 0;
      const ey = qy < box[b + 1] ? box[b + 1] - qy : qy > box[b + 4] ? qy - box[b + 4] : 0;
      const ez = qz < box[b + 2] ? box[b + 2] - qz : qz > box[b + 5] ? qz - box[b + 5] : 0;
      if (ex * ex + ey * ey + ez * ez > chord2) continue;
      if (tree.left[node] >= 0) {
        stack[sp++] = tree.right[node];
        stack[sp++] = tree.left[node];
        continue;
      }
      for (let k = tree.start[node], e = tree.end[node]; k < e; k++) {
        if (tAsk[k] > bid || tFrom[k] > dTo || tTo[k] + maxTransit < dFrom) continue;
        if (compat[reqSetRow + tCert[k]] === 0) continue;
        const dx = tx[k] - qx,
          dy = ty[k] - qy,
          dz = tz[k] - qz;
        if (dx * dx + dy * dy + dz * dz > chord2) continue;
        if (nf === found.length) found = growInt(found);
        found[nf++] = tOrder[k];
      }
    }
    // Tree order: deterministic, since the tree is built from the canonical (id-sorted) input.

    const rLat = c.reqLat[j],
      rLng = c.reqLng[j],
      rCos = reqCos[j],
      rZone = c.reqZone[j];
    const reqMax = c.reqMaxKm[j];
    for (let f = 0; f < nf; f++) {
      const i = found[f];
      // Same arithmetic, in the same order, as haversineKm(lot, request).
      const sLat = Math.sin((rLat - c.lotLat[i]) * DEG * 0.5);
      const sLng = Math.sin((rLng - c.lotLng[i]) * DEG * 0.5);
      const a = sLat * sLat + lotCos[i] * rCos * sLng * sLng;
      const d = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
      if (d > reqMax || d > globalMax) continue; // rule 4
      const transit = Math.ceil(d / kmPerDay);
      if (shelf >= 0 && transit > shelf) continue; // rule 5
      if (c.lotFrom[i] + transit > dTo || c.lotTo[i] + transit < dFrom) continue; // rule 2
      const lZone = c.lotZone[i];
      const touchesRestricted = scenario === 2 && (restricted[lZone] === 1 || restricted[rZone] === 1);
      if (touchesRestricted && lZone !== rZone && c.lotGreen[i] === 0) continue; // rule 7
      const m = touchesRestricted ? multiplier : 1;
      const t = Math.floor(rate * m * d + 0.5);
      const margin = bid - c.lotAsk[i] - t;
      if (margin < 0) continue; // rule 6
      const coop = c.lotCoop[i];
      const score = margin + (bonusStamp[coop] === j ? bonusOf[coop] : 0);
      buf.push(i, score);
      if (score > maxScore) maxScore = score;
      if (score > reqBestScore[j]) reqBestScore[j] = score;
      if (score > lotBestScore[i]) lotBestScore[i] = score;
      if (d < reqMinKm[j]) reqMinKm[j] = d;
    }
  }
  reqStart[nR] = buf.count;
  return {
    reqStart,
    pairLot: buf.lot.slice(0, buf.count),
    pairScore: buf.score.slice(0, buf.count),
    count: buf.count,
    reqBestScore,
    reqMinKm,
    lotBestScore,
    maxScore,
  };
}
