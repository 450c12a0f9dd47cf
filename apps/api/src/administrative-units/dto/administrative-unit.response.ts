import { ApiProperty } from '@nestjs/swagger';
import {
  ADMINISTRATIVE_ERAS,
  ADMINISTRATIVE_LEVELS,
  type AdministrativeEra,
  type AdministrativeLevel,
  type AdministrativeUnitView,
} from '@agrilink/core';
import { pageResponseOf } from '../../common/page-response.dto';

export class AdministrativeUnitResponse implements AdministrativeUnitView {
  @ApiProperty({ example: 'current:commune:30742' }) id: string;
  @ApiProperty({ enum: [...ADMINISTRATIVE_ERAS] }) era: AdministrativeEra;
  @ApiProperty({ enum: [...ADMINISTRATIVE_LEVELS] }) level: AdministrativeLevel;
  @ApiProperty({ description: 'GSO code' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
}

export class AdministrativeUnitPageResponse extends pageResponseOf(AdministrativeUnitResponse) {}

export class AdministrativeUnitListResponse {
  @ApiProperty({ type: [AdministrativeUnitResponse] }) items: AdministrativeUnitResponse[];
}
