import { isDateOnly } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { defaultYieldFor, windowDays } from '../reference-data/harvest-calendar';

export const MAX_HARVEST_SCHEDULE_ENTRIES = 24;
export const MAX_YIELD_KG_PER_HA = 1_000_000;

/** One season or crop of an area as the client sends it; product and yield may be left to defaults. */
export interface HarvestScheduleEntryInput {
  /** Another product than the area's (a rotation); default the area's product. */
  product?: string | null;
  season?: string | null;
  harvestFrom: string;
  harvestTo: string;
  /** Default: the product's usual yield for the season in the area's region (harvest-calendar.json). */
  expectedYieldKgPerHa?: number | null;
}

export interface HarvestScheduleEntry {
  /** Null: the area's own product. */
  productCode: string | null;
  season: string | null;
  harvestFrom: string;
  harvestTo: string;
  expectedYieldKgPerHa: number;
}

const at = (i: number, f: string) => `harvestSchedule[${i}].${f}`;

/**
 * The schedule as it will be stored, or the first reason it cannot be. Product
 * codes are already resolved by the caller (`products[i]`: the entry's product,
 * or null for the area's). Two windows of one product may not overlap: the same
 * hectares would be counted twice.
 */
export function checkHarvestSchedule(
  entries: HarvestScheduleEntryInput[],
  ctx: { areaProduct: string; provinceCode: string | null; products: Array<string | null> },
): HarvestScheduleEntry[] {
  if (!Array.isArray(entries))
    throw DomainError.invalid(
      'PRODUCTION_AREA.INVALID_SCHEDULE',
      'harvestSchedule',
      'harvestSchedule must be a list of seasons',
    );
  if (entries.length > MAX_HARVEST_SCHEDULE_ENTRIES) {
    throw DomainError.invalid(
      'PRODUCTION_AREA.INVALID_SCHEDULE',
      'harvestSchedule',
      `harvestSchedule: at most ${MAX_HARVEST_SCHEDULE_ENTRIES} seasons (tối đa ${MAX_HARVEST_SCHEDULE_ENTRIES} vụ)`,
    );
  }
  const out = entries.map((e, i): HarvestScheduleEntry => {
    if (!isDateOnly(e.harvestFrom))
      throw DomainError.invalid(
        'PRODUCTION_AREA.INVALID_SCHEDULE',
        at(i, 'harvestFrom'),
        `${at(i, 'harvestFrom')} must be a date YYYY-MM-DD`,
      );
    if (!isDateOnly(e.harvestTo))
      throw DomainError.invalid(
        'PRODUCTION_AREA.INVALID_SCHEDULE',
        at(i, 'harvestTo'),
        `${at(i, 'harvestTo')} must be a date YYYY-MM-DD`,
      );
    if (e.harvestTo < e.harvestFrom) {
      throw DomainError.invalid(
        'PRODUCTION_AREA.SCHEDULE_WINDOW_REVERSED',
        at(i, 'harvestTo'),
        `${at(i, 'harvestTo')} must be on or after harvestFrom (ngày kết thúc thu hoạch phải từ ngày bắt đầu trở đi)`,
      );
    }
    if (windowDays(e.harvestFrom, e.harvestTo) > 367) {
      throw DomainError.invalid(
        'PRODUCTION_AREA.SCHEDULE_WINDOW_TOO_LONG',
        at(i, 'harvestTo'),
        `${at(i, 'harvestTo')}: a harvest window lasts at most a year (một vụ thu hoạch không quá một năm)`,
      );
    }
    const product = ctx.products[i] ?? ctx.areaProduct;
    let yieldKg = e.expectedYieldKgPerHa ?? null;
    if (yieldKg === null) {
      const usual = defaultYieldFor(product, ctx.provinceCode, e.harvestFrom, e.harvestTo);
      if (!usual) {
        throw DomainError.invalid(
          'PRODUCTION_AREA.YIELD_REQUIRED',
          at(i, 'expectedYieldKgPerHa'),
          `${at(i, 'expectedYieldKgPerHa')}: no usual yield of ${product} is known for this window and region; enter the expected kg/ha (chưa có năng suất bình quân, hãy nhập năng suất dự kiến)`,
        );
      }
      yieldKg = usual.yieldKgPerHa;
    }
    if (!Number.isInteger(yieldKg) || yieldKg < 1 || yieldKg > MAX_YIELD_KG_PER_HA) {
      throw DomainError.invalid(
        'PRODUCTION_AREA.INVALID_YIELD',
        at(i, 'expectedYieldKgPerHa'),
        `${at(i, 'expectedYieldKgPerHa')} must be a whole number of kg/ha from 1 to ${MAX_YIELD_KG_PER_HA}`,
      );
    }
    const season = typeof e.season === 'string' && e.season.trim() ? e.season.trim().slice(0, 120) : null;
    return {
      productCode: ctx.products[i] && ctx.products[i] !== ctx.areaProduct ? ctx.products[i] : null,
      season,
      harvestFrom: e.harvestFrom,
      harvestTo: e.harvestTo,
      expectedYieldKgPerHa: yieldKg,
    };
  });
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = out[i];
      const b = out[j];
      if ((a.productCode ?? ctx.areaProduct) !== (b.productCode ?? ctx.areaProduct)) continue;
      if (a.harvestFrom <= b.harvestTo && b.harvestFrom <= a.harvestTo) {
        throw DomainError.invalid(
          'PRODUCTION_AREA.SCHEDULE_OVERLAP',
          at(i, 'harvestFrom'),
          `${at(i, 'harvestFrom')}: the window overlaps season ${j + 1} of the same product, which would count the same hectares twice (trùng thời gian với vụ ${j + 1} cùng sản phẩm)`,
        );
      }
    }
  }
  return out;
}
