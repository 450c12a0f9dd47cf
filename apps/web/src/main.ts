import './style.css';
import { api, getSession, logout, Page, Product } from './api';
import { areasScreen } from './areas';
import { dashboardScreen } from './dashboard';
import { dealsScreen } from './deals';
import { clear, h, leaveScreen } from './dom';
import { showPendingFlash } from './forms';
import { importsScreen } from './imports';
import { pricesScreen } from './prices';
import { harvestResourcesScreen } from './harvest-resources';
import { registryScreen } from './registry';
import { zonesScreen } from './zones';
import { securityScreen } from './security';
import { stockScreen } from './stock';
import { getLang, setLang, t } from './i18n';
import { SupplyMap } from './map-view';
import type { Ctx } from './screen-context';
import { mapScreen } from './screens/map-filters';
import { listScreen } from './screens/supply-list';
import { homeRoute, loginScreen } from './screens/login';
import { lotFormScreen } from './screens/lot-form';
import { myLotsScreen } from './screens/my-lots';
import { editLotScreen } from './screens/edit-lot';
import { requestsScreen } from './screens/requests';
import { matchingScreen } from './screens/matching';
import { proposalsScreen } from './proposals';
import { auditScreen } from './audit';
import { Bell } from './notifications';
import { transportPlansScreen } from './screens/transport-plans';
import { loadsScreen } from './screens/loads';
import { vehiclesScreen } from './screens/vehicles';
import { permitsScreen } from './screens/permits';
import { checkpointScreen } from './screens/checkpoint';
import { agencyReportScreen } from './screens/agency-report';
import { agencyReportsStaffScreen } from './screens/agency-reports-staff';
import { agencyTasksScreen } from './screens/agency-tasks';
import { adHocReportsScreen } from './screens/ad-hoc-reports';
import { agenciesScreen } from './screens/agencies';

type Role = 'admin' | 'staff' | 'cooperative' | 'buyer' | 'transport' | 'agency';

/** Tabs each role sees; everyone has the public map and list. */
const TABS: Array<{ route: string; label: () => string; roles: Role[] | 'all' }> = [
  { route: 'map', label: () => t('tabMap'), roles: 'all' },
  { route: 'list', label: () => t('tabList'), roles: 'all' },
  { route: 'my-lots', label: () => t('tabMyLots'), roles: ['cooperative'] },
  { route: 'new-lot', label: () => t('tabNewLot'), roles: ['cooperative', 'staff', 'admin'] },
  { route: 'requests', label: () => t('tabRequests'), roles: ['buyer'] },
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
  { route: 'agency-report', label: () => t('tabAgencyReport'), roles: ['agency'] },
  { route: 'agency-reports', label: () => t('tabAgencyReports'), roles: ['staff', 'admin'] },
  { route: 'tasks', label: () => t('tabTasks'), roles: ['agency', 'staff', 'admin'] },
  { route: 'ad-hoc-reports', label: () => t('tabAdHoc'), roles: ['agency', 'staff', 'admin'] },
  { route: 'agencies', label: () => t('tabAgencies'), roles: ['staff', 'admin'] },
  { route: 'vehicles', label: () => t('tabVehicles'), roles: ['transport', 'staff', 'admin'] },
  { route: 'permits', label: () => t('tabPermits'), roles: ['transport', 'cooperative', 'staff', 'admin'] },
  { route: 'checkpoint', label: () => t('tabCheckpoint'), roles: 'all' },
];

