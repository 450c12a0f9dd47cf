import { AdministrativeUnit, AdministrativeUnitMapping } from './administrative-units/administrative-unit.entity';
import { AuditLog } from './audit/audit-log.entity';
import { Buyer } from './buyers/buyer.entity';
import { Contract } from './contracts/contract.entity';
import { Cooperative } from './cooperatives/cooperative.entity';
import { HarvestResource } from './harvest-resources/harvest-resource.entity';
import { InventoryReport } from './inventory-reports/inventory-report.entity';
import { Product } from './products/product.entity';
import { ProductionArea } from './production-areas/production-area.entity';
import { ProductionAreaHarvest } from './production-areas/production-area-harvest.entity';
import { PurchaseRequest } from './purchase-requests/purchase-request.entity';
import { SupplyLot } from './supply-lots/supply-lot.entity';
import { TransportOperator } from './transport-operators/transport-operator.entity';
import { User } from './users/user.entity';
import { Zone } from './zones/zone.entity';
import { MatchingRun } from './matching-runs/matching-run.entity';
import { Proposal } from './proposals/proposal.entity';
import { Deal } from './deals/deal.entity';
import { DealDelivery } from './deals/deal-delivery.entity';
import { Notification, NotificationOutbox } from './notifications/notification.entity';
import {
  NotificationDelivery,
  NotificationDeliveryAttempt,
  NotificationPreference,
} from './notifications/notification-delivery.entity';
import { PriceObservation } from './price-observations/price-observation.entity';
import { Import } from './imports/import.entity';
import { MatchingSchedule } from './matching-schedules/matching-schedule.entity';
import { Vehicle } from './vehicles/vehicle.entity';
import { VehicleAssignment } from './vehicles/vehicle-assignment.entity';
import { Load } from './loads/load.entity';
import { Checkpoint } from './checkpoints/checkpoint.entity';
import { LoadOffer } from './loads/load-offer.entity';
import { TransportPlan } from './transport-plans/transport-plan.entity';
import { Agency } from './agencies/agency.entity';
import {
  AdHocReport,
  AgencyReport,
  AgencyReportLine,
  AgencyReportReminder,
  AgencyReportReminderSchedule,
} from './agency-reports/agency-report.entity';
import { AgencyTask } from './agency-tasks/agency-task.entity';
import { GreenLanePermit } from './green-lane-permits/green-lane-permit.entity';

/** Every entity the DataSource knows; a feature adds its entity here. */
export const ENTITIES: Array<new () => object> = [
  Product,
  AdministrativeUnit,
  AdministrativeUnitMapping,
  Cooperative,
  Buyer,
  ProductionArea,
  ProductionAreaHarvest,
  SupplyLot,
  PurchaseRequest,
  Contract,
  Zone,
  TransportOperator,
  HarvestResource,
  InventoryReport,
  User,
  AuditLog,
  MatchingRun,
  Proposal,
  Deal,
  DealDelivery,
  Notification,
  NotificationOutbox,
  NotificationPreference,
  NotificationDelivery,
  NotificationDeliveryAttempt,
  PriceObservation,
  Import,
  MatchingSchedule,
  Vehicle,
  VehicleAssignment,
  Load,
  LoadOffer,
  Checkpoint,
  TransportPlan,
  Agency,
  AgencyReport,
  AgencyReportLine,
  AgencyReportReminderSchedule,
  AgencyReportReminder,
  AdHocReport,
  AgencyTask,
  GreenLanePermit,
];
