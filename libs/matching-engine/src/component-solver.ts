/**
 * Exact solver for one component. The network simplex starts warm from the best-first
 * greedy plan. Up to ALL_PAIRS_LIMIT feasible pairs, every pair is an arc from the start:
 * measured, that halves the pivots against growing a small candidate set by pricing
 * rounds (pivots made on a restricted arc set are largely undone once more arcs join),
 * and the pivots, not the pricing, are the cost. Above the limit (memory), the simplex
 * runs on a candidate set (the k best-score pairs of every lot and request); then every
 * feasible pair is priced with the dual potentials, pairs with a negative reduced cost
 * join the arc set and the simplex resumes warm. Either way, when a full pricing pass
 * finds no pair with a negative reduced cost, the potentials prove the plan optimal over
 * ALL feasible pairs.
 *
 * `volume-then-score` is lexicographic. Each pair arc earns M + score with
 * M = min(lots, requests) × (maxScore + 1): an augmenting path of the residual network
 * crosses at most min(lots, requests) − 1 used pairs backwards, each worth at most
 * maxScore, so one more kilogram always outweighs any score it costs. All figures stay
 * below 2^53 (|potential| <= nodes × max arc cost).
 */
import { OBJECTIVE_SCORE, type ComponentInput } from './model';
import { TransportSimplex } from './network-simplex';
import type { ComponentPairs } from './pairs';

export interface ComponentFlows {
  /** Allocations as local indices, sorted by lot then request. */
  allocLot: Int32Array;
  allocReq: Int32Array;
  allocQty: Float64Array;
  allocScore: Float64Array;
  matchedKg: number;
  scoreVnd: number;
  candidateArcs: number;
  pricingRounds: number;
  pivots: number;
  /** Pairs of the previous plan the run started from (0: a cold start). */
  warmPairs: number;
}

/**
 * Components with at most this many feasible pairs give the simplex every pair at once. Measured
 * (one product of a generated season, same optimum either way): 16.6 M pairs solve in 18.5 s with
 * every pair against 37.4 s by candidate set and pricing rounds, at ≈ 50 bytes a pair of peak memory
 * (1.9 GiB for 37.7 M pairs). At 32 M a part stays under ≈ 1.7 GiB, so a worker solving two
 * national parts at once beside a run's snapshot stays within its 8 GiB.
 */
export const ALL_PAIRS_LIMIT = 32_000_000;

export interface ComponentSolverOptions {
  /** Best-score pairs per lot and per request in the first candidate set (default: all pairs up to ALL_PAIRS_LIMIT, else 16). */
  candidatesPerNode?: number;
  /** Most negative priced-out pairs per request added in one pricing round. */
  addPerRequest?: number;
  /** Start from the best-first greedy plan (default) instead of the empty plan. */
  greedyStart?: boolean;
  /** A previous plan of this component (local lot and request indices) to start from: see `warmStartPairs`. */
  warmStart?: LocalAllocations;
}

