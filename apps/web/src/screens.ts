import { api, ApiError, getSession, Page, Session, setSession } from './api';
import type { Geometry } from 'geojson';
import { clear, h, onLeave } from './dom';
import { checkboxes, checkedValues, clearErrors, Errors, field, flash, flashNext, formShell, input, isWholeNumber, select, showErrors, showServerError, value } from './forms';
import { locationPicker } from './location-picker';
import { formatNumber, formatTons, formatVndPerKg, formatWindow, statusLabel } from './format';
import { getLang, t } from './i18n';
import { MapFilters } from './map-view';
import { runsPanel, schedulesPanel } from './matching-runs';
import { showProposals } from './proposals';
import { historySection } from './audit';
import { curfewNotice } from './screens/curfew-notice';
import type { Ctx } from './screen-context';

export const CERTIFICATIONS = ['VIETGAP', 'GLOBALGAP', 'ORGANIC', 'OCOP', 'HACCP', 'ASC', 'BAP', 'RAINFOREST'] as const;
export const BUYER_TYPES = ['wholesale_market', 'distributor', 'supermarket', 'exporter', 'processor', 'trader', 'ecommerce'] as const;

export type { Ctx } from './screen-context';

const productName = (ctx: Ctx, code: string) => {
  const p = ctx.products.find((x) => x.code === code);
  return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
};
const productOptions = (ctx: Ctx, first: string): Array<[string, string]> => [['', first], ...ctx.products.map((p) => [p.code, getLang() === 'vi' ? p.nameVi : p.nameEn] as [string, string])];

// ---------- public: map filters ----------
export function mapScreen(root: HTMLElement, ctx: Ctx): void {
  const f = ctx.map.filters;
  const form = formShell(
    'filters',
    h('h2', {}, t('filters')),
    field('product', t('product'), select(productOptions(ctx, t('allProducts')), f.product ?? '')),
    field('certification', t('certification'), select([['', t('anyCertification')], ...CERTIFICATIONS.map((c) => [c, c] as [string, string])], f.certification ?? '')),
    field('provinceCode', t('province'), select([['', t('allProvinces')], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])], f.provinceCode ?? '')),
    field('harvestFrom', t('harvestFrom'), input('date', { value: f.harvestFrom ?? '' })),
    field('harvestTo', t('harvestTo'), input('date', { value: f.harvestTo ?? '' })),
    field('buyerType', t('buyerType'), select([['', t('allBuyerTypes')], ...BUYER_TYPES.map((b) => [b, statusLabel('buyer', b)] as [string, string])], f.buyerType ?? '')),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('apply')), h('button', { type: 'reset' }, t('reset'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const hf = value(form, 'harvestFrom');
    const ht = value(form, 'harvestTo');
    if (hf && ht && ht < hf) return showErrors(form, { harvestTo: t('errWindow') });
    clearErrors(form);
    const filters: MapFilters = {
      product: value(form, 'product') || undefined,
      certification: value(form, 'certification') || undefined,
      provinceCode: value(form, 'provinceCode') || undefined,
      harvestFrom: hf || undefined,
      harvestTo: ht || undefined,
      buyerType: value(form, 'buyerType') || undefined,
    };
    ctx.map.setFilters(filters);
  });
  form.addEventListener('reset', () => window.setTimeout(() => ctx.map.setFilters({}), 0));
  root.append(form);
}

// ---------- public: searchable supply list ----------
interface SupplyListItem {
  id: string;
  product: string;
  productNameVi: string;
  productNameEn: string;
  cooperativeName: string;
  remainingKg: number;
  quantityKg: number;
  askVndPerKg: number;
  harvestFrom: string;
  harvestTo: string;
  certifications: string[];
  location: { lat: number; lng: number };
  note: string | null;
}

