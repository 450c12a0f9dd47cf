import { Global, Module } from '@nestjs/common';
import { AuditLogsService } from './audit-logs.service';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, AuditLogsService], exports: [AuditService, AuditLogsService] })
export class AuditModule {}