/** Allocations as local indices of one component. */
export interface LocalAllocations {
  lot: Int32Array;
  req: Int32Array;
  qty: Float64Array;
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

function growInt(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export function volumeReward(lotCount: number, requestCount: number, maxScore: number): number {
  return Math.min(lotCount, requestCount) * (maxScore + 1);
}

/**
 * Pairs in best-first order (score descending, ties: lower pair index), with each pair's
 * lot and request alongside, so that a greedy pass over them reads memory in sequence.
 */
export function pairsByScore(
  pairs: ComponentPairs,
  reqOf: Int32Array,
): { order: Int32Array; lot: Int32Array; req: Int32Array } {
  const P = pairs.count;
  const top = pairs.maxScore;
  const score = pairs.pairScore;
  const pairLot = pairs.pairLot;
  const order = new Int32Array(P);
  const lot = new Int32Array(P);
  const req = new Int32Array(P);
  if (Number.isInteger(top) && top >= 0 && top <= 4 * P + 65536) {
    // Scores are whole VND >= 0 (margin >= 0 plus a bonus >= 0), usually a few thousand:
    // a counting sort is linear, and placing pairs in index order keeps ties by index.
    // Its writes go to one sequential stream per score value, which stay in cache.
    const start = new Int32Array(top + 2);
    for (let p = 0; p < P; p++) start[top - score[p] + 1]++;
    for (let s = 0; s <= top; s++) start[s + 1] += start[s];
    for (let p = 0; p < P; p++) {
      const q = start[top - score[p]]++;
      order[q] = p;
      lot[q] = pairLot[p];
      req[q] = reqOf[p];
    }
  } else {
    const sorted = Int32Array.from({ length: P }, (_, p) => p).sort((a, b) => score[b] - score[a] || a - b);
    for (let q = 0; q < P; q++) {
      order[q] = sorted[q];
      lot[q] = pairLot[sorted[q]];
      req[q] = reqOf[sorted[q]];
    }
  }
  return { order, lot, req };
}

/**
 * The starting point: best-first greedy flows (a forest, so a basis) plus, as the first
 * candidate set, the k best-score pairs of every lot and every request (null: all pairs).
 */
function initialCandidates(
  pairs: ComponentPairs,
  reqOf: Int32Array,
  lotQty: Float64Array,
  reqQty: Float64Array,
  k: number,
  warm: Int32Array | null,
): { candidates: Int32Array | null; greedyFlow: Float64Array } {
  const nL = lotQty.length;
  const nR = reqQty.length;
  const P = pairs.count;
  const { order, lot, req } = pairsByScore(pairs, reqOf);
  const lotLeft = Float64Array.from(lotQty);
  const reqLeft = Float64Array.from(reqQty);
  const greedyFlow = new Float64Array(P);
  // The previous plan's pairs go first, in the order that rebuilds its trees (see
  // warmStartPairs); the same rule as the greedy pass keeps the flows a basis.
  if (warm !== null) {
    for (const p of warm) {
      const i = pairs.pairLot[p];
      const j = reqOf[p];
      const f = Math.min(lotLeft[i], reqLeft[j]);
      if (f > 0) {
        lotLeft[i] -= f;
        reqLeft[j] -= f;
        greedyFlow[p] = f;
      }
    }
  }
  if (k >= nL && k >= nR) {
    for (let q = 0; q < P; q++) {
      const i = lot[q];
      const j = req[q];
      const f = Math.min(lotLeft[i], reqLeft[j]);
      if (f > 0) {
        lotLeft[i] -= f;
        reqLeft[j] -= f;
        greedyFlow[order[q]] += f;
      }
    }
    return { candidates: null, greedyFlow };
  }
  const lotTaken = new Int32Array(nL);
  const reqTaken = new Int32Array(nR);
  const chosen = new Uint8Array(P);
  let chosenCount = 0;
  for (let q = 0; q < P; q++) {
    const i = lot[q];
    const j = req[q];
    const f = Math.min(lotLeft[i], reqLeft[j]);
    if (f > 0) {
      lotLeft[i] -= f;
      reqLeft[j] -= f;
      greedyFlow[order[q]] += f;
    }
    if (f > 0 || greedyFlow[order[q]] > 0 || lotTaken[i] < k || reqTaken[j] < k) {
      lotTaken[i]++;
      reqTaken[j]++;
      chosen[order[q]] = 1;
      chosenCount++;
    }
  }
  // In pair order (what the arc order of the simplex, hence its pivots, follows).
  const candidates = new Int32Array(chosenCount);
  for (let p = 0, c = 0; p < P; p++) if (chosen[p] === 1) candidates[c++] = p;
  return { candidates, greedyFlow };
}

export function pairReqIndex(pairs: ComponentPairs, nR: number): Int32Array {
  const reqOf = new Int32Array(pairs.count);
  for (let j = 0; j < nR; j++) reqOf.fill(j, pairs.reqStart[j], pairs.reqStart[j + 1]);
  return reqOf;
}

export function solveComponentFlows(
  c: ComponentInput,
  pairs: ComponentPairs,
  options: ComponentSolverOptions = {},
): ComponentFlows {
  const nL = c.lotQty.length;
  const nR = c.reqQty.length;
  const P = pairs.count;
  const k = options.candidatesPerNode ?? (P <= ALL_PAIRS_LIMIT ? Infinity : 16);
  const useGreedyStart = options.greedyStart ?? true;
  const volume = c.params.objective !== OBJECTIVE_SCORE;
  const reward = volume ? volumeReward(nL, nR, pairs.maxScore) : 0;
  const demand = c.reqQty;

  const reqOf = pairReqIndex(pairs, nR);
  const warm = options.warmStart ? warmStartPairs(options.warmStart, pairs, c.lotQty, demand) : null;
  const { candidates, greedyFlow } = initialCandidates(pairs, reqOf, c.lotQty, demand, k, warm);
  const candidateCount = candidates === null ? P : candidates.length;
  const ns = new TransportSimplex(c.lotQty, demand, candidates === null ? P : candidateCount * 2);
  const arcOfPair = new Int32Array(P).fill(-1);
  let pairOfArc = new Int32Array(Math.max(16, candidates === null ? P : candidateCount * 2));
  let pairArcs = 0;
  // volume-then-score: first a small reward (usually already lexicographic), then the
  // proven one, warm; the second stage then costs a pricing pass and few pivots if any.
  // A warm start is already a basis for the proven reward: a smaller first stage would
  // only pivot away from it and back.
  const stages = volume ? (warm === null ? [Math.min(reward, 2 * pairs.maxScore + 1), reward] : [reward]) : [0];
  let stageReward = stages[0];
  const addPair = (p: number): void => {
    arcOfPair[p] = ns.addArc(pairs.pairLot[p], nL + reqOf[p], -(stageReward + pairs.pairScore[p]));
    if (pairArcs === pairOfArc.length) pairOfArc = growInt(pairOfArc);
    pairOfArc[pairArcs++] = p;
  };
  if (candidates === null) {
    // Every pair, in pair order: written straight into the arc arrays.
    const base = ns.arcCount;
    const { src, dst, cost, flow } = ns;
    const { pairLot, pairScore } = pairs;
    for (let p = 0; p < P; p++) {
      const e = base + p;
      src[e] = pairLot[p];
      dst[e] = nL + reqOf[p];
      cost[e] = -(stageReward + pairScore[p]);
      flow[e] = useGreedyStart ? greedyFlow[p] : 0;
      arcOfPair[p] = e;
      pairOfArc[p] = p;
    }
    ns.arcCount = base + P;
    pairArcs = P;
  } else {
    for (let q = 0; q < candidateCount; q++) {
      const p = candidates[q];
      addPair(p);
      if (useGreedyStart) ns.flow[arcOfPair[p]] = greedyFlow[p];
    }
  }
  ns.buildBasis();

  let rounds = 0;
  const pi = ns.pi;
  let foundRc = new Float64Array(64);
  let foundPair = new Int32Array(64);
  let keys = new Float64Array(64);
  const perRound = options.addPerRequest ?? 64;
  for (let s = 0; s < stages.length; s++) {
    if (s > 0) {
      if (stages[s] === stageReward) continue;
      stageReward = stages[s];
      for (let e = nL + nR; e < ns.arcCount; e++) ns.cost[e] = -(stageReward + pairs.pairScore[pairOfArc[e - nL - nR]]);
      ns.recomputePotentials();
    }
    for (;;) {
      ns.run();
      rounds++;
      // Price every feasible pair with the duals. Arcs join as soon as they are found:
      // adding arcs does not move the potentials, and each pair is priced once a pass.
      let added = 0;
      for (let j = 0; j < nR; j++) {
        const piReq = pi[nL + j];
        let nf = 0;
        let worst = 0;
        for (let p = pairs.reqStart[j], end = pairs.reqStart[j + 1]; p < end; p++) {
          if (arcOfPair[p] >= 0) continue;
          const rc = -(stageReward + pairs.pairScore[p]) + pi[pairs.pairLot[p]] - piReq;
          if (rc < 0) {
            if (nf === foundRc.length) {
              foundRc = grow(foundRc);
              foundPair = growInt(foundPair);
            }
            foundRc[nf] = rc;
            foundPair[nf++] = p;
            if (rc < worst) worst = rc;
          }
        }
        if (nf > perRound) {
          // Only the most negative few per request: the rest are usually fixed by the next
          // duals. Reduced costs are whole numbers: one numeric sort of packed keys
          // (rc − worst, then position: ties keep pair order) picks them.
          if (nf > keys.length) keys = new Float64Array(foundRc.length);
          if (-worst * nf < Number.MAX_SAFE_INTEGER) {
            const k = keys.subarray(0, nf);
            for (let q = 0; q < nf; q++) k[q] = (foundRc[q] - worst) * nf + q;
            k.sort();
            for (let q = 0; q < perRound; q++) {
              addPair(foundPair[k[q] % nf]);
              added++;
            }
          } else {
            const idx = Array.from({ length: nf }, (_, q) => q).sort((a, b) => foundRc[a] - foundRc[b] || a - b);
            for (let q = 0; q < perRound; q++) {
              addPair(foundPair[idx[q]]);
              added++;
            }
          }
        } else {
          for (let q = 0; q < nf; q++) addPair(foundPair[q]);
          added += nf;
        }
      }
      if (added === 0) break;
    }
  }

  // Read the plan off the pair arcs and check it (capacities, integrality).
  const lotUsed = new Float64Array(nL);
  const reqUsed = new Float64Array(nR);
  const firstPairArc = nL + nR;
  const rows: number[] = [];
  for (let e = firstPairArc; e < ns.arcCount; e++) {
    const f = ns.flow[e];
    if (f === 0) continue;
    if (!(f > 0) || !Number.isInteger(f)) throw new Error(`component ${c.product}: non-integral flow ${f}`);
    rows.push(pairOfArc[e - firstPairArc]);
  }
  rows.sort((a, b) => pairs.pairLot[a] - pairs.pairLot[b] || reqOf[a] - reqOf[b]);
  const allocLot = new Int32Array(rows.length);
  const allocReq = new Int32Array(rows.length);
  const allocQty = new Float64Array(rows.length);
  const allocScore = new Float64Array(rows.length);
  let matchedKg = 0;
  let scoreVnd = 0;
  rows.forEach((p, r) => {
    const q = ns.flow[arcOfPair[p]];
    allocLot[r] = pairs.pairLot[p];
    allocReq[r] = reqOf[p];
    allocQty[r] = q;
    allocScore[r] = pairs.pairScore[p];
    lotUsed[allocLot[r]] += q;
    reqUsed[allocReq[r]] += q;
    matchedKg += q;
    scoreVnd += q * pairs.pairScore[p];
  });
  for (let i = 0; i < nL; i++)
    if (lotUsed[i] > c.lotQty[i]) throw new Error(`component ${c.product}: lot ${i} over-used`);
  for (let j = 0; j < nR; j++)
    if (reqUsed[j] > c.reqQty[j]) throw new Error(`component ${c.product}: request ${j} over-used`);

  return {
    allocLot,
    allocReq,
    allocQty,
    allocScore,
    matchedKg,
    scoreVnd,
    candidateArcs: pairArcs,
    pricingRounds: rounds,
    pivots: ns.pivots,
    warmPairs: warm?.length ?? 0,
  };
}

/**
 * A previous plan as a starting order of pairs. The best-first greedy rule (send
 * min(lot left, request left) on a pair whose both ends have some left) keeps every tree of
 * used pairs with at most one unsaturated node, which is what makes the starting flows a
 * basis, whatever the order. Taken leaves first toward each tree's unsaturated node, the
 * previous plan's pairs rebuild exactly its flows when nothing changed (a leaf's whole
 * quantity crosses its one pair), hence its optimal basis and so its duals: the simplex
 * then pivots only on what changed. Pairs no longer feasible, lots and requests gone and
 * changed quantities fall out of the same rule; what is left over goes to the greedy pass.
 */
export function warmStartPairs(
  previous: LocalAllocations,
  pairs: ComponentPairs,
  lotQty: Float64Array,
  reqQty: Float64Array,
): Int32Array {
  const nL = lotQty.length;
  const nR = reqQty.length;
  const n = nL + nR;
  const valid = (a: number): boolean =>
    previous.qty[a] > 0 && previous.req[a] >= 0 && previous.req[a] < nR && previous.lot[a] >= 0 && previous.lot[a] < nL;
  // Previous allocations grouped by request (CSR), to find their pairs: a request holds its
  // pairs in KD-tree order, so its previous lots are marked and its pairs scanned once.
  const byReq = new Int32Array(nR + 1);
  for (let a = 0; a < previous.req.length; a++) if (valid(a)) byReq[previous.req[a] + 1]++;
  for (let j = 0; j < nR; j++) byReq[j + 1] += byReq[j];
  const slotOfReq = byReq.slice(0, nR);
  const prevLot = new Int32Array(byReq[nR]);
  const prevQty = new Float64Array(byReq[nR]);
  for (let a = 0; a < previous.req.length; a++) {
    if (!valid(a)) continue;
    const q = slotOfReq[previous.req[a]]++;
    prevLot[q] = previous.lot[a];
    prevQty[q] = previous.qty[a];
  }
  const markQty = new Float64Array(nL);
  const foundPair: number[] = [];
  const foundReq: number[] = [];
  const used = new Float64Array(n);
  for (let j = 0; j < nR; j++) {
    if (byReq[j] === byReq[j + 1]) continue;
    for (let q = byReq[j]; q < byReq[j + 1]; q++) markQty[prevLot[q]] += prevQty[q];
    for (let p = pairs.reqStart[j]; p < pairs.reqStart[j + 1]; p++) {
      const i = pairs.pairLot[p];
      if (markQty[i] > 0) {
        foundPair.push(p);
        foundReq.push(j);
        used[i] += markQty[i];
        used[nL + j] += markQty[i];
        markQty[i] = 0;
      }
    }
    for (let q = byReq[j]; q < byReq[j + 1]; q++) markQty[prevLot[q]] = 0;
  }
  // The forest of those pairs (lots 0..nL-1, requests nL..), in CSR form.
  const F = foundPair.length;
  const end = (f: number, x: number): number => (x < nL ? nL + foundReq[f] : pairs.pairLot[foundPair[f]]);
  const start = new Int32Array(n + 1);
  for (let f = 0; f < F; f++) {
    start[pairs.pairLot[foundPair[f]] + 1]++;
    start[nL + foundReq[f] + 1]++;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const slot = start.slice(0, n);
  const adj = new Int32Array(2 * F);
  for (let f = 0; f < F; f++) {
    adj[slot[pairs.pairLot[foundPair[f]]]++] = f;
    adj[slot[nL + foundReq[f]]++] = f;
  }
  const seen = new Uint8Array(n);
  const pairSeen = new Uint8Array(F);
  const queue = new Int32Array(n);
  const bfs: number[] = [];
  const out = new Int32Array(F);
  let written = 0;
  const walk = (root: number): void => {
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    seen[root] = 1;
    bfs.length = 0;
    while (head < tail) {
      const x = queue[head++];
      for (let k = start[x]; k < start[x + 1]; k++) {
        const f = adj[k];
        if (pairSeen[f] === 1) continue;
        pairSeen[f] = 1;
        bfs.push(f);
        const y = end(f, x);
        // Seen already: a cycle, so not a previous optimum's basis; the rule copes with it.
        if (seen[y] === 1) continue;
        seen[y] = 1;
        queue[tail++] = y;
      }
    }
    // Deepest first: every node's pairs to its children before the pair to its parent.
    for (let t = bfs.length - 1; t >= 0; t--) out[written++] = foundPair[bfs[t]];
  };
  const capacity = (v: number): number => (v < nL ? lotQty[v] : reqQty[v - nL]);
  // Trees first from a node the previous plan leaves unsaturated now, then the rest.
  for (let v = 0; v < n; v++) if (!seen[v] && start[v + 1] > start[v] && used[v] < capacity(v)) walk(v);
  for (let v = 0; v < n; v++) if (!seen[v] && start[v + 1] > start[v]) walk(v);
  return out.subarray(0, written);
}
