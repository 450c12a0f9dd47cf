import 'reflect-metadata';
import type { OpenAPIObject } from '@nestjs/swagger';
import { BUYER_FIELDS, COOPERATIVE_FIELDS, IMPORT_KIND_SPECS, RegistryField } from '@agrilink/core';
import { previewOpenApiDocument } from '../../apps/api/src/openapi-preview';

// A registry resource's fields are declared once, beside its rules (BUYER_FIELDS…); the view, the
// writes, the audit trail and the import's columns follow from the list. The DTO is the one copy
// left, because its decorators are the HTTP contract: this check holds it to the list, so a field
// cannot be half-added (in the rules and not in the API, or in the API and not in a spreadsheet).
const RESOURCES = [
  {
    fields: BUYER_FIELDS,
    create: 'CreateBuyerDto',
    update: 'UpdateBuyerDto',
    response: 'BuyerResponse',
    kind: 'buyers',
  },
  {
    fields: COOPERATIVE_FIELDS,
    create: 'CreateCooperativeDto',
    update: 'UpdateCooperativeDto',
    response: 'CooperativeResponse',
    kind: 'cooperatives',
  },
] as const;

describe('registry fields', () => {
  let doc: OpenAPIObject;
  const properties = (schema: string): string[] => {
    const s = doc.components?.schemas?.[schema] as { properties?: Record<string, unknown> } | undefined;
    if (!s) throw new Error(`no schema ${schema} in the OpenAPI document`);
    return Object.keys(s.properties ?? {}).sort();
  };
  const names = (fields: readonly RegistryField[], which: (f: RegistryField) => boolean) =>
    fields
      .filter(which)
      .map((f) => f.name)
      .sort();

  beforeAll(async () => {
    doc = await previewOpenApiDocument();
  }, 60_000);

  describe.each(RESOURCES)('$kind', ({ fields, create, update, response, kind }) => {
    const all: readonly RegistryField[] = fields;

    it('has its patchable fields, and only those, in the create and update DTOs', () => {
      const patchable = names(all, (f) => f.patchable === true);
      expect(properties(create)).toEqual(patchable);
      expect(properties(update)).toEqual(patchable);
    });

    it('answers its public fields, and only those, in the response class', () => {
      expect(properties(response)).toEqual(names(all, (f) => !f.private));
    });

    it('has a column of the import kind for every patchable field, and the import writes it', () => {
      const columns = new Set(IMPORT_KIND_SPECS[kind].columns.map((c) => c.key));
      const missing = all
        .filter((f) => f.patchable)
        .filter(
          (f) =>
            !f.sheet?.columns.length ||
            f.sheet.columns.some((c) => !columns.has(c.key)) ||
            // Written by the import's writer, or the coordinates it writes itself.
            (f.stored === undefined && f.sheet.read?.as !== 'place'),
        )
        .map((f) => f.name);
      expect(missing).toEqual([]);
    });
  });
});
