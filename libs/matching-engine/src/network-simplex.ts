/**
 * Primal network simplex for the uncapacitated transshipment problem of one component:
 * lots (supply = quantity) → requests (demand = quantity), with a dump node D (the tree
 * root) joined to every lot (lot → D: "unsold") and every request (D → request: "unmet").
 * The star of those arcs is a feasible, strongly feasible first basis, so no artificial
 * arcs are needed. Arcs can be appended between runs (column generation): the basis stays
 * valid and the next run starts warm.
 *
 * Exactness: costs, flows and potentials are integers held in doubles below 2^53.
 * Cycling: Cunningham's strongly feasible trees (leave by the last blocking arc).
 * The tree is kept as parent pointers with child lists, so a pivot costs the size of the
 * re-hung subtree, not the size of the tree.
 */
export class TransportSimplex {
  readonly nodeCount: number;
  readonly root: number;
  readonly parent: Int32Array;
  readonly pred: Int32Array;
  readonly up: Uint8Array;
  readonly depth: Int32Array;
  readonly pi: Float64Array;
  private readonly firstChild: Int32Array;
  private readonly nextSib: Int32Array;
  private readonly prevSib: Int32Array;
  private readonly stack: Int32Array;

  src: Int32Array;
  dst: Int32Array;
  cost: Float64Array;
  flow: Float64Array;
  arcCount = 0;
  private nextArc = 0;
  pivots = 0;

  /** supply[v] for v < nodeCount - 1 (lots > 0, requests < 0); node nodeCount - 1 is the root D. */
  constructor(lotSupply: Float64Array, requestDemand: Float64Array, arcCapacity: number) {
    const nL = lotSupply.length;
    const nR = requestDemand.length;
    const n = nL + nR + 1;
    this.nodeCount = n;
    this.root = n - 1;
    this.parent = new Int32Array(n).fill(-1);
    this.pred = new Int32Array(n).fill(-1);
    this.up = new Uint8Array(n);
    this.depth = new Int32Array(n);
    this.pi = new Float64Array(n);
    this.firstChild = new Int32Array(n).fill(-1);
    this.nextSib = new Int32Array(n).fill(-1);
    this.prevSib = new Int32Array(n).fill(-1);
    this.stack = new Int32Array(n);
    const cap = Math.max(16, arcCapacity + nL + nR);
    this.src = new Int32Array(cap);
    this.dst = new Int32Array(cap);
    this.cost = new Float64Array(cap);
    this.flow = new Float64Array(cap);
    this.lotCount = nL;
    this.requestCount = nR;
    this.lotSupply = lotSupply;
    this.requestDemand = requestDemand;
    for (let i = 0; i < nL; i++) this.addArc(i, this.root, 0);
    for (let j = 0; j < nR; j++) this.addArc(this.root, nL + j, 0);
  }

  private readonly lotCount: number;
  private readonly requestCount: number;
  private readonly lotSupply: Float64Array;
  private readonly requestDemand: Float64Array;