export function listScreen(root: HTMLElement, ctx: Ctx): void {
  const q = input('search', { placeholder: t('searchPlaceholder'), 'aria-label': t('search') });
  const product = select(productOptions(ctx, t('allProducts')));
  const results = h('div', { className: 'results' });
  let offset = 0;
  const limit = 20;
  const load = async () => {
    clear(results);
    results.append(h('p', {}, t('loading')));
    try {
      const page = await api.get<Page<SupplyListItem>>('/map/supply-list', { q: q.value.trim() || undefined, product: product.value || undefined, limit, offset });
      clear(results);
      if (!page.items.length) return results.append(h('p', { className: 'empty' }, t('noResults')));
      results.append(
        h('p', { className: 'muted' }, t('showing', { from: offset + 1, to: offset + page.items.length, total: page.total })),
        h(
          'ul',
          { className: 'cards supply-list' },
          ...page.items.map((i) =>
            h(
              'li',
              { className: 'card', 'data-lot-id': i.id },
              h('h3', {}, getLang() === 'vi' ? i.productNameVi : i.productNameEn),
              h('p', { className: 'coop' }, i.cooperativeName),
              h('p', {}, `${t('remaining')}: ${formatTons(i.remainingKg)} · ${formatVndPerKg(i.askVndPerKg)}`),
              h('p', {}, `${t('harvestWindow')}: ${formatWindow(i.harvestFrom, i.harvestTo)}`),
              i.certifications.length ? h('p', { className: 'muted' }, i.certifications.join(', ')) : null,
              i.note ? h('p', { className: 'note' }, i.note) : null,
              h(
                'button',
                {
                  type: 'button',
                  onclick: () => {
                    ctx.navigate('map');
                    ctx.map.showPoint(i.location, 15);
                  },
                },
                t('showOnMap'),
              ),
            ),
          ),
        ),
        h(
          'div',
          { className: 'actions' },
          h('button', { type: 'button', disabled: offset === 0, onclick: () => ((offset = Math.max(0, offset - limit)), load()) }, t('prev')),
          h('button', { type: 'button', disabled: offset + limit >= page.total, onclick: () => ((offset += limit), load()) }, t('next')),
        ),
      );
    } catch (e) {
      clear(results);
      results.append(h('p', { className: 'form-error' }, e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork')));
    }
  };
  const form = h(
    'form',
    {
      className: 'form search',
      onsubmit: (e: Event) => {
        e.preventDefault();
        offset = 0;
        void load();
      },
    },
    h('h2', {}, t('tabList')),
    q,
    product,
    h('button', { type: 'submit', className: 'primary' }, t('search')),
  );
  root.append(form, results);
  void load();
}

// ---------- login ----------
export function loginScreen(root: HTMLElement, ctx: Ctx): void {
  // Shown when the server asks: an authenticator code, a first set-up of it, or a new password.
  const totpField = field('totp', t('totpCode'), input('text', { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, pattern: '[0-9]{6}' }));
  const totpSetup = h('div', { className: 'totp-setup', hidden: true });
  const newPasswordFields = h(
    'div',
    { className: 'new-password', hidden: true },
    h('p', { className: 'hint' }, t('passwordChangeRequired')),
    field('newPassword', t('newPassword'), input('password', { autocomplete: 'new-password', minlength: 12 })),
    field('confirmPassword', t('confirmPassword'), input('password', { autocomplete: 'new-password' })),
  );
  totpField.hidden = true;
  const form = formShell(
    'login',
    h('h2', {}, t('login')),
    field('email', t('email'), input('email', { autocomplete: 'username' })),
    field('password', t('password'), input('password', { autocomplete: 'current-password' })),
    totpSetup,
    totpField,
    newPasswordFields,
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('login'))),
  );
  const raw = (name: string) => (form.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const email = value(form, 'email');
    const password = raw('password');
    const errors: Errors = {};
    if (!email) errors.email = t('errRequired', { field: t('email') });
    else if (!/^[^@\s]+@[^@\s]+$/.test(email)) errors.email = t('errEmail');
    if (!password) errors.password = t('errRequired', { field: t('password') });
    const body: Record<string, string> = { email, password };
    if (!totpField.hidden) {
      const code = value(form, 'totp');
      if (!/^\d{6}$/.test(code)) errors.totp = t('errTotpFormat');
      body.totp = code;
    }
    if (!newPasswordFields.hidden) {
      const next = raw('newPassword');
      if (next.length < 12) errors.newPassword = t('errPasswordShort');
      else if (next !== raw('confirmPassword')) errors.confirmPassword = t('errPasswordMismatch');
      body.newPassword = next;
    }
    if (Object.keys(errors).length) return showErrors(form, errors);
    try {
      const session = await api.post<Session>('/auth/login', body);
      setSession(session);
      ctx.onSession();
      ctx.navigate(homeRoute(session));
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'AUTH.TOTP_REQUIRED' || err.code === 'AUTH.TOTP_INVALID') {
          const first = totpField.hidden;
          totpField.hidden = false;
          (totpField.querySelector('input') as HTMLInputElement).focus();
          return showErrors(form, first && err.code === 'AUTH.TOTP_REQUIRED' ? {} : { totp: t('errTotp') }, first ? t('totpAsk') : undefined);
        }
        if (err.code === 'AUTH.TOTP_SETUP_REQUIRED') {
          const d = err.raw as { secret: string; otpauthUrl: string };
          clear(totpSetup);
          totpSetup.append(h('p', { className: 'hint' }, t('totpSetupRequired')), await totpQr(d.secret, d.otpauthUrl));
          totpSetup.hidden = false;
          totpField.hidden = false;
          return showErrors(form, {});
        }
        if (err.code === 'AUTH.PASSWORD_CHANGE_REQUIRED') {
          newPasswordFields.hidden = false;
          return showErrors(form, {}, t('passwordChangeRequired'));
        }
        if (err.status === 429) return showErrors(form, {}, t('errSignInDelayed', { seconds: err.retryAfter ?? 30 }));
        if (err.status === 401) return showErrors(form, {}, t('errLogin'));
      }
      showServerError(form, err);
    }
  });
  root.append(form);
}

