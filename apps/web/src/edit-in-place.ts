// Editing and deleting a card's item where it is listed (zones, production areas, registry rows):
// an "Edit" disclosure holding a small form, and a delete that asks first.
import { confirmAction } from './confirm';
import { h, listener } from './dom';
import { field, flash, formShell, showServerError } from './forms';
import { t } from './i18n';

export interface EditField {
  name: string;
  label: string;
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
}

/** A disclosure "Sửa" with the fields; `save` gets the form and throws the server's error to show. */
export function editDetails(
  className: string,
  fields: EditField[],
  save: (form: HTMLFormElement) => Promise<void>,
): HTMLElement {
  const form = formShell(
    `edit-form ${className}`,
    ...fields.map((f) => field(f.name, f.label, f.input)),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('save'))),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      try {
        await save(form);
        flash(form, t('saved'));
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  return h('details', { className: `edit-in-place ${className}` }, h('summary', {}, t('edit')), form);
}

/** "Xóa" that asks in a dialog, then calls `remove` (the typed DELETE); errors land in `note`. */
export function deleteButton(
  name: string,
  remove: () => Promise<unknown>,
  note: HTMLElement,
  done: () => void,
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      className: 'danger delete',
      onclick: listener(async () => {
        const yes = await confirmAction({
          title: t('confirmDeleteTitle', { name }),
          message: t('confirmDeleteText'),
          confirmLabel: t('confirmDelete'),
          danger: true,
        });
        if (!yes) return;
        try {
          await remove();
          done();
        } catch (err) {
          note.textContent = err instanceof Error ? err.message : String(err);
        }
      }),
    },
    t('confirmDelete'),
  );
}
