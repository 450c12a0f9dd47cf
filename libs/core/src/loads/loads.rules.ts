import { isDateOnly } from '../common/dates';
import { DomainError } from '../common/domain-error';

/** Posting a deal's transport: only the deal is required, the rest defaults from the deal. */
export interface LoadInput {
  dealId: string;
  /** Defaults to what the deal still has to deliver. */
  kg?: number;
  /** Defaults to the later of today and the lot's first harvest day. */
  earliestPickupOn?: string;
  /** Defaults to the request's last delivery day. */
  latestDeliveryOn?: string;
  refrigerated?: boolean;
  note?: string | null;
}

export interface LoadOfferInput {
  vehicleId: string;
  /** The whole price for these kilograms, in đồng. */
  priceVnd: number;
  pickupOn: string;
  /** A part load: defaults to every kilogram still open on the load. */
  kg?: number;
  note?: string | null;
}

/** One vehicle on one load, as a transport plan proposes it. */
export interface PlannedLoadOffer extends LoadOfferInput {
  loadId: string;
}

const MAX_KG = 1_000_000_000_000;
const MAX_VND = 1_000_000_000_000;

function wholeNumber(value: unknown, field: string, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw DomainError.invalid(
      'VALIDATION.FAILED',
      field,
      `${field} must be a whole number of ${what} from ${min} to ${max}`,
    );
  }
  return value;
}

function day(value: unknown, field: string): string {
  if (!isDateOnly(value)) throw DomainError.invalid('VALIDATION.FAILED', field, `${field} must be a day YYYY-MM-DD`);
  return value;
}

function note(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  if (text.length > 2000)
    throw DomainError.invalid('VALIDATION.FAILED', 'note', 'note must be at most 2000 characters');
  return text || null;
}

/** Whatever the transport (api, plan, import), a load's input is read the same way. */
export function normalizeLoadInput(input: LoadInput): LoadInput {
  const out: LoadInput = { dealId: input.dealId, note: note(input.note) };
  if (input.kg !== undefined) out.kg = wholeNumber(input.kg, 'kg', 1, MAX_KG, 'kilograms');
  if (input.earliestPickupOn !== undefined) out.earliestPickupOn = day(input.earliestPickupOn, 'earliestPickupOn');
  if (input.latestDeliveryOn !== undefined) out.latestDeliveryOn = day(input.latestDeliveryOn, 'latestDeliveryOn');
  if (input.refrigerated !== undefined) out.refrigerated = !!input.refrigerated;
  return out;
}

export function normalizeOfferInput<T extends LoadOfferInput>(input: T): T {
  const out = {
    ...input,
    priceVnd: wholeNumber(input.priceVnd, 'priceVnd', 0, MAX_VND, 'VND'),
    pickupOn: day(input.pickupOn, 'pickupOn'),
    note: note(input.note),
  };
  if (input.kg !== undefined) out.kg = wholeNumber(input.kg, 'kg', 1, MAX_KG, 'kilograms');
  return out;
}

export function assertLoadWindow(earliestPickupOn: string, latestDeliveryOn: string): void {
  if (latestDeliveryOn < earliestPickupOn) {
    throw DomainError.invalid(
      'LOAD.WINDOW_REVERSED',
      'latestDeliveryOn',
      `latestDeliveryOn ${latestDeliveryOn} is before earliestPickupOn ${earliestPickupOn}`,
    );
  }
}

/** The facts an offer is judged on; every reason is a 422 naming its field. */
export interface OfferFacts {
  load: {
    status: string;
    quantityKg: number;
    coveredKg: number;
    refrigerated: boolean;
    earliestPickupOn: string;
    latestDeliveryOn: string;
  };
  vehicle: { operatorId: string; capacityKg: number; refrigerated: boolean; plate: string } | null;
  operatorId: string;
  kg: number;
  pickupOn: string;
}

/** The first reason an offer cannot stand (before the permit, which needs the database), or null. */
export function offerProblem(f: OfferFacts): DomainError | null {
  if (f.load.status !== 'open')
    return new DomainError('conflict', 'LOAD.NOT_OPEN', `the load is ${f.load.status}`, { status: f.load.status });
  const openKg = f.load.quantityKg - f.load.coveredKg;
  if (!f.vehicle) return DomainError.invalid('LOAD_OFFER.UNKNOWN_VEHICLE', 'vehicleId', 'vehicleId: no such vehicle');
  if (f.vehicle.operatorId !== f.operatorId)
    return DomainError.invalid(
      'LOAD_OFFER.VEHICLE_NOT_YOURS',
      'vehicleId',
      `vehicle ${f.vehicle.plate} belongs to another operator`,
    );
  if (f.kg > openKg)
    return new DomainError(
      'validation',
      'LOAD_OFFER.KG_EXCEEDS_OPEN',
      `kg ${f.kg} is more than the ${openKg} kg still open on the load`,
      [{ field: 'kg', message: `at most ${openKg}` }],
    );
  if (f.vehicle.capacityKg < f.kg) {
    return new DomainError(
      'validation',
      'LOAD_OFFER.VEHICLE_TOO_SMALL',
      `vehicle ${f.vehicle.plate} carries ${f.vehicle.capacityKg} kg, the offer is for ${f.kg} kg (offer a part load with kg)`,
      [
        {
          field: 'vehicleId',
          message: `capacity ${f.vehicle.capacityKg} kg is below ${f.kg} kg`,
          capacityKg: f.vehicle.capacityKg,
          kg: f.kg,
        },
      ],
    );
  }
  if (f.load.refrigerated && !f.vehicle.refrigerated) {
    return DomainError.invalid(
      'LOAD_OFFER.VEHICLE_NOT_REFRIGERATED',
      'vehicleId',
      `the load needs a refrigerated vehicle; ${f.vehicle.plate} is not`,
    );
  }
  if (f.pickupOn < f.load.earliestPickupOn || f.pickupOn > f.load.latestDeliveryOn) {
    return DomainError.invalid(
      'LOAD_OFFER.PICKUP_OUTSIDE_WINDOW',
      'pickupOn',
      `pickupOn must be from ${f.load.earliestPickupOn} to ${f.load.latestDeliveryOn}`,
    );
  }
  return null;
}

/** Restricted zones the route leaves or enters: those covering one end and not the other. */
export function crossedZones(atPickup: string[], atDrop: string[]): string[] {
  const a = new Set(atPickup);
  const b = new Set(atDrop);
  return [...new Set([...atPickup.filter((z) => !b.has(z)), ...atDrop.filter((z) => !a.has(z))])].sort();
}
