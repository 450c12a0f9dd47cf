import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TransportOperator } from './transport-operator.entity';
import { TransportOperatorsService } from './transport-operators.service';

@Module({
  imports: [TypeOrmModule.forFeature([TransportOperator])],
  providers: [TransportOperatorsService],
  exports: [TransportOperatorsService],
})
export class TransportOperatorsModule {}
