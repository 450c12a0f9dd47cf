import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { TRANSPORT_PLAN_STATUSES, TransportPlanStatus, type TransportPlanView } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { Day, OptionalOneOf, OptionalTextList } from '../common/fields';

export class CreateTransportPlanDto {
  @Day({ example: '2026-12-03', description: 'The day the trucks run (Asia/Ho_Chi_Minh)' })
  date: string;

  @OptionalTextList(100, 10, {
    example: ['91'],
    description: 'Loads picked up or dropped in these provinces and trucks of operators serving them; all when absent',
  })
  provinceCodes?: string[];

  @ApiPropertyOptional({
    example: { truck: 16000, van: 11000 },
    description: 'Whole VND per km by vehicle kind, over the defaults',
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  @IsOptional()
  @IsObject()
  vndPerKmByKind?: Record<string, number>;
}

export class ListTransportPlansQueryDto extends PageQueryDto {
  @OptionalOneOf(TRANSPORT_PLAN_STATUSES)
  status?: TransportPlanStatus;
}

export class PlanPointResponse {
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
}

export class TransportPlanStopResponse {
  @ApiProperty({ enum: ['depot-out', 'pickup', 'drop', 'depot-back'] })
  kind: TransportPlanView['trips'][number]['stops'][number]['kind'];
  @ApiProperty({ type: PlanPointResponse }) location: PlanPointResponse;
  @ApiProperty({ type: [String] }) loadIds: string[];
  @ApiProperty({ description: 'minutes from the plan day 00:00' }) arriveMin: number;
  @ApiProperty() departMin: number;
}

export class TransportPlanPartResponse {
  @ApiProperty() loadId: string;
  @ApiProperty() kg: number;
  @ApiProperty({ description: "the part's share of the trip cost by kg, whole VND (the offer's price)" })
  priceVnd: number;
}

export class TransportPlanTripResponse {
  @ApiProperty() vehicleId: string;
  @ApiProperty() plate: string;
  @ApiProperty() operatorId: string;
  @ApiProperty() operatorName: string;
  @ApiProperty() kind: string;
  @ApiProperty() capacityKg: number;
  @ApiProperty() refrigerated: boolean;
  @ApiProperty() buyerId: string;
  @ApiProperty({ type: [TransportPlanPartResponse] }) parts: TransportPlanPartResponse[];
  @ApiProperty() kg: number;
  @ApiProperty() distanceKm: number;
  @ApiProperty() costVnd: number;
  @ApiProperty() startMin: number;
  @ApiProperty() endMin: number;
  @ApiProperty({ type: [TransportPlanStopResponse] }) stops: TransportPlanStopResponse[];
}

export class TransportPlanUnplannedResponse {
  @ApiProperty() loadId: string;
  @ApiProperty() kg: number;
  @ApiProperty({ enum: ['NO_ELIGIBLE_VEHICLE', 'WINDOW_TOO_SHORT', 'NO_VEHICLE_TIME'] })
  reason: TransportPlanView['unplanned'][number]['reason'];
}

export class TransportPlanStatsResponse {
  @ApiProperty() loads: number;
  @ApiProperty() vehicles: number;
  @ApiProperty() vehiclesWithoutDepot: number;
  @ApiProperty() vehiclesUsed: number;
  @ApiProperty() trips: number;
  @ApiProperty() sharedTrips: number;
  @ApiProperty() baselineTrips: number;
  @ApiProperty() baselinePlannedKg: number;
  @ApiProperty() unplannedKg: number;
  @ApiProperty() solveMs: number;
  @ApiProperty() totalMs: number;
}

export class TransportPlanSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: TRANSPORT_PLAN_STATUSES }) status: TransportPlanStatus;
  @ApiProperty() date: string;
  @ApiProperty({ type: [String], nullable: true }) provinceCodes: string[] | null;
  @ApiProperty() progress: number;
  @ApiProperty() attempts: number;
  @ApiProperty({ enum: ['shared', 'one-truck-per-load'], nullable: true }) method: TransportPlanView['method'];
  @ApiProperty({ type: Number, nullable: true, description: 'whole VND' }) costVnd: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'every load on a truck of its own' }) baselineCostVnd:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'no plan of the same loads can cost less' }) lowerBoundVnd:
    number | null;
  @ApiProperty({ type: Number, nullable: true }) plannedKg: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'kg one truck per load carries; less than plannedKg when trucks are short',
  })
  baselinePlannedKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) tripsCount: number | null;
  @ApiProperty({ type: Number, nullable: true }) unplannedCount: number | null;
  @ApiProperty({ type: Date, nullable: true }) offersMadeAt: Date | null;
  @ApiProperty({ type: Number, nullable: true }) offersCount: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, nullable: true }) requestedByUserId: string | null;
  @ApiProperty({ type: Date, nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) finishedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class TransportPlanParamsResponse {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' } }) vndPerKmByKind?: Record<
    string,
    number
  >;
}

export class TransportPlanResponse extends TransportPlanSummaryResponse implements TransportPlanView {
  @ApiProperty({ type: TransportPlanParamsResponse }) params: TransportPlanParamsResponse;
  @ApiProperty({ type: [TransportPlanTripResponse] }) trips: TransportPlanTripResponse[];
  @ApiProperty({ type: [TransportPlanUnplannedResponse] }) unplanned: TransportPlanUnplannedResponse[];
  @ApiProperty({ type: TransportPlanStatsResponse, nullable: true }) stats: TransportPlanStatsResponse | null;
}

export class TransportPlanPageResponse extends pageResponseOf(TransportPlanSummaryResponse) {}

export class PlannedOfferResponse {
  @ApiProperty() id: string;
  @ApiProperty() loadId: string;
  @ApiProperty() operatorId: string;
  @ApiProperty({ type: String, nullable: true }) operatorName: string | null;
  @ApiProperty() vehicleId: string;
  @ApiProperty() kg: number;
  @ApiProperty() priceVnd: number;
  @ApiProperty() pickupOn: string;
  @ApiProperty() status: string;
  @ApiProperty() source: string;
  @ApiProperty({ type: String, nullable: true }) transportPlanId: string | null;
}

export class SkippedPlanItemResponse {
  @ApiProperty() index: number;
  @ApiProperty() loadId: string;
  @ApiProperty() vehicleId: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

export class TransportPlanOffersResponse {
  @ApiProperty({ type: TransportPlanResponse }) plan: TransportPlanResponse;
  @ApiProperty({ type: [PlannedOfferResponse] }) offers: PlannedOfferResponse[];
  @ApiProperty({
    type: [SkippedPlanItemResponse],
    description: 'plan items that could not become offers, with the reason',
  })
  skipped: SkippedPlanItemResponse[];
}