/** The otpauth:// link as a QR code to scan, with the secret in words for typing it instead. */
export async function totpQr(secret: string, otpauthUrl: string): Promise<HTMLElement> {
  const { toDataURL } = await import('qrcode');
  const src = await toDataURL(otpauthUrl, { margin: 1, width: 200, errorCorrectionLevel: 'M' });
  return h(
    'div',
    { className: 'totp-qr' },
    h('img', { src, alt: t('totpQrAlt'), width: 200, height: 200, 'data-otpauth': otpauthUrl }),
    h('p', {}, t('totpSecretText'), ' ', h('code', { className: 'totp-secret' }, secret.replace(/(.{4})/g, '$1 ').trim())),
  );
}

export function homeRoute(s: Session | null): string {
  if (!s) return 'map';
  if (s.user.role === 'cooperative') return 'my-lots';
  if (s.user.role === 'buyer') return 'requests';
  if (s.user.role === 'agency') return 'agency-report';
  return 'matching';
}

// ---------- cooperative: lots ----------
interface LotView {
  id: string;
  product: string;
  quantityKg: number;
  committedKg?: number;
  remainingKg: number;
  harvestFrom: string;
  harvestTo: string;
  availableUntil?: string;
  backlog?: boolean;
  certifications: string[];
  askVndPerKg: number;
  location: { lat: number; lng: number } | null;
  productionAreaId: string | null;
  status: string;
  note: string | null;
  cooperativeName?: string;
}

