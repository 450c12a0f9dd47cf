// Dashboard sections of issue 13: the harvest still to come from production areas (forecast
// against what is posted), the areas staff should call, and harvest capacity with its shortages.
import { Chart } from 'chart.js';
import { api, type Schema } from './api';
import { clear, h } from './dom';
import { formatDate, formatNumber, formatTons } from './format';
import { t } from './i18n';

type Forecast = Schema<'HarvestForecastResponseDto'>;
type Capacity = Schema<'HarvestCapacityResponseDto'>;
const place = (r: { communeName: string | null; provinceName?: string | null }) =>
  [r.communeName, r.provinceName].filter(Boolean).join(', ') || '—';
const ha = (n: number) => formatNumber(n, 2);

export function harvestSections(productLabel: (code: string, fallback?: string | null) => string) {
  const charts: Chart[] = [];
  const forecastNote = h('p', { className: 'muted forecast-note' });
  const forecastCanvas = h('canvas', { id: 'forecast-chart', role: 'img', 'aria-label': t('harvestForecast') });
  const forecastRows = h('div', { className: 'forecast-rows' });
  const unpostedBox = h('div', { className: 'unposted-areas' });
  const capacityFlags = h('div', { className: 'capacity-flags' });
  const capacityRows = h('div', { className: 'capacity-rows' });
  let period: { from: string; to: string; province?: string } = { from: '', to: '' };

  const showUnposted = async () => {
    clear(unpostedBox);
    unpostedBox.append(h('p', {}, t('loading')));
    try {
      const r = await api.GET('/api/reports/harvest-forecast/unposted-areas', {
        params: { query: { within: 14, province: period.province, limit: 100 } },
      });
      clear(unpostedBox);
      unpostedBox.append(h('h4', {}, `${t('unpostedAreasTitle')} (${r.total})`));
      if (!r.items.length) {
        unpostedBox.append(h('p', { className: 'muted' }, t('noUnpostedAreas')));
        return;
      }
      unpostedBox.append(
        h(
          'ul',
          { className: 'cards unposted-list' },
          ...r.items.map((a) =>
            h(
              'li',
              { className: 'card unposted-area', 'data-area-id': a.productionAreaId },
              h('strong', {}, `${a.areaName ?? productLabel(a.product, a.productName)} · ${a.cooperativeName}`),
              h(
                'p',
                {},
                `${productLabel(a.product, a.productName)}${a.season ? ` (${a.season})` : ''} · ${formatDate(a.harvestFrom)} – ${formatDate(a.harvestTo)} · ${a.daysUntilHarvest > 0 ? t('harvestStartsIn', { days: a.daysUntilHarvest }) : t('harvestUnderway')}`,
              ),
              h('p', {}, `${t('unpostedKg')}: ${formatTons(a.unpostedKg)} · ${a.communeName ?? '—'}`),
              a.contactPhone
                ? h(
                    'p',
                    { className: 'muted' },
                    h('a', { href: `tel:${a.contactPhone}` }, `${a.contactName ?? ''} ${a.contactPhone}`.trim()),
                  )
                : null,
            ),
          ),
        ),
      );
    } catch (e) {
      clear(unpostedBox);
      unpostedBox.append(h('p', { className: 'form-error' }, String((e as Error).message)));
    }
  };

  const el = h(
    'div',
    { className: 'harvest-sections' },
    h(
      'section',
      { className: 'chart-section forecast-section' },
      h('h3', {}, t('harvestForecast')),
      forecastNote,
      h('div', { className: 'chart-wrap' }, forecastCanvas),
      h(
        'div',
        { className: 'actions' },
        h(
          'button',
          { type: 'button', className: 'show-unposted-areas', onclick: () => void showUnposted() },
          t('unpostedAreasButton'),
        ),
      ),
      unpostedBox,
      forecastRows,
    ),
    h(
      'section',
      { className: 'chart-section capacity-section' },
      h('h3', {}, t('harvestCapacity')),
      capacityFlags,
      capacityRows,
    ),
  );

  const renderForecast = (f: Forecast) => {
    forecastNote.textContent =
      f.totals.forecastKg || f.totals.postedKg
        ? t('forecastNote', {
            forecast: formatTons(f.totals.forecastKg),
            posted: formatTons(f.totals.postedKg),
            unposted: formatTons(f.totals.unpostedKg),
            weeks: f.weeks.length,
          })
        : t('noForecast');
    forecastCanvas.dataset.forecastKg = String(f.totals.forecastKg);
    forecastCanvas.dataset.unpostedKg = String(f.totals.unpostedKg);
    const tonnes = (kg: number) => Math.round(kg / 100) / 10;
    charts.push(
      new Chart(forecastCanvas, {
        type: 'bar',
        data: {
          labels: f.weeks.map((w) => `${w.week.slice(5)} (${formatDate(w.from).slice(0, 5)})`),
          datasets: [
            {
              label: t('postedKg'),
              data: f.totalsByWeek.map((w) => tonnes(Math.min(w.postedKg, w.forecastKg))),
              backgroundColor: '#2e7d32',
              stack: 'f',
            },
            {
              label: t('unpostedKg'),
              data: f.totalsByWeek.map((w) => tonnes(w.unpostedKg)),
              backgroundColor: '#f9a825',
              stack: 'f',
            },
          ],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          responsive: true,
          scales: {
            x: { stacked: true, ticks: { font: { size: 10 } } },
            y: { stacked: true, beginAtZero: true, title: { display: true, text: t('tonnes') } },
          },
          plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } } },
        },
      }),
    );
    clear(forecastRows);
    if (!f.rows.length) return;
    forecastRows.append(
      h(
        'details',
        {},
        h('summary', {}, t('forecastRows', { n: f.rows.length })),
        h(
          'div',
          { className: 'table-wrap' },
          h(
            'table',
            { className: 'report-table forecast-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[t('week'), t('commune'), t('product'), t('forecastKg'), t('postedKg'), t('unpostedKg')].map((c) =>
                  h('th', {}, c),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              ...f.rows.map((r) =>
                h(
                  'tr',
                  {},
                  h('td', {}, r.week),
                  h('td', {}, place(r)),
                  h('td', {}, productLabel(r.product, r.productName)),
                  h('td', { className: 'num' }, formatTons(r.forecastKg)),
                  h('td', { className: 'num' }, formatTons(r.postedKg)),
                  h('td', { className: 'num' }, formatTons(r.unpostedKg)),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  };

  const renderCapacity = (c: Capacity) => {
    clear(capacityFlags);
    clear(capacityRows);
    if (!c.rows.length) {
      capacityFlags.append(h('p', { className: 'muted' }, t('noCapacityData')));
      return;
    }
    if (!c.shortages.length) capacityFlags.append(h('p', { className: 'muted' }, t('noCapacityShortage')));
    else {
      capacityFlags.append(
        h('p', {}, t('capacityNote', { n: c.shortages.length })),
        h(
          'ul',
          { className: 'flag-list', role: 'alert' },
          ...c.shortages
            .slice(0, 20)
            .map((s) =>
              h(
                'li',
                { className: 'capacity-shortage' },
                t('shortageFlag', { ha: ha(s.shortageHa), commune: s.communeName ?? '—', week: s.week }),
              ),
            ),
        ),
      );
    }
    capacityRows.append(
      h(
        'div',
        { className: 'table-wrap' },
        h(
          'table',
          { className: 'report-table capacity-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[t('week'), t('commune'), t('dueHa'), t('capacityHa'), t('shortageHa'), t('machinesTeams')].map((x) =>
                h('th', {}, x),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...c.rows.map((r) =>
              h(
                'tr',
                { className: r.shortage ? 'shortage' : '' },
                h('td', {}, r.week),
                h('td', {}, place(r)),
                h('td', { className: 'num' }, ha(r.dueHa)),
                h('td', { className: 'num' }, ha(r.capacityHa)),
                h('td', { className: 'num' }, r.shortage ? `⚠ ${ha(r.shortageHa)}` : '0'),
                h('td', { className: 'num' }, `${r.combineHarvesters} / ${r.harvestTeams}`),
              ),
            ),
          ),
        ),
      ),
    );
  };

  /** From the Monday of the chosen week, 12 weeks. Answers the first failure, if any. */
  const load = async (from: string, province?: string): Promise<unknown> => {
    charts.splice(0).forEach((c) => c.destroy());
    clear(unpostedBox);
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + (12 * 7 - 1) * 86_400_000).toISOString().slice(0, 10);
    period = { from, to, province };
    const [forecast, capacity] = await Promise.allSettled([
      api.GET('/api/reports/harvest-forecast', { params: { query: { from, to, province } } }),
      api.GET('/api/reports/harvest-capacity', { params: { query: { from, to, province } } }),
    ]);
    if (forecast.status === 'fulfilled') renderForecast(forecast.value);
    if (capacity.status === 'fulfilled') renderCapacity(capacity.value);
    return [forecast, capacity].find((r) => r.status === 'rejected')?.reason;
  };

  const destroy = () => charts.splice(0).forEach((c) => c.destroy());
  return { el, load, destroy };
}
