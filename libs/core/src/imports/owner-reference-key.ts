import type { KeyedTable } from './keyed-rows';

/**
 * How a row names its record when the reference is its owner's own (issue 11): the owner's id and
 * the reference, so two owners may use the same one. `key` is the owner's value key, `column` its column.
 */
export function ownerReferenceKey(key: string, column: string): Pick<KeyedTable, 'match' | 'insertedKey'> {
  return {
    match: {
      columns: [
        { name: 'owner_id', type: 'uuid', value: (row) => row.values[key] },
        { name: 'ref', type: 'text', value: (row) => row.values.externalRef },
      ],
      on: `c.${column} = t.owner_id AND c.external_ref = t.ref`,
    },
    insertedKey: {
      row: `${column}::text || '|' || external_ref`,
      input: `t.${column}::text || '|' || t.ref`,
      value: (row) => `${String(row.values[key])}|${String(row.values.externalRef)}`,
    },
  };
}
