import {
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { readFromReplica, ReadReplicas } from '@agrilink/database';
import { redisConnectionOptions } from '@agrilink/queue';
import IORedis from 'ioredis';
import { Observable } from 'rxjs';

/**
 * The reads a replica may answer (DATABASE_REPLICA_URLS): the public map, the reports, and the
 * collection lists. Each is a GET whose handler only reads; anything else (an item by id, the
 * caller's own account, health, every write) stays on the primary. Express route paths.
 */
export const REPLICA_READ_ROUTES: readonly RegExp[] = [
  /^\/api\/map\/(supply|supply-list|production-areas|buyers|zones|flows)$/,
  /^\/api\/reports\/(weekly|harvest-calendar|price-watch|backlog-by-commune|harvest-forecast|harvest-forecast\/unposted-areas|harvest-capacity)$/,
  /^\/api\/(supply-lots|purchase-requests|cooperatives|buyers|production-areas|contracts|zones|price-observations|harvest-resources|inventory-reports|transport-operators|vehicles|checkpoints|deals|proposals|loads|agencies|audit-logs)$/,
];

const READ_METHODS = new Set(['GET', 'HEAD']);

export function isReplicaRead(method: string, routePath: string | undefined): boolean {
  return READ_METHODS.has(method) && !!routePath && REPLICA_READ_ROUTES.some((r) => r.test(routePath));
}

/**
 * Who wrote lately, in Redis so every api process agrees: a user's write request marks the
 * user for DATABASE_REPLICA_STICKY_MS (at its start and again when it ends), and while marked
 * that user's reads go to the primary, so a user sees their own write at once. Redis away: the
 * answer is "wrote lately", which only costs the primary a read.
 */
@Injectable()
export class RecentWriters implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RecentWriters');
  private redis?: IORedis;
  private lastWarning = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly replicas: ReadReplicas,
  ) {}

  /** Connected before the first request, or that request would be counted a writer's (no offline queue). */
  async onModuleInit(): Promise<void> {
    if (!this.replicas.configured) return;
    const redis = this.client();
    if (redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private client(): IORedis {
    if (!this.redis) {
      // Fail fast like the rate limits: a read must not wait for Redis to come back.
      this.redis = new IORedis({
        ...redisConnectionOptions(this.config.redisUrl),
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        commandTimeout: 500,
      });
      this.redis.on('error', (e) => this.warn(`Redis error: ${e.message}`));
    }
    return this.redis;
  }

  private key(userId: string): string {
    return `${this.config.queuePrefix}:recent-write:${userId}`;
  }

  async mark(userId: string): Promise<void> {
    await this.client()
      .set(this.key(userId), '1', 'PX', Math.max(1, this.config.databaseReplicaStickyMs))
      .catch((e: unknown) => this.warn(`write not marked (${(e as Error).message})`));
  }

  async wroteLately(userId: string): Promise<boolean> {
    try {
      return (await this.client().exists(this.key(userId))) === 1;
    } catch (e) {
      this.warn(`recent writes unknown (${(e as Error).message}); reading from the primary`);
      return true;
    }
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

/**
 * Sends the replica reads of callers who did not write lately to a replica, and marks writers.
 * Runs after the guards, so `req.actor` is the verified caller. No replica configured: nothing.
 */
@Injectable()
export class ReadRoutingInterceptor implements NestInterceptor {
  constructor(
    private readonly replicas: ReadReplicas,
    private readonly writers: RecentWriters,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.replicas.configured || context.getType() !== 'http') return next.handle();
    const req = context
      .switchToHttp()
      .getRequest<{ method: string; route?: { path?: string }; actor?: { userId?: string } }>();
    const userId = req.actor?.userId;
    if (!READ_METHODS.has(req.method)) {
      if (!userId) return next.handle();
      return new Observable((subscriber) => {
        let inner: { unsubscribe(): void } | undefined;
        // Marked again when the write ends: the window counts from the commit, not from the request.
        const again = () => {
          void this.writers.mark(userId);
        };
        void this.writers.mark(userId).then(() => {
          inner = next.handle().subscribe({
            next: (v) => subscriber.next(v),
            error: (e: unknown) => {
              again();
              subscriber.error(e);
            },
            complete: () => {
              again();
              subscriber.complete();
            },
          });
        });
        return () => inner?.unsubscribe();
      });
    }
    if (!isReplicaRead(req.method, req.route?.path)) return next.handle();
    return new Observable((subscriber) => {
      let inner: { unsubscribe(): void } | undefined;
      let closed = false;
      void (userId ? this.writers.wroteLately(userId) : Promise.resolve(false)).then((primary) => {
        if (closed) return;
        const run = () => next.handle().subscribe(subscriber);
        // The handler is called on subscription, so everything it awaits keeps the replica as its target.
        inner = primary ? run() : readFromReplica(run);
      });
      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    });
  }
}
