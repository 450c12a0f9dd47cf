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
 *
 * The spanning tree is stored as in LEMON's NetworkSimplex: parent, pred (tree arc to the
 * parent), a preorder `thread` (cyclic, through the root) with its reverse, and per node
 * the subtree size `succNum` and the subtree's last node in thread order `lastSucc`.
 * A pivot then re-links only the stem (the path from the entering arc's end to the
 * leaving arc) and the paths to the join node; the only work proportional to a subtree
 * size is the potential shift, a flat walk along `thread`, done on the smaller side of
 * the cut (shifting every other node by the opposite amount leaves all reduced costs
 * the same).
 */
export class TransportSimplex {
  readonly nodeCount: number;
  readonly root: number;
  readonly parent: Int32Array;
  readonly pred: Int32Array;
  /** 1 when the tree arc pred[v] leaves v (v → parent), 0 when it enters v. */
  readonly up: Uint8Array;
  readonly thread: Int32Array;
  readonly revThread: Int32Array;
  readonly succNum: Int32Array;
  readonly lastSucc: Int32Array;
  readonly pi: Float64Array;
  private readonly dirty: Int32Array;

  src: Int32Array;
  dst: Int32Array;
  cost: Float64Array;
  flow: Float64Array;
  arcCount = 0;
  private nextArc = 0;
  pivots = 0;

