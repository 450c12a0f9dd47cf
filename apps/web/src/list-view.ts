// One list for every screen that lists things (lots, requests, proposals, deals, registries, users):
// search without diacritics, filters, sort, pages with the total, export to .xlsx and a print layout.
// The server searches, sorts and pages (the lists are larger than a page); the export asks it for
// every page of the same query, so the spreadsheet holds what the user filtered, in the order shown.
import { api, ApiError, type PagedPath, type Query, type RowOf } from './api';
import { clear, h, listener } from './dom';
import { formatNumber } from './format';
import { t } from './i18n';

export type ListCell = string | number | null | undefined;

export interface ListColumn<T> {
  key: string;
  label: () => string;
  /** The API's sort key, when the server can sort by this column. */
  sort?: string;
  /** What the table shows and the spreadsheet holds (numbers stay numbers). */
  value: (row: T) => ListCell;
  /** A richer table cell (a link, a badge); the spreadsheet keeps `value`. */
  cell?: (row: T) => Node | string | null;
  numeric?: boolean;
}

export interface ListFilter {
  name: string;
  label: () => string;
  options: () => Array<[string, string]>;
  value?: string;
}

export interface ListOptions<P extends PagedPath, T = RowOf<P>> {
  /** Class and test hook (`list-<name>`), and the export's file name. */
  name: string;
  title: () => string;
  /** A path of the API document whose GET answers a page: its row type is this list's. */
  path: P;
  /** Parameters every request carries (the caller's own organisation, a fixed status). */
  fixed?: () => Query;
  columns: Array<ListColumn<T>>;
  filters?: ListFilter[];
  /** The search box's label; no search box when absent. */
  search?: () => string;
  defaultSort?: string;
  pageSize?: number;
  /** Rows as cards (screens whose rows carry actions and details) instead of table rows. */
  card?: (row: T, reload: () => void) => HTMLElement;
  /** Buttons in a table row's last cell. */
  actions?: (row: T, reload: () => void) => Array<Node | null>;
  /** What Enter (or a click outside its buttons) on a table row does; without it Enter goes to the row's first button. */
  open?: (row: T) => void;
  /** Extra controls beside the title (e.g. "New"). */
  extra?: Array<Node | null>;
  /** Rows whose ids the export and tests can find. */
  rowId?: (row: T) => string;
  /** A table row's own class (a highlight, a state). */
  rowClass?: (row: T) => string;
  tableClass?: string;
  /** The card list's class (default: the list's name). */
  cardsClass?: string;
}

export interface ListHandle {
  el: HTMLElement;
  reload(): void;
}

const EXPORT_PAGE = 500;
const EXPORT_MAX = 20_000;

