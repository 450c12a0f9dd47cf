import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Vehicle } from './vehicle.entity';
import { VehicleAssignment } from './vehicle-assignment.entity';
import { VehiclesService } from './vehicles.service';

@Module({
  imports: [TypeOrmModule.forFeature([Vehicle, VehicleAssignment])],
  providers: [VehiclesService],
  exports: [VehiclesService],
})
export class VehiclesModule {}
