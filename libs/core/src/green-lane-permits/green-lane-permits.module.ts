import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GreenLanePermit } from './green-lane-permit.entity';
import { GreenLanePermitsService } from './green-lane-permits.service';

@Module({
  imports: [TypeOrmModule.forFeature([GreenLanePermit])],
  providers: [GreenLanePermitsService],
  exports: [GreenLanePermitsService],
})
export class GreenLanePermitsModule {}
