import {
  type VehicleView,
  VEHICLE_KINDS,
  VEHICLE_STATUSES,
  VehicleKind,
  VehicleStatus,
  type VehicleAssignmentView,
} from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import {
  OptionalBoolean,
  OptionalOneOf,
  OptionalText,
  OptionalUuid,
  QueryBoolean,
  RequiredText,
} from '../common/fields';

export class CreateVehicleDto {
  @OptionalUuid({ description: 'The transport operator; a transport user may leave it out (its own operator)' })
  operatorId?: string;

  @RequiredText(30, {
    example: '68C-123.45',
    description: 'Vietnamese plate (biển số): 68C-123.45 or 51D-1234; case, spaces, dash and dot are forgiven',
  })
  plate: string;

  @ApiProperty({ enum: VEHICLE_KINDS, example: 'truck' })
  @IsIn(VEHICLE_KINDS)
  kind: VehicleKind;

  @ApiProperty({ example: 8000, description: 'Whole kilograms per trip' })
  @IsInt({ message: 'capacityKg must be whole kilograms' })
  @Min(1)
  @Max(100_000)
  capacityKg: number;

  @OptionalBoolean({ default: false, description: 'Xe lạnh: keeps fruit and seafood cold' })
  refrigerated?: boolean;

  @OptionalText(500, { example: 'Thùng kín 6,2 m' })
  note?: string;
}

export class UpdateVehicleDto {
  @ApiPropertyOptional({ example: '68C-123.45' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  plate?: string;

  @OptionalOneOf(VEHICLE_KINDS)
  kind?: VehicleKind;

  @ApiPropertyOptional({ example: 8000 })
  @IsOptional()
  @IsInt({ message: 'capacityKg must be whole kilograms' })
  @Min(1)
  @Max(100_000)
  capacityKg?: number;

  @OptionalBoolean()
  refrigerated?: boolean;

  @OptionalText(500, { nullable: true, type: String })
  note?: string | null;
}

export class ListVehiclesQueryDto extends PageQueryDto {
  @OptionalUuid()
  operatorId?: string;

  @OptionalUuid({ description: 'Vehicles now at the disposal of this cooperative' })
  cooperativeId?: string;

  @OptionalOneOf(VEHICLE_STATUSES)
  status?: VehicleStatus;

  @QueryBoolean()
  refrigerated?: boolean;
}

export class AssignVehicleDto {
  @ApiProperty({ description: 'The cooperative (seller) the vehicle serves' })
  @IsUUID()
  cooperativeId: string;
}

export class VehicleResponse implements VehicleView {
  @ApiProperty() id: string;
  @ApiProperty() operatorId: string;
  @ApiProperty() operatorName: string;
  @ApiProperty({ example: '68C-123.45' }) plate: string;
  @ApiProperty({ enum: VEHICLE_KINDS }) kind: VehicleKind;
  @ApiProperty() capacityKg: number;
  @ApiProperty() refrigerated: boolean;
  @ApiProperty({ enum: VEHICLE_STATUSES }) status: VehicleStatus;
  @ApiProperty({ nullable: true, type: Date }) retiredAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ type: [String] }) assignedCooperativeIds: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class VehiclePageResponse extends pageResponseOf(VehicleResponse) {}

export class VehicleAssignmentResponse implements VehicleAssignmentView {
  @ApiProperty() id: string;
  @ApiProperty() vehicleId: string;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() cooperativeName: string;
  @ApiProperty({ nullable: true, type: String }) assignedByUserId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) endedAt: Date | null;
}
