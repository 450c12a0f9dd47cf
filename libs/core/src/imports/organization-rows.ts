import { headerOf, ImportKindSpec, refShown, shown } from './import-rows';
import { KeyedField, KeyedTable } from './keyed-rows';

/** The columns every organisation row may carry (the kinds add their own). */
export const ORGANIZATION_FIELDS: KeyedField[] = [
  { key: 'name', column: 'name', type: 'text', files: ['name'] },
  { key: 'taxCode', column: 'tax_code', type: 'text', files: ['taxCode'] },
  { key: 'administrativeUnitId', column: 'administrative_unit_id', type: 'text', files: ['communeCode'] },
  { key: 'provinceCode', column: 'province_code', type: 'text', files: ['provinceCode', 'communeCode'] },
  // The pre-2025 unit a district spreadsheet gave, kept beside the current one.
  {
    key: 'pre2025AdministrativeUnitId',
    column: 'pre2025_administrative_unit_id',
    type: 'text',
    files: ['communeCode'],
  },
  { key: 'pre2025ProvinceCode', column: 'pre2025_province_code', type: 'text', files: ['provinceCode', 'communeCode'] },
  { key: 'address', column: 'address', type: 'text', files: ['address'] },
  { key: 'contactName', column: 'contact_name', type: 'text', files: ['contactName'] },
  { key: 'contactPhone', column: 'contact_phone', type: 'text', files: ['contactPhone'] },
  { key: 'contactEmail', column: 'contact_email', type: 'text', files: ['contactEmail'] },
];

/**
 * Cooperatives and buyers: the province registry owns them, so a row names its record by
 * its reference or by its tax code, registry-wide (the reference first).
 */
export function organizationTable(o: {
  table: 'cooperatives' | 'buyers';
  entityType: 'cooperative' | 'buyer';
  spec: ImportKindSpec;
  fields: KeyedField[];
  label: string;
}): KeyedTable {
  const what = (name: unknown) => `${o.label} "${String(name)}"`;
  const header = headerOf(o.spec);
  return {
    ...o,
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
