import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { CERTIFICATIONS, isDateOnly, isOnVietnamTerritory, MAX_PAGE_LIMIT } from '@agrilink/core';

/** Query strings arrive as text: parse whole numbers strictly ("1.5", "abc" stay invalid). */
export const ToInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value,
  );

export const ToBool = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  );

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: 50 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(0)
  offset?: number;
}

export class LatLngDto {
  @ApiProperty({ example: 10.01 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat: number;

  @ApiProperty({ example: 105.08 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng: number;
}

// Days the service reasons about: a report window starting 9999-12-31 would step past year 9999,
// which neither JavaScript's ISO dates nor PostgreSQL's date input can spell.
export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2100-12-31';

/** A calendar day `YYYY-MM-DD` that exists, between 1900-01-01 and 2100-12-31. */
export function IsDateOnly(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOnly',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => isDateOnly(v) && v >= EARLIEST_DAY && v <= LATEST_DAY,
        defaultMessage: (a?: ValidationArguments) =>
          `${a?.property ?? propertyName} must be a date YYYY-MM-DD between ${EARLIEST_DAY} and ${LATEST_DAY}`,
      },
    });
}

/** The date is on or after another date field of the same object (a window not reversed). */
export function IsOnOrAfter(otherField: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOnOrAfter',
      target: object.constructor,
      propertyName,
      constraints: [otherField],
      options,
      validator: {
        validate: (v: unknown, a: ValidationArguments) => {
          const other = (a.object as Record<string, unknown>)[otherField];
          if (!isDateOnly(v) || !isDateOnly(other)) return true;
          return v >= other;
        },
        defaultMessage: (a?: ValidationArguments) => `${a?.property ?? propertyName} must be on or after ${otherField}`,
      },
    });
}

/** A point on Việt Nam's land or islands (the outline the web map draws, with a small buffer). */
export function IsInVietnam(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInVietnam',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => {
          const p = v && typeof v === 'object' ? (v as { lat?: unknown; lng?: unknown }) : undefined;
          return (
            !p ||
            typeof p.lat !== 'number' ||
            typeof p.lng !== 'number' ||
            isOnVietnamTerritory({ lat: p.lat, lng: p.lng })
          );
        },
        defaultMessage: (a?: ValidationArguments) => `${a?.property ?? propertyName} must be a point inside Vietnam`,
      },
    });
}

/**
 * A finite number with at most `places` decimals. Replaces class-validator's
 * IsNumber({ maxDecimalPlaces }), which throws (a 500) on exponent forms such as 7e-323.
 */
export function IsDecimal(places: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDecimal',
      target: object.constructor,
      propertyName,
      constraints: [places],
      options,
      validator: {
        validate: (v: unknown) =>
          typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e15 && Number(v.toFixed(places)) === v,
        defaultMessage: (a?: ValidationArguments) =>
          `${a?.property ?? propertyName} must be a number with at most ${places} decimals`,
      },
    });
}

export { Type };

// Small transforms shared by the DTOs: codes arrive in any case and with stray spaces.
export const trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
export const upper = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
export const upperEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v))
      : value,
  );

const PRODUCT_CODE = /^[A-Z0-9_]{1,40}$/;

/** A product code such as LUA_ST (upper-cased); whether it exists is the service's 422. */
export const IsProductCode = () =>
  applyDecorators(
    upper(),
    IsString(),
    Matches(PRODUCT_CODE, { message: '$property must be a product code such as LUA_ST' }),
  );

/** A list of product codes. */
export const IsProductCodeList = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(100),
    upperEach(),
    Matches(PRODUCT_CODE, { each: true, message: '$property must be product codes such as LUA_ST' }),
  );

/** Whole kilograms, as stored (bigint kg). */
export const IsWholeKg = (min = 1) =>
  applyDecorators(
    IsInt({ message: '$property must be a whole number of kilograms' }),
    Min(min),
    Max(1_000_000_000_000),
  );

/** Whole đồng per kilogram. */
export const IsVndPerKg = (min = 0) =>
  applyDecorators(IsInt({ message: '$property must be a whole number of VND' }), Min(min), Max(100_000_000));

/** Quality standards, case-insensitive in, upper-case codes out. */
export const IsCertificationList = () =>
  applyDecorators(IsArray(), ArrayMaxSize(20), upperEach(), IsIn(CERTIFICATIONS, { each: true }));

/** `sort` of a list: one of its allowed keys, `-` first for descending. */
export function IsListSort(keys: readonly string[], defaultOrder: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: keys, description: `Sort field, \`-\` first for descending; default ${defaultOrder}` }),
    IsOptional(),
    IsIn(keys),
  );
}

/** `q` of a list: a diacritics-insensitive search ("ca phe" finds "Cà phê"). */
export function IsListSearch(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: `${description}, diacritics optional` }),
    IsOptional(),
    IsString(),
    MaxLength(200),
  );
}
