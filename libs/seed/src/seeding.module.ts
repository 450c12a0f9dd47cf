import { Module } from '@nestjs/common';
import { SeedingService } from './seeding.service';

/** Needs only the DataSource the database module provides. */
@Module({ providers: [SeedingService], exports: [SeedingService] })
export class SeedingModule {}
