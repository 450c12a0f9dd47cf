// Staff act for others: a searchable chooser of the cooperative, buyer, transport operator or agency
// a lot, request or user belongs to. The server searches names without diacritics ("thanh phuoc").
import { api } from './api';
import { h } from './dom';
import { field } from './forms';
import { t } from './i18n';

export type OrganizationKind = 'cooperatives' | 'buyers' | 'transport-operators' | 'agencies';

export interface OrgChooser {
  el: HTMLElement;
  value(): string;
  /** A different kind of organisation (the Users form switches with the role). */
  setKind(kind: OrganizationKind | null): void;
  onChange(fn: (id: string) => void): void;
}

export function orgChooserField(name: string, label: string, what: string, kind: OrganizationKind | null): OrgChooser {
  const sel = h('select', { className: 'chooser-select' }, h('option', { value: '' }, t('chooserNone')));
  const el = field(name, label, sel);
  const search = h('input', {
    type: 'search',
    className: 'chooser-search',
    autocomplete: 'off',
    'aria-label': t('chooserSearch', { what }),
    placeholder: t('chooserSearch', { what }),
  });
  const note = h('span', { className: 'chooser-note muted', role: 'status' });
  sel.before(search);
  sel.after(note);
  let current = kind;
  let generation = 0;
  let timer: number | undefined;
  const load = async () => {
    const gen = ++generation;
    if (!current) return;
    const keep = sel.value;
    try {
      const page = await api.GET(`/api/${current}`, {
        params: { query: { q: search.value.trim() || undefined, limit: 30 } },
      });
      if (gen !== generation) return;
      const kept = keep ? [...sel.options].find((o) => o.value === keep) : undefined;
      sel.replaceChildren(h('option', { value: '' }, t('chooserNone')));
      if (kept && !page.items.some((o) => o.id === keep)) sel.append(kept);
      for (const o of page.items) sel.append(h('option', { value: o.id }, o.name));
      sel.value = keep && [...sel.options].some((o) => o.value === keep) ? keep : '';
      // One match found by typing is the one meant: choose it, so the user can go on.
      if (!sel.value && search.value.trim() && page.items.length === 1) {
        sel.value = page.items[0].id;
        sel.dispatchEvent(new Event('change', { bubbles: true }));
      }
      note.textContent = page.items.length ? '' : t('chooserNoMatch');
    } catch {
      note.textContent = t('errNetwork');
    }
  };
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void load(), 250);
  });
  // Enter in the search box searches; it must not submit the surrounding form half filled.
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') (e.preventDefault(), window.clearTimeout(timer), void load());
  });
  void load();
  return {
    el,
    value: () => sel.value,
    setKind(next) {
      current = next;
      el.hidden = !next;
      sel.value = '';
      search.value = '';
      void load();
    },
    onChange(fn) {
      sel.addEventListener('change', () => fn(sel.value));
    },
  };
}
