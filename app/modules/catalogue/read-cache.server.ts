/**
 * A small in-process cache for the public catalogue's read models (search
 * results, facet counts, home and statistics figures), which a measurement
 * showed to cost 100–300 ms at 20,000 products. Entries live at most
 * TTL_MS, concurrent identical requests share one computation, and any write
 * through the domain modules clears the cache. Another process's writes (a
 * seed, a second instance) show within TTL_MS. See docs/decisions/005.
 */
import { formatDate } from "../certifications/rules.server";

const TTL_MS = 60_000;
// Bounded for memory: the page cache in front answers most repeat visits.
const MAX_ENTRIES = 200;

type Entry = { expires: number; value: Promise<unknown> };
const entries = new Map<string, Entry>();

export function cachedRead<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = entries.get(key);
  if (hit && hit.expires > now) {
    // Refresh recency: Map keeps insertion order, so the oldest is evicted first.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  entries.set(key, { expires: now + TTL_MS, value });
  // A failed computation is not cached.
  value.catch(() => entries.get(key)?.value === value && entries.delete(key));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}

/**
 * A read that depends on the day in Vietnam (every certificate status does):
 * keyed by `name` and the day, so a status still changes at midnight.
 */
export function cachedForDay<T>(name: string, today: Date, compute: () => Promise<T>): Promise<T> {
  return cachedRead(`${name}:${formatDate(today)}`, compute);
}

const writeListeners = new Set<() => void>();

/** Lets caches further out (the server's page cache) clear with this one. */
export function onCatalogueWrite(listener: () => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

export function invalidateCatalogueReads(): void {
  entries.clear();
  for (const listener of writeListeners) listener();
}

export function catalogueReadCacheSize(): number {
  return entries.size;
}
