/**
 * The SQLite driver adapter as this app uses it (imported by db.server.ts only).
 *
 * 1. Transactions take the write lock when they begin (BEGIN IMMEDIATE). The
 *    adapter begins them deferred, and a transaction that has read cannot wait
 *    for another connection's write lock: SQLite answers "database is locked"
 *    at once rather than risk a deadlock. Every write service reads, then
 *    writes, so with a second server or a script on the same file a write
 *    failed instead of waiting its turn.
 * 2. Waiting for the lock never blocks the event loop. better-sqlite3 is
 *    synchronous, so SQLite's own busy timeout would freeze the process while
 *    another connection holds the lock, and for good when that connection
 *    belongs to this same process. The busy timeout is 0, and a statement or
 *    BEGIN IMMEDIATE that finds the lock taken is tried again after a pause,
 *    for up to LOCK_WAIT_MS (5 s). A statement that failed with SQLITE_BUSY did
 *    nothing, so trying it again is safe.
 * 3. Prepared statements are kept by their SQL. The adapter prepares every query
 *    anew, which cost 2 % of the main thread under uncached searches (decision 019).
 * 4. Statements outside a transaction never share another request's open one.
 *    The adapter runs everything on one connection, and an interactive
 *    transaction keeps it open across awaits: a read issued meanwhile saw that
 *    transaction's uncommitted rows (and kept what it read after a rollback),
 *    and a single write joined it, to be committed or rolled back with it.
 *    Reads (SELECT) now run on a second, query-only connection, which sees
 *    only committed rows and, in WAL mode, never waits for a writer. A write
 *    runs as a transaction of its own, after the open one.
 */
import { setTimeout as pause } from "node:timers/promises";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { LRUCache } from "lru-cache";

export const LOCK_WAIT_MS = 5_000;
// The query-only connection's page cache, as the main one's (db.server.ts).
const READER_CACHE_KIB = -4096;

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Statement = Parameters<Adapter["executeRaw"]>[0];
type Queryable = Pick<Adapter, "queryRaw" | "executeRaw">;

const statement = (sql: string): Statement => ({ sql, args: [], argTypes: [] });

/** The adapter's error for SQLITE_BUSY and its extended codes. */
function isBusy(error: unknown): boolean {
  const cause = (error as { cause?: { originalCode?: unknown } } | null)?.cause;
  return typeof cause?.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY");
}

async function whileBusy<T>(lockWaitMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = performance.now() + lockWaitMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || performance.now() + wait > deadline) throw error;
      // Pauses of random length: two processes that collided on the lock and retried
      // on the same schedule would collide again (two servers switching a new file to WAL).
      await pause(wait * (0.5 + Math.random()));
    }
  }
}

const KEPT_STATEMENTS = 256;

/** What the adapter does with a prepared statement: run it, or bind its arguments once, then run or read it. */
type BoundStatement = {
  reader: boolean;
  readonly: boolean;
  columns(): BetterSqlite3.ColumnDefinition[];
  run(): BetterSqlite3.RunResult;
  raw(): { all(): unknown[] };
};
type AdapterStatement = BoundStatement & { bind(args: unknown[]): BoundStatement };

/**
 * The client's `prepare`, answering from statements kept by their SQL. A kept statement
 * cannot be bound twice, so the arguments go to each run instead. better-sqlite3 is
 * synchronous: a statement has finished before the next query can use it.
 */
function keepPreparedStatements(client: BetterSqlite3.Database) {
  const prepare = client.prepare.bind(client);
  const kept = new LRUCache<string, BetterSqlite3.Statement>({ max: KEPT_STATEMENTS });
  const prepared = (sql: string): AdapterStatement => {
    let statement = kept.get(sql);
    if (!statement) kept.set(sql, (statement = prepare(sql)));
    const ready = statement;
    const bound = (args: unknown[]): BoundStatement => ({
      reader: ready.reader,
      readonly: ready.readonly,
      columns: () => ready.columns(),
      run: () => ready.run(args),
      raw: () => ({ all: () => ready.raw(true).all(args) }),
    });
    return { ...bound([]), bind: bound };
  };
  (client as unknown as { prepare: typeof prepared }).prepare = prepared;
}

const clientOf = (adapter: Adapter) => (adapter as unknown as { client: BetterSqlite3.Database }).client;

