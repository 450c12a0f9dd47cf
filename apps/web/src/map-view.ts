import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import type { Feature, FeatureCollection, Geometry, LineString, Point } from 'geojson';
import { api, getSession, Product, Query, queryString } from './api';
import { escapeHtml, h } from './dom';
import { COUNTRY_BBOX, takeFirstAnswer } from './first-view';
import { formatDate, formatNumber, formatTons, formatVndPerKg, formatWindow, statusLabel } from './format';
import { getLang, t } from './i18n';
import {
  BUYER_SIZE,
  BUYER_STYLES,
  buyerStyle,
  CLUSTER_COLOR,
  diamondSvg,
  OTHER_BUYER,
  productColor,
  setProductOrder,
} from './map-palette';
import { keepPopupClearOfPanels } from './map-panels';

export { productColor } from './map-palette';

/** The map's layer routes; a layer request is one of them with its query (the string is also the layer's cache key). */
type LayerPath =
  | '/api/map/supply'
  | '/api/map/production-areas'
  | '/api/map/buyers'
  | '/api/map/zones'
  | '/api/checkpoints/layer'
  | '/api/map/flows';
function layerOf(request: string) {
  const [path, search] = request.split('?');
  return api.GET(`/api${path}` as LayerPath, {
    params: { query: Object.fromEntries(new URLSearchParams(search ?? '')) as never },
  });
}

export interface MapFilters {
  product?: string;
  certification?: string;
  provinceCode?: string;
  harvestFrom?: string;
  harvestTo?: string;
  buyerType?: string;
}

export interface BacklogItem {
  provinceName: string | null;
  communeName: string | null;
  backlogKg: number;
  lots: number;
  cooperatives: number;
  location: { lat: number; lng: number } | null;
  products: Array<{ product: string; backlogKg: number }>;
}

export interface FlowQuery {
  matchingRunId?: string;
  kind: 'proposals' | 'deals';
}

type LayerName = 'areas' | 'supply' | 'buyers' | 'zones' | 'flows' | 'checkpoints';

// The whole country with both archipelagos (Hoàng Sa, Trường Sa): on a phone they stay in view.
const VIETNAM_VIEW: L.LatLngBoundsExpression = [
  [8.3, 102.1],
  [23.4, 116.0],
];
/** Commune names from this zoom on: nearer, a dozen communes fill the screen. */
const COMMUNE_LABEL_ZOOM = 10;

/** Marker radius grows with the logarithm of the remaining tonnes: 1 t and 10 000 t both stay readable. */
export function supplyRadius(remainingKg: number): number {
  const tons = Math.max(remainingKg, 0) / 1000;
  return Math.min(24, Math.max(5, 4 + 4 * Math.log10(1 + tons)));
}

/**
 * The supply map. Base: the bundled outline of Việt Nam and its provinces (always),
 * plus tiles when a tile server answers. Data layers load per view from the bbox
 * endpoints, so a view fetches only what it shows.
 */
export class SupplyMap {
  readonly map: L.Map;
  readonly overlays: Record<LayerName, L.LayerGroup>;
  readonly boundaryLayer: L.GeoJSON;
  /** The 34 provinces since 1 July 2025 (drawn first) and the 63 before, loaded when switched to. */
  readonly provinces2025: L.GeoJSON;
  readonly provinces2024: L.GeoJSON;
  private provinces2024Loaded = false;
  readonly communeLabels = L.layerGroup();
  private communeSeats: Array<{ id: string; name: string; lat: number; lng: number }> | null = null;
  private filterStatus: L.Control | null = null;
  /** What each layer draws now, after the filters: the legend and the filter status are built from it. */
  private readonly drawn: Partial<Record<LayerName, Feature[]>> = {};
  /** Each layer's last answer, drawn again without asking when only colours or client-side filters change. */
  private readonly answers: Partial<Record<LayerName, FeatureCollection>> = {};
  filters: MapFilters = {};
  flowQuery: FlowQuery = { kind: 'proposals' };
  private readonly generation: Record<string, number> = {};
  /** The last request of each layer: a view that asks the same again (a resize that moved nothing, a repeated event) is not fetched twice. */
  private readonly lastRequest: Partial<Record<LayerName, string>> = {};
  private timer: number | undefined;
  private pickHandler: ((p: { lat: number; lng: number }) => void) | null = null;
  private pickMarker: L.CircleMarker | null = null;
  private products = new Map<string, Product>();
  private legend: L.Control | null = null;
  private labels: L.Marker[] = [];
  private layerControl: L.Control.Layers | null = null;
  /** Unsold backlog by commune (staff dashboard): proportional circles. */
  readonly backlogLayer = L.layerGroup();
  /** Set by a form that lets the user pick a production area by clicking it. */
  areaClickHandler: ((areaId: string) => void) | null = null;
  /** Whether the map still shows the whole-country view it opened with (nobody moved it since). */
  private atCountryView = true;
  private refitting = false;

  /** Told when a screen needs the map in sight (on a phone the working panel may cover it). */
  onViewWanted: ((picking: boolean) => void) | null = null;

