import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProductsModule } from '../products/products.module';
import { PriceObservation } from './price-observation.entity';
import { PriceObservationsService } from './price-observations.service';

@Module({
  imports: [TypeOrmModule.forFeature([PriceObservation]), ProductsModule, NotificationsModule],
  providers: [PriceObservationsService],
  exports: [PriceObservationsService],
})
export class PriceObservationsModule {}
