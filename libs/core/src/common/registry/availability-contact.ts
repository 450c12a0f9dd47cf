import { DomainError } from '../domain-error';
import { normalizeVietnamesePhone } from './organization-fields';

/**
 * The availability window and the contact person that harvest resources and transport operators
 * both keep (sẵn sàng từ … đến …, người liên hệ): read, checked and patched once for both.
 */
export interface AvailabilityContact {
  availableFrom: string | null;
  availableTo: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

export type AvailabilityContactInput = { [K in keyof AvailabilityContact]?: string | null };

/** The fields of a new row, as stored: a blank name or phone is none. */
export function availabilityContactOf(input: AvailabilityContactInput): AvailabilityContact {
  return {
    availableFrom: input.availableFrom ?? null,
    availableTo: input.availableTo ?? null,
    contactName: input.contactName?.trim() || null,
    contactPhone: contactPhoneOf(input.contactPhone),
  };
}

/** A patch's fields onto the row; `reversedCode` is the resource's code for a window that ends before it starts. */
export function patchAvailabilityContact(
  row: AvailabilityContact,
  patch: AvailabilityContactInput,
  reversedCode: string,
): void {
  if (patch.availableFrom !== undefined) row.availableFrom = patch.availableFrom;
  if (patch.availableTo !== undefined) row.availableTo = patch.availableTo;
  assertAvailability(row.availableFrom, row.availableTo, reversedCode);
  if (patch.contactName !== undefined) row.contactName = patch.contactName?.trim() || null;
  if (patch.contactPhone !== undefined) row.contactPhone = contactPhoneOf(patch.contactPhone);
}

export function assertAvailability(from: string | null, to: string | null, reversedCode: string): void {
  if (from && to && from > to)
    throw DomainError.invalid(reversedCode, 'availableTo', 'availableTo must be on or after availableFrom');
}

/** Rows available on `:day` (an open end of the window counts as available), for a list's filter. */
export const availableOnSql = (alias: string) =>
  `(${alias}.available_from IS NULL OR ${alias}.available_from <= :day) AND (${alias}.available_to IS NULL OR ${alias}.available_to >= :day)`;

/** A contact's phone in its one stored form; blank is none. */
export function contactPhoneOf(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = normalizeVietnamesePhone(value);
  if (!v)
    throw DomainError.invalid(
      'CONTACT.INVALID_PHONE',
      'contactPhone',
      'contactPhone must be a Vietnamese phone number',
    );
  return v;
}
