// Picks current communes by name (diacritics optional) for a zone declared by communes.
import { api } from '../api';
import { clear, h, listener } from '../dom';
import { t } from '../i18n';

export function communePicker(): { el: HTMLElement; get(): string[]; reset(): void } {
  const chosen = new Map<string, string>();
  const search = h('input', {
    type: 'search',
    className: 'commune-search',
    placeholder: t('zoneCommuneSearch'),
    'aria-label': t('zoneCommuneSearch'),
  });
  const results = h('ul', { className: 'commune-results' });
  const chips = h('ul', { className: 'commune-chips', 'aria-label': t('zoneCommunesChosen') });
  const renderChips = () => {
    clear(chips);
    if (!chosen.size) {
      chips.append(h('li', { className: 'muted' }, t('zoneNoCommunes')));
      return;
    }
    for (const [id, name] of chosen) {
      chips.append(
        h(
          'li',
          { className: 'chip', 'data-unit-id': id },
          name,
          ' ',
          h(
            'button',
            {
              type: 'button',
              className: 'link',
              'aria-label': '×',
              onclick: () => {
                chosen.delete(id);
                renderChips();
              },
            },
            '×',
          ),
        ),
      );
    }
  };
  let timer = 0;
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(
      listener(async () => {
        clear(results);
        const q = search.value.trim();
        if (q.length < 2) return;
        const page = await api
          .GET('/api/administrative-units', { params: { query: { level: 'commune', q, limit: 10 } } })
          .catch(() => null);
        for (const u of page?.items ?? []) {
          results.append(
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  className: 'link add-commune',
                  'data-unit-id': u.id,
                  onclick: () => {
                    chosen.set(u.id, u.name);
                    renderChips();
                    clear(results);
                    search.value = '';
                  },
                },
                `${u.name} (${u.provinceCode ?? ''})`,
              ),
            ),
          );
        }
      }),
      250,
    );
  });
  renderChips();
  return {
    el: h('div', { className: 'commune-picker' }, search, results, chips),
    get: () => [...chosen.keys()],
    reset: () => {
      chosen.clear();
      renderChips();
    },
  };
}
