import { parseDay } from './dates';
import type {
  InstanceContract,
  InstanceLot,
  InstanceProduct,
  InstanceRequest,
  MatchingInstance,
  MatchingObjective,
  MatchingParams,
} from './types';

/** Thrown by `parseInstance`: names the offending entry and field. */
export class InstanceValidationError extends Error {
  /** Where the problem is, e.g. `lots[3].quantityKg`. */
  readonly path: string;
  /** The id of the offending lot/request/product, when it has one. */
  readonly entryId: string | null;

  constructor(path: string, entryId: string | null, problem: string) {
    const [head, ...rest] = path.split('.');
    const where = entryId !== null ? [`${head} (id ${JSON.stringify(entryId)})`, ...rest].join('.') : path;
    super(`${where}: ${problem}`);
    this.name = 'InstanceValidationError';
    this.path = path;
    this.entryId = entryId;
  }
}

type Obj = Record<string, unknown>;
const OBJECTIVES: readonly MatchingObjective[] = ['volume-then-score', 'score'];

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads fields of one entry, raising errors that name it. */
class Entry {
  constructor(
    private readonly obj: Obj,
    private readonly path: string,
    private readonly id: string | null,
  ) {}

  fail(field: string, problem: string): never {
    throw new InstanceValidationError(field ? `${this.path}.${field}` : this.path, this.id, problem);
  }

  has(field: string): boolean {
    return this.obj[field] !== undefined;
  }

  string(field: string): string {
    const v = this.obj[field];
    if (typeof v !== 'string' || v.length === 0) this.fail(field, 'must be a non-empty string');
    return v;
  }

