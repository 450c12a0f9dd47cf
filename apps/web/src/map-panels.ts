import type L from 'leaflet';

/**
 * An open popup never sits under a panel drawn over the map (legend, layer box, filter status,
 * zoom buttons). Leaflet's auto-pan keeps a popup inside the map only; this moves the map by the
 * least that clears every panel, and folds the legend on a screen too small to clear it.
 */
const GAP = 6;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function boxOf(el: Element): Box {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right + GAP && b.left < a.right + GAP && a.top < b.bottom + GAP && b.top < a.bottom + GAP;
}

function shifted(a: Box, dx: number, dy: number): Box {
  return { left: a.left + dx, right: a.right + dx, top: a.top + dy, bottom: a.bottom + dy };
}

export function panelBoxes(map: L.Map): Box[] {
  return Array.from(map.getContainer().querySelectorAll<HTMLElement>('.leaflet-control'))
    .filter((el) => !el.hidden && el.offsetWidth > 0 && el.offsetHeight > 0)
    .map(boxOf);
}

/** The least move (dx, dy) of a box that clears every panel and stays inside the map; null when none does. */
export function clearingShift(target: Box, panels: Box[], bounds: Box): { dx: number; dy: number } | null {
  const hits = panels.filter((p) => overlaps(target, p));
  if (!hits.length) return { dx: 0, dy: 0 };
  const candidates: Array<{ dx: number; dy: number }> = [];
  const xs = [0, ...panels.flatMap((p) => [p.left - GAP - 1 - target.right, p.right + GAP + 1 - target.left])];
  const ys = [0, ...panels.flatMap((p) => [p.top - GAP - 1 - target.bottom, p.bottom + GAP + 1 - target.top])];
  for (const dx of xs) for (const dy of ys) candidates.push({ dx, dy });
  const fits = candidates
    .filter(({ dx, dy }) => {
      const b = shifted(target, dx, dy);
      return (
        b.left >= bounds.left &&
        b.right <= bounds.right &&
        b.top >= bounds.top &&
        b.bottom <= bounds.bottom &&
        !panels.some((p) => overlaps(b, p))
      );
    })
    .sort((a, b) => Math.abs(a.dx) + Math.abs(a.dy) - (Math.abs(b.dx) + Math.abs(b.dy)));
  return fits[0] ?? null;
}

export function keepPopupClearOfPanels(map: L.Map, popup: L.Popup): void {
  const el = popup.getElement();
  if (!el || !map.hasLayer(popup)) return;
  const container = map.getContainer();
  const target = boxOf(el);
  let shift = clearingShift(target, panelBoxes(map), boxOf(container));
  if (!shift) {
    // Too small a screen to clear an open legend: fold it (its button stays) and try again.
    const legend = container.querySelector<HTMLElement>('.legend:not(.collapsed)');
    if (legend) {
      legend.classList.add('collapsed');
      legend.querySelector('.legend-toggle')?.setAttribute('aria-expanded', 'false');
      shift = clearingShift(target, panelBoxes(map), boxOf(container));
    }
  }
  if (shift && (shift.dx || shift.dy)) map.panBy([-shift.dx, -shift.dy], { animate: false });
}
