import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { QueueName } from '@agrilink/queue';

/** Where @nestjs/bullmq's @Processor() keeps its options (its queue name) on the class. */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

/**
 * A queue nothing drains is a lie on the dashboard: a process that runs the processors refuses to
 * start while any queue of QueueName lacks one (as Immich fails at boot when a job has no handler).
 */
@Injectable()
export class QueueCoverageCheck implements OnModuleInit {
  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const drained = new Set<string>();
    for (const wrapper of this.discovery.getProviders()) {
      const type = wrapper.metatype;
      const meta = type ? (Reflect.getMetadata(PROCESSOR_METADATA, type) as { name?: string } | undefined) : undefined;
      if (meta?.name) drained.add(meta.name);
    }
    const orphans = Object.values(QueueName).filter((q) => !drained.has(q));
    if (orphans.length)
      throw new Error(
        `queues without a processor: ${orphans.join(', ')} (add the feature's processors module to JobProcessorsModule, or remove the queue)`,
      );
  }
}
