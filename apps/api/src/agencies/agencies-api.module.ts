import { Module } from '@nestjs/common';
import { AgenciesModule } from '@agrilink/core';
import { AgenciesController } from './agencies.controller';

@Module({ imports: [AgenciesModule], controllers: [AgenciesController] })
export class AgenciesApiModule {}
