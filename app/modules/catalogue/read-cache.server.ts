/**
 * An in-process cache for the public catalogue's read models (search
 * results, facet counts, home and statistics figures), which a measurement
 * showed to cost 100–300 ms at 20,000 products. lru-cache keeps entries for
 * at most TTL_MS and shares one computation among concurrent identical reads
 * (see docs/decisions/005 and 008).
 *
 * Any committed write to what the public sees invalidates it: at once in the
 * writing process, and within a poll interval in every other process through
 * the change signal in the database (changes.server.ts).
 */
import { LRUCache } from "lru-cache";
import { formatDate } from "../../lib/dates";

const TTL_MS = 60_000;
// Bounded for memory: the page cache in front answers most repeat visits.
const MAX_ENTRIES = 200;

type Compute = () => Promise<unknown>;

export function createReadCache({ ttlMs = TTL_MS, max = MAX_ENTRIES, now }: { ttlMs?: number; max?: number; now?: () => number } = {}) {
  // Keys carry the generation, so a computation that started before an
  // invalidation can finish for those awaiting it but is never read again.
  let generation = 0;
  const cache = new LRUCache<string, { value: unknown }, Compute>({
    max,
    ttl: ttlMs,
    ignoreFetchAbort: true,
    // An injected clock (tests) is read on every check.
    ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    fetchMethod: async (_key, _stale, { context }) => ({ value: await context() }),
  });
  return {
    async read<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const entry = await cache.fetch(`${generation}|${key}`, { context: compute });
      return entry!.value as T;
    },
    invalidate() {
      generation += 1;
      cache.clear();
    },
    get size() {
      return cache.size;
    },
  };
}

const shared = createReadCache();

export function cachedRead<T>(key: string, compute: () => Promise<T>): Promise<T> {
  return shared.read(key, compute);
}

/**
 * A read that depends on the day in Vietnam (every certificate status does):
 * keyed by `name` and the day, so a status still changes at midnight.
 */
export function cachedForDay<T>(name: string, today: Date, compute: () => Promise<T>): Promise<T> {
  return cachedRead(`${name}:${formatDate(today)}`, compute);
}

const invalidationListeners = new Set<() => void>();

/** Lets caches further out (the server's page cache) clear with this one. */
export function onCatalogueInvalidated(listener: () => void): () => void {
  invalidationListeners.add(listener);
  return () => invalidationListeners.delete(listener);
}

/** Drops every cached public read in this process, and in the caches that listen. */
export function invalidateCatalogueReads(): void {
  shared.invalidate();
  for (const listener of invalidationListeners) listener();
}

export function catalogueReadCacheSize(): number {
  return shared.size;
}