export function lotFormScreen(root: HTMLElement, ctx: Ctx, existing?: LotView, presetAreaId?: string): void {
  const location = locationPicker(ctx.map, existing?.location ?? null);
  const areaSelect = select([['', t('noProductionArea')]], existing?.productionAreaId ?? '');
  const areaNote = h('span', { className: 'muted area-note' });
  const session = getSession();
  const areas = new Map<string, { id: string; name: string | null; product: string; boundary: Geometry }>();
  const chooseArea = (id: string, fromMap = false) => {
    const a = areas.get(id);
    if (!a) return;
    areaSelect.value = id;
    areaNote.textContent = fromMap ? t('areaChosenOnMap', { name: a.name ?? productName(ctx, a.product) }) : '';
    // A new lot on an area is most likely that area's product.
    const productEl = form.querySelector<HTMLSelectElement>('[name="product"]');
    if (productEl && !productEl.value) productEl.value = a.product;
    if (!fromMap) ctx.map.fitGeometry(a.boundary, 15);
  };
  // The cooperative's own production areas; a click on one of them on the map picks it.
  void api
    .get<Page<{ id: string; name: string | null; product: string; boundary: Geometry }>>('/production-areas', {
      cooperativeId: session?.user.role === 'cooperative' ? session.user.organizationId ?? undefined : undefined,
      limit: 200,
    })
    .then((page) => {
      for (const a of page.items) {
        areas.set(a.id, a);
        areaSelect.append(h('option', { value: a.id }, `${a.name ?? a.id.slice(0, 8)} (${productName(ctx, a.product)})`));
      }
      if (existing?.productionAreaId) areaSelect.value = existing.productionAreaId;
      else if (presetAreaId) chooseArea(presetAreaId);
    })
    .catch(() => undefined);
  areaSelect.addEventListener('change', () => chooseArea(areaSelect.value));
  const areaField = field('productionAreaId', t('productionArea'), areaSelect);
  areaField.append(areaNote, session?.user.role === 'cooperative' ? h('a', { href: '#/areas', className: 'draw-area-link' }, t('drawNewArea')) : '');
  ctx.map.areaClickHandler = (id) => chooseArea(id, true);
  onLeave(() => (ctx.map.areaClickHandler = null));

  // Kilograms sold in deals freeze the terms they were sold on (the server refuses changes with 409).
  const committedKg = existing?.committedKg ?? 0;
  const frozen = committedKg > 0 ? { disabled: true, title: t('frozenByDeals', { kg: formatNumber(committedKg) }) } : {};
  const productSelect = select(productOptions(ctx, '—'), existing?.product ?? '');
  if (committedKg > 0) Object.assign(productSelect, frozen);
  const form = formShell(
    'lot-form',
    h('h2', {}, existing ? `${t('edit')}: ${productName(ctx, existing.product)}` : t('tabNewLot')),
    committedKg > 0 ? h('p', { className: 'muted frozen-note' }, t('frozenByDeals', { kg: formatNumber(committedKg) })) : null,
    field('product', t('product'), productSelect),
    field('quantityKg', t('quantityKg'), input('number', { min: Math.max(1, committedKg), step: 1, inputmode: 'numeric', value: existing?.quantityKg })),
    field('harvestFrom', t('harvestFrom'), input('date', { value: existing?.harvestFrom, ...frozen })),
    field('harvestTo', t('harvestTo'), input('date', { value: existing?.harvestTo, ...frozen })),
    // Empty: the product's usual storage time after harvest decides (server side).
    field('availableUntil', t('availableUntil'), input('date', { value: existing?.availableUntil })),
    field('askVndPerKg', t('askVndPerKg'), input('number', { min: 0, step: 1, inputmode: 'numeric', value: existing?.askVndPerKg, ...frozen })),
    field('certifications', t('certifications'), checkboxes('certifications', CERTIFICATIONS, existing?.certifications ?? [])),
    areaField,
    field('location', t('location'), location.el),
    field('note', t('note'), h('textarea', { rows: 2, maxlength: 2000 }, existing?.note ?? '')),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, existing ? t('save') : t('create')), existing ? h('button', { type: 'button', onclick: () => ctx.navigate('my-lots') }, t('cancel')) : null),
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors: Errors = {};
    const product = value(form, 'product');
    const quantity = value(form, 'quantityKg');
    const hf = value(form, 'harvestFrom');
    const ht = value(form, 'harvestTo');
    const ask = value(form, 'askVndPerKg');
    const areaId = value(form, 'productionAreaId');
    if (!product) errors.product = t('errRequired', { field: t('product') });
    if (!isWholeNumber(quantity, 1)) errors.quantityKg = t('errPositiveInt', { field: t('quantityKg') });
    else if (Number(quantity) < committedKg) errors.quantityKg = t('errBelowCommitted', { kg: formatNumber(committedKg) });
    if (!hf) errors.harvestFrom = t('errRequired', { field: t('harvestFrom') });
    if (!ht) errors.harvestTo = t('errRequired', { field: t('harvestTo') });
    if (hf && ht && ht < hf) errors.harvestTo = t('errWindow');
    const until = value(form, 'availableUntil');
    if (until && ht && until < ht) errors.availableUntil = t('errAvailableUntil');
    if (!isWholeNumber(ask, 0)) errors.askVndPerKg = t('errNonNegativeInt', { field: t('askVndPerKg') });
    if (!location.value && !areaId) errors.location = t('errLocation');
    if (Object.keys(errors).length) return showErrors(form, errors);
    const body: Record<string, unknown> = {
      product,
      quantityKg: Number(quantity),
      harvestFrom: hf,
      harvestTo: ht,
      ...(until ? { availableUntil: until } : {}),
      askVndPerKg: Number(ask),
      certifications: checkedValues(form, 'certifications'),
      note: value(form, 'note') || undefined,
    };
    if (areaId) body.productionAreaId = areaId;
    if (location.value) body.location = location.value;
    try {
      const saved = existing ? await api.patch<LotView>(`/supply-lots/${existing.id}`, body) : await api.post<LotView>('/supply-lots', body);
      ctx.map.clearPickMarker();
      flashNext(existing ? t('saved') : t('posted'));
      ctx.navigate('my-lots');
      if (saved.location) ctx.map.showPoint(saved.location, 14);
      ctx.map.refresh();
    } catch (err) {
      showServerError(form, err);
    }
  });
  root.append(form);
}

