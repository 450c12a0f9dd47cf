import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Import } from './import.entity';
import { ImportsService } from './imports.service';

/** Needs QueueModule.forRoot() (global) in the root module for the imports queue. */
@Module({
  imports: [TypeOrmModule.forFeature([Import])],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