  private readonly lotCount: number;
  private readonly requestCount: number;
  private readonly lotSupply: Float64Array;
  private readonly requestDemand: Float64Array;

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
    this.thread = new Int32Array(n);
    this.revThread = new Int32Array(n);
    this.succNum = new Int32Array(n);
    this.lastSucc = new Int32Array(n);
    this.pi = new Float64Array(n);
    this.dirty = new Int32Array(n + 1);
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
    const { parent, pred, up, src, dst, flow } = this;
    const lotSlack = Float64Array.from(this.lotSupply);
    const reqSlack = Float64Array.from(this.requestDemand);
    // Adjacency (CSR) of the positive pair arcs.
    const degree = new Int32Array(n + 1);
    let positive = 0;
    for (let e = nL + nR; e < this.arcCount; e++) {
      const f = flow[e];
      if (f <= 0) continue;
      positive++;
      lotSlack[src[e]] -= f;
      reqSlack[dst[e] - nL] -= f;
      degree[src[e]]++;
      degree[dst[e]]++;
    }
    const start = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) start[v + 1] = start[v] + degree[v];
    const fill = start.slice(0, n);
    const adj = new Int32Array(2 * positive);
    for (let e = nL + nR; e < this.arcCount; e++) {
      if (flow[e] <= 0) continue;
      adj[fill[src[e]]++] = e;
      adj[fill[dst[e]]++] = e;
    }
    for (let i = 0; i < nL; i++) {
      if (lotSlack[i] < 0) throw new Error('network simplex: starting flow over-uses a lot');
      flow[i] = lotSlack[i];
    }
    for (let j = 0; j < nR; j++) {
      if (reqSlack[j] < 0) throw new Error('network simplex: starting flow over-uses a request');
      flow[nL + j] = reqSlack[j];
    }
    const seen = new Uint8Array(n);
    seen[root] = 1;
    parent[root] = -1;
    pred[root] = -1;
    const queue = new Int32Array(n);
    const attach = (v: number, e: number, vUp: number): void => {
      parent[v] = root;
      pred[v] = e;
      up[v] = vUp;
      seen[v] = 1;
      let head = 0;
      let tail = 0;
      queue[tail++] = v;
      while (head < tail) {
        const x = queue[head++];
        for (let k = start[x]; k < start[x + 1]; k++) {
          const a = adj[k];
          const y = src[a] === x ? dst[a] : src[a];
          if (seen[y]) continue;
          if (y === root) throw new Error('network simplex: starting flow is not a forest');
          parent[y] = x;
          pred[y] = a;
          up[y] = src[a] === y ? 1 : 0;
          seen[y] = 1;
          queue[tail++] = y;
        }
      }
    };
    // Trees with an unsaturated node hang from it; the rest from one of their requests.
    for (let i = 0; i < nL; i++) if (!seen[i] && lotSlack[i] > 0) attach(i, i, 1);
    for (let j = 0; j < nR; j++) if (!seen[nL + j] && reqSlack[j] > 0) attach(nL + j, nL + j, 0);
    for (let j = 0; j < nR; j++) if (!seen[nL + j]) attach(nL + j, nL + j, 0);
    for (let v = 0; v < n - 1; v++)
      if (!seen[v]) throw new Error('network simplex: starting flow leaves a node unreached');
    for (let i = 0; i < nL; i++)
      if (lotSlack[i] > 0 && pred[i] !== i) throw new Error('network simplex: starting flow is not a basis');
    for (let j = 0; j < nR; j++)
      if (reqSlack[j] > 0 && pred[nL + j] !== nL + j) throw new Error('network simplex: starting flow is not a basis');
    this.buildThread();
    this.recomputePotentials();
  }

  /** Thread (preorder), its reverse, subtree sizes and last successors from the parent pointers. */
  private buildThread(): void {
    const n = this.nodeCount;
    const { parent, thread, revThread, succNum, lastSucc } = this;
    // Children in CSR form, in node order (deterministic).
    const childStart = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) if (parent[v] >= 0) childStart[parent[v] + 1]++;
    for (let v = 0; v < n; v++) childStart[v + 1] += childStart[v];
    const fill = childStart.slice(0, n);
    const child = new Int32Array(Math.max(1, n - 1));
    for (let v = 0; v < n; v++) if (parent[v] >= 0) child[fill[parent[v]]++] = v;
    // Preorder by an explicit stack.
    const order = new Int32Array(n);
    const stack = new Int32Array(n);
    let sp = 0;
    let k = 0;
    stack[sp++] = this.root;
    while (sp > 0) {
      const v = stack[--sp];
      order[k++] = v;
      for (let c = childStart[v + 1] - 1; c >= childStart[v]; c--) stack[sp++] = child[c];
    }
    if (k !== n) throw new Error('network simplex: basis is not a spanning tree');
    for (let q = 0; q < n; q++) {
      const v = order[q];
      const w = order[q + 1 === n ? 0 : q + 1];
      thread[v] = w;
      revThread[w] = v;
      succNum[v] = 1;
    }
    for (let q = n - 1; q > 0; q--) succNum[parent[order[q]]] += succNum[order[q]];
    // Preorder position of v plus its subtree size, minus one, is its last successor.
    for (let q = 0; q < n; q++) lastSucc[order[q]] = order[q + succNum[order[q]] - 1];
  }

  /** Recomputes every potential from the tree (after arc costs change); the root gets 0. */
  recomputePotentials(): void {
    const { pi, thread, parent, pred, up, cost } = this;
    const root = this.root;
    pi[root] = 0;
    for (let v = thread[root]; v !== root; v = thread[v]) {
      const e = pred[v];
      pi[v] = up[v] === 1 ? pi[parent[v]] - cost[e] : pi[parent[v]] + cost[e];
    }
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
    if (this.arcCount + extra > this.src.length)
      this.grow(Math.max(this.arcCount + extra, Math.ceil(this.src.length * 1.5)));
  }

  private grow(cap: number): void {
    const src = new Int32Array(cap);
    src.set(this.src);
    this.src = src;
    const dst = new Int32Array(cap);
    dst.set(this.dst);
    this.dst = dst;
    const cost = new Float64Array(cap);
    cost.set(this.cost);
    this.cost = cost;
    const flow = new Float64Array(cap);
    flow.set(this.flow);
    this.flow = flow;
  }

  reducedCost(e: number): number {
    return this.cost[e] + this.pi[this.src[e]] - this.pi[this.dst[e]];
  }

  /**
   * Runs of consecutive arcs with the same head (dst): arcs [runStart[r], runStart[r+1])
   * all end at runHead[r]. Pair arcs come grouped by request, so the pricing loop reads
   * the head's potential once a run instead of dst[] and pi[dst] once an arc.
   */
  private runStart = new Int32Array(1);
  private runHead = new Int32Array(0);
  private runCount = 0;
  private runsFor = -1;
  private nextRun = 0;

  private computeRuns(): void {
    const m = this.arcCount;
    const dst = this.dst;
    let count = 0;
    for (let e = 0; e < m; e++) if (e === 0 || dst[e] !== dst[e - 1]) count++;
    const runStart = new Int32Array(count + 1);
    const runHead = new Int32Array(count);
    let r = 0;
    for (let e = 0; e < m; e++) {
      if (e === 0 || dst[e] !== dst[e - 1]) {
        runStart[r] = e;
        runHead[r++] = dst[e];
      }
    }
    runStart[count] = m;
    this.runStart = runStart;
    this.runHead = runHead;
    this.runCount = count;
    this.runsFor = m;
    // The run holding nextArc (binary search).
    if (this.nextArc >= m) this.nextArc = 0;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runStart[mid] <= this.nextArc) lo = mid;
      else hi = mid - 1;
    }
    this.nextRun = lo;
  }

  /**
   * Block-search pricing (as LEMON's default): the most negative reduced cost in the first
   * block (about sqrt(arcs) arcs), from where the last search stopped, that has one.
   * Returns -1 when no arc has a negative reduced cost.
   */
  private findEntering(): number {
    const m = this.arcCount;
    const block = Math.max(64, Math.ceil(Math.sqrt(m)));
    const { cost, pi, src, runStart, runHead } = this;
    const runs = this.runCount;
    let r = this.nextRun;
    let e = this.nextArc;
    let best = -1;
    let bestRc = 0;
    let cnt = block;
    let left = m;
    while (left > 0) {
      const runEnd = runStart[r + 1];
      const piHead = pi[runHead[r]];
      let stop = runEnd;
      if (e + cnt < stop) stop = e + cnt;
      if (e + left < stop) stop = e + left;
      const done = stop - e;
      for (; e < stop; e++) {
        const rc = cost[e] + pi[src[e]] - piHead;
        if (rc < bestRc) {
          bestRc = rc;
          best = e;
        }
      }
      left -= done;
      cnt -= done;
      if (e === runEnd && ++r === runs) {
        r = 0;
        e = 0;
      }
      if (cnt === 0) {
        if (best >= 0) break;
        cnt = block;
      }
    }
    this.nextArc = e;
    this.nextRun = r;
    return best;
  }

  /** Pivots until no arc has a negative reduced cost. */
  run(): void {
    if (this.runsFor !== this.arcCount) this.computeRuns();
    for (;;) {
      const e = this.findEntering();
      if (e < 0) break;
      this.pivot(e);
      this.pivots++;
    }
    // Potentials only matter up to a constant; pin the root at 0 again.
    const shift = this.pi[this.root];
    if (shift !== 0) for (let v = 0; v < this.nodeCount; v++) this.pi[v] -= shift;
  }

  private pivot(e: number): void {
    const { parent, pred, up, flow, succNum } = this;
    const u = this.src[e];
    const v = this.dst[e];
    // Join: climb from the side with the smaller subtree (an ancestor's is always larger).
    let a = u;
    let b = v;
    while (a !== b) {
      if (succNum[a] < succNum[b]) a = parent[a];
      else b = parent[b];
    }
    const join = a;

    // Leaving arc: the last blocking arc along the cycle join → … → u → v → … → join
    // (flow goes u → v on the entering arc; on u's side it runs up the tree, on v's down).
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

    // The subtree cut off at `out` (it contains uIn) is re-hung from vIn by the entering arc.
    const uIn = side === 1 ? u : v;
    const vIn = side === 1 ? v : u;
    this.updateTree(e, join, uIn, vIn, out);

    // Potentials: rc(e) must become 0. Shift the moved subtree, or, when it is the larger
    // part, everything else the opposite way.
    const pi = this.pi;
    const thread = this.thread;
    const sigma = up[uIn] === 1 ? pi[vIn] - pi[uIn] - this.cost[e] : pi[vIn] - pi[uIn] + this.cost[e];
    const end = thread[this.lastSucc[uIn]];
    if (2 * succNum[uIn] <= this.nodeCount) {
      for (let x = uIn; x !== end; x = thread[x]) pi[x] += sigma;
    } else {
      for (let x = end; x !== uIn; x = thread[x]) pi[x] -= sigma;
      // Keep every potential far below 2^53: re-pin the root when it has drifted.
      const r = pi[this.root];
      if (r > 2 ** 48 || r < -(2 ** 48)) for (let x = 0; x < this.nodeCount; x++) pi[x] -= r;
    }
  }

  /**
   * Re-links the tree after the pivot: entering arc e joins uIn (in the cut subtree) to
   * vIn; the leaving arc is pred[uOut]. Thread order, subtree sizes and last successors
   * change only along the stem uIn … uOut and on the paths from vIn and from the old
   * parent of uOut up to the join node (the scheme of LEMON's updateTreeStructure).
   */
  private updateTree(e: number, join: number, uIn: number, vIn: number, uOut: number): void {
    const { parent, pred, up, thread, revThread, succNum, lastSucc, dirty } = this;
    const oldRevThread = revThread[uOut];
    const oldSuccNum = succNum[uOut];
    const oldLastSucc = lastSucc[uOut];
    const vOut = parent[uOut];

    if (uIn === uOut) {
      // Only the pred arc of uIn changes; its subtree moves as one block in the thread.
      parent[uIn] = vIn;
      pred[uIn] = e;
      up[uIn] = this.src[e] === uIn ? 1 : 0;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc];
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn];
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      // When uOut directly follows vIn in the thread (then join = vOut = vIn), the moved
      // block continues where uOut's subtree ended.
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc] : thread[vIn];
      // Walk the stem from uIn up to uOut: each stem node becomes the child of the one
      // before it; its own subtree (minus the next stem node's) follows in the thread.
      let stem = uIn;
      let parStem = vIn;
      let last = lastSucc[uIn];
      let after = thread[last];
      let nd = 0;
      thread[vIn] = uIn;
      dirty[nd++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem];
        thread[last] = nextStem;
        dirty[nd++] = last;
        // Cut stem's subtree out of the thread.
        const before = revThread[stem];
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        // The part of the new stem node's subtree that is not below the old one ends
        // just before the old one when the old one was its last branch.
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
        after = thread[last];
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let k = 0; k < nd; k++) revThread[thread[dirty[k]]] = dirty[k];

      // Reverse pred/up along the stem and fix sizes and last successors there.
      let sc = 0;
      const ls = lastSucc[uOut];
      for (let x = uOut, p = parent[x]; x !== uIn; x = p, p = parent[x]) {
        pred[x] = pred[p];
        up[x] = up[p] ^ 1;
        sc += succNum[x] - succNum[p];
        succNum[x] = sc;
        lastSucc[p] = ls;
      }
      pred[uIn] = e;
      up[uIn] = this.src[e] === uIn ? 1 : 0;
      succNum[uIn] = oldSuccNum;
    }

    // Last successors on the path from vIn to the root (the block now ends their subtree).
    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut];
    for (let x = vIn; x !== -1 && lastSucc[x] === vIn; x = parent[x]) lastSucc[x] = lastSuccOut;
    // And on the path from vOut, whose subtree lost the block.
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let x = vOut; x !== upLimitOut && lastSucc[x] === oldLastSucc; x = parent[x]) lastSucc[x] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let x = vOut; x !== upLimitOut && lastSucc[x] === oldLastSucc; x = parent[x]) lastSucc[x] = lastSuccOut;
    }
    for (let x = vIn; x !== join; x = parent[x]) succNum[x] += oldSuccNum;
    for (let x = vOut; x !== join; x = parent[x]) succNum[x] -= oldSuccNum;
  }

  /** Consistency check of the tree structure and potentials (tests and debugging only). */
  checkTree(): void {
    const n = this.nodeCount;
    const { parent, thread, revThread, succNum, lastSucc, pred, up, pi, cost, src, dst } = this;
    const seen = new Uint8Array(n);
    let v = this.root;
    for (let k = 0; k < n; k++) {
      if (seen[v]) throw new Error('thread revisits a node');
      seen[v] = 1;
      if (revThread[thread[v]] !== v) throw new Error('revThread mismatch');
      v = thread[v];
    }
    if (v !== this.root) throw new Error('thread is not one cycle');
    const size = new Int32Array(n).fill(1);
    for (let x = this.revThread[this.root]; x !== this.root; x = revThread[x]) size[parent[x]] += size[x];
    for (let x = 0; x < n; x++) {
      if (size[x] !== succNum[x]) throw new Error(`succNum of ${x}`);
      let last = x;
      for (let k = 1; k < succNum[x]; k++) last = thread[last];
      if (last !== lastSucc[x]) throw new Error(`lastSucc of ${x}`);
      if (x === this.root) continue;
      const e = pred[x];
      const ok = up[x] === 1 ? src[e] === x && dst[e] === parent[x] : dst[e] === x && src[e] === parent[x];
      if (!ok) throw new Error(`pred of ${x}`);
      if (cost[e] + pi[src[e]] - pi[dst[e]] !== 0) throw new Error(`tree arc of ${x} has a reduced cost`);
    }
  }
}
