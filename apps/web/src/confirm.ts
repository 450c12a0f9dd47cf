// Asking before anything a click cannot take back (withdraw, reject, cancel, delete): a modal
// <dialog> the browser makes accessible (focus kept inside, Escape closes, the page behind inert).
import { h } from './dom';
import { t } from './i18n';

export interface ConfirmOptions {
  title: string;
  message?: string;
  /** The button that goes ahead, in the words of the action ("Rút lô hàng"). */
  confirmLabel: string;
  cancelLabel?: string;
  /** Red button: the action removes or ends something. */
  danger?: boolean;
}

/** Resolves true when the user confirms; false on cancel, Escape or a click outside the box. */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = `confirm-title-${Math.random().toString(36).slice(2, 8)}`;
    const messageId = `${titleId}-msg`;
    const cancel = h(
      'button',
      { type: 'button', className: 'confirm-cancel', value: 'cancel' },
      options.cancelLabel ?? t('confirmKeep'),
    );
    const ok = h(
      'button',
      { type: 'button', className: `confirm-ok ${options.danger ? 'danger' : 'primary'}`, value: 'ok' },
      options.confirmLabel,
    );
    const dialog = h(
      'dialog',
      {
        className: 'confirm-dialog',
        'aria-labelledby': titleId,
        'aria-describedby': options.message ? messageId : null,
      },
      h('h2', { id: titleId }, options.title),
      options.message ? h('p', { id: messageId }, options.message) : null,
      h('div', { className: 'actions' }, cancel, ok),
    );
    let answered = false;
    const finish = (yes: boolean) => {
      if (answered) return;
      answered = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      resolve(yes);
    };
    cancel.addEventListener('click', () => finish(false));
    ok.addEventListener('click', () => finish(true));
    dialog.addEventListener('close', () => finish(false));
    dialog.addEventListener('click', (e) => {
      if (e.target === dialog) finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    // The safe answer has the focus: Enter by habit keeps things as they are.
    cancel.focus();
  });
}
