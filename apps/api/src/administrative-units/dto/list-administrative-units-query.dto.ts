import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ADMINISTRATIVE_ERAS, ADMINISTRATIVE_LEVELS, AdministrativeEra, AdministrativeLevel } from '@agrilink/core';
import { PageQueryDto } from '../../common/dto';
import { OptionalOneOf, OptionalText } from '../../common/fields';

export class ListAdministrativeUnitsQueryDto extends PageQueryDto {
  @OptionalOneOf(ADMINISTRATIVE_ERAS, {
    default: 'current',
    description:
      'current: 34 provinces and their communes since 1 July 2025; pre2025: 63 provinces, districts, communes',
  })
  era?: AdministrativeEra;

  @OptionalOneOf(ADMINISTRATIVE_LEVELS, { description: 'The current map has no district level' })
  level?: AdministrativeLevel;

  @OptionalText(40, { example: 'pre2025:district:899', description: 'Children of this unit' })
  parentId?: string;

  @ApiPropertyOptional({
    example: '91',
    description: 'GSO province code of the chosen era (91: An Giang now, Kiên Giang before 2025)',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit GSO code' })
  provinceCode?: string;

  @OptionalText(200, { example: 'rach gia', description: 'Name search, with or without Vietnamese diacritics' })
  q?: string;
}
