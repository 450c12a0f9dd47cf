// Dates typed as Vietnamese write them (dd/mm/yyyy) whatever the browser's own locale: a native
// <input type="date"> shows the browser's format (mm/dd/yyyy on an English phone), so in Vietnamese
// a date field is a text field with a dd/mm/yyyy mask, checked on leaving it, plus a calendar button
// that opens the browser's date picker as a fallback. Its `value` stays the API's yyyy-mm-dd, so
// screens read and set it as they would a date input's. English keeps the native date input.
import { h } from './dom';
import { formatDate } from './format';
import { getLang, t } from './i18n';

type Attrs = Record<string, string | number | boolean | undefined>;

const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** '5/3/2026', '05/03/2026' or '2026-03-05' → '2026-03-05'; null when it is no calendar day. */
export function parseDay(text: string): string | null {
  const s = text.trim();
  const iso = ISO.exec(s);
  const vn = iso ? null : VN.exec(s);
  const [y, m, d] = iso ? [+iso[1], +iso[2], +iso[3]] : vn ? [+vn[3], +vn[2], +vn[1]] : [0, 0, 0];
  if (!y) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Digits as they are typed, with the slashes put in: '0512' → '05/12', '05122026' → '05/12/2026'. */
export function maskDay(text: string): string {
  const digits = text.replace(/\D/g, '').slice(0, 8);
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter(Boolean).join('/');
}

/** A date field: dd/mm/yyyy in Vietnamese, the native date input in English. */
export function dateInput(attrs: Attrs = {}): HTMLInputElement {
  if (getLang() !== 'vi') return h('input', { type: 'date', ...attrs });
  const { value, ...rest } = attrs;
  const el = h('input', {
    ...rest,
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: t('dateHint'),
    maxlength: 10,
    'data-date': 'dd/mm/yyyy',
  });
  Object.defineProperty(el, 'value', {
    configurable: true,
    get: () => {
      const raw = String(nativeValue.get!.call(el)).trim();
      return parseDay(raw) ?? raw;
    },
    set: (v: unknown) =>
      nativeValue.set!.call(el, v ? (parseDay(String(v)) ? formatDate(parseDay(String(v))) : String(v)) : ''),
  });
  if (value !== undefined && value !== '') {
    el.value = String(value);
    el.defaultValue = nativeValue.get!.call(el);
  }

  el.addEventListener('input', (e) => {
    const raw = String(nativeValue.get!.call(el));
    // Only while typing forward at the end, so editing inside the text never jumps the caret.
    if ((e as InputEvent).inputType !== 'insertText' || el.selectionStart !== raw.length || !/^[\d/]*$/.test(raw))
      return;
    const masked = maskDay(raw);
    if (masked !== raw) nativeValue.set!.call(el, masked);
  });
  // On leaving the field (after the form's own change handler, which clears the field's message).
  el.addEventListener('blur', () => check(el));

  // The calendar: the browser's own picker on a native date input kept out of sight.
  const picker = h('input', {
    type: 'date',
    tabindex: -1,
    'aria-hidden': 'true',
    'aria-label': t('datePick'),
    className: 'date-picker-native',
  });
  const button = h(
    'button',
    {
      type: 'button',
      className: 'date-pick',
      'aria-label': t('datePick'),
      title: t('datePick'),
      onclick: () => {
        picker.min = el.min;
        picker.max = el.max;
        nativeValue.set!.call(picker, parseDay(nativeValue.get!.call(el)) ?? '');
        try {
          picker.showPicker();
        } catch {
          el.focus();
        }
      },
    },
    h('span', { 'aria-hidden': 'true' }, '📅'),
  );
  picker.addEventListener('change', () => {
    el.value = picker.value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    el.focus();
  });
  const companion = h('span', { className: 'date-pick-box' }, button, picker);
  if (el.disabled || el.readOnly) button.disabled = true;
  // The field is placed by the screen that made it (field(), a label, a row): the calendar goes right after it.
  const place = () => {
    if (el.isConnected && !companion.isConnected) el.after(companion);
    button.disabled = el.disabled || el.readOnly;
  };
  requestAnimationFrame(place);
  el.addEventListener('focus', place);
  return el;
}

/** On leaving the field: a day that is no calendar day, or outside min/max, says so under the field. */
function check(el: HTMLInputElement): void {
  const raw = String(nativeValue.get!.call(el)).trim();
  const day = parseDay(raw);
  let message = '';
  if (raw && !day) message = t('dateInvalid');
  else if (day && el.min && day < el.min) message = t('dateTooEarly', { day: formatDate(el.min) });
  else if (day && el.max && day > el.max) message = t('dateTooLate', { day: formatDate(el.max) });
  if (day) nativeValue.set!.call(el, formatDate(day));
  el.setCustomValidity(message);
  if (message) el.setAttribute('aria-invalid', 'true');
  else el.removeAttribute('aria-invalid');
  const f = el.closest('.field');
  const slot = f?.querySelector('.field-error');
  if (slot && message) {
    f!.classList.add('invalid');
    slot.textContent = message;
  }
}
