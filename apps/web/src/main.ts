import './style.css';
import './list.css';
import { api, getSession, logout, Product } from './api';
import { clear, h, leaveScreen, listener } from './dom';
import { showPendingFlash } from './forms';
import { getLang, setLang, t } from './i18n';
import { SupplyMap } from './map-view';
import type { Ctx } from './screen-context';
import { mapScreen } from './screens/map-filters';
import { listScreen } from './screens/supply-list';
import { loginScreen } from './screens/login';
import { Bell } from './notifications';

type Role = 'admin' | 'staff' | 'cooperative' | 'buyer' | 'transport' | 'agency';
type Sheet = 'peek' | 'half' | 'full';

/** Tabs each role sees; everyone has the public map and list. */
const TABS: Array<{ route: string; label: () => string; roles: Role[] | 'all' }> = [
  { route: 'map', label: () => t('tabMap'), roles: 'all' },
  { route: 'list', label: () => t('tabList'), roles: 'all' },
  {
    route: 'my-lots',
    label: () => (getSession()?.user.role === 'cooperative' ? t('tabMyLots') : t('tabLots')),
    roles: ['cooperative', 'staff', 'admin'],
  },
  { route: 'new-lot', label: () => t('tabNewLot'), roles: ['cooperative', 'staff', 'admin'] },
  { route: 'requests', label: () => t('tabRequests'), roles: ['buyer', 'staff', 'admin'] },
  { route: 'stock', label: () => t('tabStock'), roles: ['buyer'] },
  { route: 'areas', label: () => t('tabAreas'), roles: ['cooperative', 'staff', 'admin'] },
  { route: 'dashboard', label: () => t('tabDashboard'), roles: ['staff', 'admin'] },
  { route: 'matching', label: () => t('tabMatching'), roles: ['staff', 'admin'] },
  { route: 'proposals', label: () => t('tabProposals'), roles: ['cooperative', 'buyer', 'staff', 'admin'] },
  { route: 'deals', label: () => t('tabDeals'), roles: ['cooperative', 'buyer', 'staff', 'admin'] },
  { route: 'loads', label: () => t('tabLoads'), roles: ['cooperative', 'buyer', 'staff', 'admin', 'transport'] },
  { route: 'zones', label: () => t('tabZones'), roles: ['staff', 'admin'] },
  { route: 'transport-plans', label: () => t('tabTransportPlans'), roles: ['staff', 'admin'] },
  { route: 'prices', label: () => t('tabPrices'), roles: ['staff', 'admin'] },
  { route: 'harvest-resources', label: () => t('tabHarvestResources'), roles: ['cooperative', 'staff', 'admin'] },
  { route: 'audit', label: () => t('tabAudit'), roles: ['staff', 'admin'] },
  { route: 'imports', label: () => t('tabImports'), roles: ['staff', 'admin'] },
  { route: 'registry', label: () => t('tabRegistry'), roles: ['staff', 'admin'] },
  { route: 'transport-operators', label: () => t('tabTransportOperators'), roles: ['staff', 'admin'] },
  { route: 'users', label: () => t('tabUsers'), roles: ['staff', 'admin'] },
  { route: 'agency-report', label: () => t('tabAgencyReport'), roles: ['agency'] },
  { route: 'agency-reports', label: () => t('tabAgencyReports'), roles: ['staff', 'admin'] },
  { route: 'tasks', label: () => t('tabTasks'), roles: ['agency', 'staff', 'admin'] },
  { route: 'ad-hoc-reports', label: () => t('tabAdHoc'), roles: ['agency', 'staff', 'admin'] },
  { route: 'agencies', label: () => t('tabAgencies'), roles: ['staff', 'admin'] },
  { route: 'staff-provinces', label: () => t('tabStaffProvinces'), roles: ['admin'] },
  { route: 'vehicles', label: () => t('tabVehicles'), roles: ['transport', 'staff', 'admin'] },
  { route: 'permits', label: () => t('tabPermits'), roles: ['transport', 'cooperative', 'staff', 'admin'] },
  { route: 'checkpoint', label: () => t('tabCheckpoint'), roles: 'all' },
];

const SIGNED_IN: Role[] = ['admin', 'staff', 'cooperative', 'buyer', 'agency', 'transport'];
const PHONE = window.matchMedia('(max-width: 700px)');
const SHEETS: Sheet[] = ['peek', 'half', 'full'];

