import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// One registry per process: the api and an in-process worker share it, so /metrics shows both.
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'agrilink_' });

export const httpRequestDuration = new Histogram({
  name: 'agrilink_http_request_duration_seconds',
  help: 'HTTP request latency by matched route, method and status',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'agrilink_job_duration_seconds',
  help: 'BullMQ job processing time (processedOn to finishedOn) by queue, job name and outcome',
  labelNames: ['queue', 'name', 'status'] as const,
  buckets: [0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
  registers: [metricsRegistry],
});

export const matchingRunsTotal = new Counter({
  name: 'agrilink_matching_runs_total',
  help: 'Matching runs solved',
  registers: [metricsRegistry],
});

export const matchingRunSize = new Histogram({
  name: 'agrilink_matching_run_size',
  help: 'Size of each matching run: supply lots, purchase requests and feasible pairs',
  labelNames: ['kind'] as const,
  buckets: [10, 100, 1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000, 5_000_000],
  registers: [metricsRegistry],
});

export const matchingSolveDuration = new Histogram({
  name: 'agrilink_matching_solve_duration_seconds',
  help: 'Time the matching engine spent solving a run',
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [metricsRegistry],
});

export const lastMatchingRun = new Gauge({
  name: 'agrilink_matching_last_run_size',
  help: 'Size of the most recent matching run in this process',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const matchingWarmStartedRuns = new Counter({
  name: 'agrilink_matching_warm_started_runs_total',
  help: "Matching runs whose parts started from an earlier run's plan (incremental re-matching)",
  registers: [metricsRegistry],
});

export const matchingPivots = new Histogram({
  name: 'agrilink_matching_pivots',
  help: 'Simplex pivots of each matching run, by how it started (warm: from an earlier plan; cold)',
  labelNames: ['start'] as const,
  buckets: [10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000],
  registers: [metricsRegistry],
});

export interface MatchingRunSize {
  lots: number;
  requests: number;
  pairs: number;
  solveMs: number;
  /** Simplex pivots over the run's parts, when the engine counted them. */
  pivots?: number;
  /** Pairs of an earlier plan the run started from; absent for a cold run. */
  warmPairs?: number;
}

/** Call once per solved run (worker or api); the numbers show on /metrics. */
export function recordMatchingRun(run: MatchingRunSize): void {
  matchingRunsTotal.inc();
  for (const kind of ['lots', 'requests', 'pairs'] as const) {
    matchingRunSize.observe({ kind }, run[kind]);
    lastMatchingRun.set({ kind }, run[kind]);
  }
  matchingSolveDuration.observe(run.solveMs / 1000);
  const warm = run.warmPairs !== undefined;
  if (warm) matchingWarmStartedRuns.inc();
  if (run.pivots !== undefined) matchingPivots.observe({ start: warm ? 'warm' : 'cold' }, run.pivots);
}
