// Staff dashboard (issue 6): the week's key figures, the harvest calendar, backlog by
// commune on the map, and price trends with the KH 308 watch flag.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { api, ApiError, download, type Schema } from './api';
import { clear, h, onLeave } from './dom';
import { clearErrors, Errors, field, formShell, input, select, showErrors, showServerError, value } from './forms';
import { formatDate, formatNumber, formatTons, formatVndPerKg } from './format';
import { getLang, t } from './i18n';
import { productColor } from './map-view';
import { harvestSections } from './dashboard-harvest';
import type { Ctx } from './screen-context';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

type WeeklyTotals = Schema<'WeeklyTotalsDto'>;
type WeeklyReport = Schema<'WeeklyReportResponseDto'>;
type HarvestCalendar = Schema<'HarvestCalendarReportResponse'>;
type PriceWatch = Schema<'PriceWatchResponse'>;
type Backlog = Schema<'BacklogByCommuneResponse'>;
/** ISO 8601 week label (YYYY-Www) of a calendar day. */
export function isoWeekLabel(day: Date): string {
  const d = new Date(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate()));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow); // the week's Thursday decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Monday (YYYY-MM-DD) of an ISO week label. */
export function isoWeekMonday(label: string): string {
  const [y, w] = label.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (w - 1) * 7 * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

const KPIS: Array<{ key: keyof WeeklyTotals; label: () => string; format: (n: number | null) => string }> = [
  { key: 'harvestedKg', label: () => t('kpiHarvested'), format: (n) => formatTons(n ?? 0) },
  { key: 'expectedNext4WeeksKg', label: () => t('kpiExpected'), format: (n) => formatTons(n ?? 0) },
  { key: 'connectedKg', label: () => t('kpiConnected'), format: (n) => formatTons(n ?? 0) },
  { key: 'deliveredKg', label: () => t('kpiDelivered'), format: (n) => formatTons(n ?? 0) },
  { key: 'backlogKg', label: () => t('kpiBacklog'), format: (n) => formatTons(n ?? 0) },
  { key: 'inventoryKg', label: () => t('kpiInventory'), format: (n) => formatTons(n ?? 0) },
  { key: 'avgAskVndPerKg', label: () => t('kpiAvgAsk'), format: (n) => formatVndPerKg(n) },
  { key: 'avgDealVndPerKg', label: () => t('kpiAvgDeal'), format: (n) => formatVndPerKg(n) },
  { key: 'activeCooperatives', label: () => t('kpiCooperatives'), format: (n) => formatNumber(n ?? 0) },
  { key: 'activeBuyers', label: () => t('kpiBuyers'), format: (n) => formatNumber(n ?? 0) },
];

export function dashboardScreen(root: HTMLElement, ctx: Ctx): void {
  const charts: Chart[] = [];
  onLeave(() => {
    charts.splice(0).forEach((c) => c.destroy());
    harvest.destroy();
    ctx.map.setBacklog(null);
  });
  const productLabel = (code: string, fallback?: string | null) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : fallback || code;
  };

  const form = formShell(
    'dashboard-form',
    h('h2', {}, t('dashboardTitle')),
    h(
      'div',
      { className: 'grid2' },
      field('week', t('week'), input('week', { value: isoWeekLabel(new Date()), required: true })),
      field(
        'province',
        t('province'),
        select([['', t('allProvinces')], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])]),
      ),
      field(
        'priceProduct',
        t('priceProduct'),
        select([
          ['', t('allProducts')],
          ...ctx.products.map((p) => [p.code, productLabel(p.code)] as [string, string]),
        ]),
      ),
      field(
        'thresholdPercent',
        t('thresholdPercent'),
        input('number', { min: 0, max: 1000, step: 'any', inputmode: 'decimal', value: 10 }),
      ),
    ),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary' }, t('show')),
      h(
        'button',
        {
          type: 'button',
          className: 'download-docx',
          title: t('downloadReportDocxHint'),
          onclick: () => void downloadReport('docx'),
        },
        t('downloadReportDocx'),
      ),
      h(
        'button',
        { type: 'button', className: 'download-xlsx', onclick: () => void downloadReport('xlsx') },
        t('downloadReportXlsx'),
      ),
    ),
  );
  const kpis = h('section', { className: 'kpis', 'aria-label': t('keyFigures') });
  const period = h('p', { className: 'muted period' });
  const calendarCanvas = h('canvas', { id: 'harvest-chart', role: 'img', 'aria-label': t('harvestCalendar') });
  const priceCanvas = h('canvas', { id: 'price-chart', role: 'img', 'aria-label': t('priceTrends') });
  const calendarNote = h('p', { className: 'muted' });
  const priceFlags = h('div', { className: 'price-flags' });
  const backlogBox = h('div', { className: 'backlog-box' });
  const rowsBox = h('div', { className: 'report-rows' });
  const harvest = harvestSections((code, fallback) => productLabel(code, fallback));
  root.append(
    form,
    period,
    kpis,
    h(
      'section',
      { className: 'chart-section' },
      h('h3', {}, t('harvestCalendar')),
      calendarNote,
      h('div', { className: 'chart-wrap' }, calendarCanvas),
    ),
    harvest.el,
    h(
      'section',
      { className: 'chart-section' },
      h('h3', {}, t('priceTrends')),
      priceFlags,
      h('div', { className: 'chart-wrap' }, priceCanvas),
    ),
    h('section', { className: 'chart-section' }, h('h3', {}, t('backlogByCommune')), backlogBox),
    rowsBox,
  );

  const read = (): { week: string; province: string; product: string; threshold: number } | null => {
    const errors: Errors = {};
    const week = value(form, 'week');
    const threshold = value(form, 'thresholdPercent');
    if (!/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(week)) errors.week = t('errWeek');
    if (threshold === '' || !(Number(threshold) >= 0 && Number(threshold) <= 1000))
      errors.thresholdPercent = t('errPercent');
    if (Object.keys(errors).length) {
      showErrors(form, errors);
      return null;
    }
    clearErrors(form);
    return {
      week,
      province: value(form, 'province'),
      product: value(form, 'priceProduct'),
      threshold: Number(threshold),
    };
  };

  const downloadReport = async (format: 'docx' | 'xlsx') => {
    const q = read();
    if (!q) return;
    try {
      await download(
        api.file('/api/reports/weekly', {
          params: { query: { week: q.week, format, province: q.province || undefined } },
        }),
        `bao-cao-tuan-${q.week}.${format}`,
      );
    } catch (e) {
      showServerError(form, e);
    }
  };

  const load = async () => {
    const q = read();
    if (!q) return;
    root.dataset.loaded = 'false';
    charts.splice(0).forEach((c) => c.destroy());
    clear(kpis);
    kpis.append(h('p', {}, t('loading')));
    const [weekly, calendar, prices, backlog] = await Promise.allSettled([
      api.GET('/api/reports/weekly', { params: { query: { week: q.week, province: q.province || undefined } } }),
      api.GET('/api/reports/harvest-calendar', {
        params: { query: { from: isoWeekMonday(q.week), weeks: 12, province: q.province || undefined } },
      }),
      api.GET('/api/reports/price-watch', {
        params: {
          query: {
            product: q.product || undefined,
            weeks: 12,
            thresholdPercent: q.threshold,
            to: isoWeekMonday(q.week),
            provinceCode: q.province || undefined,
          },
        },
      }),
      api.GET('/api/reports/backlog-by-commune', { params: { query: { province: q.province || undefined } } }),
    ]);
    const harvestFailure = await harvest.load(isoWeekMonday(q.week), q.province || undefined);
    const failed =
      ([weekly, calendar, prices, backlog].find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined) ??
      (harvestFailure ? { status: 'rejected' as const, reason: harvestFailure } : undefined);
    if (failed)
      showServerError(form, failed.reason instanceof ApiError ? failed.reason : new ApiError(0, 'NETWORK', 'network'));

    clear(kpis);
    if (weekly.status === 'fulfilled') renderKpis(weekly.value);
    if (calendar.status === 'fulfilled') renderCalendar(calendar.value);
    if (prices.status === 'fulfilled') renderPrices(prices.value);
    if (backlog.status === 'fulfilled') renderBacklog(backlog.value);
    root.dataset.loaded = 'true';
  };

  const renderKpis = (r: WeeklyReport) => {
    period.textContent = t('reportPeriod', {
      week: r.week,
      from: formatDate(r.period.from),
      to: formatDate(r.period.to),
    });
    for (const k of KPIS) {
      // Not every figure has a week-on-week change (the expected and delivered kg have none).
      const ch = k.key in r.change ? r.change[k.key as keyof WeeklyReport['change']] : undefined;
      let trend: HTMLElement | null = null;
      if (ch && ch.delta !== null && ch.delta !== 0) {
        const up = ch.delta > 0;
        // A percentage when last week had a figure; otherwise the change itself (from nothing).
        const amount = ch.percent !== null ? `${formatNumber(Math.abs(ch.percent), 1)}%` : k.format(Math.abs(ch.delta));
        trend = h(
          'span',
          { className: `trend ${up ? 'up' : 'down'}` },
          `${up ? '▲' : '▼'} ${amount} ${t('vsLastWeek')}`,
        );
      } else if (ch && ch.delta === 0) trend = h('span', { className: 'trend flat' }, t('noChange'));
      kpis.append(
        h(
          'div',
          { className: 'kpi', 'data-kpi': k.key },
          h('span', { className: 'kpi-label' }, k.label()),
          h('strong', { className: 'kpi-value' }, k.format(r.totals[k.key] as number | null)),
          trend,
        ),
      );
    }
    clear(rowsBox);
    if (!r.rows.length) return;
    rowsBox.append(
      h(
        'details',
        {},
        h('summary', {}, t('reportRows', { n: r.rows.length })),
        h(
          'div',
          { className: 'table-wrap' },
          h(
            'table',
            { className: 'report-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[
                  t('commune'),
                  t('product'),
                  t('kpiHarvested'),
                  t('kpiExpected'),
                  t('kpiConnected'),
                  t('kpiBacklog'),
                  t('kpiAvgAsk'),
                ].map((c) => h('th', {}, c)),
              ),
            ),
            h(
              'tbody',
              {},
              ...r.rows.map((row) =>
                h(
                  'tr',
                  {},
                  h('td', {}, [row.communeName, row.provinceName].filter(Boolean).join(', ') || '—'),
                  h('td', {}, productLabel(row.product, row.productName)),
                  h('td', { className: 'num' }, formatTons(row.harvestedKg)),
                  h('td', { className: 'num' }, formatTons(row.expectedNext4WeeksKg)),
                  h('td', { className: 'num' }, formatTons(row.connectedKg)),
                  h('td', { className: 'num' }, formatTons(row.backlogKg)),
                  h('td', { className: 'num' }, formatVndPerKg(row.avgAskVndPerKg)),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  };

  const renderCalendar = (c: HarvestCalendar) => {
    const total = c.totalsByWeek.reduce((s, w) => s + w.expectedKg, 0);
    calendarNote.textContent = c.series.length
      ? t('calendarNote', { weeks: c.weeks.length, total: formatTons(total) })
      : t('noHarvestExpected');
    calendarCanvas.dataset.series = String(c.series.length);
    charts.push(
      new Chart(calendarCanvas, {
        type: 'bar',
        data: {
          labels: c.weeks.map((w) => `${w.week.slice(5)} (${formatDate(w.from).slice(0, 5)})`),
          datasets: c.series.map((s) => ({
            label: productLabel(s.product, s.productName),
            data: s.kgByWeek.map((kg) => Math.round(kg / 100) / 10),
            backgroundColor: productColor(s.product),
            stack: 'harvest',
          })),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          responsive: true,
          scales: {
            x: { stacked: true, ticks: { font: { size: 10 } } },
            y: { stacked: true, beginAtZero: true, title: { display: true, text: t('tonnes') } },
          },
          plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } },
            tooltip: {
              callbacks: {
                label: (item) => `${item.dataset.label}: ${formatNumber(Number(item.raw), 1)} ${t('tonnes')}`,
              },
            },
          },
        },
      }),
    );
  };

  const renderPrices = (p: PriceWatch) => {
    clear(priceFlags);
    const flagged = p.series.flatMap((s) => s.points.filter((pt) => pt.flagged).map((pt) => ({ s, pt })));
    priceCanvas.dataset.series = String(p.series.length);
    priceCanvas.dataset.flags = String(flagged.length);
    if (!p.series.length) priceFlags.append(h('p', { className: 'muted' }, t('noPrices')));
    else if (!flagged.length)
      priceFlags.append(
        h('p', { className: 'muted' }, t('noPriceFlags', { percent: formatNumber(p.thresholdPercent, 1) })),
      );
    else {
      priceFlags.append(
        h(
          'ul',
          { className: 'flag-list', role: 'alert' },
          ...flagged.map(({ s, pt }) =>
            h(
              'li',
              {
                className: `price-flag ${pt.changePercent! > 0 ? 'up' : 'down'}`,
                'data-product': s.product,
                'data-week': pt.week,
              },
              `⚠ ${t(pt.changePercent! > 0 ? 'priceJumped' : 'priceDropped', {
                product: productLabel(s.product, s.productName),
                percent: formatNumber(Math.abs(pt.changePercent!), 1),
                week: pt.week,
                price: formatVndPerKg(pt.priceVndPerKg),
              })}`,
            ),
          ),
        ),
        h('p', { className: 'muted' }, t('priceFlagRule', { percent: formatNumber(p.thresholdPercent, 1) })),
        h('p', { className: 'muted' }, t('weeklyMedianNote')),
      );
    }
    charts.push(
      new Chart(priceCanvas, {
        type: 'line',
        data: {
          labels: p.weeks.map((w) => w.week.slice(5)),
          datasets: p.series.map((s) => ({
            label: `${productLabel(s.product, s.productName)}${s.flagged ? ' ⚠' : ''}`,
            data: s.points.map((pt) => pt.priceVndPerKg),
            borderColor: productColor(s.product),
            backgroundColor: productColor(s.product),
            spanGaps: true,
            tension: 0.2,
            // A flagged week stands out: a big red triangle.
            pointRadius: s.points.map((pt) => (pt.flagged ? 8 : 3)),
            pointStyle: s.points.map((pt) => (pt.flagged ? 'triangle' : 'circle')),
            pointBackgroundColor: s.points.map((pt) => (pt.flagged ? '#d32f2f' : productColor(s.product))),
            pointBorderColor: s.points.map((pt) => (pt.flagged ? '#7f0000' : productColor(s.product))),
          })),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          responsive: true,
          scales: {
            y: { title: { display: true, text: 'đ/kg' }, ticks: { callback: (v) => formatNumber(Number(v)) } },
          },
          plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const pt = p.series[item.datasetIndex].points[item.dataIndex];
                  const change =
                    pt.changePercent !== null
                      ? ` (${pt.changePercent > 0 ? '+' : ''}${formatNumber(pt.changePercent, 1)}%)`
                      : '';
                  return `${item.dataset.label}: ${formatVndPerKg(pt.priceVndPerKg)}${change}${pt.flagged ? ' ⚠' : ''}`;
                },
              },
            },
          },
        },
      }),
    );
  };

  const renderBacklog = (b: Backlog) => {
    clear(backlogBox);
    ctx.map.setBacklog(b.items, (code) => productLabel(code));
    if (!b.items.length) {
      backlogBox.append(h('p', { className: 'muted' }, t('noBacklog', { date: formatDate(b.date) })));
      return;
    }
    ctx.map.fitPoints(
      b.items.filter((i) => i.location).map((i) => i.location!),
      10,
    );
    const max = Math.max(...b.items.map((i) => i.backlogKg));
    backlogBox.append(
      h(
        'p',
        { className: 'muted' },
        t('backlogNote', { total: formatTons(b.totalBacklogKg), date: formatDate(b.date), n: b.items.length }),
      ),
      h(
        'ol',
        { className: 'backlog-list' },
        ...b.items
          .slice(0, 10)
          .map((i) =>
            h(
              'li',
              {},
              h(
                'button',
                { type: 'button', className: 'link', onclick: () => i.location && ctx.map.showPoint(i.location, 12) },
                [i.communeName, i.provinceName].filter(Boolean).join(', ') || t('unknownCommune'),
              ),
              h('span', { className: 'bar', style: `width:${Math.max(4, Math.round((i.backlogKg / max) * 100))}%` }),
              h('span', { className: 'num' }, formatTons(i.backlogKg)),
            ),
          ),
      ),
    );
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  void load();
}
