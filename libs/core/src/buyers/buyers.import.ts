import { ImportKindDefinition } from '../imports/import-rows';
import { organizationImport } from '../imports/organization-rows';
import { BUYER_FIELDS, BuyerPatch, normalizeBuyer } from './buyer.rules';

/** Buyers from a spreadsheet: the columns of BUYER_FIELDS, cells read the Vietnamese way, then the same rules as POST /api/buyers. */
export const BUYERS_IMPORT: ImportKindDefinition = organizationImport({
  kind: 'buyers',
  entityType: 'buyer',
  title: 'Đơn vị thu mua',
  label: 'Đơn vị thu mua',
  fields: BUYER_FIELDS,
  normalize: (input, check) => normalizeBuyer(input as BuyerPatch, check),
});
