// Lịch thu hoạch: the seasons of a production area, edited as rows, with the region's usual seasons one click away.
import { api, Product, type Schema } from './api';
import { clear, h } from './dom';
import { input, select } from './forms';
import { formatDate, formatNumber, formatTons } from './format';
import { getLang, t } from './i18n';

export interface ScheduleEntry {
  product?: string;
  season?: string;
  harvestFrom: string;
  harvestTo: string;
  expectedYieldKgPerHa?: number;
}

export type ScheduleEntryView = Schema<'HarvestScheduleEntryResponse'>;
/** Agricultural inputs are priced, not harvested. */
export const INPUT_CATEGORIES = ['phan_bon', 'giong', 'thuc_an', 'thuoc_bvtv'];

export function scheduleEditor(
  products: Product[],
  areaProduct: () => string,
  province: () => Promise<string | undefined>,
) {
  const rows = h('div', { className: 'schedule-rows' });
  const note = h('p', { className: 'muted schedule-note' });
  const name = (p: Product) => (getLang() === 'vi' ? p.nameVi : p.nameEn);
  const harvested = products.filter((p) => !INPUT_CATEGORIES.includes(p.category));

  const addRow = (e: Partial<ScheduleEntry> = {}) => {
    const row = h(
      'div',
      { className: 'schedule-row' },
      h(
        'label',
        {},
        t('season'),
        input('text', { className: 'season', maxlength: 120, value: e.season ?? '', placeholder: 'Đông Xuân' }),
      ),
      h('label', {}, t('harvestFrom'), input('date', { className: 'harvest-from', value: e.harvestFrom ?? '' })),
      h('label', {}, t('harvestTo'), input('date', { className: 'harvest-to', value: e.harvestTo ?? '' })),
      h(
        'label',
        {},
        t('yieldKgPerHa'),
        input('text', {
          className: 'yield',
          inputmode: 'numeric',
          maxlength: 9,
          value: e.expectedYieldKgPerHa ?? '',
          placeholder: t('yieldDefault'),
        }),
      ),
      h(
        'label',
        {},
        t('seasonProduct'),
        (() => {
          const s = select(
            [['', t('sameAsArea')], ...harvested.map((p) => [p.code, name(p)] as [string, string])],
            e.product ?? '',
          );
          s.className = 'season-product';
          return s;
        })(),
      ),
      h(
        'button',
        { type: 'button', className: 'remove-season', 'aria-label': t('removeSeason'), onclick: () => row.remove() },
        '✕',
      ),
    );
    rows.append(row);
  };

  const fillUsual = async () => {
    const code = areaProduct();
    clear(note);
    if (!code) return;
    try {
      const cal = await api.GET('/api/products/{code}/harvest-calendar', {
        params: { path: { code: encodeURIComponent(code) }, query: { province: await province() } },
      });
      if (!cal.seasons.length) {
        note.textContent = t('noUsualSeasons');
        return;
      }
      clear(rows);
      for (const s of cal.seasons)
        addRow({
          season: s.season,
          harvestFrom: s.harvestFrom,
          harvestTo: s.harvestTo,
          expectedYieldKgPerHa: s.expectedYieldKgPerHa ?? undefined,
        });
      note.textContent = t('usualSeasonsFrom', { source: cal.seasons.map((s) => s.source).join('; ') });
    } catch {
      note.textContent = t('noUsualSeasons');
    }
  };

  const el = h(
    'div',
    { className: 'schedule-editor' },
    h('p', { className: 'muted' }, t('harvestScheduleHint')),
    rows,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', className: 'add-season', onclick: () => addRow() }, t('addSeason')),
      h(
        'button',
        { type: 'button', className: 'fill-usual-seasons', onclick: () => void fillUsual() },
        t('fillUsualSeasons'),
      ),
    ),
    note,
  );

  /** The entries, or the first problem found (shown under the field). */
  const get = (): { entries: ScheduleEntry[] } | { error: string } => {
    const entries: ScheduleEntry[] = [];
    for (const row of rows.querySelectorAll<HTMLElement>('.schedule-row')) {
      const v = (c: string) => row.querySelector<HTMLInputElement | HTMLSelectElement>(`.${c}`)!.value.trim();
      const [from, to, yieldText, season, product] = [
        v('harvest-from'),
        v('harvest-to'),
        v('yield').replace(/[.\s]/g, ''),
        v('season'),
        v('season-product'),
      ];
      if (!from && !to && !yieldText && !season) continue;
      if (!from || !to || to < from) return { error: t('errSeasonWindow') };
      if (yieldText && !(/^\d+$/.test(yieldText) && Number(yieldText) >= 1)) return { error: t('errYield') };
      entries.push({
        harvestFrom: from,
        harvestTo: to,
        ...(season ? { season } : {}),
        ...(product ? { product } : {}),
        ...(yieldText ? { expectedYieldKgPerHa: Number(yieldText) } : {}),
      });
    }
    return { entries };
  };

  const reset = () => {
    clear(rows);
    clear(note);
  };
  return { el, get, reset };
}

export function scheduleSummary(entries: ScheduleEntryView[]): HTMLElement | null {
  if (!entries.length) return null;
  return h(
    'ul',
    { className: 'schedule-summary' },
    ...entries.map((e) =>
      h(
        'li',
        {},
        t('scheduleSummary', {
          season: e.season ?? t('season'),
          from: formatDate(e.harvestFrom),
          to: formatDate(e.harvestTo),
          yield: formatNumber(e.expectedYieldKgPerHa),
          tons: formatTons(e.expectedKg),
        }),
      ),
    ),
  );
}
