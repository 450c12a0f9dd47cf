import { degreesPerPixel, parseBbox, zoomForBbox } from './bbox';

describe('parseBbox', () => {
  it('reads minLng,minLat,maxLng,maxLat', () => {
    expect(parseBbox('104.5, 9.2,105.6,10.5')).toEqual({
      bbox: { minLng: 104.5, minLat: 9.2, maxLng: 105.6, maxLat: 10.5 },
      world: false,
    });
  });

  it.each([
    ['the whole world', '-180,-90,180,90'],
    ['a box wider than the world', '-540,-100,540,100'],
    ['half the world', '0,-10,180,10'],
  ])('reads %s as the world', (_label, text) => {
    expect(parseBbox(text)).toEqual({ bbox: { minLng: -180, minLat: -90, maxLng: 180, maxLat: 90 }, world: true });
  });

  it.each([
    ['three numbers', '1,2,3'],
    ['five numbers', '1,2,3,4,5'],
    ['text', 'a,b,c,d'],
    ['an empty part', '104,,105,10'],
    ['a reversed longitude range', '106,9,105,10'],
    ['an empty latitude range', '105,9,106,9'],
    ['a latitude beyond the pole', '105,9,106,95'],
    ['a longitude beyond the antimeridian', '-181,9,-175,10'],
    ['an exponent', '1e2,9,106,10'],
  ])('refuses %s', (_label, text) => {
    expect(parseBbox(text)).toHaveProperty('error');
  });

  it('refuses a value that is not text', () => {
    expect(parseBbox(['1', '2'])).toHaveProperty('error');
  });
});

describe('zoomForBbox', () => {
  it('gives a country-wide zoom for Vietnam and a street zoom for a village', () => {
    expect(zoomForBbox({ minLng: 102, minLat: 8, maxLng: 110, maxLat: 23.5 })).toBeLessThanOrEqual(8);
    expect(zoomForBbox({ minLng: 105.3, minLat: 9.9, maxLng: 105.32, maxLat: 9.92 })).toBeGreaterThanOrEqual(14);
  });

  it('halves the pixel size with each zoom step', () => {
    expect(degreesPerPixel(11)).toBeCloseTo(degreesPerPixel(10) / 2);
  });
});
