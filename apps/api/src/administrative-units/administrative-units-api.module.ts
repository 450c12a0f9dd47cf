import { Module } from '@nestjs/common';
import { AdministrativeUnitsModule } from '@agrilink/core';
import { AdministrativeUnitsController } from './administrative-units.controller';

@Module({ imports: [AdministrativeUnitsModule], controllers: [AdministrativeUnitsController] })
export class AdministrativeUnitsApiModule {}
