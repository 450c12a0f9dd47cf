import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoadsModule } from '../loads/loads.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { Deal } from './deal.entity';
import { DealDelivery } from './deal-delivery.entity';
import { DealDeliveriesService } from './deliveries.service';
import { DealsService } from './deals.service';

@Module({
  imports: [TypeOrmModule.forFeature([Deal, DealDelivery]), NotificationsModule, LoadsModule],
  providers: [DealsService, DealDeliveriesService],
  exports: [DealsService, DealDeliveriesService],
})
export class DealsModule {}
