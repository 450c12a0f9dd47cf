import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { FlowName, QueueName } from './queue-names';
import { redisConnectionOptions } from './redis-connection';

/** Registers the BullMQ connection, every queue and flow producer; producers inject them with @InjectQueue / @InjectFlowProducer. */
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: redisConnectionOptions(config.redisUrl),
            prefix: config.queuePrefix,
            defaultJobOptions: {
              attempts: 5,
              backoff: { type: 'exponential', delay: 2000 },
              removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
              removeOnFail: { age: 30 * 24 * 3600 },
            },
          }),
        }),
        ...queues,
        ...Object.values(FlowName).map((name) => BullModule.registerFlowProducer({ name })),
      ],
      exports: [BullModule],
    };
  }
}
