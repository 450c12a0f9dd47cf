// Staff: the registry of cooperatives and buyers — search, edit, add.
import { api, ApiError, type Schema } from './api';
import { clear, h, listener } from './dom';
import {
  checkboxes,
  checkedValues,
  Errors,
  field,
  flashNext,
  formShell,
  input,
  isWholeNumber,
  select,
  showErrors,
  showServerError,
  value,
} from './forms';
import { statusLabel } from './format';
import { locationPicker } from './location-picker';
import { getLang, t, tr } from './i18n';
import type { Ctx } from './screen-context';
import { BUYER_TYPES, CERTIFICATIONS } from './screens/catalogue';

const COOPERATIVE_KINDS = ['cooperative', 'cooperative_group', 'enterprise', 'household'] as const;

type Kind = 'cooperatives' | 'buyers';
type Cooperative = Schema<'CooperativeResponse'>;
type Buyer = Schema<'BuyerResponse'>;
/** A cooperative or a buyer; the other kind's own fields read as absent. */
type Organization =
  | (Cooperative & { [K in Exclude<keyof Buyer, keyof Cooperative>]?: never })
  | (Buyer & { [K in Exclude<keyof Cooperative, keyof Buyer>]?: never });
type OrgBody = Partial<Schema<'CreateCooperativeDto'>> & Partial<Schema<'CreateBuyerDto'>>;

const getOrg = (kind: Kind, id: string): Promise<Organization> =>
  kind === 'cooperatives'
    ? api.GET('/api/cooperatives/{id}', { params: { path: { id } } })
    : api.GET('/api/buyers/{id}', { params: { path: { id } } });
const listOrgs = (
  kind: Kind,
  query: { q?: string; limit: number; offset: number },
): Promise<{ items: Organization[]; total: number }> =>
  kind === 'cooperatives'
    ? api.GET('/api/cooperatives', { params: { query } })
    : api.GET('/api/buyers', { params: { query } });

const PHONE = /^(\+?84|0)[\d\s.-]{8,13}$/;
const TAX = /^\d{10}(-\d{3})?$/;

export function registryScreen(root: HTMLElement, ctx: Ctx, kind: Kind = 'cooperatives', id?: string): void {
  const tabs = h(
    'nav',
    { className: 'subtabs' },
    h('a', { href: '#/registry/cooperatives', className: kind === 'cooperatives' ? 'active' : '' }, t('cooperatives')),
    h('a', { href: '#/registry/buyers', className: kind === 'buyers' ? 'active' : '' }, t('buyers')),
  );
  root.append(h('h2', {}, t('tabRegistry')), tabs);
  if (id) {
    if (id === 'new') {
      orgForm(root, ctx, kind);
      return;
    }
    const box = h('p', {}, t('loading'));
    root.append(box);
    void getOrg(kind, id)
      .then((org) => {
        box.remove();
        orgForm(root, ctx, kind, org);
      })
      .catch(
        (e) => (box.textContent = e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork')),
      );
    return;
  }

  const q = input('search', { placeholder: t('registrySearch'), 'aria-label': t('search') });
  const results = h('div', { className: 'results' });
  let offset = 0;
  const limit = 20;
  const load = async () => {
    clear(results);
    results.append(h('p', {}, t('loading')));
    try {
      const page = await listOrgs(kind, { q: q.value.trim() || undefined, limit, offset });
      clear(results);
      if (!page.items.length) {
        results.append(h('p', { className: 'empty' }, t('noResults')));
        return;
      }
      results.append(
        h(
          'p',
          { className: 'muted' },
          t('showing', { from: offset + 1, to: offset + page.items.length, total: page.total }),
        ),
        h(
          'ul',
          { className: 'cards registry-list' },
          ...page.items.map((o) =>
            h(
              'li',
              { className: 'card org', 'data-org-id': o.id },
              h('h3', {}, o.name),
              h(
                'p',
                { className: 'muted' },
                kind === 'cooperatives' ? tr(`coopKind_${o.kind}`, o.kind ?? '') : statusLabel('buyer', o.type ?? ''),
              ),
              o.address ? h('p', {}, o.address) : null,
              o.contactName || o.contactPhone
                ? h('p', {}, [o.contactName, o.contactPhone].filter(Boolean).join(' · '))
                : null,
              h(
                'div',
                { className: 'actions' },
                h(
                  'button',
                  { type: 'button', className: 'edit-org', onclick: () => ctx.navigate(`registry/${kind}/${o.id}`) },
                  t('edit'),
                ),
                o.location
                  ? h('button', { type: 'button', onclick: () => ctx.map.showPoint(o.location!, 13) }, t('showOnMap'))
                  : null,
              ),
            ),
          ),
        ),
        h(
          'div',
          { className: 'actions' },
          h(
            'button',
            {
              type: 'button',
              disabled: offset === 0,
              onclick: listener(() => ((offset = Math.max(0, offset - limit)), load())),
            },
            t('prev'),
          ),
          h(
            'button',
            {
              type: 'button',
              disabled: offset + limit >= page.total,
              onclick: listener(() => ((offset += limit), load())),
            },
            t('next'),
          ),
        ),
      );
    } catch (e) {
      clear(results);
      results.append(
        h(
          'p',
          { className: 'form-error' },
          e instanceof ApiError ? t('errServer', { message: e.message }) : t('errNetwork'),
        ),
      );
    }
  };
  const search = h(
    'form',
    {
      className: 'form search',
      onsubmit: (e: Event) => {
        e.preventDefault();
        offset = 0;
        void load();
      },
    },
    q,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary' }, t('search')),
      h(
        'button',
        { type: 'button', className: 'new-org', onclick: () => ctx.navigate(`registry/${kind}/new`) },
        t(kind === 'cooperatives' ? 'newCooperative' : 'newBuyer'),
      ),
    ),
  );
  root.append(search, results);
  void load();
}

