import { ExecutionContext, HttpException, HttpStatus, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { redisConnectionOptions } from '@agrilink/queue';
import IORedis from 'ioredis';
import type { Response } from 'express';
import type { ActorRequest } from '../auth/actor-request';

// One round trip, atomic: count the hit, start the window on the first one, and block past the limit.
// KEYS[1] hits, KEYS[2] block marker; ARGV ttl ms, limit, block ms. Returns hits, ms left in the window, blocked, ms left blocked.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {hits, ttl, 1, blocked}
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}
`;

// The Lua script INCREMENT, registered by defineCommand: [hits, ttlMs, blocked (0|1), blockMs].
type ThrottleCommand = (
  key: string,
  blockedKey: string,
  ttl: number,
  limit: number,
  blockDuration: number,
) => Promise<number[]>;

/**
 * Rate-limit counters in Redis, shared by every api replica on the same prefix (QUEUE_PREFIX).
 * Redis down: requests pass (logged), because the api must keep answering through a Redis cut
 * as it does for everything else; the limits are a brake on abuse, not an authorisation.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: IORedis;
  private lastWarning = 0;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    // Its own connection: fail fast (no offline queue, short timeout) instead of BullMQ's wait-forever.
    this.redis = new IORedis({
      ...redisConnectionOptions(redisUrl),
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 500,
      lazyConnect: false,
    });
    this.redis.on('error', (e) => this.warn(`Redis error: ${e.message}`));
    this.redis.defineCommand('agrilinkThrottle', { numberOfKeys: 2, lua: INCREMENT });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:rate:${throttlerName}:${key}`;
    try {
      const [hits, ttlMs, blocked, blockMs] = await (
        this.redis as IORedis & { agrilinkThrottle: ThrottleCommand }
      ).agrilinkThrottle(base, `${base}:blocked`, ttl, limit, blockDuration > 0 ? blockDuration : ttl);
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(ttlMs / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockMs / 1000),
      };
    } catch (e) {
      this.warn(`rate limit not counted (${(e as Error).message}); the request passes`);
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Limits per signed-in user, per client address otherwise (`req.ip`: the socket, or the
 * client named by X-Forwarded-For when TRUST_PROXY says a proxy of ours is in front).
 * The token's signature is checked here (this guard may run before the auth guard), so a
 * forged `sub` cannot spread one client over many buckets.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly jwt: JwtService,
  ) {
    super(options, storage, reflector);
  }

  protected async getTracker(record: Record<string, unknown>): Promise<string> {
    const req = record as Partial<ActorRequest>;
    if (req.actor?.userId) return `user:${req.actor.userId}`;
    const header: unknown = req.headers?.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      try {
        const claims = await this.jwt.verifyAsync<{ sub?: string; typ?: string }>(header.slice(7).trim());
        if (claims.typ === 'access' && typeof claims.sub === 'string') return `user:${claims.sub}`;
      } catch {
        // An invalid token counts against the address that sent it.
      }
    }
    return `ip:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
  }

  protected throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // The standard header, whatever the throttler's name (the library writes Retry-After-<name> for named ones).
    const retryAfter = Math.max(1, detail.timeToBlockExpire || detail.timeToExpire || 1);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      {
        code: 'REQUEST.RATE_LIMITED',
        message: `too many requests; retry in ${retryAfter} s`,
        details: { limit: detail.limit, windowSeconds: Math.round(detail.ttl / 1000), retryAfter },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
