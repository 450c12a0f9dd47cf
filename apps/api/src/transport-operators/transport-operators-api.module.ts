import { Module } from '@nestjs/common';
import { TransportOperatorsModule } from '@agrilink/core';
import { TransportOperatorsController } from './transport-operators.controller';

@Module({ imports: [TransportOperatorsModule], controllers: [TransportOperatorsController] })
export class TransportOperatorsApiModule {}
