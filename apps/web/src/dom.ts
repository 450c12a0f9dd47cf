// DOM helpers that never parse HTML: user-typed text always goes in as text nodes.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function')
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    else if (k === 'className') el.className = String(v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** For the rare place a string of HTML is unavoidable (Leaflet div icons with numbers). */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

// Screens register what must stop when the user leaves them (timers, charts, drawings, map overlays).
const leaveHooks: Array<() => void> = [];

export function onLeave(fn: () => void): void {
  leaveHooks.push(fn);
}

export function leaveScreen(): void {
  for (const fn of leaveHooks.splice(0)) {
    try {
      fn();
    } catch {
      /* a failing clean-up must not block the next screen */
    }
  }
}

/**
 * An async handler as an event listener (or timer callback): the DOM ignores what a listener
 * returns, so the promise is let go on purpose. The handlers catch and show their own errors.
 */
export function listener<E extends Event>(handler: (e: E) => Promise<unknown>): (e: E) => void {
  return (e) => void handler(e);
}
