import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Cooperative } from './cooperative.entity';
import { CooperativesService } from './cooperatives.service';

@Module({
  imports: [TypeOrmModule.forFeature([Cooperative])],
  providers: [CooperativesService],
  exports: [CooperativesService],
})
export class CooperativesModule {}
