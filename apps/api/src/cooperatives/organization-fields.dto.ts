import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { normalizeTaxCode, normalizeVietnamesePhone } from '@agrilink/core';

/** Shared by cooperatives and buyers: the same tax-code and phone rules for every organisation. */

export { trimmed, upper, upperEach } from '../common/dto';

function stringRule(name: string, test: (v: string) => boolean, message: (property: string) => string) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && test(v),
        defaultMessage: (a?: ValidationArguments) => message(a?.property ?? propertyName),
      },
    });
}

/** Mã số thuế: `0123456789` or a branch `0123456789-001`. */
export const IsTaxCode = stringRule(
  'isTaxCode',
  (v) => normalizeTaxCode(v) !== null,
  (p) => `${p} must be a Vietnamese tax code: 10 digits, or 13 as 0123456789-001`,
);

export const IsVietnamesePhone = stringRule(
  'isVietnamesePhone',
  (v) => normalizeVietnamesePhone(v) !== null,
  (p) => `${p} must be a Vietnamese phone number (e.g. 0912345678, 0297 3862 123, +84 912 345 678)`,
);

/** GSO province code, e.g. 91 (Kiên Giang, pre-2025) or 79 (TP.HCM). */
export const PROVINCE_CODE = /^\d{2}$/;
