import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@agrilink/config';
import { coreInfrastructure, JobProcessorsModule } from '@agrilink/core';
import { SeedingModule } from '@agrilink/seed';
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
import { TransportPlansApiModule } from './transport-plans/transport-plans-api.module';
import { ProposalsApiModule } from './proposals/proposals-api.module';
import { DealsApiModule } from './deals/deals-api.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { TransportOperatorsApiModule } from './transport-operators/transport-operators-api.module';
import { VehiclesApiModule } from './vehicles/vehicles-api.module';
import { GreenLanePermitsApiModule } from './green-lane-permits/green-lane-permits-api.module';
import { HarvestResourcesApiModule } from './harvest-resources/harvest-resources-api.module';
import { InventoryReportsApiModule } from './inventory-reports/inventory-reports-api.module';
import { PriceObservationsApiModule } from './price-observations/price-observations-api.module';
import { ImportsApiModule } from './imports/imports-api.module';
import { ReportsApiModule } from './reports/reports-api.module';
import { AuditLogsApiModule } from './audit-logs/audit-logs-api.module';
import { LoadsApiModule } from './loads/loads-api.module';
import { CheckpointsApiModule } from './checkpoints/checkpoints-api.module';
import { AgenciesApiModule } from './agencies/agencies-api.module';
import { AgencyReportsApiModule } from './agency-reports/agency-reports-api.module';
import { TasksApiModule } from './tasks/tasks-api.module';
import { RateLimitGuard, RedisThrottlerStorage } from './common/rate-limit';
import { ReadRoutingInterceptor, RecentWriters } from './common/read-routing';

/** HTTP: the throttler, the observability endpoints and every feature's controllers. */
const API_MODULES = [
  ThrottlerModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({
      throttlers: [
        { name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute },
        // Writes per route and client; reads are left to the generous default, sign-in to its own limit.
        {
          name: 'writes',
          ttl: 60_000,
          limit: config.rateLimitWritesPerMinute,
          skipIf: (ctx) => !isLimitedWrite(ctx.switchToHttp().getRequest()),
        },
      ],
      // Counted in Redis under the deployment's prefix, so every api replica shares one count.
      storage: new RedisThrottlerStorage(config.redisUrl, config.queuePrefix),
    }),
  }),
  ObservabilityModule,
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
  TransportPlansApiModule,
  ProposalsApiModule,
  DealsApiModule,
  NotificationsApiModule,
  TransportOperatorsApiModule,
  VehiclesApiModule,
  GreenLanePermitsApiModule,
  HarvestResourcesApiModule,
  InventoryReportsApiModule,
  PriceObservationsApiModule,
  ImportsApiModule,
  ReportsApiModule,
  AuditLogsApiModule,
  LoadsApiModule,
  CheckpointsApiModule,
  AgenciesApiModule,
  AgencyReportsApiModule,
  TasksApiModule,
];

export interface AppModuleOptions {
  /** Already validated by the caller (main adds the embedded database's address); else read from the environment. */
  config?: AppConfig;
  /** RUN_WORKER: register the job processors in this same context (one pool, one config, one migration run). */
  worker?: boolean;
}

/** The api's root module: the core modules every root shares, the HTTP modules, and with `worker` the processors. */
@Module({})
export class AppModule {
  static forRoot(opts: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [...coreInfrastructure(opts.config), ...API_MODULES, ...(opts.worker ? [JobProcessorsModule] : [])],
      providers: [
        { provide: APP_GUARD, useClass: RateLimitGuard },
        RecentWriters,
        { provide: APP_INTERCEPTOR, useClass: ReadRoutingInterceptor },
      ],
    };
  }
}

function isLimitedWrite(req: { method: string; path: string }): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !req.path.startsWith('/api/auth/');
}