  constructor(container: HTMLElement) {
    this.map = L.map(container, {
      zoomControl: true,
      preferCanvas: false,
      minZoom: 4,
      maxZoom: 18,
      worldCopyJump: false,
    });
    this.map.createPane('boundaries').style.zIndex = '250';
    this.map.createPane('areas').style.zIndex = '380';
    this.map.createPane('flows').style.zIndex = '420';
    // Commune names above the zones' and areas' fills, below the markers; never taking a click.
    const labels = this.map.createPane('labels');
    labels.style.zIndex = '430';
    labels.style.pointerEvents = 'none';
    this.fitCountry();
    // Any move but our own re-fit (a drag, a zoom, a screen showing a place) leaves the country view.
    this.map.on('movestart', () => {
      if (!this.refitting) this.atCountryView = false;
    });

    this.boundaryLayer = L.geoJSON(undefined, {
      pane: 'boundaries',
      interactive: false,
      style: (f) =>
        f?.properties?.kind === 'country'
          ? {
              color: '#37474f',
              weight: 2,
              fill: true,
              fillColor: '#f1f5e9',
              fillOpacity: 0.9,
              className: 'country-outline',
            }
          : {
              color: '#37474f',
              weight: 1,
              fill: true,
              fillColor: '#f1f5e9',
              fillOpacity: 0.9,
              className: 'archipelago-outline',
            },
    });
    this.boundaryLayer.addTo(this.map);
    this.provinces2025 = L.geoJSON(undefined, {
      pane: 'boundaries',
      interactive: false,
      style: () => ({ color: '#78909c', weight: 0.9, fill: false, className: 'province-boundary' }),
    });
    this.provinces2024 = L.geoJSON(undefined, {
      pane: 'boundaries',
      interactive: false,
      style: () => ({
        color: '#8d6e63',
        weight: 0.7,
        dashArray: '3 3',
        fill: false,
        className: 'province-boundary-2024',
      }),
    });
    this.provinces2025.addTo(this.map);
    // The outlines (about 115 KB, 30 KB compressed) come as their own file, beside the layers' data, not inside the app's script.
    void import('./assets/vietnam-provinces.json').then((m) => {
      const fc = m.default as unknown as FeatureCollection;
      this.boundaryLayer.addData({
        type: 'FeatureCollection',
        features: fc.features.filter((f) => f.properties?.kind !== 'province'),
      } as FeatureCollection);
      this.provinces2025.addData({
        type: 'FeatureCollection',
        features: fc.features.filter((f) => f.properties?.kind === 'province'),
      } as FeatureCollection);
      this.map.getContainer().dataset.provinces2025 = String(this.provinces2025.getLayers().length);
    });
    const switched = (e: L.LeafletEvent) => {
      const layer = (e as L.LayersControlEvent).layer;
      if (layer === this.provinces2024) void this.loadProvinces2024();
      if (layer === this.communeLabels) this.showCommuneLabels();
      this.updateLegend();
    };
    this.map.on('baselayerchange', switched);
    this.map.on('overlayadd', switched);
    this.map.attributionControl.addAttribution(escapeHtml(t('boundaryAttribution')));
    this.addArchipelagoLabels();

    this.overlays = {
      areas: L.layerGroup().addTo(this.map),
      zones: L.layerGroup().addTo(this.map),
      flows: L.layerGroup().addTo(this.map),
      buyers: L.layerGroup().addTo(this.map),
      supply: L.layerGroup().addTo(this.map),
      checkpoints: L.layerGroup().addTo(this.map),
    };
    this.communeLabels.addTo(this.map);
    this.map.on('moveend', () => this.scheduleShow());
    this.map.on('zoomend', () => this.showCommuneLabels());
    this.map.on('overlayadd', () => this.scheduleShow());
    this.map.on('click', (e: L.LeafletMouseEvent) => this.handlePick(e.latlng));
    // Panels (legend, layer box, filter status) never cover an open popup.
    // After Leaflet's own auto-pan (animated, about 250 ms) has put it inside the map.
    this.map.on('popupopen', (e: L.PopupEvent) => {
      delete this.map.getContainer().dataset.popupClear;
      window.setTimeout(() => {
        keepPopupClearOfPanels(this.map, e.popup);
        this.map.getContainer().dataset.popupClear = 'true';
      }, 300);
    });
    this.buildControls();
    // Again, now that the legend's size is known.
    this.invalidate();
  }

  private async loadProvinces2024(): Promise<void> {
    if (this.provinces2024Loaded) return;
    this.provinces2024Loaded = true;
    try {
      const m = await import('./assets/vietnam-provinces-2024.json');
      this.provinces2024.addData(m.default as unknown as FeatureCollection);
      this.map.getContainer().dataset.provinces2024 = String(this.provinces2024.getLayers().length);
    } catch {
      this.provinces2024Loaded = false;
    }
  }

  /** Commune seat names at closer zooms, from the bundled reference data (no tile server needed). */
  private showCommuneLabels(): void {
    if (!this.map.hasLayer(this.communeLabels)) return;
    if (this.map.getZoom() < COMMUNE_LABEL_ZOOM) {
      this.communeLabels.clearLayers();
      this.map.getContainer().dataset.communeLabels = '0';
      return;
    }
    if (!this.communeSeats) {
      void import('./assets/commune-seats.json').then((m) => {
        this.communeSeats = (
          m.default as { seats: Array<{ id: string; name: string; lat: number; lng: number }> }
        ).seats;
        this.showCommuneLabels();
      });
      return;
    }
    if (this.communeLabels.getLayers().length === 0) {
      for (const s of this.communeSeats) {
        L.marker([s.lat, s.lng], {
          pane: 'labels',
          interactive: false,
          keyboard: false,
          icon: L.divIcon({
            className: 'commune-label',
            html: `<span>${escapeHtml(s.name)}</span>`,
            iconSize: [120, 18],
            iconAnchor: [60, -4],
          }),
        }).addTo(this.communeLabels);
      }
    }
    this.map.getContainer().dataset.communeLabels = String(this.communeLabels.getLayers().length);
  }