  nullableString(field: string): string | null {
    const v = this.obj[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.fail(field, 'must be a string or null');
    return v;
  }

  wholePositive(field: string): number {
    const v = this.obj[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) this.fail(field, 'must be a whole number > 0');
    return v;
  }

  wholeNonNegative(field: string): number {
    const v = this.obj[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) this.fail(field, 'must be a whole number >= 0');
    return v;
  }

  number(field: string, min: number, max: number, fallback?: number, strictMin = false): number {
    const v = this.obj[field];
    if (v === undefined && fallback !== undefined) return fallback;
    const ok = typeof v === 'number' && Number.isFinite(v) && (strictMin ? v > min : v >= min) && v <= max;
    if (!ok) {
      const range = max === Infinity ? `${strictMin ? '>' : '>='} ${min}` : `between ${min} and ${max}`;
      this.fail(field, `must be a number ${range}`);
    }
    return v;
  }

  nullableDistance(field: string): number | null {
    const v = this.obj[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) this.fail(field, 'must be a number >= 0 or null');
    return v;
  }

  boolean(field: string, fallback: boolean): boolean {
    const v = this.obj[field];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(field, 'must be true or false');
    return v;
  }

  stringList(field: string): string[] {
    const v = this.obj[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(field, 'must be an array of strings');
    v.forEach((s, k) => {
      if (typeof s !== 'string' || s.length === 0) this.fail(`${field}[${k}]`, 'must be a non-empty string');
    });
    return [...(v as string[])];
  }

  day(field: string): number {
    const v = this.obj[field];
    if (typeof v !== 'string') this.fail(field, 'must be a date YYYY-MM-DD');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) this.fail(field, `must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
    const day = parseDay(v);
    if (day === null) this.fail(field, `is not a calendar day: ${JSON.stringify(v)}`);
    return day;
  }
}

function list(root: Obj, field: string, required: boolean): unknown[] {
  const v = root[field];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v)) throw new InstanceValidationError(field, null, 'must be an array');
  return v;
}

function entry(raw: unknown, path: string): Entry {
  if (!isObject(raw)) throw new InstanceValidationError(path, null, 'must be an object');
  const id = typeof raw.id === 'string' ? raw.id : typeof raw.code === 'string' ? raw.code : null;
  return new Entry(raw, path, id);
}

function parseParams(raw: unknown): MatchingParams {
  if (raw === undefined) raw = {};
  if (!isObject(raw)) throw new InstanceValidationError('params', null, 'must be an object');
  const e = new Entry(raw, 'params', null);
  const objective = raw.objective === undefined ? 'volume-then-score' : raw.objective;
  if (!OBJECTIVES.includes(objective as MatchingObjective)) {
    e.fail(
      'objective',
      `must be one of ${OBJECTIVES.map((o) => `"${o}"`).join(', ')}, got ${JSON.stringify(objective)}`,
    );
  }
  const scenario = raw.scenario === undefined ? 1 : raw.scenario;
  if (scenario !== 1 && scenario !== 2) e.fail('scenario', `must be 1 or 2, got ${JSON.stringify(scenario)}`);
  return {
    objective: objective as MatchingObjective,
    transportVndPerKgKm: e.number('transportVndPerKgKm', 0, Infinity, 2),
    kmPerDay: e.number('kmPerDay', 0, Infinity, 400, true),
    maxDistanceKm: e.nullableDistance('maxDistanceKm'),
    scenario: scenario as 1 | 2,
    restrictedZones: e.stringList('restrictedZones'),
    scenario2TransportMultiplier: e.number('scenario2TransportMultiplier', 0, Infinity, 1.5),
  };
}

function parseProduct(raw: unknown, path: string): InstanceProduct {
  const e = entry(raw, path);
  return { code: e.string('code'), shelfLifeDays: e.wholeNonNegative('shelfLifeDays') };
}

function parseLot(raw: unknown, path: string): InstanceLot {
  const e = entry(raw, path);
  const id = e.string('id');
  const from = e.day('availableFrom');
  const to = e.day('availableTo');
  if (from > to) e.fail('availableTo', 'must not be before availableFrom');
  return {
    id,
    cooperativeId: e.string('cooperativeId'),
    product: e.string('product'),
    quantityKg: e.wholePositive('quantityKg'),
    availableFrom: (raw as Obj).availableFrom as string,
    availableTo: (raw as Obj).availableTo as string,
    certifications: e.stringList('certifications'),
    askVndPerKg: e.wholeNonNegative('askVndPerKg'),
    lat: e.number('lat', -90, 90),
    lng: e.number('lng', -180, 180),
    zone: e.nullableString('zone'),
    greenLane: e.boolean('greenLane', false),
  };
}

function parseRequest(raw: unknown, path: string): InstanceRequest {
  const e = entry(raw, path);
  const id = e.string('id');
  const from = e.day('deliverFrom');
  const to = e.day('deliverTo');
  if (from > to) e.fail('deliverTo', 'must not be before deliverFrom');
  return {
    id,
    buyerId: e.string('buyerId'),
    product: e.string('product'),
    quantityKg: e.wholePositive('quantityKg'),
    deliverFrom: (raw as Obj).deliverFrom as string,
    deliverTo: (raw as Obj).deliverTo as string,
    requiredCertifications: e.stringList('requiredCertifications'),
    bidVndPerKg: e.wholeNonNegative('bidVndPerKg'),
    lat: e.number('lat', -90, 90),
    lng: e.number('lng', -180, 180),
    zone: e.nullableString('zone'),
    maxDistanceKm: e.nullableDistance('maxDistanceKm'),
  };
}

function parseContract(raw: unknown, path: string): InstanceContract {
  const e = entry(raw, path);
  return {
    cooperativeId: e.string('cooperativeId'),
    buyerId: e.string('buyerId'),
    bonusVndPerKg: e.wholeNonNegative('bonusVndPerKg'),
  };
}

function rejectDuplicates(items: ReadonlyArray<{ key: string }>, section: string, field: string): void {
  const seen = new Map<string, number>();
  items.forEach(({ key }, k) => {
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InstanceValidationError(
        `${section}[${k}].${field}`,
        key,
        `duplicate ${field}, already used by ${section}[${first}]`,
      );
    }
    seen.set(key, k);
  });
}

/**
 * Validates a raw (JSON-parsed) instance and fills in the spec's defaults.
 * Throws `InstanceValidationError` naming the first offending entry and field.
 */
export function parseInstance(raw: unknown): MatchingInstance {
  if (!isObject(raw)) throw new InstanceValidationError('instance', null, 'must be a JSON object');
  if (raw.version !== undefined && raw.version !== 1) {
    throw new InstanceValidationError('version', null, `must be 1, got ${JSON.stringify(raw.version)}`);
  }
  const params = parseParams(raw.params);
  const products = list(raw, 'products', false).map((p, k) => parseProduct(p, `products[${k}]`));
  const lots = list(raw, 'lots', true).map((l, k) => parseLot(l, `lots[${k}]`));
  const requests = list(raw, 'requests', true).map((r, k) => parseRequest(r, `requests[${k}]`));
  const contracts = list(raw, 'contracts', false).map((c, k) => parseContract(c, `contracts[${k}]`));
  rejectDuplicates(
    products.map((p) => ({ key: p.code })),
    'products',
    'code',
  );
  rejectDuplicates(
    lots.map((l) => ({ key: l.id })),
    'lots',
    'id',
  );
  rejectDuplicates(
    requests.map((r) => ({ key: r.id })),
    'requests',
    'id',
  );
  return { version: 1, params, products, lots, requests, contracts };
}
