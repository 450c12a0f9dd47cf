import { api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { Ctx } from '../screen-context';
import { LotView, lotFormScreen } from './lot-form';

export function editLotScreen(root: HTMLElement, ctx: Ctx, id: string): void {
  void api
    .get<LotView>(`/supply-lots/${encodeURIComponent(id)}`)
    .then((lot) => lotFormScreen(root, ctx, lot))
    .catch(() => root.append(h('p', { className: 'form-error' }, t('noResults'))));
}
