import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HarvestResource } from './harvest-resource.entity';
import { HarvestResourcesService } from './harvest-resources.service';

@Module({
  imports: [TypeOrmModule.forFeature([HarvestResource])],
  providers: [HarvestResourcesService],
  exports: [HarvestResourcesService],
})
export class HarvestResourcesModule {}