  /**
   * Builds the first basis from a starting flow on pair arcs whose positive arcs form a
   * forest with at most one unsaturated node per tree (what best-first greedy produces).
   * Slack goes to the dump arcs; a fully saturated tree hangs from the root by a
   * zero-flow D → request arc, directed away from the root: the basis is strongly feasible.
   */
  buildBasis(): void {
    const nL = this.lotCount;
    const nR = this.requestCount;
    const n = this.nodeCount;
    const root = this.root;
    const lotSlack = Float64Array.from(this.lotSupply);
    const reqSlack = Float64Array.from(this.requestDemand);
    // Adjacency (CSR) of the positive pair arcs.
    const degree = new Int32Array(n + 1);
    let positive = 0;
    for (let e = nL + nR; e < this.arcCount; e++) {
      const f = this.flow[e];
      if (f <= 0) continue;
      positive++;
      lotSlack[this.src[e]] -= f;
      reqSlack[this.dst[e] - nL] -= f;
      degree[this.src[e]]++;
      degree[this.dst[e]]++;
    }
    const start = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) start[v + 1] = start[v] + degree[v];
    const fill = start.slice(0, n);
    const adj = new Int32Array(2 * positive);
    for (let e = nL + nR; e < this.arcCount; e++) {
      if (this.flow[e] <= 0) continue;
      adj[fill[this.src[e]]++] = e;
      adj[fill[this.dst[e]]++] = e;
    }
    for (let i = 0; i < nL; i++) {
      if (lotSlack[i] < 0) throw new Error('network simplex: starting flow over-uses a lot');
      this.flow[i] = lotSlack[i];
    }
    for (let j = 0; j < nR; j++) {
      if (reqSlack[j] < 0) throw new Error('network simplex: starting flow over-uses a request');
      this.flow[nL + j] = reqSlack[j];
    }
    const seen = new Uint8Array(n);
    seen[root] = 1;
    this.depth[root] = 0;
    this.pi[root] = 0;
    const queue = this.stack;
    const attach = (v: number, p: number, e: number, up: number): void => {
      this.hang(v, p, e, up);
      this.pi[v] = up === 1 ? this.pi[p] - this.cost[e] : this.pi[p] + this.cost[e];
      seen[v] = 1;
      let head = 0;
      let tail = 0;
      queue[tail++] = v;
      while (head < tail) {
        const x = queue[head++];
        for (let k = start[x]; k < start[x + 1]; k++) {
          const a = adj[k];
          const y = this.src[a] === x ? this.dst[a] : this.src[a];
          if (seen[y]) continue;
          if (y === root) throw new Error('network simplex: starting flow is not a forest');
          const yUp = this.src[a] === y ? 1 : 0;
          this.hang(y, x, a, yUp);
          this.pi[y] = yUp === 1 ? this.pi[x] - this.cost[a] : this.pi[x] + this.cost[a];
          seen[y] = 1;
          queue[tail++] = y;
        }
      }
    };
    // Trees with an unsaturated node hang from it; the rest from one of their requests.
    for (let i = 0; i < nL; i++) if (!seen[i] && lotSlack[i] > 0) attach(i, root, i, 1);
    for (let j = 0; j < nR; j++) if (!seen[nL + j] && reqSlack[j] > 0) attach(nL + j, root, nL + j, 0);
    for (let j = 0; j < nR; j++) if (!seen[nL + j]) attach(nL + j, root, nL + j, 0);
    for (let v = 0; v < n - 1; v++) if (!seen[v]) throw new Error('network simplex: starting flow leaves a node unreached');
    for (let i = 0; i < nL; i++) if (lotSlack[i] > 0 && this.pred[i] !== i) throw new Error('network simplex: starting flow is not a basis');
    for (let j = 0; j < nR; j++) if (reqSlack[j] > 0 && this.pred[nL + j] !== nL + j) throw new Error('network simplex: starting flow is not a basis');
  }

  /** Recomputes every potential from the tree (after arc costs change). */
  recomputePotentials(): void {
    const { pi, stack, firstChild, nextSib, pred, up, cost } = this;
    pi[this.root] = 0;
    let sp = 0;
    stack[sp++] = this.root;
    while (sp > 0) {
      const y = stack[--sp];
      for (let c = firstChild[y]; c >= 0; c = nextSib[c]) {
        const e = pred[c];
        pi[c] = up[c] === 1 ? pi[y] - cost[e] : pi[y] + cost[e];
        stack[sp++] = c;
      }
    }
  }

  private hang(v: number, p: number, e: number, up: number): void {
    this.parent[v] = p;
    this.pred[v] = e;
    this.up[v] = up;
    this.depth[v] = this.depth[p] + 1;
    this.addChild(p, v);
  }

  addArc(u: number, v: number, cost: number): number {
    if (this.arcCount === this.src.length) this.grow(Math.ceil(this.src.length * 1.5));
    const e = this.arcCount++;
    this.src[e] = u;
    this.dst[e] = v;
    this.cost[e] = cost;
    this.flow[e] = 0;
    return e;
  }

  reserve(extra: number): void {
    if (this.arcCount + extra > this.src.length) this.grow(Math.max(this.arcCount + extra, Math.ceil(this.src.length * 1.5)));
  }

  private grow(cap: number): void {
    const src = new Int32Array(cap); src.set(this.src); this.src = src;
    const dst = new Int32Array(cap); dst.set(this.dst); this.dst = dst;
    const cost = new Float64Array(cap); cost.set(this.cost); this.cost = cost;
    const flow = new Float64Array(cap); flow.set(this.flow); this.flow = flow;
  }

  private addChild(p: number, c: number): void {
    const first = this.firstChild[p];
    this.nextSib[c] = first;
    this.prevSib[c] = -1;
    if (first >= 0) this.prevSib[first] = c;
    this.firstChild[p] = c;
  }

  private removeChild(p: number, c: number): void {
    const prev = this.prevSib[c];
    const next = this.nextSib[c];
    if (prev >= 0) this.nextSib[prev] = next;
    else this.firstChild[p] = next;
    if (next >= 0) this.prevSib[next] = prev;
  }

  reducedCost(e: number): number {
    return this.cost[e] + this.pi[this.src[e]] - this.pi[this.dst[e]];
  }

  /** Block-search pricing (as LEMON's default): the most negative reduced cost in the first block that has one. */
  private findEntering(): number {
    const m = this.arcCount;
    const block = Math.max(64, Math.ceil(Math.sqrt(m)));
    const { cost, pi, src, dst } = this;
    let e = this.nextArc;
    let best = -1;
    let bestRc = 0;
    let cnt = block;
    for (let k = 0; k < m; k++) {
      const rc = cost[e] + pi[src[e]] - pi[dst[e]];
      if (rc < bestRc) {
        bestRc = rc;
        best = e;
      }
      if (++e === m) e = 0;
      if (--cnt === 0) {
        if (best >= 0) break;
        cnt = block;
      }
    }
    this.nextArc = e;
    return best;
  }

  /** Pivots until no arc has a negative reduced cost. */
  run(): void {
    for (;;) {
      const e = this.findEntering();
      if (e < 0) return;
      this.pivot(e);
      this.pivots++;
    }
  }

  private pivot(e: number): void {
    const { parent, pred, up, depth, flow } = this;
    const u = this.src[e];
    const v = this.dst[e];
    let a = u;
    let b = v;
    while (a !== b) {
      if (depth[a] > depth[b]) a = parent[a];
      else if (depth[b] > depth[a]) b = parent[b];
      else {
        a = parent[a];
        b = parent[b];
      }
    }
    const join = a;

    // Leaving arc: the last blocking arc along the cycle join → … → u → v → … → join.
    let delta = Infinity;
    let out = -1;
    let side = 0;
    for (let x = u; x !== join; x = parent[x]) {
      if (up[x] === 1 && flow[pred[x]] < delta) {
        delta = flow[pred[x]];
        out = x;
        side = 1;
      }
    }
    for (let x = v; x !== join; x = parent[x]) {
      if (up[x] === 0 && flow[pred[x]] <= delta) {
        delta = flow[pred[x]];
        out = x;
        side = 2;
      }
    }
    if (out < 0) throw new Error('network simplex: unbounded cycle (cannot happen on this network)');

    if (delta > 0) {
      flow[e] += delta;
      for (let x = u; x !== join; x = parent[x]) flow[pred[x]] += up[x] === 1 ? -delta : delta;
      for (let x = v; x !== join; x = parent[x]) flow[pred[x]] += up[x] === 1 ? delta : -delta;
    }

    const rc = this.cost[e] + this.pi[u] - this.pi[v];
    const uIn = side === 1 ? u : v;
    const vIn = side === 1 ? v : u;
    const shift = side === 1 ? -rc : rc;

    // Re-hang the subtree cut at `out`, rooted anew at uIn, under vIn.
    this.removeChild(parent[out], out);
    let x = uIn;
    let newParent = vIn;
    let newPred = e;
    let newUp = side === 1 ? 1 : 0;
    for (;;) {
      const oldParent = parent[x];
      const oldPred = pred[x];
      const oldUp = up[x];
      if (x !== out) this.removeChild(oldParent, x);
      parent[x] = newParent;
      pred[x] = newPred;
      up[x] = newUp;
      this.addChild(newParent, x);
      if (x === out) break;
      newParent = x;
      newPred = oldPred;
      newUp = oldUp ^ 1;
      x = oldParent;
    }

    // Potentials and depths of the moved subtree.
    const { pi, stack, firstChild, nextSib } = this;
    let sp = 0;
    depth[uIn] = depth[vIn] + 1;
    pi[uIn] += shift;
    stack[sp++] = uIn;
    while (sp > 0) {
      const y = stack[--sp];
      const dy = depth[y] + 1;
      for (let c = firstChild[y]; c >= 0; c = nextSib[c]) {
        depth[c] = dy;
        pi[c] += shift;
        stack[sp++] = c;
      }
    }
  }
}
