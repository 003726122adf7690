/**
 * The catalogue's change signal, shared by every server process through the
 * database: one row whose version each write to what the public sees bumps
 * in its own transaction. Each process polls it (a primary-key read, every
 * POLL_MS) and drops its cached reads and pages when it moved, so a revoked
 * certificate shows as revoked on every server within a second. The same
 * mechanism on SQLite and PostgreSQL; see docs/decisions/008.
 */
import type { Database, Prisma } from "../../db.server";
import { invalidateCatalogueReads } from "./read-cache.server";

export const POLL_MS = 250;

type Transaction = Prisma.TransactionClient;

/** Bumps the version; call inside the transaction of every public write. */
export async function recordCatalogueChange(tx: Transaction | Database): Promise<void> {
  await tx.catalogueVersion.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1 },
    update: { version: { increment: 1 }, changedAt: new Date() },
  });
}

/**
 * Runs `work` in one transaction that also records the change, then drops
 * this process's cached reads (other processes follow on their next poll).
 * Nothing is invalidated when the transaction fails: nothing changed.
 */
export async function writeCatalogue<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T>,
  // Long writes (a CSV import) need more than Prisma's 5 s default.
  options: { timeout?: number; maxWait?: number } = {},
): Promise<T> {
  const result = await db.$transaction(async (tx) => {
    const value = await work(tx);
    await recordCatalogueChange(tx);
    return value;
  }, options);
  invalidateCatalogueReads();
  return result;
}

/** The change counter (every search reads it: a raw query skips the client's query compiler). */
export async function currentCatalogueVersion(db: Database): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ version: number | bigint }>>`SELECT "version" FROM "CatalogueVersion" WHERE "id" = 1`;
  return row ? Number(row.version) : 0;
}

/**
 * Polls the version and calls `onChange` (by default: invalidate this
 * process's caches) when another process moved it. Returns a stop function.
 */
export function watchCatalogueChanges(
  db: Database,
  { intervalMs = POLL_MS, onChange = invalidateCatalogueReads, log = console.error }: { intervalMs?: number; onChange?: () => void; log?: (message: string) => void } = {},
): () => void {
  let seen: number | undefined;
  let polling = false;
  let failing = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const version = await currentCatalogueVersion(db);
      if (seen !== undefined && version !== seen) onChange();
      seen = version;
      failing = false;
    } catch (error) {
      // One line per outage, not one per poll; the caches keep their 60 s bound meanwhile.
      if (!failing) log(`change signal: cannot read the catalogue version (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
      failing = true;
    } finally {
      polling = false;
    }
  };
  void poll();
  const timer = setInterval(poll, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
