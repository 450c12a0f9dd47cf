import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CERTIFICATIONS } from '@agrilink/core';
import { IsCertificationList, IsDateOnly, IsInVietnam, IsOnOrAfter, LatLngDto, ToBool, upper } from './dto';
import { IsVietnamesePhoneNumber, PROVINCE_CODE } from './registry-fields.dto';

/**
 * The property kinds the request DTOs repeat, each one decorator: its OpenAPI property, its
 * validation and its transform. A kind applies its decorators as if stacked in the order written
 * (the lowest first, as TypeScript applies a stack), so the rules run, and their messages come, in
 * the order the written-out decorators gave them.
 */

type FieldDecorator = (target: object, propertyKey: string) => void;

function stacked(...decorators: FieldDecorator[]): FieldDecorator {
  return (target, key) => {
    for (let i = decorators.length - 1; i >= 0; i--) decorators[i](target, key);
  };
}

const optional = (api: ApiPropertyOptions | undefined, ...rules: FieldDecorator[]) =>
  stacked(ApiPropertyOptional(api), IsOptional(), ...rules);

/** An id of another row; whether it exists is the service's answer. */
export const OptionalUuid = (api?: ApiPropertyOptions) => optional(api, IsUUID());

/** Free text up to `maxLength` characters. */
export const OptionalText = (maxLength: number, api?: ApiPropertyOptions) =>
  optional(api, IsString(), MaxLength(maxLength));

/** A name that must be given: not empty, up to `maxLength` characters. */
export const RequiredText = (maxLength: number, api: ApiPropertyOptions) =>
  stacked(ApiProperty(api), IsString(), IsNotEmpty(), MaxLength(maxLength));

/** A list of up to `maxItems` texts of up to `maxLength` characters each (codes, ids). */
export const OptionalTextList = (maxItems: number, maxLength: number, api?: ApiPropertyOptions) =>
  optional(api, IsArray(), ArrayMaxSize(maxItems), IsString({ each: true }), MaxLength(maxLength, { each: true }));

/** Product codes as written (LUA_ST), up to 200; whether they exist is the service's answer. */
export const OptionalProductCodes = (api?: ApiPropertyOptions) =>
  optional(
    api,
    IsArray(),
    ArrayMaxSize(200),
    IsString({ each: true }),
    Matches(/^[A-Za-z0-9_]{1,40}$/, { each: true, message: '$property must be product codes such as LUA_ST' }),
  );

/** A calendar day; with `onOrAfter`, not before that other day of the body (a window not reversed). */
export const Day = (api: ApiPropertyOptions, onOrAfter?: string) =>
  stacked(ApiProperty(api), IsDateOnly(), ...(onOrAfter ? [IsOnOrAfter(onOrAfter)] : []));

export const OptionalDay = (api?: ApiPropertyOptions, onOrAfter?: string) =>
  optional(api, IsDateOnly(), ...(onOrAfter ? [IsOnOrAfter(onOrAfter)] : []));

/** A point `{lat, lng}` in Việt Nam. */
export const OptionalPoint = (api?: ApiPropertyOptions) =>
  optional(
    { type: LatLngDto, ...api },
    ValidateNested(),
    Type(() => LatLngDto),
    IsInVietnam(),
  );

/** A two-digit GSO province code ("91"). */
export const OptionalProvinceCode = (
  api?: ApiPropertyOptions,
  message = '$property must be a two-digit province code',
) => optional(api, IsString(), Matches(PROVINCE_CODE, { message }));

/** A contact's phone: a Vietnamese number, or blank to clear it. */
export const OptionalContactPhone = (api?: ApiPropertyOptions) =>
  optional(api, IsString(), MaxLength(30), IsVietnamesePhoneNumber());

/** A count: a whole number from `min` to `max`. */
export const OptionalCount = (min: number, max: number, api?: ApiPropertyOptions) =>
  optional(api, IsInt({ message: '$property must be a whole number' }), Min(min), Max(max));

/** One of `values`. */
export const OptionalOneOf = (values: ReadonlyArray<string | number>, api?: ApiPropertyOptions) =>
  optional({ enum: values as Array<string | number>, ...api }, IsIn(values));

/** Quality standards (VietGAP, GlobalGAP…), in any case. */
export const OptionalCertifications = () => optional({ enum: CERTIFICATIONS, isArray: true }, IsCertificationList());

/** A yes or no of a JSON body. */
export const OptionalBoolean = (api?: ApiPropertyOptions) => optional(api, IsBoolean());

/** A yes or no of a query string: `true`/`1`, `false`/`0`. */
export const QueryBoolean = (api?: ApiPropertyOptions) => optional(api, ToBool(), IsBoolean());

/** A list's product filter, in any case (LUA_ST, lua_st). */
export const QueryProduct = (api?: ApiPropertyOptions) => optional(api, upper(), IsString(), MaxLength(40));

/** A list's filter on one of `values`, in any case. */
export const QueryOneOfUpper = (values: readonly string[], api?: ApiPropertyOptions) =>
  optional({ enum: values as string[], ...api }, upper(), IsIn(values));