async function boot(): Promise<void> {
  setLang(getLang());
  const app = document.getElementById('app')!;
  const header = h('header', { className: 'top' });
  const panel = h('section', { id: 'panel', className: 'panel', 'aria-live': 'polite' });
  const mapEl = h('div', { id: 'map', className: 'map', role: 'application', 'aria-label': t('tabMap') });
  app.append(header, h('main', { className: 'layout' }, panel, mapEl));

  const map = new SupplyMap(mapEl);
  const ctx: Ctx = {
    map,
    products: [],
    provinces: [],
    navigate: (route) => {
      if (location.hash !== `#/${route}`) location.hash = `#/${route}`;
      else render();
    },
    onSession: () => {
      renderHeader();
      // Contacts appear in popups once signed in, and the flow layer and its legend change with the caller.
      map.relabel();
    },
  };

  const bell = new Bell();
  const renderHeader = () => {
    clear(header);
    const session = getSession();
    bell.sync();
    bell.relabel();
    const role = session?.user.role;
    const current = route();
    const tabs = TABS.filter((tab) => tab.roles === 'all' || (role && tab.roles.includes(role)));
    header.append(
      h('div', { className: 'brand' }, h('strong', {}, t('appShort')), h('span', { className: 'tagline' }, t('tagline'))),
      h('nav', { className: 'tabs' }, ...tabs.map((tab) => h('a', { href: `#/${tab.route}`, className: current.startsWith(tab.route) ? 'active' : '', 'data-route': tab.route }, tab.label()))),
      h(
        'div',
        { className: 'account' },
        h(
          'button',
          {
            type: 'button',
            className: 'lang',
            onclick: () => {
              setLang(getLang() === 'vi' ? 'en' : 'vi');
              document.title = t('appTitle');
              map.relabel();
              renderHeader();
              render();
            },
          },
          t('langSwitch'),
        ),
        session ? bell.el : null,
        session
          ? h(
              'span',
              { className: 'who' },
              h('span', { className: 'user' }, t('signedInAs', { email: session.user.email, role: t(`role_${session.user.role}` as any) })),
              h('a', { href: '#/security', className: 'security-link' }, t('tabSecurity')),
              h(
                'button',
                {
                  type: 'button',
                  className: 'logout',
                  onclick: async () => {
                    await logout();
                    ctx.onSession();
                    ctx.navigate('map');
                  },
                },
                t('logout'),
              ),
            )
          : h('a', { href: '#/login', className: 'login-link' }, t('login')),
      ),
    );
  };

  const route = () => location.hash.replace(/^#\/?/, '') || 'map';

  const render = () => {
    leaveScreen();
    map.stopPicking();
    renderHeader();
    clear(panel);
    const r = route();
    const session = getSession();
    const needs = (roles: Role[]) => {
      if (session && roles.includes(session.user.role)) return true;
      panel.append(h('p', { className: 'form-error' }, t('signInFirst')));
      loginScreen(panel, ctx);
      return false;
    };
    if (r === 'list') listScreen(panel, ctx);
    else if (r === 'login') loginScreen(panel, ctx);
    else if (r === 'security') needs(['admin', 'staff', 'cooperative', 'buyer', 'agency', 'transport']) && securityScreen(panel, ctx);
    else if (r === 'vehicles') needs(['transport', 'staff', 'admin']) && vehiclesScreen(panel);
    else if (r === 'permits') needs(['transport', 'cooperative', 'staff', 'admin']) && permitsScreen(panel, ctx);
    else if (r === 'checkpoint') checkpointScreen(panel);
    else if (r === 'my-lots') needs(['cooperative']) && myLotsScreen(panel, ctx);
    else if (r === 'new-lot') needs(['cooperative', 'staff', 'admin']) && lotFormScreen(panel, ctx);
    else if (r.startsWith('new-lot/')) needs(['cooperative', 'staff', 'admin']) && lotFormScreen(panel, ctx, undefined, r.slice('new-lot/'.length));
    else if (r === 'areas') needs(['cooperative', 'staff', 'admin']) && areasScreen(panel, ctx);
    else if (r === 'dashboard') needs(['staff', 'admin']) && dashboardScreen(panel, ctx);
    else if (r === 'deals') needs(['cooperative', 'buyer', 'staff', 'admin']) && dealsScreen(panel, ctx);
    else if (r === 'loads') needs(['cooperative', 'buyer', 'staff', 'admin', 'transport']) && loadsScreen(panel, ctx);
    else if (r === 'zones') needs(['staff', 'admin']) && zonesScreen(panel, ctx);
    else if (r === 'transport-plans' || r.startsWith('transport-plans/')) needs(['staff', 'admin']) && transportPlansScreen(panel, ctx, r.split('/')[1]);
    else if (r === 'imports') needs(['staff', 'admin']) && importsScreen(panel);
    else if (r === 'prices') needs(['staff', 'admin']) && pricesScreen(panel, ctx);
    else if (r === 'harvest-resources') needs(['cooperative', 'staff', 'admin']) && harvestResourcesScreen(panel, ctx);
    else if (r === 'registry' || r.startsWith('registry/')) {
      const [, kind, id] = r.split('/');
      needs(['staff', 'admin']) && registryScreen(panel, ctx, kind === 'buyers' ? 'buyers' : 'cooperatives', id);
    }
    else if (r.startsWith('edit-lot/')) needs(['cooperative', 'staff', 'admin']) && editLotScreen(panel, ctx, r.slice('edit-lot/'.length));
    else if (r === 'stock') needs(['buyer']) && stockScreen(panel, ctx);
    else if (r === 'requests') needs(['buyer', 'staff', 'admin']) && requestsScreen(panel, ctx);
    else if (r === 'matching') needs(['staff', 'admin']) && matchingScreen(panel, ctx);
    else if (r === 'proposals') needs(['cooperative', 'buyer', 'staff', 'admin']) && proposalsScreen(panel, ctx);
    else if (r.startsWith('proposals/')) needs(['cooperative', 'buyer', 'staff', 'admin']) && proposalsScreen(panel, ctx, r.slice('proposals/'.length));
    else if (r === 'audit') needs(['staff', 'admin']) && auditScreen(panel);
    else if (r === 'agency-report') needs(['agency']) && agencyReportScreen(panel, ctx);
    else if (r === 'agency-reports') needs(['staff', 'admin']) && agencyReportsStaffScreen(panel);
    else if (r === 'tasks') needs(['agency', 'staff', 'admin']) && agencyTasksScreen(panel);
    else if (r === 'ad-hoc-reports') needs(['agency', 'staff', 'admin']) && adHocReportsScreen(panel);
    else if (r === 'agencies') needs(['staff', 'admin']) && agenciesScreen(panel, ctx);
    else mapScreen(panel, ctx);
    showPendingFlash(panel);
    document.body.dataset.route = r.split('/')[0];
    map.invalidate();
  };

  window.addEventListener('hashchange', render);
  window.addEventListener('agrilink:session', () => ctx.onSession());
  document.title = t('appTitle');

  // Reference data for filters and forms; the map draws meanwhile.
  const [products, provinces] = await Promise.all([
    api.get<Page<Product>>('/products', { limit: 500 }).then((p) => p.items).catch(() => [] as Product[]),
    api
      .get<Page<{ code: string; name: string }>>('/administrative-units', { level: 'province', limit: 100 })
      .then((p) => p.items.map((u) => ({ code: u.code, name: u.name })))
      .catch(() => []),
  ]);
  ctx.products = products;
  ctx.provinces = provinces;
  map.setProducts(products);
  render();
  await map.loadBaseMap();
  map.refresh();
  document.body.dataset.ready = 'true';
  void homeRoute;
}

void boot();
