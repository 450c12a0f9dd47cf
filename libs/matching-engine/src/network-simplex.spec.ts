import { TransportSimplex } from './network-simplex';

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('TransportSimplex tree maintenance', () => {
  it('keeps thread, subtree sizes, last successors and potentials consistent at every pivot, and ends optimal', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const nL = 1 + Math.floor(r() * 25);
      const nR = 1 + Math.floor(r() * 12);
      const supply = Float64Array.from({ length: nL }, () => 1 + Math.floor(r() * 50));
      const demand = Float64Array.from({ length: nR }, () => 1 + Math.floor(r() * 80));
      const ns = new TransportSimplex(supply, demand, 4);
      for (let i = 0; i < nL; i++)
        for (let j = 0; j < nR; j++) if (r() < 0.5) ns.addArc(i, nL + j, -Math.floor(r() * 1000));
      ns.buildBasis();
      ns.checkTree();
      const raw = ns as unknown as { pivot(e: number): void };
      const pivot = raw.pivot.bind(ns);
      raw.pivot = (e: number): void => {
        pivot(e);
        ns.checkTree();
      };
      ns.run();
      ns.checkTree();
      for (let e = 0; e < ns.arcCount; e++) {
        expect(ns.reducedCost(e)).toBeGreaterThanOrEqual(0);
        expect(ns.flow[e]).toBeGreaterThanOrEqual(0);
      }
      const out = new Float64Array(nL + nR + 1);
      for (let e = 0; e < ns.arcCount; e++) {
        out[ns.src[e]] += ns.flow[e];
        out[ns.dst[e]] -= ns.flow[e];
      }
      for (let i = 0; i < nL; i++) expect(out[i]).toBe(supply[i]);
      for (let j = 0; j < nR; j++) expect(out[nL + j]).toBe(-demand[j]);
    }
  });
});
