import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DealsModule } from '../deals/deals.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { Proposal } from './proposal.entity';
import { ProposalsService } from './proposals.service';

@Module({
  imports: [TypeOrmModule.forFeature([Proposal]), DealsModule, NotificationsModule],
  providers: [ProposalsService],
  exports: [ProposalsService],
})
export class ProposalsModule {}
