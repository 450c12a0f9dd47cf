import { Gauge } from 'prom-client';
import { Job, Queue, QueueEvents } from 'bullmq';
import { jobDuration, metricsRegistry } from './metrics';

const STATES = ['waiting', 'active', 'failed', 'delayed'] as const;
const watchedQueues = new Set<Queue>();

// Read on each scrape, so the figure is never stale; a slow or absent Redis yields no sample rather than a hung scrape.
new Gauge({
  name: 'agrilink_queue_jobs',
  help: 'BullMQ jobs per queue and state, read from Redis at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all(
      [...watchedQueues].map(async (queue) => {
        const counts = await withTimeout(queue.getJobCounts(...STATES), 1000).catch(() => null);
        if (!counts) return;
        for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }),
    );
  },
});

/** Queue depth of these queues shows on /metrics until the returned function is called. */
export function watchQueueDepth(queues: Queue[]): () => void {
  for (const q of queues) watchedQueues.add(q);
  return () => queues.forEach((q) => watchedQueues.delete(q));
}

/**
 * Observes job durations from Redis events, so one process sees the jobs of every worker.
 * Returns a closer; call it on shutdown.
 */
export function observeJobDurations(queue: Queue): () => Promise<void> {
  const events = new QueueEvents(queue.name, {
    connection: queue.opts.connection,
    prefix: queue.opts.prefix,
    autorun: true,
  });
  events.on('error', () => undefined); // reconnects on its own; Redis outages are reported by /api/health
  const observe = async (jobId: string, status: 'completed' | 'failed') => {
    const job = await Job.fromId(queue, jobId).catch(() => undefined);
    if (job?.processedOn && job.finishedOn) {
      jobDuration.observe({ queue: queue.name, name: job.name, status }, (job.finishedOn - job.processedOn) / 1000);
    }
  };
  events.on('completed', ({ jobId }) => void observe(jobId, 'completed'));
  events.on('failed', ({ jobId }) => void observe(jobId, 'failed'));
  return () => events.close();
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
  ]).finally(() => clearTimeout(timer));
}
