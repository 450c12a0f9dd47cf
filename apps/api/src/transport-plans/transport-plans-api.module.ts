import { Module } from '@nestjs/common';
import { TransportPlansModule } from '@agrilink/core';
import { TransportPlansController } from './transport-plans.controller';

@Module({ imports: [TransportPlansModule], controllers: [TransportPlansController] })
export class TransportPlansApiModule {}
