import {
  type VehicleView,
  VEHICLE_KINDS,
  VEHICLE_STATUSES,
  VehicleKind,
  VehicleStatus,
  type VehicleAssignmentView,
} from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto, ToBool } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';

export class CreateVehicleDto {
  @ApiPropertyOptional({ description: 'The transport operator; a transport user may leave it out (its own operator)' })
  @IsOptional()
  @IsUUID()
  operatorId?: string;

  @ApiProperty({
    example: '68C-123.45',
    description: 'Vietnamese plate (biển số): 68C-123.45 or 51D-1234; case, spaces, dash and dot are forgiven',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  plate: string;

  @ApiProperty({ enum: VEHICLE_KINDS, example: 'truck' })
  @IsIn(VEHICLE_KINDS)
  kind: VehicleKind;

  @ApiProperty({ example: 8000, description: 'Whole kilograms per trip' })
  @IsInt({ message: 'capacityKg must be whole kilograms' })
  @Min(1)
  @Max(100_000)
  capacityKg: number;

  @ApiPropertyOptional({ default: false, description: 'Xe lạnh: keeps fruit and seafood cold' })
  @IsOptional()
  @IsBoolean()
  refrigerated?: boolean;

  @ApiPropertyOptional({ example: 'Thùng kín 6,2 m' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class UpdateVehicleDto {
  @ApiPropertyOptional({ example: '68C-123.45' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  plate?: string;

  @ApiPropertyOptional({ enum: VEHICLE_KINDS })
  @IsOptional()
  @IsIn(VEHICLE_KINDS)
  kind?: VehicleKind;

  @ApiPropertyOptional({ example: 8000 })
  @IsOptional()
  @IsInt({ message: 'capacityKg must be whole kilograms' })
  @Min(1)
  @Max(100_000)
  capacityKg?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  refrigerated?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class ListVehiclesQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  operatorId?: string;

  @ApiPropertyOptional({ description: 'Vehicles now at the disposal of this cooperative' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ enum: VEHICLE_STATUSES })
  @IsOptional()
  @IsIn(VEHICLE_STATUSES)
  status?: VehicleStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @ToBool()
  @IsBoolean()
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