export function listView<P extends PagedPath>(o: ListOptions<P>): ListHandle {
  type T = RowOf<P>;
  // One generic call for every paged path: the path's own row type is checked at listView's callers.
  const fetchPage = (q: Query) =>
    api.GET(o.path as '/api/users', { params: { query: q as never } }) as unknown as Promise<{
      items: T[];
      total: number;
    }>;
  const pageSize = o.pageSize ?? 20;
  let offset = 0;
  let sort = o.defaultSort ?? '';
  let generation = 0;
  let timer: number | undefined;
  const uid = Math.random().toString(36).slice(2, 7);

  const search = o.search
    ? h('input', { type: 'search', name: 'q', id: `lq-${uid}`, autocomplete: 'off', enterkeyhint: 'search' })
    : null;
  const filters = (o.filters ?? []).map((f) => {
    const el = h('select', { name: f.name, id: `lf-${f.name}-${uid}` });
    for (const [v, label] of f.options()) el.append(h('option', { value: v }, label));
    el.value = f.value ?? '';
    return { f, el };
  });
  const sortable = o.columns.filter((c) => c.sort);
  const sortSelect = h('select', { name: 'sort', id: `ls-${uid}` });
  sortSelect.append(h('option', { value: '' }, t('listSortDefault')));
  for (const c of sortable) {
    sortSelect.append(
      h('option', { value: c.sort! }, `${c.label()} ↑`),
      h('option', { value: `-${c.sort}` }, `${c.label()} ↓`),
    );
  }
  sortSelect.value = sort;

  const summary = h('p', { className: 'list-summary muted', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { className: 'list-body' });
  const prev = h(
    'button',
    {
      type: 'button',
      className: 'list-prev',
      onclick: listener(() => ((offset = Math.max(0, offset - pageSize)), load())),
    },
    t('prev'),
  );
  const next = h(
    'button',
    { type: 'button', className: 'list-next', onclick: listener(() => ((offset += pageSize), load())) },
    t('next'),
  );
  const pageLabel = h('span', { className: 'list-page muted' });
  const exportStatus = h('span', { className: 'list-export-status muted', role: 'status' });
  const exportButton = h(
    'button',
    { type: 'button', className: 'list-export', onclick: () => void exportAll() },
    t('listExport'),
  );
  const printButton = h(
    'button',
    { type: 'button', className: 'list-print', onclick: () => printList() },
    t('listPrint'),
  );

  const query = (): Query => {
    const q: Query = { ...(o.fixed?.() ?? {}) };
    if (search?.value.trim()) q.q = search.value.trim();
    for (const { f, el } of filters) if (el.value) q[f.name] = el.value;
    if (sort) q.sort = sort;
    return q;
  };

  const label = (forId: string, text: string) => h('label', { for: forId }, text);
  const controls = h(
    'form',
    {
      className: 'list-controls',
      role: 'search',
      'aria-label': o.title(),
      onsubmit: (e: Event) => {
        e.preventDefault();
        offset = 0;
        void load();
      },
    },
    search ? h('div', { className: 'list-control list-search' }, label(search.id, o.search!()), search) : null,
    ...filters.map(({ f, el }) => h('div', { className: 'list-control' }, label(el.id, f.label()), el)),
    sortable.length ? h('div', { className: 'list-control' }, label(sortSelect.id, t('listSort')), sortSelect) : null,
  );
  search?.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => ((offset = 0), void load()), 300);
  });
  for (const { el } of filters) el.addEventListener('change', () => ((offset = 0), void load()));
  sortSelect.addEventListener('change', () => ((sort = sortSelect.value), (offset = 0), void load()));

  const el = h(
    'section',
    { className: `list-view list-${o.name}`, 'aria-labelledby': `lt-${uid}` },
    h('div', { className: 'toolbar list-head' }, h('h2', { id: `lt-${uid}` }, o.title()), ...(o.extra ?? [])),
    controls,
    h('div', { className: 'list-tools' }, summary, exportButton, printButton, exportStatus),
    body,
    h('div', { className: 'actions list-pager' }, prev, pageLabel, next),
  );

  const setSort = (key: string) => {
    sort = sort === key ? `-${key}` : sort === `-${key}` ? '' : key;
    sortSelect.value = sort;
    offset = 0;
    void load();
  };

  const table = (rows: T[]): HTMLElement => {
    const head = h(
      'tr',
      {},
      ...o.columns.map((c) => {
        const dir = c.sort && sort === c.sort ? 'ascending' : c.sort && sort === `-${c.sort}` ? 'descending' : null;
        return h(
          'th',
          { scope: 'col', className: c.numeric ? 'num' : '', 'aria-sort': dir ?? (c.sort ? 'none' : null) },
          c.sort
            ? h(
                'button',
                { type: 'button', className: 'sort', 'data-sort': c.sort, onclick: () => setSort(c.sort!) },
                c.label(),
                h('span', { 'aria-hidden': 'true' }, dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ' ↕'),
              )
            : c.label(),
        );
      }),
      o.actions ? h('th', { scope: 'col', className: 'no-print' }, t('listActions')) : null,
    );
    return h(
      'div',
      { className: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': o.title() },
      h(
        'table',
        { className: `list-table ${o.tableClass ?? ''}` },
        h('thead', {}, head),
        h(
          'tbody',
          {},
          ...rows.map((r, i) => {
            const tr = h(
              'tr',
              {
                'data-id': o.rowId?.(r) ?? null,
                className: `list-row ${o.rowClass?.(r) ?? ''}`.trim(),
                tabindex: i === 0 ? 0 : -1,
              },
              ...o.columns.map((c) =>
                h(
                  'td',
                  { className: c.numeric ? 'num' : '', 'data-col': c.key },
                  c.cell ? c.cell(r) : formatCell(c.value(r)),
                ),
              ),
              o.actions ? h('td', { className: 'row-actions no-print' }, ...o.actions(r, reload)) : null,
            );
            if (o.open) {
              tr.classList.add('row-opens');
              tr.addEventListener('click', (e) => {
                if (!(e.target as Element).closest('button, a, input, select, textarea')) o.open!(r);
              });
            }
            tr.addEventListener('keydown', (e) => rowKey(e, tr, () => o.open?.(r)));
            return tr;
          }),
        ),
      ),
    );
  };

  async function load(): Promise<void> {
    const gen = ++generation;
    summary.textContent = t('loading');
    try {
      const page = await fetchPage({ ...query(), limit: pageSize, offset });
      if (gen !== generation) return;
      clear(body);
      if (!page.items.length && offset > 0 && page.total > 0) {
        offset = Math.max(0, (Math.ceil(page.total / pageSize) - 1) * pageSize);
        return load();
      }
      summary.textContent = page.total
        ? t('showing', { from: offset + 1, to: offset + page.items.length, total: page.total })
        : t('noResults');
      if (!page.items.length) body.append(h('p', { className: 'empty' }, t('noResults')));
      else
        body.append(
          o.card
            ? h('ul', { className: `cards ${o.cardsClass ?? o.name}` }, ...page.items.map((r) => o.card!(r, reload)))
            : table(page.items),
        );
      prev.disabled = offset === 0;
      next.disabled = offset + pageSize >= page.total;
      const pages = Math.max(1, Math.ceil(page.total / pageSize));
      pageLabel.textContent = t('listPageOf', { page: Math.floor(offset / pageSize) + 1, pages });
      exportButton.disabled = page.total === 0;
    } catch (e) {
      if (gen !== generation) return;
      clear(body);
      summary.textContent = '';
      body.append(
        h(
          'p',
          { className: 'form-error', role: 'alert' },
          e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork'),
        ),
      );
    }
  }

  async function exportAll(): Promise<void> {
    exportButton.disabled = true;
    exportStatus.textContent = t('listExporting');
    try {
      const rows: T[] = [];
      for (let at = 0; at < EXPORT_MAX; at += EXPORT_PAGE) {
        const page = await fetchPage({ ...query(), limit: EXPORT_PAGE, offset: at });
        rows.push(...page.items);
        if (rows.length >= page.total || !page.items.length) break;
      }
      const { downloadXlsx } = await import('./xlsx');
      downloadXlsx(
        `${o.name}-${todayInVietnam()}.xlsx`,
        o.title(),
        o.columns.map((c) => c.label()),
        rows.map((r) => o.columns.map((c) => c.value(r))),
      );
      exportStatus.textContent = t('listExported', { count: rows.length });
    } catch (e) {
      exportStatus.textContent = e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork');
    } finally {
      exportButton.disabled = false;
    }
  }

  function printList(): void {
    // Print CSS shows only the list being printed: the map, menu and controls stay off paper.
    document.body.classList.add('printing-list');
    el.classList.add('printing');
    const done = () => {
      document.body.classList.remove('printing-list');
      el.classList.remove('printing');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  }

  function reload(): void {
    void load();
  }

  void load();
  return { el, reload };
}

/**
 * Keyboard use of a table (issue 15 item 9): the rows are one tab stop (the last row visited), the
 * arrows, Home and End move between rows, Enter opens the row (or reaches its first button), and
 * Escape from a row's button goes back to its row.
 */
function rowKey(e: KeyboardEvent, tr: HTMLTableRowElement, open: (() => void) | undefined): void {
  const rows = [...(tr.parentElement?.children ?? [])] as HTMLTableRowElement[];
  const onRow = e.target === tr;
  const go = (to: HTMLTableRowElement | undefined) => {
    if (!to) return;
    e.preventDefault();
    rows.forEach((row) => (row.tabIndex = row === to ? 0 : -1));
    to.focus();
  };
  if (!onRow) {
    if (e.key === 'Escape') go(tr);
    return;
  }
  const at = rows.indexOf(tr);
  if (e.key === 'ArrowDown') go(rows[at + 1]);
  else if (e.key === 'ArrowUp') go(rows[at - 1]);
  else if (e.key === 'Home') go(rows[0]);
  else if (e.key === 'End') go(rows[rows.length - 1]);
  else if (e.key === 'Enter') {
    e.preventDefault();
    if (open && tr.classList.contains('row-opens')) open();
    else tr.querySelector<HTMLElement>('button:not([disabled]), a[href], input, select')?.focus();
  }
}

function formatCell(v: ListCell): string {
  if (v === null || v === undefined || v === '') return '—';
  return typeof v === 'number' ? formatNumber(v) : v;
}

const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
