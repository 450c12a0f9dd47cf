import { ApiError } from './api';
import { dateInput } from './date-input';
import { h } from './dom';
import { formatNumber } from './format';
import { t } from './i18n';

/** A labelled field; its error line sits below it and is filled by showErrors. */
export function field(name: string, label: string, input: HTMLElement): HTMLElement {
  input.setAttribute('name', name);
  input.id = input.id || `f-${name}-${Math.random().toString(36).slice(2, 7)}`;
  return h(
    'div',
    { className: 'field', 'data-field': name },
    h('label', { for: input.id }, label),
    input,
    h('div', { className: 'field-error', role: 'alert' }),
  );
}

export function input(
  type: string,
  attrs: Record<string, string | number | boolean | undefined> = {},
): HTMLInputElement {
  // Date fields are written dd/mm/yyyy in Vietnamese whatever the browser's locale (date-input.ts).
  if (type === 'date') return dateInput(attrs);
  return h('input', { type, ...attrs });
}

export function select(options: Array<[string, string]>, value = ''): HTMLSelectElement {
  const el = h('select', {});
  for (const [v, label] of options) el.appendChild(h('option', { value: v }, label));
  el.value = value;
  return el;
}

export function checkboxes(
  name: string,
  values: readonly string[],
  checked: string[] = [],
  label: (v: string) => string = (v) => v,
): HTMLElement {
  return h(
    'div',
    { className: 'checks', 'data-name': name },
    ...values.map((v) =>
      h(
        'label',
        { className: 'check' },
        h('input', { type: 'checkbox', value: v, checked: checked.includes(v) }),
        label(v),
      ),
    ),
  );
}

export function checkedValues(form: HTMLElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`.checks[data-name="${name}"] input:checked`)].map((i) => i.value);
}

export function value(form: HTMLElement, name: string): string {
  const el = form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  return el ? el.value.trim() : '';
}

export type Errors = Record<string, string>;

export function clearErrors(form: HTMLElement): void {
  form.querySelectorAll('.field-error').forEach((e) => (e.textContent = ''));
  form.querySelectorAll('.field.invalid').forEach((e) => e.classList.remove('invalid'));
  const banner = form.querySelector('.form-error');
  if (banner) banner.textContent = '';
}

/** Shows messages under their fields; messages without a matching field go to the form's banner. */
export function showErrors(form: HTMLElement, errors: Errors, banner?: string): void {
  clearErrors(form);
  const rest: string[] = [];
  for (const [name, message] of Object.entries(errors)) {
    const root = name.split(/[.[]/)[0];
    const f = form.querySelector(`.field[data-field="${root}"]`) ?? form.querySelector(`.field[data-field="${name}"]`);
    if (f) {
      f.classList.add('invalid');
      const slot = f.querySelector('.field-error')!;
      slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : message;
    } else rest.push(message);
  }
  const b = form.querySelector<HTMLElement>('.form-error');
  if (b) b.textContent = [banner, ...rest].filter(Boolean).join(' · ');
  revealFirstError(form);
}

/** The first message in sight (a phone's panel is short) and its field focused; the alert roles announce the text. */
function revealFirstError(form: HTMLElement): void {
  const invalid = form.querySelector<HTMLElement>('.field.invalid');
  const banner = form.querySelector<HTMLElement>('.form-error');
  const target = invalid ?? (banner?.textContent ? banner : null);
  if (!target) return;
  target.scrollIntoView?.({ block: 'center', behavior: 'auto' });
  invalid
    ?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea, button')
    ?.focus({ preventScroll: true });
}

/** The field's label as the user reads it, for a server message that names the field by its API name. */
function fieldLabel(form: HTMLElement, name: string): string | null {
  const root = name.split(/[.[]/)[0];
  const label = form.querySelector(`.field[data-field="${root}"] > label`);
  return label?.textContent?.trim() || null;
}

/**
 * "quantityKg không được lớn hơn 100000000" reads "Sản lượng (kg) không được lớn hơn 100.000.000":
 * the user's words for the fields the form shows, and numbers as the language writes them.
 */
export function inUserWords(form: HTMLElement, message: string): string {
  let out = message;
  for (const f of form.querySelectorAll<HTMLElement>('.field[data-field]')) {
    const name = f.dataset.field ?? '';
    const label = f.querySelector(':scope > label')?.textContent?.trim();
    if (!label || name.length < 3) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(
      new RegExp(`(^|[\\s(:"'])${escaped}(?=$|[\\s).,;:"'])`, 'g'),
      (_m, lead: string) => `${lead}${label}`,
    );
  }
  return out.replace(/(?<![\w.,-])\d{5,}(?![\w.,-])/g, (n) => formatNumber(Number(n)));
}

/** Maps a server error to the fields it names (details[].field) and the banner (message). */
export function showServerError(form: HTMLElement, e: unknown): void {
  if (e instanceof ApiError) {
    if (e.status === 0) {
      showErrors(form, {}, t('errNetwork'));
      return;
    }
    if (e.status === 404 && e.code === 'ROUTE.NOT_FOUND') {
      showErrors(form, {}, t('errNotAvailable'));
      return;
    }
    const errors: Errors = {};
    let unplaced = false;
    // A refusal with its own code (not a list of validation messages) has its message written for
    // that code in the UI's language; the field's own line may be the API's English.
    const single = e.code !== 'VALIDATION.FAILED' && e.details.filter((d) => d?.field).length === 1;
    for (const d of e.details) {
      if (!d || !d.field) continue;
      errors[d.field] = inUserWords(form, single ? e.message : d.message);
      if (!fieldLabel(form, d.field)) unplaced = true;
    }
    // When every message of a validation list sits next to its field, the banner only points there
    // (no API field names twice); a refusal naming one field keeps its message in the banner too.
    const placed = Array.isArray(e.raw) && Object.keys(errors).length > 0 && !unplaced;
    showErrors(form, errors, placed ? t('fixFields') : t('errServer', { message: e.message }));
    return;
  }
  showErrors(form, {}, String((e as Error)?.message ?? e));
}

export function isWholeNumber(s: string, min: number): boolean {
  return /^\d+$/.test(s) && Number(s) >= min && Number.isSafeInteger(Number(s));
}

export function formShell(className: string, ...children: Array<HTMLElement | null>): HTMLFormElement {
  const form = h(
    'form',
    { className: `form ${className}`, novalidate: true },
    h('div', { className: 'form-error', role: 'alert' }),
    ...children,
  );
  // Editing a field clears its message; the others stay until the next submit.
  const clearField = (e: Event) => clearFieldError(e.target as Element);
  form.addEventListener('input', clearField);
  form.addEventListener('change', clearField);
  return form;
}

export function clearFieldError(inside: Element | null): void {
  const f = inside?.closest('.field');
  if (!f) return;
  f.classList.remove('invalid');
  const slot = f.querySelector('.field-error');
  if (slot) slot.textContent = '';
}

let pendingFlash: string | null = null;

/** A note for the screen the user is about to be taken to (navigation re-renders the panel). */
export function flashNext(text: string): void {
  pendingFlash = text;
}

export function showPendingFlash(panel: HTMLElement): void {
  if (pendingFlash) flash(panel, pendingFlash);
  pendingFlash = null;
}

export function flash(el: HTMLElement, text: string): void {
  const note = h('p', { className: 'flash', role: 'status' }, text);
  el.prepend(note);
  window.setTimeout(() => note.remove(), 6000);
}
