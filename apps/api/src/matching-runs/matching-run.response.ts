import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MATCHING_RUN_STATUSES, type MatchingRunPartView, type MatchingRunView } from '@agrilink/core';
import { pageResponseOf } from '../common/page-response.dto';
import { MatchingOptionsDto } from './matching-run.dto';

export class MatchingRunSizeResponse {
  @ApiProperty() lots: number;
  @ApiProperty() requests: number;
  @ApiProperty() contracts: number;
  @ApiProperty() products: number;
  @ApiProperty() restrictedZones: number;
  @ApiProperty() feasiblePairs: number;
}

export class MatchingObjectiveResponse {
  @ApiProperty({ description: 'kg matched (whole kg)' }) matchedKg: number;
  @ApiProperty({ description: 'sum of kg × score, VND' }) scoreVnd: number;
}

export class MatchingRunTimingsResponse {
  @ApiPropertyOptional({ description: 'ms reading the registry' }) snapshotMs?: number;
  @ApiPropertyOptional({ description: 'ms from the parts being enqueued to the last part solved' }) solveMs?: number;
  @ApiPropertyOptional({ description: "the engine's own solve time over all parts, ms" }) engineSolveMs?: number;
  @ApiPropertyOptional({ description: 'ms writing the proposals' }) writeMs?: number;
  @ApiPropertyOptional() totalMs?: number;
  @ApiProperty() queuedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
}

export class HeldOutKgResponse {
  @ApiProperty() supplyLots: number;
  @ApiProperty() purchaseRequests: number;
}

export class MatchingRunDiffResponse {
  @ApiProperty({ nullable: true, type: String }) previousRunId: string | null;
  @ApiProperty() added: number;
  @ApiProperty() kept: number;
  @ApiProperty() superseded: number;
  @ApiProperty({ type: HeldOutKgResponse }) heldOutKg: HeldOutKgResponse;
  @ApiProperty({ type: [String] }) keptProposalIds: string[];
}

/** One independent part of a run (a product), solved by whichever worker took it. */
export class MatchingRunPartResponse implements MatchingRunPartView {
  @ApiProperty({ example: 'LUA_ST' }) product: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: MatchingRunPartView['status'];
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'worker-1:4312',
    description: 'host:pid of the worker that took the part last',
  })
  worker: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "the part's time on its worker, ms (reading its instance to storing its solution)",
  })
  ms: number | null;
  @ApiProperty({ description: 'times a worker took the part (2 after a worker died in it)' }) attempts: number;
  @ApiProperty() lots: number;
  @ApiProperty() requests: number;
  @ApiProperty({ nullable: true, type: String, description: "why the part failed: its last attempt's error" }) error:
    string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "the earlier run whose plan of this product the part's solve started from; null: solved cold",
  })
  warmStartFrom: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'pairs of the earlier plan the simplex started from; null: solved cold or not yet',
  })
  warmPairs: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'simplex pivots of the part; null until solved' }) pivots:
    number | null;
}

export class MatchingRunResponse implements MatchingRunView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: MATCHING_RUN_STATUSES }) status: MatchingRunView['status'];
  @ApiProperty({ description: 'percent done' }) progress: number;
  @ApiProperty({ example: '2026-12-01' }) runDay: string;
  @ApiProperty({ type: MatchingOptionsDto }) options: MatchingOptionsDto;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: MatchingRunSizeResponse }) size: MatchingRunSizeResponse | null;
  @ApiProperty({ nullable: true, type: MatchingObjectiveResponse }) objective: MatchingObjectiveResponse | null;
  @ApiProperty({ nullable: true, type: Number }) proposalsCount: number | null;
  @ApiProperty({ type: MatchingRunTimingsResponse }) timings: MatchingRunTimingsResponse;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: String }) requestedByUserId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) requestedByEmail?: string | null;
  @ApiProperty({ example: 'LUA_ST|91', description: "products|provinces, '*' for all" }) scopeKey: string;
  @ApiProperty({ nullable: true, type: String }) previousRunId: string | null;
  @ApiProperty({ nullable: true, type: MatchingRunDiffResponse }) diff: MatchingRunDiffResponse | null;
  @ApiProperty({ nullable: true, type: String }) matchingScheduleId: string | null;
  @ApiProperty({ nullable: true, type: Date }) scheduledFor: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'the earlier run of the same products, provinces and parameters whose plan this run started from (warm start); null: solved cold',
  })
  warmStartFrom: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'pairs of the earlier plan the simplex started from, all parts; null: solved cold or not written yet',
  })
  warmPairs: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'simplex pivots over all parts; null until written' })
  pivots: number | null;
  @ApiProperty({
    type: [MatchingRunPartResponse],
    description: 'the run fanned out: one part per product, empty until the run is split',
  })
  parts: MatchingRunPartResponse[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class MatchingRunPageResponse extends pageResponseOf(MatchingRunResponse) {}