  setProducts(products: Product[]): void {
    this.products = new Map(products.map((p) => [p.code, p]));
    // Colours follow the catalogue (by category, then code): redraw what was drawn with provisional ones, without asking again.
    const ordered = [...products].sort((a, b) =>
      a.category === b.category ? (a.code < b.code ? -1 : 1) : a.category < b.category ? -1 : 1,
    );
    if (setProductOrder(ordered.map((p) => p.code))) this.redraw();
  }

  /** Adds the tile layer from /api/web-config; when it cannot load, the bundled boundaries stay the base map. */
  async loadBaseMap(): Promise<void> {
    try {
      const cfg = await api.GET('/api/web-config');
      if (!cfg.tileUrl) return;
      const tiles = L.tileLayer(cfg.tileUrl, {
        attribution: escapeHtml(cfg.tileAttribution),
        maxZoom: 19,
        crossOrigin: true,
      });
      let warned = false;
      tiles.on('tileerror', () => {
        if (warned) return;
        warned = true;
        this.map.getContainer().dataset.tiles = 'unavailable';
        this.map.attributionControl.addAttribution(escapeHtml(t('tilesUnavailable')));
      });
      tiles.on('tileload', () => {
        // With real tiles the filled outline would hide them; keep only the lines.
        this.boundaryLayer.setStyle((f) => (f?.properties?.kind === 'country' ? { fillOpacity: 0 } : {}));
      });
      tiles.addTo(this.map);
    } catch {
      /* no config: the boundaries are the base map */
    }
  }

  setFilters(filters: MapFilters): void {
    this.filters = filters;
    // Supply is filtered by the server (a new request); the other layers here, from the answer they have.
    window.clearTimeout(this.timer);
    for (const name of Object.keys(this.overlays) as LayerName[]) {
      if (!this.map.hasLayer(this.overlays[name])) continue;
      if (this.lastRequest[name] === this.requestKey(name) && this.answers[name]) this.draw(name, this.answers[name]);
      else void this.loadLayer(name, false);
    }
  }

  /**
   * The filters on every layer: supply is filtered by the server (it clusters what matches); the
   * other layers here, from their features' properties. Zones and checkpoints are restrictions in
   * force: always shown.
   */
  private matchesFilters(name: LayerName, f: Feature): boolean {
    const p = f.properties ?? {};
    const { product, provinceCode, certification } = this.filters;
    switch (name) {
      case 'areas':
        return (
          (!product || p.product === product) &&
          (!provinceCode || p.provinceCode === provinceCode) &&
          (!certification || (p.certifications ?? []).includes(certification))
        );
      case 'buyers':
        return (
          (!product || (p.productsWanted ?? []).includes(product)) && (!provinceCode || p.provinceCode === provinceCode)
        );
      case 'flows':
        return (
          (!product || p.product === product) &&
          (!provinceCode ||
            p.fromProvinceCode === provinceCode ||
            p.toProvinceCode === provinceCode ||
            p.provinceCode === provinceCode)
        );
      default:
        return true;
    }
  }

  private filtersActive(): boolean {
    return Object.values(this.filters).some((v) => v !== undefined && v !== '');
  }

  private drawnOn(name: LayerName): Feature[] {
    return this.map.hasLayer(this.overlays[name]) ? (this.drawn[name] ?? []) : [];
  }

  /** With filters set: how much each layer shows, and a plain sentence when nothing matches. */
  private updateFilterStatus(): void {
    const el = this.map.getContainer().querySelector<HTMLElement>('.map-filter-status');
    if (!el) return;
    if (!this.filtersActive()) {
      el.hidden = true;
      el.textContent = '';
      return;
    }
    const count = (name: LayerName) =>
      this.drawnOn(name).reduce((n, f) => n + (f.properties?.cluster ? Number(f.properties.pointCount) || 0 : 1), 0);
    const counts = { supply: count('supply'), areas: count('areas'), buyers: count('buyers'), flows: count('flows') };
    const none = Object.values(counts).every((n) => n === 0);
    el.hidden = false;
    el.classList.toggle('nothing', none);
    el.replaceChildren(
      h(
        'strong',
        {},
        none
          ? t('filterNothingMatches')
          : t('filterMatches', {
              supply: formatNumber(counts.supply),
              areas: formatNumber(counts.areas),
              buyers: formatNumber(counts.buyers),
              flows: formatNumber(counts.flows),
            }),
      ),
      h('br'),
      h('span', { className: 'muted' }, t('filterZonesNote')),
    );
  }

  setFlows(q: FlowQuery): void {
    this.flowQuery = q;
    if (!this.map.hasLayer(this.overlays.flows)) this.overlays.flows.addTo(this.map);
    void this.loadLayer('flows', true);
  }

  /** Next click on the map reports its location (the lot form's "pick on map"). */
  startPicking(handler: (p: { lat: number; lng: number }) => void): void {
    this.pickHandler = handler;
    // While picking, zones, clusters and markers do not take the click (CSS: .map.picking): the map does.
    this.map.closePopup();
    this.onViewWanted?.(true);
    this.map.getContainer().classList.add('picking');
  }

  stopPicking(): void {
    this.pickHandler = null;
    this.map.getContainer().classList.remove('picking');
  }

  showPoint(p: { lat: number; lng: number }, zoom = 13): void {
    this.onViewWanted?.(false);
    this.map.setView([p.lat, p.lng], Math.max(this.map.getZoom(), zoom));
  }