export function myLotsScreen(root: HTMLElement, ctx: Ctx): void {
  const session = getSession();
  const box = h('div', {}, h('p', {}, t('loading')));
  root.append(h('div', { className: 'toolbar' }, h('h2', {}, t('tabMyLots')), h('button', { type: 'button', className: 'primary', onclick: () => ctx.navigate('new-lot') }, t('tabNewLot'))), box);
  void api
    .get<Page<LotView>>('/supply-lots', { cooperativeId: session?.user.organizationId ?? undefined, limit: 100 })
    .then((page) => {
      clear(box);
      if (!page.items.length) return box.append(h('p', { className: 'empty' }, t('noResults')));
      box.append(
        h(
          'ul',
          { className: 'cards my-lots' },
          ...page.items.map((l) =>
            h(
              'li',
              { className: 'card', 'data-lot-id': l.id },
              h('h3', {}, productName(ctx, l.product)),
              h('p', {}, `${t('remaining')}: ${formatTons(l.remainingKg)} / ${formatTons(l.quantityKg)} · ${formatVndPerKg(l.askVndPerKg)}`),
              h('p', {}, `${t('harvestWindow')}: ${formatWindow(l.harvestFrom, l.harvestTo)}`),
              l.availableUntil ? h('p', { className: 'available-until' }, `${t('availableUntil')}: ${l.availableUntil}`, l.backlog ? h('span', { className: 'badge backlog' }, ` · ${t('backlogBadge')}`) : null) : null,
              h('p', { className: 'muted' }, `${t('status')}: ${statusLabel('status', l.status)}`),
              curfewNotice(l),
              l.note ? h('p', { className: 'note' }, l.note) : null,
              historySection(`/supply-lots/${l.id}/history`),
              h(
                'div',
                { className: 'actions' },
                h('button', { type: 'button', onclick: () => ctx.navigate(`edit-lot/${l.id}`) }, t('edit')),
                l.location ? h('button', { type: 'button', onclick: () => ctx.map.showPoint(l.location!, 15) }, t('showOnMap')) : null,
                l.status === 'open'
                  ? h(
                      'button',
                      {
                        type: 'button',
                        onclick: async () => {
                          await api.patch(`/supply-lots/${l.id}`, { withdrawn: true }).catch(() => undefined);
                          ctx.map.refresh();
                          ctx.navigate('my-lots');
                        },
                      },
                      t('withdraw'),
                    )
                  : null,
              ),
            ),
          ),
        ),
      );
    })
    .catch((e) => {
      clear(box);
      box.append(h('p', { className: 'form-error' }, e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork')));
    });
}

export function editLotScreen(root: HTMLElement, ctx: Ctx, id: string): void {
  void api
    .get<LotView>(`/supply-lots/${encodeURIComponent(id)}`)
    .then((lot) => lotFormScreen(root, ctx, lot))
    .catch(() => root.append(h('p', { className: 'form-error' }, t('noResults'))));
}

// ---------- buyer: purchase requests ----------
interface RequestView {
  id: string;
  product: string;
  quantityKg: number;
  remainingKg: number;
  deliverFrom: string;
  deliverTo: string;
  bidVndPerKg: number;
  status: string;
  requiredCertifications: string[];
}

export function requestsScreen(root: HTMLElement, ctx: Ctx): void {
  const location = locationPicker(ctx.map);
  const form = formShell(
    'request-form',
    h('h2', {}, t('newRequest')),
    field('product', t('product'), select(productOptions(ctx, '—'))),
    field('quantityKg', t('quantityKg'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
    field('deliverFrom', t('deliverFrom'), input('date')),
    field('deliverTo', t('deliverTo'), input('date')),
    field('bidVndPerKg', t('bidVndPerKg'), input('number', { min: 0, step: 1, inputmode: 'numeric' })),
    field('requiredCertifications', t('requiredCertifications'), checkboxes('requiredCertifications', CERTIFICATIONS)),
    field('maxDistanceKm', t('maxDistanceKm'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
    field('location', t('location'), location.el),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('create'))),
  );
  const list = h('div', { className: 'my-requests' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors: Errors = {};
    const product = value(form, 'product');
    const quantity = value(form, 'quantityKg');
    const df = value(form, 'deliverFrom');
    const dt = value(form, 'deliverTo');
    const bid = value(form, 'bidVndPerKg');
    const maxKm = value(form, 'maxDistanceKm');
    if (!product) errors.product = t('errRequired', { field: t('product') });
    if (!isWholeNumber(quantity, 1)) errors.quantityKg = t('errPositiveInt', { field: t('quantityKg') });
    if (!df) errors.deliverFrom = t('errRequired', { field: t('deliverFrom') });
    if (!dt) errors.deliverTo = t('errRequired', { field: t('deliverTo') });
    if (df && dt && dt < df) errors.deliverTo = t('errWindow');
    if (!isWholeNumber(bid, 0)) errors.bidVndPerKg = t('errNonNegativeInt', { field: t('bidVndPerKg') });
    if (maxKm && !isWholeNumber(maxKm, 1)) errors.maxDistanceKm = t('errPositiveInt', { field: t('maxDistanceKm') });
    if (Object.keys(errors).length) return showErrors(form, errors);
    const body: Record<string, unknown> = {
      product,
      quantityKg: Number(quantity),
      deliverFrom: df,
      deliverTo: dt,
      bidVndPerKg: Number(bid),
      requiredCertifications: checkedValues(form, 'requiredCertifications'),
    };
    if (maxKm) body.maxDistanceKm = Number(maxKm);
    if (location.value) body.location = location.value;
    try {
      await api.post('/purchase-requests', body);
      form.reset();
      location.reset();
      clearErrors(form);
      flash(form, t('requestPosted'));
      void loadRequests();
    } catch (err) {
      showServerError(form, err);
    }
  });
  const loadRequests = async () => {
    const session = getSession();
    try {
      const page = await api.get<Page<RequestView>>('/purchase-requests', { buyerId: session?.user.organizationId ?? undefined, limit: 100 });
      clear(list);
      list.append(
        h('h2', {}, t('myRequests')),
        page.items.length
          ? h(
              'ul',
              { className: 'cards' },
              ...page.items.map((r) =>
                h(
                  'li',
                  { className: 'card' },
                  h('h3', {}, productName(ctx, r.product)),
                  h('p', {}, `${t('remaining')}: ${formatTons(r.remainingKg)} / ${formatTons(r.quantityKg)} · ${formatVndPerKg(r.bidVndPerKg)}`),
                  h('p', {}, `${t('deliverWindow')}: ${formatWindow(r.deliverFrom, r.deliverTo)}`),
                  h('p', { className: 'muted' }, `${t('status')}: ${statusLabel('status', r.status)}`),
                  curfewNotice(r),
                  historySection(`/purchase-requests/${r.id}/history`),
                ),
              ),
            )
          : h('p', { className: 'empty' }, t('noResults')),
      );
    } catch {
      clear(list);
    }
  };
  root.append(form, list);
  void loadRequests();
}

// ---------- staff: matching runs ----------
interface MatchingRunView {
  id: string;
  status: string;
  progress: number;
  objective?: { matchedKg: number; scoreVnd: number } | null;
  proposalsCount?: number | null;
  error?: string | null;
}


let pollTimer: number | undefined;

export function matchingScreen(root: HTMLElement, ctx: Ctx): void {
  window.clearTimeout(pollTimer);
  const status = h('p', { className: 'run-status', role: 'status' });
  const table = h('div', { className: 'proposals' });
  const form = formShell(
    'matching-form',
    h('h2', {}, t('matchingTitle')),
    field('objective', t('objective'), select([['volume-then-score', t('objective_volume')], ['score', t('objective_score')]], 'volume-then-score')),
    field('scenario', t('scenario'), select([['1', t('scenario_1')], ['2', t('scenario_2')]], '1')),
    field('products', t('products'), checkboxes('products', ctx.products.map((p) => p.code), [], (code) => productName(ctx, code))),
    field('transportVndPerKgKm', t('transportVndPerKgKm'), input('number', { min: 0, step: 'any', inputmode: 'decimal' })),
    field('kmPerDay', t('kmPerDay'), input('number', { min: 1, step: 1, inputmode: 'numeric' })),
    field('runDay', t('runDay'), input('date', {})),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('startRun'))),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors: Errors = {};
    const transport = value(form, 'transportVndPerKgKm');
    const kmPerDay = value(form, 'kmPerDay');
    if (transport && !(Number(transport) >= 0)) errors.transportVndPerKgKm = t('errNonNegativeInt', { field: t('transportVndPerKgKm') });
    if (kmPerDay && !isWholeNumber(kmPerDay, 1)) errors.kmPerDay = t('errPositiveInt', { field: t('kmPerDay') });
    if (Object.keys(errors).length) return showErrors(form, errors);
    const params: Record<string, number> = {};
    if (transport) params.transportVndPerKgKm = Number(transport);
    if (kmPerDay) params.kmPerDay = Number(kmPerDay);
    try {
      const run = await api.post<{ id: string }>('/matching-runs', {
        objective: value(form, 'objective'),
        scenario: Number(value(form, 'scenario')),
        products: checkedValues(form, 'products'),
        params,
        ...(value(form, 'runDay') ? { runDay: value(form, 'runDay') } : {}),
      });
      clearErrors(form);
      void poll(run.id);
    } catch (err) {
      showServerError(form, err);
    }
  });

  const poll = async (id: string) => {
    try {
      const run = await api.get<MatchingRunView>(`/matching-runs/${id}`);
      status.textContent = `${t('runStatus', { id: id.slice(0, 8), status: statusLabel('run', run.status), progress: run.progress ?? 0 })}${run.objective ? ` · ${t('matchedKg', { tons: formatTons(run.objective.matchedKg) })}` : ''}`;
      status.dataset.status = run.status;
      if (run.status === 'queued' || run.status === 'running') {
        pollTimer = window.setTimeout(() => void poll(id), 1000);
        return;
      }
      if (run.status === 'completed') {
        ctx.map.setFlows({ matchingRunId: id, kind: 'proposals' });
        await showProposals(table, ctx, `/matching-runs/${id}/proposals`, 'staff');
      }
      if (run.status !== 'queued' && run.status !== 'running') void runs.reload();
    } catch (err) {
      status.textContent = err instanceof ApiError ? t('errServer', { message: err.message }) : t('errNetwork');
    }
  };
  const runs = runsPanel(ctx, (id) => void poll(id));
  root.append(form, status, table, runs.el, schedulesPanel(ctx, () => void runs.reload()));
}

