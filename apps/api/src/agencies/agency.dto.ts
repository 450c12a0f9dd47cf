import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AGENCY_KINDS, AgencyKind, type AgencyView } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { OptionalBoolean, OptionalOneOf, OptionalText, QueryBoolean } from '../common/fields';

export class CreateAgencyDto {
  @ApiProperty({ example: 'Sở Nông nghiệp và Phát triển nông thôn' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: AGENCY_KINDS, description: 'department (sở, ban, ngành), commune (UBND xã/phường), other' })
  @IsIn(AGENCY_KINDS)
  kind: AgencyKind;

  @OptionalText(40, {
    example: 'current:commune:30280',
    description: 'The current-era administrative unit it answers for (a commune for a commune People’s Committee)',
    nullable: true,
    type: String,
  })
  administrativeUnitId?: string | null;

  @OptionalBoolean({ default: true, description: 'An inactive agency owes no weekly report' })
  active?: boolean;
}

export class UpdateAgencyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @OptionalOneOf(AGENCY_KINDS)
  kind?: AgencyKind;

  @OptionalText(40, { nullable: true, type: String })
  administrativeUnitId?: string | null;

  @OptionalBoolean()
  active?: boolean;
}

export class ListAgenciesQueryDto extends PageQueryDto {
  @OptionalOneOf(AGENCY_KINDS)
  kind?: AgencyKind;

  @QueryBoolean()
  active?: boolean;

  @OptionalText(200, { description: 'Diacritics-insensitive search on the name' })
  q?: string;
}

export class AgencyResponse implements AgencyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind: AgencyKind;
  @ApiProperty({ nullable: true, type: String }) administrativeUnitId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class AgencyPageResponse extends pageResponseOf(AgencyResponse) {}

export class AgencyRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind: AgencyKind;
  @ApiProperty({ nullable: true, type: String }) administrativeUnitId: string | null;
}
