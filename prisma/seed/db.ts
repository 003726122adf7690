/** Small database helpers shared by the seed modules. */
import { databaseProvider, type Database } from "../../app/db.server";

/** A client or an interactive-transaction client. */
export type SeedDb = Omit<Database, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type Provider = "sqlite" | "postgresql";

/** The provider of this client (tests may pass a client other than the app's `db`). */
export function providerOfClient(db: SeedDb): Provider {
  const active = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (active === "postgresql" || active === "sqlite") return active;
  return databaseProvider;
}

/** Tables whose ids the seed assigns itself. */
export const ID_TABLES = ["Commune", "Producer", "Product", "ProductImage", "Certification"] as const;
export type IdTable = (typeof ID_TABLES)[number];

/** The largest id in use per table (0 when empty). */
export async function maxIds(db: SeedDb): Promise<Record<IdTable, number>> {
  const [commune, producer, product, image, certification] = await Promise.all([
    db.commune.aggregate({ _max: { id: true } }),
    db.producer.aggregate({ _max: { id: true } }),
    db.product.aggregate({ _max: { id: true } }),
    db.productImage.aggregate({ _max: { id: true } }),
    db.certification.aggregate({ _max: { id: true } }),
  ]);
  return {
    Commune: commune._max.id ?? 0,
    Producer: producer._max.id ?? 0,
    Product: product._max.id ?? 0,
    ProductImage: image._max.id ?? 0,
    Certification: certification._max.id ?? 0,
  };
}

/**
 * PostgreSQL sequences do not move when rows are inserted with explicit ids;
 * move them past the largest id so later inserts without an id don't collide.
 * SQLite's AUTOINCREMENT bookkeeping follows explicit ids by itself.
 */
export async function syncIdSequences(db: SeedDb, tables: readonly string[] = [...ID_TABLES, "Province"]): Promise<void> {
  if (providerOfClient(db) !== "postgresql") return;
  for (const table of tables) {
    await db.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX("id") FROM "${table}"), 0) + 1, false)`,
    );
  }
}

type Scalar = string | number | boolean | Date | null | undefined;

/** Bound parameters per statement, kept under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS: Record<Provider, number> = { sqlite: 30_000, postgresql: 60_000 };

/**
 * Multi-row INSERTs with bound parameters, `chunkSize` rows at a time (fewer
 * when the parameter limit requires). For large generated loads only: it is
 * several times faster than createMany, whose per-row cost dominates at
 * 100,000 rows. Columns are the keys of the first row; every row must have
 * the same keys. Dates are bound as Date values, which the driver adapters
 * store in the same form as Prisma's own writes.
 */
export async function bulkInsert<Row extends Record<string, Scalar>>(
  db: SeedDb,
  table: string,
  rows: readonly Row[],
  options: { chunkSize: number; timestamps?: Date; onChunk?: (inserted: number) => void },
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const provider = providerOfClient(db);
  const columns = Object.keys(first);
  const allColumns = options.timestamps ? [...columns, "createdAt", "updatedAt"] : columns;
  const perChunk = Math.max(1, Math.min(options.chunkSize, Math.floor(MAX_PARAMS[provider] / allColumns.length)));
  const head = `INSERT INTO "${table}" (${allColumns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  // better-sqlite3 binds no booleans; SQLite stores them as 0/1 anyway.
  const bind = provider === "sqlite" ? (v: Scalar) => (typeof v === "boolean" ? Number(v) : v) : (v: Scalar) => v;

  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const values: Scalar[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const column of columns) {
        values.push(bind(row[column] ?? null));
        marks.push(provider === "postgresql" ? `$${values.length}` : "?");
      }
      if (options.timestamps) {
        for (let i = 0; i < 2; i++) {
          values.push(options.timestamps);
          marks.push(provider === "postgresql" ? `$${values.length}` : "?");
        }
      }
      tuples.push(`(${marks.join(", ")})`);
    }
    await db.$executeRawUnsafe(head + tuples.join(", "), ...values);
    options.onChunk?.(chunk.length);
  }
}

/** Splits `rows` into chunks and hands each to `insert`, reporting progress after each one. */
export async function insertInChunks<T>(
  rows: readonly T[],
  chunkSize: number,
  insert: (chunk: T[]) => Promise<unknown>,
  onChunk?: (inserted: number) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await insert(chunk);
    onChunk?.(chunk.length);
  }
}
