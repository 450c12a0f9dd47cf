import { CellRead, RegistryField, RuleCheck, SheetColumn } from '../common/registry';
import { foldVietnamese } from '../common/vietnamese-text';
import {
  failRuleProblems,
  headerOf,
  ImportKindDefinition,
  ImportKindSpec,
  ImportReferences,
  naturalKeyRef,
  place,
  refShown,
  registryKeys,
  RowReader,
  shown,
} from './import-rows';
import { KeyedField, KeyedTable, writeKeyedRows } from './keyed-rows';

/**
 * Cooperatives and buyers from a spreadsheet, from their field lists (`COOPERATIVE_FIELDS`,
 * `BUYER_FIELDS`): the template's columns are the fields' sheet columns in the list's order,
 * each cell is read as its field says and the row goes through the same rules as the API.
 * The province registry owns these rows, so a row names its record by its reference or by its
 * tax code, registry-wide (the reference first).
 */
export function organizationImport(o: {
  kind: 'cooperatives' | 'buyers';
  entityType: 'cooperative' | 'buyer';
  title: string;
  /** How a row error names a record: `HTX "…"`. */
  label: string;
  fields: readonly RegistryField[];
  /** The resource's rules (normalizeBuyer…), as the API calls them. */
  normalize(input: object, check: RuleCheck): object;
}): ImportKindDefinition {
  const spec: ImportKindSpec = {
    kind: o.kind,
    title: o.title,
    columns: o.fields.flatMap((f) => f.sheet?.columns ?? []),
  };
  const table = organizationTable({ ...o, spec, fields: keyedFields(o.fields) });
  return {
    spec,
    check(r, refs) {
      const input: Record<string, unknown> = {};
      let point: { lat: number; lng: number } | null | undefined;
      let where: ReturnType<typeof place> = null;
      for (const f of o.fields) {
        const sheet = f.sheet;
        if (!sheet?.read) continue;
        const read = sheet.read;
        if (read.as === 'place') {
          point = r.point(false);
          where = place(r, refs, point);
          continue;
        }
        const value = readCell(r, refs, sheet.columns[0], read);
        // A cell already refused (blank where required, an unknown choice) is not the rules' to see again.
        if (value === null && (f.required || read.as === 'choice')) continue;
        input[f.name] = value;
      }
      const check = new RuleCheck();
      const checked = o.normalize(input, check) as Record<string, unknown>;
      failRuleProblems(r, check);
      if (!r.ok || !where || point === undefined) return null;
      const taxCode = (checked.taxCode as string | null | undefined) ?? null;
      const externalRef = (input.externalRef as string | null | undefined) ?? null;
      const key =
        externalRef ??
        naturalKeyRef(
          o.kind,
          taxCode ??
            `${foldVietnamese(String(checked.name))}|${where.administrativeUnitId ?? where.provinceCode ?? ''}`,
        );
      return {
        ...registryKeys(key, taxCode, externalRef),
        values: { ...checked, taxCode, ...where, lat: point?.lat ?? null, lng: point?.lng ?? null, externalRef: key },
      };
    },
    write: (em, rows, context) => writeKeyedRows(em, table, rows, context),
  };
}

/** One cell, read the way its field says (Vietnamese numbers, product names, labels of a choice). */
function readCell(r: RowReader, refs: ImportReferences, column: SheetColumn, read: CellRead): unknown {
  const key = column.key;
  switch (read.as) {
    case 'text':
      return r.text(key, { required: read.required, max: read.max });
    case 'number':
      return r.decimal(key);
    case 'whole':
      return r.whole(key, { min: read.min, max: read.max });
    case 'products':
      return r.products(refs, key);
    case 'certifications':
      return r.certifications(key);
    case 'choice': {
      const text = r.text(key, { required: read.required });
      if (!text) return read.fallback ?? null;
      const value =
        read.labels[foldVietnamese(text)] ??
        read.values.find((v) => v === text.toLowerCase()) ??
        r.fail(key, `${column.header} "${text}" không hợp lệ (${column.hint ?? read.values.join(', ')})`);
      return value;
    }
    case 'place':
      return null;
  }
}

/** The fields the import writes, with the file columns whose presence makes it write each one. */
function keyedFields(fields: readonly RegistryField[]): KeyedField[] {
  return fields.flatMap((f) =>
    f.stored
      ? [
          {
            key: f.name,
            column: f.column,
            type: f.stored,
            files: [...(f.carriedBy ?? f.sheet?.columns.map((c) => c.key) ?? [])],
          },
        ]
      : [],
  );
}

function organizationTable(o: {
  kind: 'cooperatives' | 'buyers';
  entityType: 'cooperative' | 'buyer';
  spec: ImportKindSpec;
  fields: KeyedField[];
  label: string;
}): KeyedTable {
  const what = (name: unknown) => `${o.label} "${String(name)}"`;
  const header = headerOf(o.spec);
  return {
    table: o.kind,
    entityType: o.entityType,
    spec: o.spec,
    fields: o.fields,
    located: true,
    match: {
      columns: [
        { name: 'ref', type: 'text', value: (row) => row.values.externalRef },
        { name: 'tax', type: 'text', value: (row) => row.values.taxCode ?? null },
      ],
      on: 'c.external_ref = t.ref OR (t.tax IS NOT NULL AND c.tax_code = t.tax)',
      order: 'COALESCE(c.external_ref = t.ref, false) DESC',
    },
    insertedKey: { row: 'external_ref', input: 't.ref', value: (row) => String(row.values.externalRef) },
    vet(row, [existing, other]) {
      if (other && other.id !== existing.id) {
        return {
          column: 'taxCode',
          message: `Mã tham chiếu thuộc ${what(existing.name)}, còn mã số thuế ${row.values.taxCode} thuộc ${what(other.name)}: một dòng không thể là hai bản ghi`,
        };
      }
      const ref = refShown(row);
      if (ref && existing.externalRef && existing.externalRef !== ref) {
        return {
          column: 'externalRef',
          message: `${what(existing.name)} (cùng mã số thuế) trong danh bạ có ${header('externalRef')} khác: đang là ${shown(existing.externalRef)}, tệp ghi ${shown(ref)}`,
        };
      }
      return null;
    },
    what: (row) => what(row.values.name),
  };
}
