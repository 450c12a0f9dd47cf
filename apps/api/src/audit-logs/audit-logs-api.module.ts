import { Module } from '@nestjs/common';
import { AuditLogsController, EntityHistoryController } from './audit-logs.controller';

@Module({ controllers: [AuditLogsController, EntityHistoryController] })
export class AuditLogsApiModule {}
