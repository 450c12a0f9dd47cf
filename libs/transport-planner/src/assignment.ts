/**
 * Minimum-cost maximum-cardinality bipartite assignment (trips ↔ vehicles) on a sparse arc
 * list, by successive shortest augmenting paths with Dijkstra on reduced costs (the
 * sparse Hungarian method; each augmentation is optimal for its cardinality, so the last
 * one is a minimum-cost assignment among the largest). Costs must be ≥ 0.
 */
export interface AssignmentArcs {
  /** CSR by left node: arcs of left u are start[u] .. start[u + 1] - 1. */
  start: Int32Array;
  right: Int32Array;
  cost: Float64Array;
}

export function buildArcs(leftCount: number, rows: Array<Array<{ right: number; cost: number }>>): AssignmentArcs {
  const start = new Int32Array(leftCount + 1);
  for (let u = 0; u < leftCount; u++) start[u + 1] = start[u] + rows[u].length;
  const right = new Int32Array(start[leftCount]);
  const cost = new Float64Array(start[leftCount]);
  for (let u = 0; u < leftCount; u++) {
    let k = start[u];
    for (const a of rows[u]) {
      right[k] = a.right;
      cost[k++] = a.cost;
    }
  }
  return { start, right, cost };
}

class MinHeap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
  constructor(cap: number) {
    this.keys = new Float64Array(Math.max(16, cap));
    this.vals = new Int32Array(Math.max(16, cap));
  }
  clear(): void {
    this.size = 0;
  }
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.keys = k;
      this.vals = v;
    }
    let i = this.size++;
    const { keys, vals } = this;
    while (i > 0) {
      const p = (i - 1) >> 1;
      // Ties by node index keep the result deterministic.
      if (keys[p] < key || (keys[p] === key && vals[p] <= val)) break;
      keys[i] = keys[p];
      vals[i] = vals[p];
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }
  /** Pops the minimum; returns its value, key in `lastKey`. */
  lastKey = 0;
  pop(): number {
    const { keys, vals } = this;
    const topV = vals[0];
    this.lastKey = keys[0];
    const n = --this.size;
    const key = keys[n];
    const val = vals[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (keys[c + 1] < keys[c] || (keys[c + 1] === keys[c] && vals[c + 1] < vals[c]))) c++;
      if (key < keys[c] || (key === keys[c] && val <= vals[c])) break;
      keys[i] = keys[c];
      vals[i] = vals[c];
      i = c;
    }
    keys[i] = key;
    vals[i] = val;
    return topV;
  }
}

/** Returns, for every left node, its right node or -1. */
export function minCostAssignment(leftCount: number, rightCount: number, arcs: AssignmentArcs): Int32Array {
  const nL = leftCount;
  const n = nL + rightCount;
  const matchL = new Int32Array(nL).fill(-1);
  const matchR = new Int32Array(rightCount).fill(-1);
  const pot = new Float64Array(n);
  const dist = new Float64Array(n);
  const done = new Uint8Array(n);
  const prevArc = new Int32Array(rightCount).fill(-1);
  const prevLeft = new Int32Array(rightCount).fill(-1);
  const heap = new MinHeap(arcs.right.length + n);
  const touched: number[] = [];
  const { start, right, cost } = arcs;
  for (;;) {
    dist.fill(Infinity);
    done.fill(0);
    heap.clear();
    touched.length = 0;
    for (let u = 0; u < nL; u++) {
      if (matchL[u] < 0 && start[u + 1] > start[u]) {
        dist[u] = 0;
        heap.push(0, u);
      }
    }
    let found = -1;
    let D = 0;
    while (heap.size > 0) {
      const v = heap.pop();
      const dv = heap.lastKey;
      if (done[v] || dv > dist[v]) continue;
      done[v] = 1;
      touched.push(v);
      if (v >= nL) {
        const r = v - nL;
        if (matchR[r] < 0) {
          found = r;
          D = dv;
          break;
        }
        const u = matchR[r];
        if (dv < dist[u]) {
          dist[u] = dv;
          heap.push(dv, u);
        }
        continue;
      }
      for (let k = start[v]; k < start[v + 1]; k++) {
        const r = right[k];
        if (matchL[v] === r) continue;
        const w = nL + r;
        if (done[w]) continue;
        const nd = dv + cost[k] + pot[v] - pot[w];
        if (nd < dist[w]) {
          dist[w] = nd;
          prevArc[r] = k;
          prevLeft[r] = v;
          heap.push(nd, w);
        }
      }
    }
    if (found < 0) break;
    for (const v of touched) if (dist[v] < D) pot[v] += dist[v] - D;
    // Augment along the path back to a free left node.
    let r = found;
    for (;;) {
      const u = prevLeft[r];
      const before = matchL[u];
      matchL[u] = r;
      matchR[r] = u;
      if (before < 0) break;
      r = before;
    }
  }
  return matchL;
}
