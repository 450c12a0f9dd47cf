import { Module } from '@nestjs/common';
import { ImportsModule } from '@agrilink/core';
import { ImportProcessor, ImportSweeper } from './import.processor';

@Module({ imports: [ImportsModule], providers: [ImportProcessor, ImportSweeper] })
export class ImportsWorkerModule {}
