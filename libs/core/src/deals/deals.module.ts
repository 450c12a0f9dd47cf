import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { Deal } from './deal.entity';
import { DealsService } from './deals.service';

@Module({
  imports: [TypeOrmModule.forFeature([Deal]), NotificationsModule],
  providers: [DealsService],
  exports: [DealsService],
})
export class DealsModule {}
