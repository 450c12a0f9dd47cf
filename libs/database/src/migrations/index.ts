import type { MigrationInterface } from 'typeorm';
import { InitialRegistry1795452833070 } from './1795452833070-InitialRegistry';
import { Brokering1795453295632 } from './1795453295632-Brokering';
import { ImportsReportsPrices1795453815447 } from './1795453815447-ImportsReportsPrices';
import { SupplyMapPerformance1795455193179 } from './1795455193179-SupplyMapPerformance';
import { HarvestSchedule1796160949557 } from './1796160949557-HarvestSchedule';
import { HarvestServiceArea1796161519607 } from './1796161519607-HarvestServiceArea';
import { OwnerScopedImportKeys1796162081801 } from './1796162081801-OwnerScopedImportKeys';
import { ContinuousMatching1796162993870 } from './1796162993870-ContinuousMatching';
import { PriceWatchFeed1796163912767 } from './1796163912767-PriceWatchFeed';
import { DealDeliveries1796164525445 } from './1796164525445-DealDeliveries';
import { SignInSecurity1796166209228 } from './1796166209228-SignInSecurity';
import { NotificationDelivery1796166879084 } from './1796166879084-NotificationDelivery';
import { ProcessorStockOffers1796167117797 } from './1796167117797-ProcessorStockOffers';
import { DerivedZones1796167451091 } from './1796167451091-DerivedZones';
import { DatabaseSearchText1796172416654 } from './1796172416654-DatabaseSearchText';
import { TransportRoleVehicles1796173056006 } from './1796173056006-TransportRoleVehicles';
import { Loads1796173061220 } from './1796173061220-Loads';
import { ZonesByCommune1796173061221 } from './1796173061221-ZonesByCommune';
import { TransportPlans1796173707425 } from './1796173707425-TransportPlans';
import { AgencyReporting1796174905703 } from './1796174905703-AgencyReporting';
import { ImportRowOutcomes1796175230612 } from './1796175230612-ImportRowOutcomes';
import { TransportPlanBaselineKg1796176091777 } from './1796176091777-TransportPlanBaselineKg';
import { GreenLanePermits1796177198477 } from './1796177198477-GreenLanePermits';
import { AdministrativeUnitsAtTheEdges1796178270897 } from './1796178270897-AdministrativeUnitsAtTheEdges';
import { ProvinceTenants1796195526508 } from './1796195526508-ProvinceTenants';
import { MatchingRunParts1796195591996 } from './1796195591996-MatchingRunParts';
import { StaffNotificationProvinces1796199000000 } from './1796199000000-StaffNotificationProvinces';
import { MatchingWarmStart1796199162000 } from './1796199162000-MatchingWarmStart';
import { ImportChangedFields1796199200000 } from './1796199200000-ImportChangedFields';
import { MatchingRunInstanceAsJson1796219000000 } from './1796219000000-MatchingRunInstanceAsJson';
import { MatchingRunInstanceOutsideParts1796222000000 } from './1796222000000-MatchingRunInstanceOutsideParts';
import { EntitiesDescribeTheSchema1796237484716 } from './1796237484716-EntitiesDescribeTheSchema';
import { BuyerWarehouseArea1796301226465 } from './1796301226465-BuyerWarehouseArea';

// Ordered list of migrations; each file is reviewed by a person and never edited once landed.
export const MIGRATIONS: Array<new () => MigrationInterface> = [
  InitialRegistry1795452833070,
  Brokering1795453295632,
  ImportsReportsPrices1795453815447,
  SupplyMapPerformance1795455193179,
  HarvestSchedule1796160949557,
  HarvestServiceArea1796161519607,
  OwnerScopedImportKeys1796162081801,
  ContinuousMatching1796162993870,
  PriceWatchFeed1796163912767,
  DealDeliveries1796164525445,
  SignInSecurity1796166209228,
  NotificationDelivery1796166879084,
  ProcessorStockOffers1796167117797,
  DerivedZones1796167451091,
  DatabaseSearchText1796172416654,
  TransportRoleVehicles1796173056006,
  Loads1796173061220,
  ZonesByCommune1796173061221,
  TransportPlans1796173707425,
  AgencyReporting1796174905703,
  ImportRowOutcomes1796175230612,
  TransportPlanBaselineKg1796176091777,
  GreenLanePermits1796177198477,
  AdministrativeUnitsAtTheEdges1796178270897,
  ProvinceTenants1796195526508,
  MatchingRunParts1796195591996,
  StaffNotificationProvinces1796199000000,
  MatchingWarmStart1796199162000,
  ImportChangedFields1796199200000,
  MatchingRunInstanceAsJson1796219000000,
  MatchingRunInstanceOutsideParts1796222000000,
  EntitiesDescribeTheSchema1796237484716,
  BuyerWarehouseArea1796301226465,
];
