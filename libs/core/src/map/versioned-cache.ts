/**
 * A small LRU of answers derived from the supply snapshot: an entry is good while the snapshot
 * version it was computed from is current, and for at most `ttlMs` (the parts read from other
 * tables, such as cooperative names and contacts, are not versioned).
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: number; at: number; value: V }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, version: number): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.version !== version || this.now() - e.at > this.ttlMs) return undefined;
    this.entries.set(key, e); // most recently used last
    return e.value;
  }

  set(key: string, version: number, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { version, at: this.now(), value });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const processTag = Math.random().toString(36).slice(2, 10);
let answers = 0;

/**
 * A computed answer with its JSON text made once, and an entity tag naming this computation:
 * reused answers are sent without serialising or hashing them again.
 */
export class CachedAnswer<T> {
  readonly etag = `W/"${processTag}-${++answers}"`;
  private text?: string;

  constructor(readonly value: T) {}

  get json(): string {
    return (this.text ??= JSON.stringify(this.value));
  }
}
