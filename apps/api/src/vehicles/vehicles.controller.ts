import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

/** Staff manage every vehicle, a transport user its operator's; a cooperative reads those assigned to it. */
@ApiTags('vehicles')
@ApiBearerAuth()
@Controller('vehicles')
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Roles('admin', 'staff', 'transport')
  @Post()
  @ApiOperation({ summary: 'Register a vehicle of a transport operator' })
  @ApiErrors({ 409: 'VEHICLE.PLATE_TAKEN', 422: 'A field breaks a rule' })
  @ApiCreatedResponse({ type: VehicleResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateVehicleDto) {
    return this.vehicles.create(actor, dto);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get()
  @ApiOperation({ summary: 'List vehicles' })
  @ApiOkResponse({ type: VehiclePageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListVehiclesQueryDto) {
    return this.vehicles.list(actor, q);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id')
  @ApiOperation({ summary: 'One vehicle' })
  @ApiErrors({ 404: 'VEHICLE.NOT_FOUND' })
  @ApiOkResponse({ type: VehicleResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.vehicles.get(actor, id);
  }

  @Roles('admin', 'staff', 'transport')
  @Patch(':id')
  @ApiOperation({ summary: 'Change a vehicle' })
  @ApiErrors({ 404: 'VEHICLE.NOT_FOUND', 409: 'VEHICLE.PLATE_TAKEN', 422: 'A field breaks a rule' })
  @ApiOkResponse({ type: VehicleResponse })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateVehicleDto) {
    return this.vehicles.update(actor, id, dto);
  }

  /** Off the road for good: its assignments end and its permits no longer verify. */
  @Roles('admin', 'staff', 'transport')
  @Post(':id/retire')
  @ApiOperation({ summary: 'Retire a vehicle from service' })
  @ApiErrors({ 404: 'VEHICLE.NOT_FOUND', 409: 'Already retired' })
  @HttpCode(200)
  @ApiOkResponse({ type: VehicleResponse })
  retire(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.vehicles.retire(actor, id);
  }

  /** Puts the vehicle at a cooperative's disposal: its green-lane permits then count for that seller's lots. */
  @Roles('admin', 'staff', 'transport')
  @Post(':id/assignments')
  @ApiOperation({ summary: 'Assign a vehicle to a deal or load' })
  @ApiErrors({ 404: 'VEHICLE.NOT_FOUND', 409: 'The vehicle is busy or retired', 422: 'A field breaks a rule' })
  @ApiCreatedResponse({ type: VehicleAssignmentResponse })
  assign(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AssignVehicleDto) {
    return this.vehicles.assign(actor, id, dto.cooperativeId);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/assignments')
  @ApiOperation({ summary: 'Assignments of a vehicle' })
  @ApiErrors({ 404: 'VEHICLE.NOT_FOUND' })
  @ApiOkResponse({ type: [VehicleAssignmentResponse] })
  listAssignments(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.vehicles.listAssignments(actor, id);
  }

  @Roles('admin', 'staff', 'transport')
  @Post(':id/assignments/:assignmentId/end')
  @ApiOperation({ summary: "End a vehicle's assignment" })
  @ApiErrors({ 404: 'VEHICLE.NOT_FOUND or VEHICLE_ASSIGNMENT.NOT_FOUND', 409: 'Already ended' })
  @HttpCode(200)
  @ApiOkResponse({ type: VehicleAssignmentResponse })
  endAssignment(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('assignmentId', new ParseUUIDPipe()) assignmentId: string,
  ) {
    return this.vehicles.endAssignment(actor, id, assignmentId);
  }
}
