import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { QueueName } from '@agrilink/queue';
import { Queue } from 'bullmq';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { Actor } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';

interface Check {
  status: 'up' | 'down';
  error?: string;
  [k: string]: unknown;
}

export class HealthCheckResponse {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ example: 'PostgreSQL 15.8' }) version?: string;
  @ApiPropertyOptional({ description: 'Why the check failed' }) error?: string;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiPropertyOptional({ type: HealthCheckResponse, description: 'Only for an admin' }) database?: HealthCheckResponse;
  @ApiPropertyOptional({ type: HealthCheckResponse, description: 'Only for an admin' }) postgis?: HealthCheckResponse;
  @ApiPropertyOptional({ type: HealthCheckResponse, description: 'Only for an admin' }) redis?: HealthCheckResponse;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Matching) private readonly queue: Queue,
  ) {}

  /**
   * Anyone (a load balancer, a probe) learns `ok` (200) or `error` (503); versions and error texts
   * help an attacker pick exploits, so only an admin's token sees them.
   */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether the database, PostGIS and Redis answer (details for an admin)' })
  @ApiOkResponse({ type: HealthResponse, description: 'Everything is up' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'Something is down (status error)' })
  async health(
    @CurrentActor() actor: Actor | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HealthResponse> {
    const [database, postgis, redis] = await Promise.all([this.database(), this.postgis(), this.redis()]);
    const status = database.status === 'up' && postgis.status === 'up' && redis.status === 'up' ? 'ok' : 'error';
    if (status !== 'ok') res.status(503);
    res.setHeader('Cache-Control', 'no-store');
    return actor?.role === 'admin' ? { status, database, postgis, redis } : { status };
  }

  private async database(): Promise<Check> {
    try {
      const [{ version }] = await withTimeout<Array<{ version: string }>>(
        this.dataSource.query('SELECT version() AS version'),
      );
      return { status: 'up', version: version.split(' on ')[0] };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
  }

  private async postgis(): Promise<Check> {
    try {
      const [{ v }] = await withTimeout<Array<{ v: string }>>(
        this.dataSource.query('SELECT postgis_lib_version() AS v'),
      );
      return { status: 'up', version: v };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
  }

  private async redis(): Promise<Check> {
    try {
      const client = await withTimeout(this.queue.client);
      const pong = await withTimeout((client as unknown as { ping(): Promise<string> }).ping());
      return { status: pong === 'PONG' ? 'up' : 'down' };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)),
  ]);
}
