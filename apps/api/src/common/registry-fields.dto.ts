import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { normalizeTaxCode, normalizeVietnamesePhone } from '@agrilink/core';

/**
 * Field rules every registry DTO shares (organisations, operators, resources): the
 * decorators call the same normalisers as the core rules, so a body the pipe
 * lets through is one the service accepts.
 */

/** GSO province code: two digits ("91" Kiên Giang before 2025, "79" TP.HCM). */
export const PROVINCE_CODE = /^\d{2}$/;

function stringRule(name: string, test: (v: unknown) => boolean, message: (property: string) => string) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: test,
        defaultMessage: (a?: ValidationArguments) => message(a?.property ?? propertyName),
      },
    });
}

/** Mã số thuế: `0123456789` or a branch `0123456789-001`. */
export const IsTaxCode = stringRule(
  'isTaxCode',
  (v) => typeof v === 'string' && normalizeTaxCode(v) !== null,
  (p) => `${p} must be a Vietnamese tax code: 10 digits, or 13 as 0123456789-001`,
);

export const IsVietnamesePhone = stringRule(
  'isVietnamesePhone',
  (v) => typeof v === 'string' && normalizeVietnamesePhone(v) !== null,
  (p) => `${p} must be a Vietnamese phone number (e.g. 0912345678, 0297 3862 123, +84 912 345 678)`,
);

/** As IsVietnamesePhone, but blank or null clears the number (operators and harvest resources). */
export const IsVietnamesePhoneNumber = stringRule(
  'isVietnamesePhoneNumber',
  (v) =>
    v === null ||
    v === undefined ||
    (typeof v === 'string' && (v.trim() === '' || normalizeVietnamesePhone(v) !== null)),
  (p) => `${p} must be a Vietnamese phone number such as 0912 345 678`,
);
