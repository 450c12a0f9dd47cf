import L from 'leaflet';
import type { Polygon } from 'geojson';
import { h, onLeave } from './dom';
import { clearFieldError } from './forms';
import { formatNumber } from './format';
import { t } from './i18n';

/**
 * Click-to-add-vertices polygon drawing on a Leaflet map: each click adds a corner,
 * `undo` drops the last one, `finish` closes the ring and returns a GeoJSON Polygon
 * ([lng, lat], first position repeated last). While drawing, the other map features
 * stop catching clicks (the `drawing` class), so a click on a field or a zone adds a
 * corner instead of opening its popup.
 */
export class PolygonDrawer {
  private vertices: L.LatLng[] = [];
  private readonly layer = L.layerGroup();
  private active = false;
  private readonly onClick = (e: L.LeafletMouseEvent) => this.add(e.latlng);

  constructor(
    private readonly map: L.Map,
    private readonly opts: { color: string; onChange?: (vertices: number) => void } = { color: '#1565c0' },
  ) {}

  get count(): number {
    return this.vertices.length;
  }

  get drawing(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.vertices = [];
    this.layer.clearLayers();
    this.layer.addTo(this.map);
    this.map.on('click', this.onClick);
    this.map.doubleClickZoom.disable();
    this.map.getContainer().classList.add('drawing');
    this.opts.onChange?.(0);
  }

  add(latlng: L.LatLng): void {
    if (!this.active) return;
    this.vertices.push(L.latLng(round6(latlng.lat), round6(latlng.lng)));
    this.redraw();
  }

  undo(): void {
    this.vertices.pop();
    this.redraw();
  }

  /** Stops listening; the shape stays drawn (as the finished outline) until clear(). */
  stop(): void {
    this.active = false;
    this.map.off('click', this.onClick);
    this.map.doubleClickZoom.enable();
    this.map.getContainer().classList.remove('drawing');
  }

  clear(): void {
    this.stop();
    this.vertices = [];
    this.layer.clearLayers();
    this.layer.remove();
    this.opts.onChange?.(0);
  }

  /** The drawn ring as a GeoJSON Polygon, or null below three corners. */
  polygon(): Polygon | null {
    if (this.vertices.length < 3) return null;
    const ring = this.vertices.map((v) => [v.lng, v.lat]);
    ring.push([...ring[0]]);
    return { type: 'Polygon', coordinates: [ring] };
  }

  private redraw(): void {
    this.layer.clearLayers();
    const c = this.opts.color;
    if (this.vertices.length >= 3) {
      L.polygon(this.vertices, {
        color: c,
        weight: 2,
        dashArray: '5 4',
        fillColor: c,
        fillOpacity: 0.2,
        interactive: false,
        className: 'draw-shape',
      }).addTo(this.layer);
    } else if (this.vertices.length === 2) {
      L.polyline(this.vertices, {
        color: c,
        weight: 2,
        dashArray: '5 4',
        interactive: false,
        className: 'draw-shape',
      }).addTo(this.layer);
    }
    for (const v of this.vertices) {
      L.circleMarker(v, {
        radius: 5,
        color: '#fff',
        weight: 2,
        fillColor: c,
        fillOpacity: 1,
        interactive: false,
        className: 'draw-vertex',
      }).addTo(this.layer);
    }
    this.opts.onChange?.(this.vertices.length);
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** True when two edges of the ring cross (a bow-tie), which PostGIS would reject as invalid. */
export function selfIntersects(p: Polygon): boolean {
  const ring = p.coordinates[0];
  const n = ring.length - 1; // edges
  const cross = (a: number[], b: number[], c: number[]) =>
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const intersect = (p1: number[], p2: number[], p3: number[], p4: number[]) => {
    const d1 = cross(p3, p4, p1);
    const d2 = cross(p3, p4, p2);
    const d3 = cross(p1, p2, p3);
    const d4 = cross(p1, p2, p4);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a corner
      if (intersect(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
    }
  }
  return false;
}

/** Area of a small lon/lat polygon in hectares (equirectangular projection at its mean latitude; fine for fields). */
export function areaHectares(p: Polygon): number {
  const ring = p.coordinates[0];
  const lat0 = (ring.reduce((s, c) => s + c[1], 0) / ring.length) * (Math.PI / 180);
  const R = 6_371_008.8;
  const x = (c: number[]) => c[0] * (Math.PI / 180) * R * Math.cos(lat0);
  const y = (c: number[]) => c[1] * (Math.PI / 180) * R;
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) twice += x(ring[i]) * y(ring[i + 1]) - x(ring[i + 1]) * y(ring[i]);
  return Math.abs(twice) / 2 / 10_000;
}

/**
 * The drawing controls a form shows: start, undo the last corner, finish, start again.
 * `get()` answers the finished polygon (or null); the drawing is removed on leaving the screen.
 */
export function drawControls(
  map: L.Map,
  color: string,
  onFinish?: (p: Polygon) => void,
): { el: HTMLElement; get(): Polygon | null; reset(): void; drawer: PolygonDrawer } {
  let finished: Polygon | null = null;
  const state = h('span', { className: 'draw-state' });
  const drawer = new PolygonDrawer(map, {
    color,
    onChange: (n) => {
      if (drawer?.drawing) state.textContent = n ? t('drawCorners', { n }) : t('drawHint');
    },
  });
  const startBtn = h('button', { type: 'button', className: 'draw-start' }, t('drawStart'));
  const undoBtn = h('button', { type: 'button', className: 'draw-undo', disabled: true }, t('drawUndo'));
  const finishBtn = h('button', { type: 'button', className: 'draw-finish primary', disabled: true }, t('drawFinish'));
  const sync = () => {
    undoBtn.disabled = !drawer.drawing;
    finishBtn.disabled = !drawer.drawing;
    startBtn.textContent = drawer.drawing || finished ? t('drawRestart') : t('drawStart');
  };
  startBtn.addEventListener('click', () => {
    finished = null;
    drawer.clear();
    drawer.start();
    state.textContent = t('drawHint');
    sync();
  });
  undoBtn.addEventListener('click', () => drawer.undo());
  finishBtn.addEventListener('click', () => {
    const p = drawer.polygon();
    if (!p) {
      state.textContent = t('errPolygonCorners');
      return;
    }
    if (selfIntersects(p)) {
      state.textContent = t('errPolygonCrossing');
      return;
    }
    finished = p;
    drawer.stop();
    clearFieldError(finishBtn);
    state.textContent = t('drawDone', { n: p.coordinates[0].length - 1, ha: formatNumber(areaHectares(p), 2) });
    sync();
    onFinish?.(p);
  });
  onLeave(() => drawer.clear());
  return {
    el: h(
      'div',
      { className: 'draw-controls' },
      h('div', { className: 'actions' }, startBtn, undoBtn, finishBtn),
      state,
    ),
    get: () => finished,
    reset: () => {
      finished = null;
      drawer.clear();
      state.textContent = '';
      sync();
    },
    drawer,
  };
}
