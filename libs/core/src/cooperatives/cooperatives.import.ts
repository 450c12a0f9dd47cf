import { ImportKindDefinition } from '../imports/import-rows';
import { organizationImport } from '../imports/organization-rows';
import { COOPERATIVE_FIELDS, CooperativePatch, normalizeCooperative } from './cooperative.rules';

/** Cooperatives from a spreadsheet: the columns of COOPERATIVE_FIELDS, cells read the Vietnamese way, then the same rules as POST /api/cooperatives. */
export const COOPERATIVES_IMPORT: ImportKindDefinition = organizationImport({
  kind: 'cooperatives',
  entityType: 'cooperative',
  title: 'Hợp tác xã, tổ hợp tác',
  label: 'HTX',
  fields: COOPERATIVE_FIELDS,
  normalize: (input, check) => normalizeCooperative(input as CooperativePatch, check),
});
