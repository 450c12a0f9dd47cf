import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { normalizeVietnamesePhone } from '@agrilink/core';

/** GSO province code: two digits ("91" Kiên Giang before 2025, "79" TP.HCM). */
export const PROVINCE_CODE = /^\d{2}$/;

/** A Vietnamese phone number (mobile, landline or 1800/1900), any usual separators or +84. */
export function IsVietnamesePhoneNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isVietnamesePhoneNumber',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => v === null || v === undefined || (typeof v === 'string' && (v.trim() === '' || normalizeVietnamesePhone(v) !== null)),
        defaultMessage: (a?: ValidationArguments) => `${a?.property} must be a Vietnamese phone number such as 0912 345 678`,
      },
    });
}
