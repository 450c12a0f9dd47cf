import IORedis, { RedisOptions } from 'ioredis';

/** BullMQ needs maxRetriesPerRequest null on worker connections so blocking calls wait out a Redis restart. */
export function redisConnectionOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

/** One clear line when Redis is missing, rather than a stack of reconnect errors. */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const client = new IORedis({
    ...redisConnectionOptions(url),
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const safeUrl = url.replace(/\/\/[^@]*@/, '//***@');
    throw new Error(
      `Redis is not reachable at ${safeUrl} (${(e as Error).message}). ` +
        `Start one with "redis-server --daemonize yes" (or "docker compose -f docker/compose.yml up -d redis"), ` +
        `or point REDIS_URL at a running Redis.`,
      { cause: e },
    );
  } finally {
    client.disconnect();
  }
}
