import { normalizePlate } from './vehicles.rules';

describe('normalizePlate', () => {
  it.each([
    ['68C-123.45', '68C-123.45'],
    ['68c 123.45', '68C-123.45'],
    ['68C12345', '68C-123.45'],
    [' 68 C - 123 . 45 ', '68C-123.45'],
    ['51D-1234', '51D-1234'],
    ['51d1234', '51D-1234'],
    ['51LD-123.45', '51LD-123.45'],
  ])('reads %j as %s', (input, plate) => {
    expect(normalizePlate(input)).toBe(plate);
  });

  it.each([
    ['68C-123.4'],
    ['68-123.45'],
    ['C68-123.45'],
    ['68C-123456'],
    ['00C-123.45'],
    ['68ABC-123.45'],
    [''],
    ['xe tải'],
  ])('refuses %j', (input) => {
    expect(normalizePlate(input)).toBeNull();
  });
});
