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

export function createDatabase(url: string): Database {
  if (providerOf(url) === "postgresql") {
    const adapter = new PrismaPg({ ...pgConnectionConfig(url), max: 10 });
    return new PostgresClient({ adapter }) as unknown as Database;
  }
  const adapter = new PrismaBetterSQLite3({ url });
  return new SqliteClient({ adapter });
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
  if (databaseProvider !== "sqlite") return;
  await database.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await database.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await database.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

/** Cheap round trip for /healthz. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
