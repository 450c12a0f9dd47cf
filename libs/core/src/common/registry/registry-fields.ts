import type { EntityManager } from 'typeorm';

/**
 * A registry resource's fields, declared once beside its rules (`BUYER_FIELDS`, …): what the
 * service answers (the view), what POST and PATCH write, what the audit trail records and
 * which spreadsheet column carries each one. The service, the registry's writes and the import
 * kind are derived from the list, so a new field is its entity column, its rules, its DTO
 * properties and its migration, nothing else.
 */

/** A spreadsheet column as the import's template and header match read it. */
export interface SheetColumn {
  /** The value key, named as the API names the field (or the cell, e.g. `communeCode`). */
  key: string;
  /** The Vietnamese header the template writes. */
  header: string;
  /** Other headers spreadsheets use for it (matched folded, like the header and the key). */
  aliases?: readonly string[];
  required?: boolean;
  example: string | number;
  hint?: string;
}

/** How the import reads the field's cell before the rules see it (cells parsed the Vietnamese way). */
export type CellRead =
  | { as: 'text'; max?: number; required?: boolean }
  /** A number as written (1.234,5), left to the rules to bound, so a row error carries the rule's code. */
  | { as: 'number' }
  | { as: 'whole'; min?: number; max?: number }
  | { as: 'products' }
  | { as: 'certifications' }
  /** The coordinates, and the commune and province cells they are resolved with (a split pre-2025 commune). */
  | { as: 'place' }
  /** One of `values`, or a Vietnamese label of one (folded); blank is `fallback`. */
  | {
      as: 'choice';
      values: readonly string[];
      labels: Readonly<Partial<Record<string, string>>>;
      required?: boolean;
      fallback?: string;
    };

/** How the import's set-based writer stores and compares the field (see keyed-rows.ts). */
export type StoredAs = 'text' | 'int' | 'numeric' | 'bool' | 'list';

export interface RegistryField {
  /** The name in the API, the entity, the view, the audit entries and the import's values. */
  name: string;
  column: string;
  /** POST and PATCH write it (after the rules); the others are set by the system or derived. */
  patchable?: boolean;
  /** A new record needs it, and PATCH may not empty it. */
  required?: boolean;
  /** Kept out of the view (a natural key of the import, a search column). */
  private?: boolean;
  /** Audit entries record it; by default a patchable field is audited. */
  audited?: boolean;
  /** Written by `applyOrganizationFields` (units resolved, the tax code's clash checked), not one by one. */
  organization?: boolean;
  /** The value the row takes from a checked input (a catalogue look-up), inside the write's transaction. */
  write?: (em: EntityManager, value: unknown, field: string) => unknown;
  /** The view's value from the row's, when it is not the row's as it is (a point as {lat, lng}). */
  view?: (value: unknown) => unknown;
  /** The spreadsheet columns that carry the field, and how its cell is read (no `read`: the import reads it itself). */
  sheet?: { columns: readonly SheetColumn[]; read?: CellRead };
  /** How the import writes it; absent, the import never writes it. */
  stored?: StoredAs;
  /** The file columns whose presence makes the import write it, when not its own (a unit derived from the commune). */
  carriedBy?: readonly string[];
}

type PublicNames<F extends readonly RegistryField[]> = Exclude<F[number], { private: true }>['name'];

/**
 * What the service answers for a row: the public fields, typed as the entity types them (a
 * field the entity lacks is `never`, so its response class cannot compile); `Shown` names those
 * whose view differs from the row, declared in the view interface.
 */
export type RegistryView<E, F extends readonly RegistryField[], Shown extends string = never> = {
  [K in Exclude<PublicNames<F>, Shown>]: K extends keyof E ? E[K] : never;
};

/** The view of a row, from its fields (the resource types it as its RegistryView). */
export function viewOf(fields: readonly RegistryField[]): (row: object) => object {
  const shown = fields.filter((f) => !f.private);
  return (row) => {
    const values = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of shown) out[f.name] = f.view ? f.view(values[f.name]) : (values[f.name] ?? null);
    return out;
  };
}

/** The fields an audit entry records. */
export function auditedFields(fields: readonly RegistryField[]): string[] {
  return fields.filter((f) => f.audited ?? f.patchable === true).map((f) => f.name);
}

/** The fields a record must have: a PATCH that sets them to null is malformed. */
export function requiredFields(fields: readonly RegistryField[]): string[] {
  return fields.filter((f) => f.required).map((f) => f.name);
}

/**
 * Writes a checked input or patch onto the row: each patchable field it carries, in the list's
 * order; the organisation fields together, where the first of them stands (`organization`).
 */
export async function applyFields(
  em: EntityManager,
  fields: readonly RegistryField[],
  row: object,
  input: object,
  organization: (input: object) => Promise<void>,
): Promise<void> {
  const values = input as Record<string, unknown>;
  const target = row as Record<string, unknown>;
  let organizationDone = false;
  for (const f of fields) {
    if (!f.patchable) continue;
    if (f.organization) {
      if (!organizationDone) await organization(input);
      organizationDone = true;
      continue;
    }
    const value = values[f.name];
    if (value !== undefined) target[f.name] = f.write ? await f.write(em, value, f.name) : value;
  }
}
