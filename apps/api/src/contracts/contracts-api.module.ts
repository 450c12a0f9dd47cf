import { Module } from '@nestjs/common';
import { ContractsModule } from '@agrilink/core';
import { ContractsController } from './contracts.controller';

@Module({ imports: [ContractsModule], controllers: [ContractsController] })
export class ContractsApiModule {}
