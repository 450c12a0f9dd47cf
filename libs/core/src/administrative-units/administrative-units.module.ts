import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdministrativeUnit, AdministrativeUnitMapping } from './administrative-unit.entity';
import { AdministrativeUnitsService } from './administrative-units.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdministrativeUnit, AdministrativeUnitMapping])],
  providers: [AdministrativeUnitsService],
  exports: [AdministrativeUnitsService],
})
export class AdministrativeUnitsModule {}