const route = () => location.hash.replace(/^#\/?/, '') || 'map';
/** On a phone the map route leaves most of the screen to the map; working screens share it. */
const sheetFor = (r: string): Sheet => (r.split('/')[0] === 'map' ? 'peek' : 'half');

async function boot(): Promise<void> {
  setLang(getLang());
  const app = document.getElementById('app')!;
  // The panel's width (desktop) and the sheet's height (phone) depend on the route: set both before
  // the map measures itself, so its first view is its final one and each layer is fetched once.
  document.body.dataset.route = route().split('/')[0];
  document.body.dataset.sheet = sheetFor(route());
  const header = h('header', { className: 'top' });
  const panel = h('section', { id: 'panel', className: 'panel', tabindex: -1, 'aria-label': t('workPanel') });
  const sheetToggle = h(
    'button',
    { type: 'button', className: 'sheet-toggle', 'aria-controls': 'panel' },
    h('span', { className: 'grip', 'aria-hidden': 'true' }),
  );
  const sheetBar = h('div', { className: 'sheet-bar' }, sheetToggle);
  const mapEl = h('div', { id: 'map', className: 'map', role: 'region', 'aria-label': t('tabMap') });
  const skip = h(
    'a',
    {
      href: '#panel',
      className: 'skip-link',
      onclick: (e: Event) => {
        e.preventDefault();
        panel.focus();
      },
    },
    t('skipToPanel'),
  );
  app.append(skip, header, h('main', { className: 'layout' }, panel, sheetBar, mapEl));

  const map = new SupplyMap(mapEl);

  const setSheet = (next: Sheet) => {
    const before = document.body.dataset.sheet;
    document.body.dataset.sheet = next;
    const growing = next !== 'full';
    sheetToggle.setAttribute('aria-expanded', String(next !== 'peek'));
    sheetToggle.setAttribute('aria-label', growing ? t('sheetExpand') : t('sheetCollapse'));
    sheetToggle.title = sheetToggle.getAttribute('aria-label')!;
    if (before !== next) map.invalidate();
  };
  const stepSheet = (by: number) => {
    const i = SHEETS.indexOf((document.body.dataset.sheet as Sheet) ?? 'half');
    setSheet(SHEETS[Math.min(SHEETS.length - 1, Math.max(0, i + by))]);
  };
  // A tap steps up (and from full back down to the smallest); a drag up or down steps that way.
  let dragFrom: number | null = null;
  let dragged = false;
  sheetBar.addEventListener('pointerdown', (e) => ((dragFrom = e.clientY), (dragged = false)));
  sheetBar.addEventListener('pointerup', (e) => {
    if (dragFrom === null) return;
    const dy = e.clientY - dragFrom;
    dragFrom = null;
    if (Math.abs(dy) < 24) return;
    dragged = true;
    stepSheet(dy < 0 ? 1 : -1);
  });
  sheetToggle.addEventListener('click', () => {
    if (dragged) return void (dragged = false);
    setSheet(
      document.body.dataset.sheet === 'full' ? 'peek' : document.body.dataset.sheet === 'peek' ? 'half' : 'full',
    );
  });
  setSheet(document.body.dataset.sheet as Sheet);
  // A screen that needs the map (picking a point, showing a lot) gets it back from a full sheet.
  map.onViewWanted = (picking) => {
    if (!PHONE.matches) return;
    if (picking) setSheet('peek');
    else if (document.body.dataset.sheet === 'full') setSheet('half');
  };

  const ctx: Ctx = {
    map,
    products: [],
    provinces: [],
    navigate: (r) => {
      if (location.hash !== `#/${r}`) location.hash = `#/${r}`;
      else render();
    },
    onSession: () => {
      renderHeader();
      // Contacts appear in popups once signed in, and the flow layer and its legend change with the caller.
      map.relabel();
    },
  };

  const bell = new Bell();
  let menuOpen = false;
  const renderHeader = () => {
    clear(header);
    const session = getSession();
    bell.sync();
    bell.relabel();
    const role = session?.user.role;
    const current = route();
    const tabs = TABS.filter((tab) => tab.roles === 'all' || (role && tab.roles.includes(role)));
    const active = tabs.find((tab) => current.startsWith(tab.route));
    header.classList.toggle('menu-open', menuOpen);
    const menuButton = h(
      'button',
      {
        type: 'button',
        className: 'menu-toggle',
        'aria-expanded': String(menuOpen),
        'aria-controls': 'main-menu',
        title: menuOpen ? t('menuClose') : t('menuOpen'),
      },
      h('span', { className: 'burger', 'aria-hidden': 'true' }, menuOpen ? '✕' : '☰'),
      h('span', { className: 'visually-hidden' }, `${t('menu')}: `),
      h('span', { className: 'menu-current' }, active ? active.label() : t('menu')),
    );
    menuButton.addEventListener('click', () => {
      menuOpen = !menuOpen;
      renderHeader();
      if (menuOpen) header.querySelector<HTMLElement>('#main-menu a, #main-menu button')?.focus();
    });
    header.append(
      h(
        'div',
        { className: 'brand' },
        h('strong', {}, t('appShort')),
        h('span', { className: 'tagline' }, t('tagline')),
      ),
      menuButton,
      session ? bell.el : '',
      h(
        'div',
        { id: 'main-menu', className: 'menu' },
        h(
          'nav',
          { className: 'tabs', 'aria-label': t('mainNav') },
          ...tabs.map((tab) =>
            h(
              'a',
              {
                href: `#/${tab.route}`,
                className: tab === active ? 'active' : '',
                'aria-current': tab === active ? 'page' : null,
                'data-route': tab.route,
              },
              tab.label(),
            ),
          ),
        ),
        h(
          'div',
          { className: 'account' },
          h(
            'button',
            {
              type: 'button',
              className: 'lang',
              lang: getLang() === 'vi' ? 'en' : 'vi',
              onclick: () => {
                setLang(getLang() === 'vi' ? 'en' : 'vi');
                document.title = t('appTitle');
                panel.setAttribute('aria-label', t('workPanel'));
                mapEl.setAttribute('aria-label', t('tabMap'));
                skip.textContent = t('skipToPanel');
                map.relabel();
                renderHeader();
                render();
              },
            },
            t('langSwitch'),
          ),
          session
            ? h(
                'span',
                { className: 'who' },
                h(
                  'span',
                  { className: 'user' },
                  t('signedInAs', { email: session.user.email, role: t(`role_${session.user.role}`) }),
                ),
                h('a', { href: '#/security', className: 'security-link' }, t('tabSecurity')),
                h(
                  'button',
                  {
                    type: 'button',
                    className: 'logout',
                    onclick: listener(async () => {
                      await logout();
                      ctx.onSession();
                      ctx.navigate('map');
                    }),
                  },
                  t('logout'),
                ),
              )
            : h('a', { href: '#/login', className: 'login-link' }, t('login')),
        ),
      ),
    );
    scrollTabs();
  };
  /**
   * Desktop: the tabs are one row that scrolls sideways. Keep the current tab in sight, let a mouse
   * wheel turn the row, and mark the sides where tabs are hidden (the fade in style.css).
   */
  const scrollTabs = () => {
    const nav = header.querySelector<HTMLElement>('nav.tabs');
    if (!nav || PHONE.matches) return;
    const edges = () => {
      nav.classList.toggle('more-left', nav.scrollLeft > 1);
      nav.classList.toggle('more-right', nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 1);
    };
    nav.addEventListener('scroll', edges, { passive: true });
    nav.addEventListener(
      'wheel',
      (e) => {
        if (nav.scrollWidth <= nav.clientWidth || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
        e.preventDefault();
        nav.scrollLeft += e.deltaY;
      },
      { passive: false },
    );
    requestAnimationFrame(() => {
      const active = nav.querySelector<HTMLElement>('a.active');
      if (
        active &&
        (active.offsetLeft < nav.scrollLeft ||
          active.offsetLeft + active.offsetWidth > nav.scrollLeft + nav.clientWidth)
      ) {
        nav.scrollLeft = active.offsetLeft - (nav.clientWidth - active.offsetWidth) / 2;
      }
      edges();
    });
  };

  // The header's height is part of the map's size: draw it, then load the layers, beside the
  // catalogues below (on a slow line every round trip counts).
  renderHeader();
  map.invalidate();
  map.show();
  // Choosing the screen one is already on changes no address, so nothing would happen and the phone's
  // menu would stay open over it: close the menu and bring the screen back to its top instead.
  header.addEventListener('click', (e) => {
    const link = (e.target as Element).closest?.('nav.tabs a');
    if (!link || link.getAttribute('href') !== `#/${route()}`) return;
    e.preventDefault();
    menuOpen = false;
    renderHeader();
    panel.scrollTop = 0;
    panel.focus({ preventScroll: true });
  });
  header.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menuOpen) {
      menuOpen = false;
      renderHeader();
      header.querySelector<HTMLElement>('.menu-toggle')?.focus();
    }
  });

  let generation = 0;
  let lastBase: string | null = null;
  /** Shows a screen whose code loads on first use (code splitting: the first screen loads only what it needs). */
  function show<M>(roles: Role[] | null, load: () => Promise<M>, call: (m: M) => void): void {
    const session = getSession();
    if (roles && !(session && roles.includes(session.user.role))) {
      panel.append(h('p', { className: 'form-error', role: 'alert' }, t('signInFirst')));
      loginScreen(panel, ctx);
      done();
      return;
    }
    const gen = generation;
    const waiting = h('p', { className: 'muted screen-loading', role: 'status' }, t('screenLoading'));
    panel.append(waiting);
    load().then(
      (m) => {
        if (gen !== generation) return;
        waiting.remove();
        call(m);
        done();
      },
      () => {
        if (gen !== generation) return;
        waiting.remove();
        panel.append(
          h('p', { className: 'form-error', role: 'alert' }, t('screenLoadFailed')),
          h('button', { type: 'button', onclick: () => render() }, t('retry')),
        );
      },
    );
  }
  const done = () => {
    showPendingFlash(panel);
    map.invalidate();
  };

  const render = () => {
    generation++;
    leaveScreen();
    map.stopPicking();
    menuOpen = false;
    renderHeader();
    clear(panel);
    const r = route();
    const base = r.split('/')[0];
    document.body.dataset.route = base;
    if (base !== lastBase) {
      if (lastBase !== null && PHONE.matches) setSheet(sheetFor(r));
      lastBase = base;
      panel.scrollTop = 0;
    }
    const rest = r.slice(base.length + 1);
    const staff: Role[] = ['staff', 'admin'];
    if (r === 'list') {
      listScreen(panel, ctx);
      done();
    } else if (r === 'login') {
      loginScreen(panel, ctx);
      done();
    } else if (r === 'security')
      show(
        SIGNED_IN,
        () => import('./security'),
        (m) => m.securityScreen(panel, ctx),
      );
    else if (r === 'vehicles')
      show(
        ['transport', ...staff],
        () => import('./screens/vehicles'),
        (m) => m.vehiclesScreen(panel),
      );
    else if (r === 'permits')
      show(
        ['transport', 'cooperative', ...staff],
        () => import('./screens/permits'),
        (m) => m.permitsScreen(panel, ctx),
      );
    else if (r === 'checkpoint')
      show(
        null,
        () => import('./screens/checkpoint'),
        (m) => m.checkpointScreen(panel),
      );
    else if (r === 'my-lots')
      show(
        ['cooperative', ...staff],
        () => import('./screens/my-lots'),
        (m) => m.myLotsScreen(panel, ctx),
      );
    else if (r === 'new-lot')
      show(
        ['cooperative', ...staff],
        () => import('./screens/lot-form'),
        (m) => m.lotFormScreen(panel, ctx),
      );
    else if (base === 'new-lot')
      show(
        ['cooperative', ...staff],
        () => import('./screens/lot-form'),
        (m) => m.lotFormScreen(panel, ctx, undefined, rest),
      );
    else if (r === 'areas')
      show(
        ['cooperative', ...staff],
        () => import('./areas'),
        (m) => m.areasScreen(panel, ctx),
      );
    else if (r === 'dashboard')
      show(
        staff,
        () => import('./dashboard'),
        (m) => m.dashboardScreen(panel, ctx),
      );
    else if (r === 'deals')
      show(
        ['cooperative', 'buyer', ...staff],
        () => import('./deals'),
        (m) => m.dealsScreen(panel, ctx),
      );
    else if (r === 'loads')
      show(
        ['cooperative', 'buyer', 'transport', ...staff],
        () => import('./screens/loads'),
        (m) => m.loadsScreen(panel, ctx),
      );
    else if (r === 'zones')
      show(
        staff,
        () => import('./zones'),
        (m) => m.zonesScreen(panel, ctx),
      );
    else if (base === 'transport-plans')
      show(
        staff,
        () => import('./screens/transport-plans'),
        (m) => m.transportPlansScreen(panel, ctx, r.split('/')[1]),
      );
    else if (r === 'imports')
      show(
        staff,
        () => import('./imports'),
        (m) => m.importsScreen(panel),
      );
    else if (r === 'prices')
      show(
        staff,
        () => import('./prices'),
        (m) => m.pricesScreen(panel, ctx),
      );
    else if (r === 'harvest-resources')
      show(
        ['cooperative', ...staff],
        () => import('./harvest-resources'),
        (m) => m.harvestResourcesScreen(panel, ctx),
      );
    else if (base === 'registry') {
      const [, kind, id] = r.split('/');
      show(
        staff,
        () => import('./registry'),
        (m) => m.registryScreen(panel, ctx, kind === 'buyers' ? 'buyers' : 'cooperatives', id),
      );
    } else if (base === 'edit-lot')
      show(
        ['cooperative', ...staff],
        () => import('./screens/edit-lot'),
        (m) => m.editLotScreen(panel, ctx, rest),
      );
    else if (r === 'stock')
      show(
        ['buyer'],
        () => import('./stock'),
        (m) => m.stockScreen(panel, ctx),
      );
    else if (base === 'requests')
      show(
        ['buyer', ...staff],
        () => import('./screens/requests'),
        (m) => m.requestsScreen(panel, ctx, rest || undefined),
      );
    else if (r === 'matching')
      show(
        staff,
        () => import('./screens/matching'),
        (m) => m.matchingScreen(panel, ctx),
      );
    else if (r === 'proposals')
      show(
        ['cooperative', 'buyer', ...staff],
        () => import('./proposals'),
        (m) => m.proposalsScreen(panel, ctx),
      );
    else if (base === 'proposals')
      show(
        ['cooperative', 'buyer', ...staff],
        () => import('./proposals'),
        (m) => m.proposalsScreen(panel, ctx, rest),
      );
    else if (r === 'users')
      show(
        staff,
        () => import('./screens/users'),
        (m) => m.usersScreen(panel),
      );
    else if (r === 'transport-operators')
      show(
        staff,
        () => import('./screens/transport-operators'),
        (m) => m.transportOperatorsScreen(panel, ctx),
      );
    else if (r === 'audit')
      show(
        staff,
        () => import('./audit'),
        (m) => m.auditScreen(panel),
      );
    else if (r === 'agency-report')
      show(
        ['agency'],
        () => import('./screens/agency-report'),
        (m) => m.agencyReportScreen(panel, ctx),
      );
    else if (r === 'agency-reports')
      show(
        staff,
        () => import('./screens/agency-reports-staff'),
        (m) => m.agencyReportsStaffScreen(panel),
      );
    else if (r === 'tasks')
      show(
        ['agency', ...staff],
        () => import('./screens/agency-tasks'),
        (m) => m.agencyTasksScreen(panel),
      );
    else if (r === 'ad-hoc-reports')
      show(
        ['agency', ...staff],
        () => import('./screens/ad-hoc-reports'),
        (m) => m.adHocReportsScreen(panel),
      );
    else if (r === 'agencies')
      show(
        staff,
        () => import('./screens/agencies'),
        (m) => m.agenciesScreen(panel, ctx),
      );
    else if (r === 'staff-provinces')
      show(
        ['admin'],
        () => import('./screens/staff-provinces'),
        (m) => m.staffProvincesScreen(panel),
      );
    else {
      mapScreen(panel, ctx);
      done();
    }
  };

  window.addEventListener('hashchange', render);
  window.addEventListener('agrilink:session', () => ctx.onSession());
  PHONE.addEventListener('change', () => map.invalidate());
  document.title = t('appTitle');

  // Reference data for filters and forms; the map draws meanwhile.
  const [products, provinces] = await Promise.all([
    api
      .GET('/api/products', { params: { query: { limit: 500 } } })
      .then((p) => p.items)
      .catch(() => [] as Product[]),
    api
      .GET('/api/administrative-units', { params: { query: { level: 'province', limit: 100 } } })
      .then((p) => p.items.map((u) => ({ code: u.code, name: u.name })))
      .catch(() => []),
    map.loadBaseMap(),
  ]);
  ctx.products = products;
  ctx.provinces = provinces;
  map.setProducts(products);
  render();
  document.body.dataset.ready = 'true';
}

void boot();
