import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, VehiclesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AssignVehicleDto, CreateVehicleDto, ListVehiclesQueryDto, UpdateVehicleDto, VehicleAssignmentResponse, VehiclePageResponse, VehicleResponse } from './vehicle.dto';

/** Staff manage every vehicle, a transport user its operator's; a cooperative reads those assigned to it. */
@ApiTags('vehicles')
@ApiBearerAuth()
@Controller('vehicles')
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Roles('admin', 'staff', 'transport')
  @Post()
  @ApiCreatedResponse({ type: VehicleResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateVehicleDto) {
    return this.vehicles.create(actor, dto);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get()
  @ApiOkResponse({ type: VehiclePageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListVehiclesQueryDto) {
    return this.vehicles.list(actor, q);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id')
  @ApiOkResponse({ type: VehicleResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.vehicles.get(actor, id);
  }

  @Roles('admin', 'staff', 'transport')
  @Patch(':id')
  @ApiOkResponse({ type: VehicleResponse })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateVehicleDto) {
    return this.vehicles.update(actor, id, dto);
  }

  /** Off the road for good: its assignments end and its permits no longer verify. */
  @Roles('admin', 'staff', 'transport')
  @Post(':id/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: VehicleResponse })
  retire(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.vehicles.retire(actor, id);
  }

  /** Puts the vehicle at a cooperative's disposal: its green-lane permits then count for that seller's lots. */
  @Roles('admin', 'staff', 'transport')
  @Post(':id/assignments')
  @ApiCreatedResponse({ type: VehicleAssignmentResponse })
  assign(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AssignVehicleDto) {
    return this.vehicles.assign(actor, id, dto.cooperativeId);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/assignments')
  @ApiOkResponse({ type: [VehicleAssignmentResponse] })
  listAssignments(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.vehicles.listAssignments(actor, id);
  }

  @Roles('admin', 'staff', 'transport')
  @Post(':id/assignments/:assignmentId/end')
  @HttpCode(200)
  @ApiOkResponse({ type: VehicleAssignmentResponse })
  endAssignment(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Param('assignmentId', new ParseUUIDPipe()) assignmentId: string) {
    return this.vehicles.endAssignment(actor, id, assignmentId);
  }
}
