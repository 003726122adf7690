import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { pgConnectionConfig, providerOf } from "./db.config.js";
import { LOCK_WAIT_MS, SqliteAdapter } from "./db.sqlite-adapter.server";
import { env } from "./env.server";

export type { Prisma } from "./generated/sqlite/client";
export * from "./generated/sqlite/enums";

/** Both generated clients share one API; code is typed against the SQLite one. */
export type Database = InstanceType<typeof SqliteClient>;

const providers = new WeakMap<Database, "sqlite" | "postgresql">();

/** `lockWaitMs`: how long a SQLite write waits for another connection's lock (tests shorten it). */
export function createDatabase(url: string, { lockWaitMs = LOCK_WAIT_MS }: { lockWaitMs?: number } = {}): Database {
  const provider = providerOf(url);
  const database =
    provider === "postgresql"
      ? (new PostgresClient({ adapter: new PrismaPg({ ...pgConnectionConfig(url), max: 10 }) }) as unknown as Database)
      : new SqliteClient({
          adapter: new SqliteAdapter({ url, lockWaitMs }),
          // Prisma gives up starting a transaction after maxWait (2 s by default), which cut
          // the adapter's wait for the write lock short: let that wait run its course.
          transactionOptions: { maxWait: lockWaitMs + 1_000 },
        });
  providers.set(database, provider);
  return database;
}

/** The provider behind a client, for the few SQL fragments that differ (tests use several clients). */
export function providerOfDatabase(database: Database): "sqlite" | "postgresql" {
  return providers.get(database) ?? providerOf(env.DATABASE_URL);
}

export const databaseProvider = providerOf(env.DATABASE_URL);

// One client per process; kept on globalThis so dev-server reloads reuse it.
const globalForDb = globalThis as unknown as { ocopDb?: Database };
export const db: Database = (globalForDb.ocopDb ??= createDatabase(env.DATABASE_URL));

/**
 * Once per server start. SQLite: write-ahead logging so readers never wait
 * for a writer (writers wait for each other in db.sqlite-adapter.server.ts).
 */
export async function configureDatabase(database: Database = db): Promise<void> {
  if (providerOfDatabase(database) !== "sqlite") return;
  // The file keeps its journal mode: once in WAL, a start changes nothing, and takes no
  // exclusive lock that another server starting on the same file would hold up.
  const [journal] = await database.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
  if (journal?.journal_mode !== "wal") await database.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // 4 MiB of page cache: searches match through the trigram index and the
  // in-memory columns, and the operating system caches the file; 16 MiB added
  // about 15 MiB to the RSS at 100,000 products for no measured speed.
  await database.$executeRawUnsafe("PRAGMA cache_size = -4096");
  await database.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

/** Cheap round trip for /healthz. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
