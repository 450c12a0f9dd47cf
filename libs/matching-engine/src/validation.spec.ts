import { InstanceValidationError, parseInstance } from './validation';

const lot = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'L1',
  cooperativeId: 'C1',
  product: 'rice',
  quantityKg: 1000,
  availableFrom: '2021-09-10',
  availableTo: '2021-09-20',
  askVndPerKg: 6000,
  lat: 10,
  lng: 105,
  ...over,
});
const req = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'R1',
  buyerId: 'B1',
  product: 'rice',
  quantityKg: 1000,
  deliverFrom: '2021-09-10',
  deliverTo: '2021-09-20',
  bidVndPerKg: 7000,
  lat: 10.7,
  lng: 106.6,
  ...over,
});
const instance = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  lots: [lot()],
  requests: [req()],
  ...over,
});

describe('parseInstance', () => {
  it('fills in the spec defaults', () => {
    const sut = parseInstance(instance());
    expect(sut.params).toEqual({
      objective: 'volume-then-score',
      transportVndPerKgKm: 2,
      kmPerDay: 400,
      maxDistanceKm: null,
      scenario: 1,
      restrictedZones: [],
      scenario2TransportMultiplier: 1.5,
    });
    expect(sut.products).toEqual([]);
    expect(sut.contracts).toEqual([]);
    expect(sut.lots[0]).toMatchObject({ zone: null, greenLane: false, certifications: [] });
    expect(sut.requests[0]).toMatchObject({ zone: null, maxDistanceKm: null, requiredCertifications: [] });
  });

  it('names the entry and the field of a fractional quantity', () => {
    const lots = [lot({ id: 'L1' }), lot({ id: 'L2' }), lot({ id: 'L3' }), lot({ id: 'L4', quantityKg: 12.5 })];
    expect(() => parseInstance(instance({ lots }))).toThrow('lots[3] (id "L4").quantityKg: must be a whole number > 0');
    try {
      parseInstance(instance({ lots }));
    } catch (err) {
      expect(err).toBeInstanceOf(InstanceValidationError);
      expect((err as InstanceValidationError).path).toBe('lots[3].quantityKg');
      expect((err as InstanceValidationError).entryId).toBe('L4');
    }
  });

  it.each([
    ['a zero quantity', { lots: [lot({ quantityKg: 0 })] }, 'lots[0].quantityKg', /whole number > 0/],
    [
      'a negative request quantity',
      { requests: [req({ quantityKg: -5 })] },
      'requests[0].quantityKg',
      /whole number > 0/,
    ],
    ['a fractional price', { lots: [lot({ askVndPerKg: 6000.5 })] }, 'lots[0].askVndPerKg', /whole number >= 0/],
    ['a negative bid', { requests: [req({ bidVndPerKg: -1 })] }, 'requests[0].bidVndPerKg', /whole number >= 0/],
    ['a price given as text', { lots: [lot({ askVndPerKg: '6000' })] }, 'lots[0].askVndPerKg', /whole number/],
    ['a date not YYYY-MM-DD', { lots: [lot({ availableFrom: '10/09/2021' })] }, 'lots[0].availableFrom', /YYYY-MM-DD/],
    [
      'an invalid calendar day',
      { requests: [req({ deliverTo: '2021-02-30' })] },
      'requests[0].deliverTo',
      /calendar day/,
    ],
    [
      'a 29 February outside a leap year',
      { lots: [lot({ availableTo: '2023-02-29' })] },
      'lots[0].availableTo',
      /calendar day/,
    ],
    ['from after to', { lots: [lot({ availableFrom: '2021-09-21' })] }, 'lots[0].availableTo', /before availableFrom/],
    [
      'deliverFrom after deliverTo',
      { requests: [req({ deliverFrom: '2021-09-21' })] },
      'requests[0].deliverTo',
      /before deliverFrom/,
    ],
    ['a latitude out of range', { lots: [lot({ lat: 91 })] }, 'lots[0].lat', /between -90 and 90/],
    ['a longitude out of range', { requests: [req({ lng: -181 })] }, 'requests[0].lng', /between -180 and 180/],
    ['a duplicate lot id', { lots: [lot(), lot()] }, 'lots[1].id', /duplicate id/],
    ['a duplicate request id', { requests: [req(), req()] }, 'requests[1].id', /duplicate id/],
    [
      'a duplicate product code',
      {
        products: [
          { code: 'rice', shelfLifeDays: 1 },
          { code: 'rice', shelfLifeDays: 2 },
        ],
      },
      'products[1].code',
      /duplicate code/,
    ],
    ['a missing id', { lots: [lot({ id: undefined })] }, 'lots[0].id', /non-empty string/],
    ['a non-boolean green lane', { lots: [lot({ greenLane: 'yes' })] }, 'lots[0].greenLane', /true or false/],
    [
      'certifications that are not a list',
      { lots: [lot({ certifications: 'VIETGAP' })] },
      'lots[0].certifications',
      /array of strings/,
    ],
    ['an unknown objective', { params: { objective: 'profit' } }, 'params.objective', /must be one of/],
    ['an unknown scenario', { params: { scenario: 3 } }, 'params.scenario', /must be 1 or 2/],
    ['a zero kmPerDay', { params: { kmPerDay: 0 } }, 'params.kmPerDay', /> 0/],
    [
      'a negative distance cap',
      { requests: [req({ maxDistanceKm: -1 })] },
      'requests[0].maxDistanceKm',
      />= 0 or null/,
    ],
    [
      'a fractional bonus',
      { contracts: [{ cooperativeId: 'C1', buyerId: 'B1', bonusVndPerKg: 1.5 }] },
      'contracts[0].bonusVndPerKg',
      /whole number >= 0/,
    ],
    [
      'a negative shelf life',
      { products: [{ code: 'rice', shelfLifeDays: -1 }] },
      'products[0].shelfLifeDays',
      /whole number >= 0/,
    ],
    ['lots that are not a list', { lots: {} }, 'lots', /must be an array/],
    ['a lot that is not an object', { lots: [42] }, 'lots[0]', /must be an object/],
    ['another version', { version: 2 }, 'version', /must be 1/],
  ])('rejects %s', (_name, over, path, message) => {
    let caught: unknown;
    try {
      parseInstance(instance(over));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InstanceValidationError);
    expect((caught as InstanceValidationError).path).toBe(path);
    expect((caught as InstanceValidationError).message).toMatch(message);
  });

  it('rejects a document that is not an object', () => {
    expect(() => parseInstance([])).toThrow(InstanceValidationError);
    expect(() => parseInstance(null)).toThrow(InstanceValidationError);
  });

  it('accepts contracts naming parties absent from the instance, and products not listed', () => {
    const sut = parseInstance(
      instance({
        contracts: [{ cooperativeId: 'C9', buyerId: 'B9', bonusVndPerKg: 100 }],
        lots: [lot({ product: 'pepper' })],
      }),
    );
    expect(sut.contracts).toHaveLength(1);
  });
});
