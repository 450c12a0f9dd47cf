import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { Ctx } from '../screen-context';
import { lotFormScreen } from './lot-form';

export function editLotScreen(root: HTMLElement, ctx: Ctx, id: string): void {
  void api
    .GET('/api/supply-lots/{id}', { params: { path: { id: encodeURIComponent(id) } } })
    .then((lot) => lotFormScreen(root, ctx, lot))
    .catch(() => root.append(h('p', { className: 'form-error' }, t('noResults'))));
}
