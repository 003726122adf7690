import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { pgConnectionConfig, providerOf } from "./db.config.js";
import { env } from "./env.server";

export type { Prisma } from "./generated/sqlite/client";
export * from "./generated/sqlite/enums";

/** Both generated clients share one API; code is typed against the SQLite one. */
export type Database = InstanceType<typeof SqliteClient>;

/**
 * SQLite transactions that take the write lock when they begin (BEGIN
 * IMMEDIATE). The adapter begins them deferred, and a transaction that has read
 * cannot wait for another process's write lock: SQLite answers "database is
 * locked" at once rather than risk a deadlock. Every write service reads, then
 * writes, so with a second server or a script on the same file a write failed
 * instead of waiting its turn (busy_timeout). Taking the lock first makes it wait.
 */
class SqliteTakingTheWriteLockFirst extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const startDeferred = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await startDeferred(isolationLevel);
      try {
        // Nothing ran in the deferred transaction yet, and this process's other
        // transactions wait on the adapter's lock meanwhile.
        await transaction.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
        await transaction.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
      } catch (error) {
        await transaction.rollback();
        throw error;
      }
      return transaction;
    };
    return adapter;
  }
}

const providers = new WeakMap<Database, "sqlite" | "postgresql">();

export function createDatabase(url: string): Database {
  const provider = providerOf(url);
  const database =
    provider === "postgresql"
      ? (new PostgresClient({ adapter: new PrismaPg({ ...pgConnectionConfig(url), max: 10 }) }) as unknown as Database)
      : new SqliteClient({ adapter: new SqliteTakingTheWriteLockFirst({ url }) });
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
 * for a writer, and a busy timeout instead of immediate "database is locked".
 */
export async function configureDatabase(database: Database = db): Promise<void> {
  if (providerOfDatabase(database) !== "sqlite") return;
  await database.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await database.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  // 16 MiB of page cache: search scans the narrow CatalogueEntry rows, and the
  // operating system caches the rest of the file; more only adds to the RSS.
  await database.$executeRawUnsafe("PRAGMA cache_size = -16384");
  await database.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

/** Cheap round trip for /healthz. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
