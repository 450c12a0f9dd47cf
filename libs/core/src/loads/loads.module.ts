import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GreenLanePermitsModule } from '../green-lane-permits/green-lane-permits.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { Load } from './load.entity';
import { LoadOffer } from './load-offer.entity';
import { LoadVehicleDirectory } from './load-vehicles';
import { RegisteredVehicleDirectory } from './vehicle-directory';
import { LoadsRepository } from './loads.repository';
import { LoadsService } from './loads.service';

@Module({
  imports: [TypeOrmModule.forFeature([Load, LoadOffer]), NotificationsModule, GreenLanePermitsModule],
  providers: [LoadsService, LoadsRepository, { provide: LoadVehicleDirectory, useClass: RegisteredVehicleDirectory }],
  exports: [LoadsService],
})
export class LoadsModule {}
