import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig, AppConfigModule } from '@agrilink/config';
import { AuditModule, ENTITIES, SeedingModule } from '@agrilink/core';
import { DatabaseModule } from '@agrilink/database';
import { QueueModule } from '@agrilink/queue';
import { AdministrativeUnitsApiModule } from './administrative-units/administrative-units-api.module';
import { AuthModule } from './auth/auth.module';
import { BuyersApiModule } from './buyers/buyers-api.module';
import { ContractsApiModule } from './contracts/contracts-api.module';
import { CooperativesApiModule } from './cooperatives/cooperatives-api.module';
import { ProductionAreasApiModule } from './production-areas/production-areas-api.module';
import { HealthModule } from './health/health.module';
import { ObservabilityModule } from './observability/observability.module';
import { MapApiModule } from './map/map-api.module';
import { ProductsApiModule } from './products/products-api.module';
import { SupplyLotsApiModule } from './supply-lots/supply-lots-api.module';
import { UsersApiModule } from './users/users-api.module';
import { PurchaseRequestsApiModule } from './purchase-requests/purchase-requests-api.module';
import { ZonesApiModule } from './zones/zones-api.module';
import { MatchingRunsApiModule } from './matching-runs/matching-runs-api.module';
import { MatchingSchedulesApiModule } from './matching-schedules/matching-schedules-api.module';
import { ProposalsApiModule } from './proposals/proposals-api.module';
import { DealsApiModule } from './deals/deals-api.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { TransportOperatorsApiModule } from './transport-operators/transport-operators-api.module';
import { HarvestResourcesApiModule } from './harvest-resources/harvest-resources-api.module';
import { InventoryReportsApiModule } from './inventory-reports/inventory-reports-api.module';
import { PriceObservationsApiModule } from './price-observations/price-observations-api.module';
import { ImportsApiModule } from './imports/imports-api.module';
import { ReportsApiModule } from './reports/reports-api.module';
import { AuditLogsApiModule } from './audit-logs/audit-logs-api.module';
import { RateLimitGuard, RedisThrottlerStorage } from './common/rate-limit';

/** HTTP only; BullMQ processors live in apps/worker (run in-process when RUN_WORKER). */
@Module({
  imports: [
    AppConfigModule,
    DatabaseModule.forRoot(ENTITIES),
    QueueModule.forRoot(),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute },
          // Writes per route and client; reads are left to the generous default, sign-in to its own limit.
          { name: 'writes', ttl: 60_000, limit: config.rateLimitWritesPerMinute, skipIf: (ctx) => !isLimitedWrite(ctx.switchToHttp().getRequest()) },
        ],
        // Counted in Redis under the deployment's prefix, so every api replica shares one count.
        storage: new RedisThrottlerStorage(config.redisUrl, config.queuePrefix),
      }),
    }),
    ObservabilityModule,
    AuditModule,
    SeedingModule,
    AuthModule,
    HealthModule,
    UsersApiModule,
    ProductsApiModule,
    AdministrativeUnitsApiModule,
    SupplyLotsApiModule,
    MapApiModule,
    CooperativesApiModule,
    BuyersApiModule,
    ProductionAreasApiModule,
    ContractsApiModule,
    PurchaseRequestsApiModule,
    ZonesApiModule,
    MatchingRunsApiModule,
    MatchingSchedulesApiModule,
    ProposalsApiModule,
    DealsApiModule,
    NotificationsApiModule,
    TransportOperatorsApiModule,
    HarvestResourcesApiModule,
    InventoryReportsApiModule,
    PriceObservationsApiModule,
    ImportsApiModule,
    ReportsApiModule,
    AuditLogsApiModule,
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class AppModule {}

function isLimitedWrite(req: { method: string; path: string }): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !req.path.startsWith('/api/auth/');
}
