// Giấy phép luồng xanh: staff issue and revoke; operators and the cooperatives they serve print them for the driver.
import { api, download, getSession, type Schema } from '../api';
import { clear, h, listener } from '../dom';
import { Errors, field, flash, formShell, input, select, showErrors, showServerError, value } from '../forms';
import { formatDate } from '../format';
import { t } from '../i18n';
import type { Ctx } from '../screen-context';

export type PermitView = Schema<'GreenLanePermitResponse'>;

const STATUSES = ['active', 'pending', 'expired', 'revoked'] as const;

function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The authenticated SVG shown inline (an <img src> would not carry the bearer token). */
async function showQr(permit: PermitView, slot: HTMLElement): Promise<void> {
  const qr = await api
    .file('/api/green-lane-permits/{id}/qr.svg', { params: { path: { id: permit.id } } })
    .catch(() => null);
  if (!qr) return;
  const url = URL.createObjectURL(new Blob([qr.blob], { type: 'image/svg+xml' }));
  clear(slot);
  slot.append(h('img', { src: url, alt: `QR ${permit.code}`, className: 'permit-qr', width: 240 }));
}

export function permitsScreen(root: HTMLElement, ctx: Ctx): void {
  const role = getSession()?.user.role;
  const isStaff = role === 'staff' || role === 'admin';
  const vehicleSelect = select([['', '—']]);
  const provinces = h(
    'select',
    { multiple: true, size: 5, className: 'permit-provinces' },
    ...ctx.provinces.map((p) => h('option', { value: p.code }, p.name)),
  );
  const today = todayInVietnam();
  if (isStaff) {
    void api
      .GET('/api/vehicles', { params: { query: { status: 'active', limit: 500 } } })
      .then((p) =>
        p.items.forEach((v) => vehicleSelect.append(h('option', { value: v.id }, `${v.plate} · ${v.operatorName}`))),
      )
      .catch(() => undefined);
  }
  const form = formShell(
    'permit-form',
    h('h2', {}, t('issuePermit')),
    h('p', { className: 'muted' }, t('permitsIntro')),
    field('vehicleId', t('permitVehicle'), vehicleSelect),
    field('validFrom', t('permitFrom'), input('date', { value: today })),
    field('validTo', t('permitTo'), input('date', { value: today })),
    field('provinceCodes', t('permitProvinces'), provinces),
    field('note', t('permitNote'), input('text', { maxlength: 500 })),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'primary' }, t('issuePermit'))),
  );
  const statusFilter = select([
    ['', t('allStatuses')],
    ...STATUSES.map((s) => [s, t(`permitStatus_${s}`)] as [string, string]),
  ]);
  statusFilter.setAttribute('aria-label', t('allStatuses'));
  statusFilter.addEventListener('change', () => void load());
  const list = h('div', { className: 'permit-list' });

  form.addEventListener(
    'submit',
    listener(async (e) => {
      e.preventDefault();
      const errors: Errors = {};
      const from = value(form, 'validFrom');
      const to = value(form, 'validTo');
      if (!vehicleSelect.value) errors.vehicleId = t('errVehicle');
      if (!from || !to || to < from) errors.validTo = t('errPermitDates');
      if (Object.keys(errors).length) {
        showErrors(form, errors);
        return;
      }
      const body: Schema<'IssuePermitDto'> = { vehicleId: vehicleSelect.value, validFrom: from, validTo: to };
      const codes = [...provinces.selectedOptions].map((o) => o.value);
      if (codes.length) body.provinceCodes = codes;
      if (value(form, 'note')) body.note = value(form, 'note');
      try {
        const p = await api.POST('/api/green-lane-permits', { body });
        showErrors(form, {});
        flash(form, t('permitIssued', { code: p.code }));
        void load();
      } catch (err) {
        showServerError(form, err);
      }
    }),
  );

  const load = async () => {
    const page = await api
      .GET('/api/green-lane-permits', {
        params: {
          query: {
            status: (statusFilter.value || undefined) as Schema<'GreenLanePermitResponse'>['status'] | undefined,
            limit: 200,
          },
        },
      })
      .catch(() => null);
    clear(list);
    list.append(h('h2', {}, t('permitsTitle')), h('div', { className: 'filters' }, statusFilter));
    if (!page?.items.length) {
      list.append(h('p', { className: 'empty' }, t('noPermits')));
      return;
    }
    list.append(
      h(
        'ul',
        { className: 'cards permits' },
        ...page.items.map((p) => {
          const qrSlot = h('div', { className: 'qr-slot' });
          return h(
            'li',
            { className: `card permit-card ${p.status}`, 'data-id': p.id, 'data-code': p.code },
            h(
              'h3',
              {},
              h('span', { className: 'plate' }, p.plate),
              ' · ',
              h('code', { className: 'permit-code' }, p.code),
            ),
            h('p', {}, `${t('permitValidity')}: ${formatDate(p.validFrom)} – ${formatDate(p.validTo)}`),
            h(
              'p',
              { className: `permit-status status-${p.status}` },
              t(`permitStatus_${p.status}`),
              p.revokedReason ? ` (${p.revokedReason})` : '',
            ),
            h(
              'p',
              { className: 'muted' },
              p.operatorName,
              p.provinceCodes.length ? ` · ${p.provinceCodes.join(', ')}` : '',
            ),
            p.note ? h('p', { className: 'note' }, p.note) : null,
            h(
              'div',
              { className: 'actions' },
              h('button', { type: 'button', className: 'show-qr', onclick: () => void showQr(p, qrSlot) }, t('showQr')),
              h(
                'button',
                {
                  type: 'button',
                  className: 'download-pdf',
                  onclick: () =>
                    void download(
                      api.file('/api/green-lane-permits/{id}/permit.pdf', { params: { path: { id: p.id } } }),
                      `luong-xanh-${p.code}.pdf`,
                    ).catch(() => undefined),
                },
                t('downloadPdf'),
              ),
              h(
                'button',
                {
                  type: 'button',
                  className: 'download-svg',
                  onclick: () =>
                    void download(
                      api.file('/api/green-lane-permits/{id}/qr.svg', { params: { path: { id: p.id } } }),
                      `luong-xanh-${p.code}.svg`,
                    ).catch(() => undefined),
                },
                t('downloadSvg'),
              ),
              isStaff && p.status !== 'revoked' && p.status !== 'expired'
                ? h(
                    'button',
                    {
                      type: 'button',
                      className: 'revoke danger',
                      onclick: listener(async () => {
                        const reason = window.prompt(t('confirmRevoke', { code: p.code }), '');
                        if (reason === null) return;
                        await api
                          .POST('/api/green-lane-permits/{id}/revoke', {
                            params: { path: { id: p.id } },
                            body: reason.trim() ? { reason: reason.trim() } : {},
                          })
                          .catch(() => undefined);
                        flash(list, t('permitRevoked', { code: p.code }));
                        void load();
                      }),
                    },
                    t('revokePermit'),
                  )
                : null,
            ),
            qrSlot,
          );
        }),
      ),
    );
  };
  if (isStaff) root.append(form);
  root.append(list);
  void load();
}