  /**
   * After the map's box changed (header, sheet, phone/desktop). While nobody has moved the map from
   * the whole-country view, the country is fitted again: Leaflet keeps the centre, so a shorter box
   * would otherwise cut off the south (the Mekong delta, where most supply is).
   */
  invalidate(): void {
    this.refitting = true;
    try {
      this.map.invalidateSize();
      if (this.atCountryView) this.fitCountry();
    } finally {
      this.refitting = false;
    }
  }

  /** The whole country and both archipelagos, left of the open legend (bottom right) so it covers neither. */
  private fitCountry(): void {
    const legend = this.map.getContainer().querySelector<HTMLElement>('.legend:not(.collapsed)');
    const right = legend ? legend.offsetWidth + 12 : 8;
    this.map.fitBounds(VIETNAM_VIEW, { animate: false, paddingTopLeft: [8, 8], paddingBottomRight: [right, 8] });
  }

  private scheduleShow(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.show(), 150);
  }

  /** Loads what the current view and filters show; a layer whose request has not changed is not fetched again. */
  show(): void {
    window.clearTimeout(this.timer);
    for (const name of Object.keys(this.overlays) as LayerName[]) {
      if (this.map.hasLayer(this.overlays[name])) void this.loadLayer(name, false);
    }
  }

  /** Reloads every visible layer: the data changed (a lot saved, a deal recorded, a sign-in). */
  refresh(): void {
    window.clearTimeout(this.timer);
    for (const name of Object.keys(this.overlays) as LayerName[]) {
      if (this.map.hasLayer(this.overlays[name])) void this.loadLayer(name, true);
    }
  }

  private handlePick(latlng: L.LatLng): void {
    if (!this.pickHandler) return;
    const p = { lat: Math.round(latlng.lat * 1e6) / 1e6, lng: Math.round(latlng.lng * 1e6) / 1e6 };
    this.pickMarker?.remove();
    this.pickMarker = L.circleMarker(latlng, {
      radius: 9,
      color: '#000',
      weight: 3,
      fillColor: '#fff',
      fillOpacity: 1,
      className: 'picked-location',
    }).addTo(this.map);
    this.pickHandler(p);
  }

  /** Names the picked point on the map (its commune, once the server answered). */
  labelPick(text: string): void {
    if (!this.pickMarker) return;
    this.pickMarker.unbindTooltip();
    if (text)
      this.pickMarker
        .bindTooltip(text, { permanent: true, direction: 'top', offset: [0, -10], className: 'picked-label' })
        .openTooltip();
  }

  clearPickMarker(): void {
    this.pickMarker?.remove();
    this.pickMarker = null;
  }

  private view(): Query {
    if (this.atCountryView) return { bbox: COUNTRY_BBOX, zoom: Math.round(this.map.getZoom()) };
    const b = this.map.getBounds();
    const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
    const bbox = [
      clamp(b.getWest(), -180, 179.999),
      clamp(b.getSouth(), -90, 89.999),
      clamp(b.getEast(), -179.999, 180),
      clamp(b.getNorth(), -89.999, 90),
    ]
      .map((x) => x.toFixed(5))
      .join(',');
    return { bbox, zoom: Math.round(this.map.getZoom()) };
  }

  /** The request a layer makes for the current view, filters and caller; null when it has nothing to ask. */
  private layerRequest(name: LayerName): string | null {
    const f = this.filters;
    const view = this.view();
    const signedIn = getSession() !== null;
    switch (name) {
      case 'supply':
        return (
          '/map/supply' +
          queryString({
            ...view,
            product: f.product,
            certification: f.certification,
            provinceCode: f.provinceCode,
            harvestFrom: f.harvestFrom,
            harvestTo: f.harvestTo,
          })
        );
      case 'areas':
        return '/map/production-areas' + queryString({ ...view, product: f.product });
      case 'buyers':
        return '/map/buyers' + queryString({ ...view, type: f.buyerType });
      case 'zones':
        return '/map/zones' + queryString(view);
      // Checkpoints are for signed-in users only (chốt kiểm soát are not published to everyone).
      case 'checkpoints':
        return signedIn ? '/checkpoints/layer' + queryString({ bbox: view.bbox }) : null;
      // Anonymous visitors get totals of confirmed deals between places; signed-in users their own (staff: all) flows.
      case 'flows':
        return (
          '/map/flows' +
          queryString(
            signedIn
              ? { ...view, matchingRunId: this.flowQuery.matchingRunId, kind: this.flowQuery.kind }
              : { ...view, kind: 'deals' },
          )
        );
    }
  }

  /** The caller is part of the request: signing in or out changes what a layer holds. */
  private requestKey(name: LayerName): string {
    return `${getSession()?.user.email ?? ''} ${this.layerRequest(name) ?? ''}`;
  }

  /** Draws every layer again from the answers it has (new colours, a filter applied here). */
  private redraw(): void {
    for (const name of Object.keys(this.overlays) as LayerName[]) {
      const answer = this.answers[name];
      if (answer && this.map.hasLayer(this.overlays[name])) this.draw(name, answer);
    }
  }

  private async loadLayer(name: LayerName, force: boolean): Promise<void> {
    const path = this.layerRequest(name);
    const key = this.requestKey(name);
    if (!force && this.lastRequest[name] === key) return;
    this.lastRequest[name] = key;
    const gen = (this.generation[name] = (this.generation[name] ?? 0) + 1);
    try {
      const first = name === 'supply' && path ? await takeFirstAnswer(path) : null;
      const fc: FeatureCollection = first ?? (path ? await layerOf(path) : { type: 'FeatureCollection', features: [] });
      if (gen !== this.generation[name]) return; // a newer view already asked
      this.answers[name] = fc;
      this.draw(name, fc);
    } catch {
      // A failed layer leaves the others; the next move retries.
      if (gen === this.generation[name]) delete this.lastRequest[name];
    }
  }

  private draw(name: LayerName, fc: FeatureCollection): void {
    const group = this.overlays[name];
    // Opening a popup pans the map, and the pan reloads the layer: the feature whose popup is open
    // keeps its marker (and the popup stays as it is) while it is still in the answer.
    const features = fc.features.filter((feature) => this.matchesFilters(name, feature));
    let kept: (L.Layer & { featureId?: unknown }) | null = null;
    group.eachLayer((l: any) => {
      if (l.isPopupOpen?.() && l.featureId !== undefined && features.some((f) => f.properties?.id === l.featureId))
        kept = l;
    });
    group.eachLayer((l) => {
      if (l !== kept) group.removeLayer(l);
    });
    this.drawn[name] = features;
    for (const feature of features) {
      if (kept && feature.properties?.id === (kept as { featureId?: unknown }).featureId) continue;
      const layer = this.render(name, feature);
      if (!layer) continue;
      (layer as any).featureId = feature.properties?.id;
      group.addLayer(layer);
    }
    this.map.getContainer().dataset[`${name}Count`] = String(features.length);
    this.updateLegend();
    this.updateFilterStatus();
  }

  private render(name: LayerName, f: Feature): L.Layer | null {
    switch (name) {
      case 'supply':
        return this.renderSupply(f as Feature<Point>);
      case 'areas':
        return L.geoJSON(f as Feature<Geometry>, {
          pane: 'areas',
          style: () => ({
            color: productColor(f.properties?.product),
            weight: 1.5,
            fillColor: productColor(f.properties?.product),
            fillOpacity: 0.35,
            className: 'production-area',
          }),
        })
          .bindPopup(() => this.areaPopup(f))
          .on('click', () => {
            if (this.areaClickHandler && f.properties?.id) this.areaClickHandler(String(f.properties.id));
          });
      case 'buyers': {
        const [lng, lat] = (f.geometry as Point).coordinates;
        const type = String(f.properties?.type ?? '');
        const style = buyerStyle(type);
        return L.marker([lat, lng], {
          icon: L.divIcon({
            className: `buyer-icon buyer-${type}`,
            html: diamondSvg(style.color, BUYER_SIZE, `buyer-marker buyer-${type}`),
            iconSize: [BUYER_SIZE, BUYER_SIZE],
            iconAnchor: [BUYER_SIZE / 2, BUYER_SIZE / 2],
          }),
          title: String(f.properties?.name ?? ''),
          alt: `${t('buyer')}: ${f.properties?.name ?? ''}`,
        }).bindPopup(() => this.buyerPopup(f));
      }
      case 'zones':
        return L.geoJSON(f as Feature<Geometry>, {
          pane: 'areas',
          style: () => ({
            color: '#b71c1c',
            weight: 2,
            dashArray: '6 4',
            fillColor: '#e53935',
            fillOpacity: f.properties?.restricted ? 0.25 : 0.05,
            className: 'zone-area',
          }),
        }).bindPopup(() => this.zonePopup(f));
      case 'checkpoints': {
        const [lng, lat] = (f.geometry as Point).coordinates;
        return L.marker([lat, lng], {
          icon: L.divIcon({ className: 'checkpoint-marker', html: '', iconSize: [20, 20], iconAnchor: [10, 10] }),
          title: String(f.properties?.name ?? ''),
          alt: t('checkpoint'),
        }).bindPopup(() => this.checkpointPopup(f));
      }
      case 'flows': {
        const coords = (f.geometry as LineString).coordinates.map(([lng, lat]) => L.latLng(lat, lng));
        if (f.properties?.kind === 'aggregate') {
          return L.polyline(coords, {
            pane: 'flows',
            color: '#2e7d32',
            weight: Math.min(12, 2 + Math.log10(1 + (f.properties?.quantityKg ?? 0) / 1000) * 2.5),
            opacity: 0.7,
            className: 'flow-line flow-aggregate',
          }).bindPopup(() => this.flowTotalPopup(f));
        }
        const deal = f.properties?.kind === 'deal';
        const weight = Math.min(10, 2 + Math.log10(1 + (f.properties?.quantityKg ?? 0) / 1000) * 2);
        return L.polyline(coords, {
          pane: 'flows',
          color: deal ? '#1b5e20' : '#ef6c00',
          weight,
          opacity: 0.8,
          dashArray: deal ? undefined : '8 6',
          className: `flow-line flow-${deal ? 'deal' : 'proposal'}`,
        }).bindPopup(() => this.flowPopup(f));
      }
    }
  }

  private renderSupply(f: Feature<Point>): L.Layer {
    const [lng, lat] = f.geometry.coordinates;
    const p = f.properties ?? {};
    if (p.cluster) {
      const n = Number(p.pointCount);
      const size = Math.round(Math.min(64, 26 + 8 * Math.log10(n)));
      const icon = L.divIcon({
        className: 'supply-cluster',
        html: `<div style="width:${size}px;height:${size}px;line-height:${size}px;background:${CLUSTER_COLOR};color:#fff">${escapeHtml(formatNumber(n))}</div>`,
        iconSize: [size, size],
      });
      const marker = L.marker([lat, lng], { icon, title: t('lotsInCluster', { n }), keyboard: true });
      marker.bindTooltip(() =>
        h(
          'div',
          {},
          h('strong', {}, t('lotsInCluster', { n: formatNumber(n) })),
          h('br'),
          `${t('remaining')}: ${formatTons(p.remainingKg)}`,
          h('br'),
          t('zoomIn'),
        ),
      );
      marker.on('click', () => this.map.setView([lat, lng], Math.min(this.map.getZoom() + 2, 16)));
      return marker;
    }
    return L.circleMarker([lat, lng], {
      radius: supplyRadius(p.remainingKg),
      color: '#1b1b1b',
      weight: 1,
      fillColor: productColor(p.product),
      fillOpacity: 0.85,
      className: `supply-marker product-${String(p.product ?? '').replace(/[^A-Za-z0-9_-]/g, '')}`,
    }).bindPopup(() => this.lotPopup(f), { maxWidth: 320 });
  }

  private productName(p: Record<string, any>): string {
    const fromFeature = getLang() === 'vi' ? p.productNameVi : p.productNameEn;
    const product = this.products.get(p.product);
    return fromFeature ?? (product ? (getLang() === 'vi' ? product.nameVi : product.nameEn) : p.product);
  }

  lotPopup(f: Feature): HTMLElement {
    const p = f.properties ?? {};
    return h(
      'div',
      { className: 'popup lot-popup' },
      h('h3', {}, this.productName(p)),
      row(t('cooperative'), p.cooperativeName),
      row(t('remaining'), `${formatTons(p.remainingKg)} / ${formatTons(p.quantityKg ?? p.remainingKg)}`),
      row(t('askPrice'), formatVndPerKg(p.askVndPerKg)),
      row(t('harvestWindow'), formatWindow(p.harvestFrom, p.harvestTo)),
      p.certifications?.length ? row(t('certifications'), p.certifications.join(', ')) : null,
      p.note ? row(t('note'), p.note) : null,
      contactBlock(p),
    );
  }

  private areaPopup(f: Feature): HTMLElement {
    const p = f.properties ?? {};
    return h(
      'div',
      { className: 'popup area-popup' },
      h('h3', {}, p.name || this.productName(p)),
      row(t('product'), this.productName(p)),
      row(t('cooperative'), p.cooperativeName),
      row(t('areaHa'), `${formatNumber(p.areaHa, 2)} ha`),
      p.growingAreaCode ? row(t('growingAreaCode'), p.growingAreaCode) : null,
      p.certifications?.length ? row(t('certifications'), p.certifications.join(', ')) : null,
    );
  }

  private buyerPopup(f: Feature): HTMLElement {
    const p = f.properties ?? {};
    return h(
      'div',
      { className: 'popup buyer-popup' },
      h('h3', {}, p.name),
      row(t('buyerType'), statusLabel('buyer', p.type)),
      p.address ? row(t('location'), p.address) : null,
      p.productsWanted?.length
        ? row(t('productsWanted'), p.productsWanted.map((c: string) => this.productName({ product: c })).join(', '))
        : null,
      contactBlock(p),
    );
  }

  private checkpointPopup(f: Feature): HTMLElement {
    const p = f.properties ?? {};
    return h(
      'div',
      { className: 'popup checkpoint-popup' },
      h('h3', {}, p.name),
      h('p', { className: 'muted' }, t('checkpoint')),
      p.zoneCode ? row(t('checkpointZone'), `${p.zoneName ?? ''} (${p.zoneCode})`) : null,
      p.note ? h('p', {}, p.note) : null,
    );
  }

  private zonePopup(f: Feature): HTMLElement {
    const p = f.properties ?? {};
    return h(
      'div',
      { className: 'popup zone-popup' },
      h('h3', {}, p.name),
      row(t('zone'), p.code),
      p.restricted ? h('p', { className: 'warn' }, t('restricted')) : null,
      row(t('activePeriod'), `${formatDate(p.activeFrom)} – ${formatDate(p.activeTo)}`),
    );
  }

  private flowPopup(f: Feature): HTMLElement {
    const p = f.properties ?? {};
    return h(
      'div',
      { className: 'popup flow-popup' },
      h('h3', {}, `${p.kind === 'deal' ? t('legendFlowDeal') : t('legendFlowProposal')}: ${this.productName(p)}`),
      row(t('seller'), p.cooperativeName),
      row(t('buyer'), p.buyerName),
      row(t('quantity'), formatTons(p.quantityKg)),
      p.priceVndPerKg != null ? row(t('askPrice'), formatVndPerKg(p.priceVndPerKg)) : null,
      p.askVndPerKg != null ? row(t('askPrice'), formatVndPerKg(p.askVndPerKg)) : null,
      p.bidVndPerKg != null ? row(t('bidPrice'), formatVndPerKg(p.bidVndPerKg)) : null,
      p.distanceKm != null ? row(t('distance'), `${formatNumber(p.distanceKm, 1)} km`) : null,
      // A deal's line carries the deal's status (delivered, …), a proposal's line the proposal's.
      p.status ? row(t('status'), statusLabel(p.kind === 'deal' ? 'deal' : 'proposal', p.status)) : null,
    );
  }

  private flowTotalPopup(f: Feature): HTMLElement {
    const p = f.properties ?? {};
    return h(
      'div',
      { className: 'popup flow-popup flow-total-popup' },
      h('h3', {}, `${t('legendFlowTotal')}: ${this.productName(p)}`),
      row(t('flowFrom'), p.fromName ?? p.fromProvinceCode ?? '—'),
      row(t('flowTo'), p.toName ?? p.toProvinceCode ?? '—'),
      row(t('quantity'), formatTons(p.quantityKg)),
      row(t('flowDeals'), formatNumber(p.deals)),
      h('p', { className: 'muted' }, t('flowTotalNote')),
    );
  }

  /** Proportional circles (area ∝ tonnes) of unsold backlog per commune; null clears them. */
  setBacklog(items: BacklogItem[] | null, productLabel: (code: string) => string = (c) => c): void {
    this.backlogLayer.clearLayers();
    if (!items) {
      this.backlogLayer.remove();
      this.map.getContainer().dataset.backlogCount = '0';
      return;
    }
    const max = Math.max(1, ...items.map((i) => i.backlogKg));
    let drawn = 0;
    for (const i of items) {
      if (!i.location || i.backlogKg <= 0) continue;
      const radius = 6 + 28 * Math.sqrt(i.backlogKg / max);
      L.circleMarker([i.location.lat, i.location.lng], {
        radius,
        color: '#7f0000',
        weight: 1.5,
        fillColor: '#d32f2f',
        fillOpacity: 0.45,
        className: 'backlog-circle',
      })
        .bindPopup(() =>
          h(
            'div',
            { className: 'popup backlog-popup' },
            h('h3', {}, i.communeName ?? i.provinceName ?? t('unknownCommune')),
            i.provinceName ? row(t('province'), i.provinceName) : null,
            row(t('backlog'), formatTons(i.backlogKg)),
            row(t('lots'), formatNumber(i.lots)),
            row(t('cooperatives'), formatNumber(i.cooperatives)),
            i.products.length
              ? row(
                  t('products'),
                  i.products
                    .slice(0, 5)
                    .map((p) => `${productLabel(p.product)}: ${formatTons(p.backlogKg)}`)
                    .join('; '),
                )
              : null,
          ),
        )
        .addTo(this.backlogLayer);
      drawn++;
    }
    this.backlogLayer.addTo(this.map);
    this.map.getContainer().dataset.backlogCount = String(drawn);
  }

  /** Zooms to a GeoJSON geometry (a drawn zone, a production area). */
  fitGeometry(geometry: Geometry, maxZoom = 15): void {
    const bounds = L.geoJSON(geometry as any).getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { maxZoom, padding: [20, 20] });
  }

  fitPoints(points: Array<{ lat: number; lng: number }>, maxZoom = 12): void {
    if (!points.length) return;
    // Keep the points clear of the open legend in the bottom-right corner.
    const legend = this.map.getContainer().querySelector<HTMLElement>('.legend:not(.collapsed)');
    const right = legend ? legend.offsetWidth + 30 : 40;
    this.map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number])), {
      maxZoom,
      paddingTopLeft: [40, 40],
      paddingBottomRight: [right, 40],
    });
  }

  private buildControls(): void {
    const provinceSets: Record<string, L.Layer> = {
      [t('layerProvinces2025')]: this.provinces2025,
      [t('layerProvinces2024')]: this.provinces2024,
    };
    const overlays: Record<string, L.Layer> = {
      [t('layerCommuneLabels')]: this.communeLabels,
      [t('layerAreas')]: this.overlays.areas,
      [t('layerSupply')]: this.overlays.supply,
      [t('layerBuyers')]: this.overlays.buyers,
      [t('layerZones')]: this.overlays.zones,
      [t('layerCheckpoints')]: this.overlays.checkpoints,
      [t('layerFlows')]: this.overlays.flows,
      [t('layerBacklog')]: this.backlogLayer,
    };
    this.layerControl?.remove();
    // The province sets are a choice of one (radio): the 34 current, or the 63 before 1 July 2025.
    this.layerControl = L.control
      .layers(provinceSets, overlays, { collapsed: window.innerWidth < 700, position: 'topright' })
      .addTo(this.map);

    this.legend?.remove();
    const Legend = L.Control.extend({
      onAdd: () => {
        const el = h(
          'div',
          { className: `legend leaflet-bar${window.innerWidth < 700 ? ' collapsed' : ''}` },
          h(
            'button',
            {
              type: 'button',
              className: 'legend-toggle',
              'aria-expanded': window.innerWidth >= 700 ? 'true' : 'false',
              onclick: (e: Event) => {
                const open = el.classList.toggle('collapsed') === false;
                (e.currentTarget as HTMLElement).setAttribute('aria-expanded', String(open));
              },
            },
            t('legend'),
          ),
          h('ul', {}),
        );
        L.DomEvent.disableClickPropagation(el);
        L.DomEvent.disableScrollPropagation(el);
        return el;
      },
    });
    this.legend = new Legend({ position: 'bottomright' }).addTo(this.map);
    this.updateLegend();

    this.filterStatus?.remove();
    const FilterStatus = L.Control.extend({
      onAdd: () => {
        const el = h('div', { className: 'map-filter-status leaflet-bar', role: 'status', 'aria-live': 'polite' });
        el.hidden = true;
        L.DomEvent.disableClickPropagation(el);
        return el;
      },
    });
    this.filterStatus = new FilterStatus({ position: 'bottomleft' }).addTo(this.map);
    this.updateFilterStatus();
  }

  /**
   * The legend says what the map draws now: one entry per product among the lots and areas in
   * view (circle, its colour) and per buyer type among the buyers (diamond, its colour), from the
   * same palette objects the markers use; then the fixed signs.
   */
  private updateLegend(): void {
    const list = this.map.getContainer().querySelector<HTMLElement>('.legend ul');
    if (!list) return;
    const swatch = (style: string) => h('span', { className: 'swatch', style });
    const products = new Map<string, string>();
    for (const f of [...this.drawnOn('supply'), ...this.drawnOn('areas')]) {
      const code = f.properties?.product;
      if (code && !f.properties?.cluster && !products.has(code))
        products.set(code, this.productName(f.properties ?? {}));
    }
    const buyerTypes = new Set(this.drawnOn('buyers').map((f) => String(f.properties?.type ?? '')));
    const clusters = this.drawnOn('supply').some((f) => f.properties?.cluster);
    const productItems = [...products.entries()]
      .sort((a, b) => a[1].localeCompare(b[1], 'vi'))
      .map(([code, name]) =>
        h(
          'li',
          {
            className: 'legend-product',
            'data-kind': 'product',
            'data-code': code,
            'data-color': productColor(code),
            'data-shape': 'circle',
          },
          swatch(`background:${productColor(code)};border-radius:50%;border:1px solid #1b1b1b`),
          name,
        ),
      );
    const buyerItems = [...buyerTypes].sort().map((type) => {
      const style = BUYER_STYLES[type] ?? OTHER_BUYER;
      const item = h(
        'li',
        {
          className: 'legend-buyer',
          'data-kind': 'buyer',
          'data-code': type,
          'data-color': style.color,
          'data-shape': style.shape,
        },
        h('span', { className: 'swatch' }),
        statusLabel('buyer', type),
      );
      (item.firstChild as HTMLElement).innerHTML = diamondSvg(style.color, 14, 'legend-diamond');
      return item;
    });
    const heading = (text: string) => h('li', { className: 'legend-heading' }, text);
    list.replaceChildren(
      ...(productItems.length || clusters ? [heading(t('legendLotsByProduct')), ...productItems] : []),
      ...(clusters
        ? [
            h(
              'li',
              { 'data-kind': 'cluster', 'data-color': CLUSTER_COLOR, 'data-shape': 'cluster' },
              swatch(`background:${CLUSTER_COLOR};border-radius:50%;border:2px solid #fff`),
              t('legendCluster'),
            ),
          ]
        : []),
      ...(productItems.length && this.drawnOn('areas').length
        ? [h('li', {}, swatch('background:rgba(120,144,156,.35);border:1px solid #546e7a'), t('legendAreasByProduct'))]
        : []),
      ...(buyerItems.length ? [heading(t('legendBuyersByType')), ...buyerItems] : []),
      ...(!productItems.length && !buyerItems.length && !clusters
        ? [h('li', { className: 'muted' }, t('legendNothingDrawn'))]
        : []),
      h('li', {}, swatch('background:rgba(229,57,53,.25);border:1px dashed #b71c1c'), t('legendZone')),
      ...(getSession()
        ? [h('li', {}, h('span', { className: 'swatch checkpoint-swatch' }), t('layerCheckpoints'))]
        : []),
      ...(getSession()
        ? [
            h('li', {}, swatch('height:0;border-top:3px dashed #ef6c00'), t('legendFlowProposal')),
            h('li', {}, swatch('height:0;border-top:3px solid #1b5e20'), t('legendFlowDeal')),
          ]
        : [h('li', {}, swatch('height:0;border-top:3px solid #2e7d32'), t('legendFlowTotal'))]),
      ...(this.map.hasLayer(this.backlogLayer)
        ? [
            h(
              'li',
              {},
              swatch('background:rgba(211,47,47,.45);border-radius:50%;border:1px solid #7f0000'),
              t('legendBacklog'),
            ),
          ]
        : []),
      h(
        'li',
        {},
        swatch(
          this.map.hasLayer(this.provinces2024)
            ? 'height:0;border-top:2px dashed #8d6e63'
            : 'height:0;border-top:2px solid #78909c',
        ),
        this.map.hasLayer(this.provinces2024) ? t('layerProvinces2024') : t('layerProvinces2025'),
      ),
    );
  }

  /** Rebuilds the texts of the controls after a language switch. */
  relabel(): void {
    this.addArchipelagoLabels();
    this.buildControls();
    this.refresh();
  }

  private addArchipelagoLabels(): void {
    this.labels.forEach((m) => m.remove());
    const label = (lat: number, lng: number, text: string) =>
      L.marker([lat, lng], {
        pane: 'boundaries',
        interactive: false,
        icon: L.divIcon({
          className: 'archipelago-label',
          html: `<span>${escapeHtml(text)}</span>`,
          iconSize: [110, 30],
          iconAnchor: [55, 15],
        }),
      }).addTo(this.map);
    // South of Hoàng Sa and north of Trường Sa: clear of the layer box above and the legend below.
    this.labels = [label(15.2, 111.95, t('hoangSa')), label(11.8, 114.9, t('truongSa'))];
  }
}

function row(label: string, value: unknown): HTMLElement {
  return h(
    'div',
    { className: 'row' },
    h('span', { className: 'label' }, `${label}: `),
    h('span', { className: 'value' }, value == null ? '—' : String(value)),
  );
}

function contactBlock(p: Record<string, any>): HTMLElement {
  if (!p.contact) return h('p', { className: 'contact-hidden' }, getSession() ? '' : t('contactHidden'));
  const c = p.contact;
  return h(
    'div',
    { className: 'contact' },
    h('strong', {}, `${t('contact')}: `),
    c.name ? `${c.name} ` : '',
    c.phone ? h('a', { href: `tel:${String(c.phone).replace(/[^0-9+]/g, '')}` }, c.phone) : null,
    c.email ? h('span', {}, ` · ${c.email}`) : null,
  );
}
