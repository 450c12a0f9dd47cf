import { setImmediate as yieldToLoop } from 'node:timers/promises';

// Elements stringified between two yields: a few ms of work, so a national instance (about 330 MB of
// JSON) never holds the worker's event loop, whose timers renew its jobs' locks.
const ELEMENTS_PER_SLICE = 2000;

/**
 * JSON.stringify of plain data (objects, arrays, strings, numbers, booleans, null), the same text,
 * in slices with a turn of the event loop between them: long arrays are written a slice at a time.
 */
export async function stringifyYielding(value: unknown): Promise<string> {
  const out: string[] = [];
  await write(value, out);
  return out.join('');
}

async function write(value: unknown, out: string[]): Promise<void> {
  if (Array.isArray(value)) {
    if (value.length <= ELEMENTS_PER_SLICE) {
      out.push(JSON.stringify(value));
      return;
    }
    out.push('[');
    for (let i = 0; i < value.length; i += ELEMENTS_PER_SLICE) {
      const slice = JSON.stringify(value.slice(i, i + ELEMENTS_PER_SLICE));
      out.push(i ? ',' : '', slice.slice(1, -1));
      await yieldToLoop();
    }
    out.push(']');
    return;
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    out.push('{');
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out.push(first ? '' : ',', JSON.stringify(key), ':');
      first = false;
      await write(v, out);
    }
    out.push('}');
    return;
  }
  out.push(JSON.stringify(value));
}

/** Runs `each` over the items with a turn of the event loop every `perSlice` items. */
export async function forEachYielding<T>(items: readonly T[], each: (item: T, index: number) => void, perSlice = 5000) {
  for (let i = 0; i < items.length; i += perSlice) {
    const end = Math.min(items.length, i + perSlice);
    for (let k = i; k < end; k++) each(items[k], k);
    if (end < items.length) await yieldToLoop();
  }
}