const isInMemory = (url: string) => /^(file:)?:memory:$/.test(url) || url.includes("mode=memory");

type StatementKind = "read" | "write" | "other";

/**
 * Where a statement outside a transaction runs: a read on the query-only
 * connection, a write in a transaction of its own, anything else (PRAGMA,
 * VACUUM) on the main connection as before. Preparing on the query-only
 * connection asks SQLite itself whether a SELECT or WITH writes.
 */
function statementKinds(readerClient: BetterSqlite3.Database | undefined) {
  const kinds = new LRUCache<string, StatementKind>({ max: KEPT_STATEMENTS });
  return (sql: string): StatementKind => {
    const known = kinds.get(sql);
    if (known) return known;
    const verb = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase();
    let kind: StatementKind = "other";
    if (verb === "INSERT" || verb === "UPDATE" || verb === "DELETE" || verb === "REPLACE") kind = "write";
    else if (verb === "SELECT" || verb === "WITH") {
      if (!readerClient) return "other";
      try {
        kind = readerClient.prepare(sql).readonly ? "read" : "write";
      } catch {
        return "other"; // the main connection reports the error (and a table may not exist yet)
      }
    }
    kinds.set(sql, kind);
    return kind;
  };
}

export class SqliteAdapter extends PrismaBetterSQLite3 {
  readonly #url: string;
  readonly #lockWaitMs: number;

  constructor({ url, lockWaitMs = LOCK_WAIT_MS }: { url: string; lockWaitMs?: number }) {
    super({ url, timeout: 0 });
    this.#url = url;
    this.#lockWaitMs = lockWaitMs;
  }

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    keepPreparedStatements(clientOf(adapter));
    const reader = isInMemory(this.#url) ? undefined : await new PrismaBetterSQLite3({ url: this.#url, timeout: 0 }).connect();
    if (reader) {
      const client = clientOf(reader);
      client.pragma("query_only = ON");
      client.pragma(`cache_size = ${READER_CACHE_KIB}`);
      keepPreparedStatements(client);
    }
    const kindOf = statementKinds(reader && clientOf(reader));
    const whileLocked = <T>(attempt: () => Promise<T>) => whileBusy(this.#lockWaitMs, attempt);
    const main: Queryable = { queryRaw: adapter.queryRaw.bind(adapter), executeRaw: adapter.executeRaw.bind(adapter) };
    const readOnly: Queryable = reader ?? main;
    const startDeferred = adapter.startTransaction.bind(adapter);
    const dispose = adapter.dispose.bind(adapter);
    const startTransaction: Adapter["startTransaction"] = async (isolationLevel) => {
      const transaction = await startDeferred(isolationLevel);
      try {
        // Nothing ran in the deferred transaction yet, and this process's other
        // transactions wait on the adapter's own lock meanwhile.
        await transaction.executeRaw(statement("COMMIT"));
        await whileLocked(() => transaction.executeRaw(statement("BEGIN IMMEDIATE")));
      } catch (error) {
        await transaction.rollback();
        throw error;
      }
      return transaction;
    };
    const inItsOwnTransaction = async <T>(work: (transaction: Queryable) => Promise<T>): Promise<T> => {
      const transaction = await startTransaction();
      try {
        const result = await work(transaction);
        // A COMMIT that finds a reader's lock on the file (rollback-journal mode) did nothing yet.
        await whileLocked(() => transaction.executeRaw(statement("COMMIT")));
        await transaction.commit();
        return result;
      } catch (error) {
        await transaction.executeRaw(statement("ROLLBACK")).catch(() => undefined); // SQLite may have rolled back already
        await transaction.rollback();
        throw error;
      }
    };
    adapter.startTransaction = startTransaction;
    // Statements outside a transaction (point 4).
    const outsideTransaction = <T>(sql: string, run: (on: Queryable) => Promise<T>): Promise<T> => {
      const kind = kindOf(sql);
      if (kind === "read") return whileLocked(() => run(readOnly));
      if (kind === "write") return inItsOwnTransaction(run);
      return whileLocked(() => run(main));
    };
    adapter.queryRaw = (query) => outsideTransaction(query.sql, (on) => on.queryRaw(query));
    adapter.executeRaw = (query) => outsideTransaction(query.sql, (on) => on.executeRaw(query));
    adapter.dispose = async () => {
      await reader?.dispose();
      await dispose();
    };
    return adapter;
  }
}
