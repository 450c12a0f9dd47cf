import { Body, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor, VehiclesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  AssignVehicleDto,
  CreateVehicleDto,
  ListVehiclesQueryDto,
  UpdateVehicleDto,
  VehicleAssignmentResponse,
  VehiclePageResponse,
  VehicleResponse,
} from './vehicle.dto';
import { ApiErrors } from '../common/api-errors';
import { ApiController, IdParam, Route } from '../common/routes';

/** Staff manage every vehicle, a transport user its operator's; a cooperative reads those assigned to it. */
@ApiController('vehicles')
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff', 'transport'],
    summary: 'Register a vehicle of a transport operator',
    created: VehicleResponse,
    errors: { 409: 'VEHICLE.PLATE_TAKEN', 422: 'A field breaks a rule' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateVehicleDto) {
    return this.vehicles.create(actor, dto);
  }

  @Route('get', undefined, {
    roles: ['admin', 'staff', 'transport', 'cooperative'],
    summary: 'List vehicles',
    ok: VehiclePageResponse,
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListVehiclesQueryDto) {
    return this.vehicles.list(actor, q);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff', 'transport', 'cooperative'],
    summary: 'One vehicle',
    ok: VehicleResponse,
    errors: { 404: 'VEHICLE.NOT_FOUND' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.vehicles.get(actor, id);
  }

  @Route('patch', ':id', {
    roles: ['admin', 'staff', 'transport'],
    summary: 'Change a vehicle',
    ok: VehicleResponse,
    errors: { 404: 'VEHICLE.NOT_FOUND', 409: 'VEHICLE.PLATE_TAKEN', 422: 'A field breaks a rule' },
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateVehicleDto) {
    return this.vehicles.update(actor, id, dto);
  }

  /** Off the road for good: its assignments end and its permits no longer verify. */
  @Route('post', ':id/retire', {
    roles: ['admin', 'staff', 'transport'],
    status: 200,
    summary: 'Retire a vehicle from service',
    ok: VehicleResponse,
    errors: { 404: 'VEHICLE.NOT_FOUND', 409: 'Already retired' },
  })
  retire(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.vehicles.retire(actor, id);
  }

  /** Puts the vehicle at a cooperative's disposal: its green-lane permits then count for that seller's lots. */
  @Route('post', ':id/assignments', {
    roles: ['admin', 'staff', 'transport'],
    summary: 'Assign a vehicle to a deal or load',
    created: VehicleAssignmentResponse,
    errors: { 404: 'VEHICLE.NOT_FOUND', 409: 'The vehicle is busy or retired', 422: 'A field breaks a rule' },
  })
  assign(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: AssignVehicleDto) {
    return this.vehicles.assign(actor, id, dto.cooperativeId);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/assignments')
  @ApiOperation({ summary: 'Assignments of a vehicle' })
  @ApiErrors({ 404: 'VEHICLE.NOT_FOUND' })
  @ApiOkResponse({ type: [VehicleAssignmentResponse] })
  listAssignments(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.vehicles.listAssignments(actor, id);
  }

  @Route('post', ':id/assignments/:assignmentId/end', {
    roles: ['admin', 'staff', 'transport'],
    status: 200,
    summary: "End a vehicle's assignment",
    ok: VehicleAssignmentResponse,
    errors: { 404: 'VEHICLE.NOT_FOUND or VEHICLE_ASSIGNMENT.NOT_FOUND', 409: 'Already ended' },
  })
  endAssignment(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Param('assignmentId', new ParseUUIDPipe()) assignmentId: string,
  ) {
    return this.vehicles.endAssignment(actor, id, assignmentId);
  }
}
