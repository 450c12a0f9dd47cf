import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProposalStalenessWriter } from './proposal-staleness.writer';

/** Imported by the lot and request modules: their writes turn broken proposals stale in the same transaction. */
@Module({ imports: [NotificationsModule], providers: [ProposalStalenessWriter], exports: [ProposalStalenessWriter] })
export class ProposalStalenessModule {}
