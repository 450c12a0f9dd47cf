import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ADMINISTRATIVE_ERAS, ADMINISTRATIVE_LEVELS, AdministrativeEra, AdministrativeLevel } from '@agrilink/core';
import { PageQueryDto } from '../../common/dto';

export class ListAdministrativeUnitsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ADMINISTRATIVE_ERAS,
    default: 'current',
    description:
      'current: 34 provinces and their communes since 1 July 2025; pre2025: 63 provinces, districts, communes',
  })
  @IsOptional()
  @IsIn(ADMINISTRATIVE_ERAS)
  era?: AdministrativeEra;

  @ApiPropertyOptional({ enum: ADMINISTRATIVE_LEVELS, description: 'The current map has no district level' })
  @IsOptional()
  @IsIn(ADMINISTRATIVE_LEVELS)
  level?: AdministrativeLevel;

  @ApiPropertyOptional({ example: 'pre2025:district:899', description: 'Children of this unit' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  parentId?: string;

  @ApiPropertyOptional({
    example: '91',
    description: 'GSO province code of the chosen era (91: An Giang now, Kiên Giang before 2025)',
  })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit GSO code' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'rach gia', description: 'Name search, with or without Vietnamese diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