function orgForm(root: HTMLElement, ctx: Ctx, kind: Kind, org?: Organization): void {
  const coop = kind === 'cooperatives';
  const location = locationPicker(ctx.map, org?.location ?? null);
  const productLabel = (code: string) => {
    const p = ctx.products.find((x) => x.code === code);
    return p ? (getLang() === 'vi' ? p.nameVi : p.nameEn) : code;
  };
  const products = ctx.products.map((p) => p.code);
  const form = formShell(
    'org-form',
    h('h3', {}, org ? `${t('edit')}: ${org.name}` : t(coop ? 'newCooperative' : 'newBuyer')),
    field('name', t('orgName'), input('text', { maxlength: 300, value: org?.name })),
    coop
      ? field(
          'kind',
          t('coopKind'),
          select(
            COOPERATIVE_KINDS.map((k) => [k, tr(`coopKind_${k}`, k)] as [string, string]),
            org?.kind ?? 'cooperative',
          ),
        )
      : field(
          'type',
          t('buyerType'),
          select(
            BUYER_TYPES.map((b) => [b, statusLabel('buyer', b)] as [string, string]),
            org?.type ?? 'wholesale_market',
          ),
        ),
    field('taxCode', t('taxCode'), input('text', { maxlength: 14, inputmode: 'numeric', value: org?.taxCode ?? '' })),
    field(
      'provinceCode',
      t('province'),
      select([['', '—'], ...ctx.provinces.map((p) => [p.code, p.name] as [string, string])], org?.provinceCode ?? ''),
    ),
    field('address', t('address'), input('text', { maxlength: 500, value: org?.address ?? '' })),
    field('contactName', t('contactName'), input('text', { maxlength: 200, value: org?.contactName ?? '' })),
    field('contactPhone', t('contactPhone'), input('tel', { maxlength: 20, value: org?.contactPhone ?? '' })),
    field('contactEmail', t('email'), input('email', { maxlength: 254, value: org?.contactEmail ?? '' })),
    coop
      ? field(
          'members',
          t('members'),
          input('number', { min: 0, step: 1, inputmode: 'numeric', value: org?.members ?? '' }),
        )
      : null,
    coop
      ? field(
          'certifications',
          t('certifications'),
          checkboxes('certifications', CERTIFICATIONS, org?.certifications ?? []),
        )
      : null,
    field(
      coop ? 'products' : 'productsWanted',
      coop ? t('coopProducts') : t('productsWanted'),
      checkboxes(
        coop ? 'products' : 'productsWanted',
        products,
        (coop ? org?.products : org?.productsWanted) ?? [],
        productLabel,
      ),
    ),
    field('location', t('location'), location.el),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary' }, org ? t('save') : t('create')),
      h('button', { type: 'button', onclick: () => ctx.navigate(`registry/${kind}`) }, t('cancel')),
    ),
  );
  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const name = value(form, 'name');
      const taxCode = value(form, 'taxCode');
      const phone = value(form, 'contactPhone');
      const email = value(form, 'contactEmail');
      const members = coop ? value(form, 'members') : '';
      if (!name) errors.name = t('errRequired', { field: t('orgName') });
      if (taxCode && !TAX.test(taxCode)) errors.taxCode = t('errTaxCode');
      if (phone && !PHONE.test(phone)) errors.contactPhone = t('errPhone');
      if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.contactEmail = t('errEmail');
      if (members && !isWholeNumber(members, 0)) errors.members = t('errNonNegativeInt', { field: t('members') });
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      // Empty text fields clear the value (null); they are sent so an edit can remove them.
      const body: OrgBody = {
        name,
        taxCode: taxCode || null,
        provinceCode: value(form, 'provinceCode') || null,
        address: value(form, 'address') || null,
        contactName: value(form, 'contactName') || null,
        contactPhone: phone || null,
        contactEmail: email || null,
      };
      if (coop) {
        body.kind = value(form, 'kind') as Cooperative['kind'];
        body.members = members ? Number(members) : null;
        body.certifications = checkedValues(form, 'certifications') as OrgBody['certifications'];
        body.products = checkedValues(form, 'products');
      } else {
        body.type = value(form, 'type') as Buyer['type'];
        body.productsWanted = checkedValues(form, 'productsWanted');
      }
      if (location.value) body.location = location.value;
      try {
        // The form asked for the name and the kind's fields above.
        const path = { id: org?.id ?? '' };
        if (coop)
          await (org
            ? api.PATCH('/api/cooperatives/{id}', { params: { path }, body })
            : api.POST('/api/cooperatives', { body: body as Schema<'CreateCooperativeDto'> }));
        else
          await (org
            ? api.PATCH('/api/buyers/{id}', { params: { path }, body })
            : api.POST('/api/buyers', { body: body as Schema<'CreateBuyerDto'> }));
        ctx.map.clearPickMarker();
        ctx.map.refresh();
        flashNext(t('saved'));
        ctx.navigate(`registry/${kind}`);
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );
  root.append(form);
}
