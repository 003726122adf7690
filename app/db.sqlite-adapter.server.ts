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
 */
import { setTimeout as pause } from "node:timers/promises";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { LRUCache } from "lru-cache";

export const LOCK_WAIT_MS = 5_000;

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Statement = Parameters<Adapter["executeRaw"]>[0];

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
      await pause(wait);
    }
  }
}

const KEPT_STATEMENTS = 256;

/** What the adapter does with a prepared statement: run it, or bind its arguments once, then run or read it. */
type BoundStatement = { reader: boolean; columns(): BetterSqlite3.ColumnDefinition[]; run(): BetterSqlite3.RunResult; raw(): { all(): unknown[] } };
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
      columns: () => ready.columns(),
      run: () => ready.run(args),
      raw: () => ({ all: () => ready.raw(true).all(args) }),
    });
    return { ...bound([]), bind: bound };
  };
  (client as unknown as { prepare: typeof prepared }).prepare = prepared;
}

export class SqliteAdapter extends PrismaBetterSQLite3 {
  readonly #lockWaitMs: number;

  constructor({ url, lockWaitMs = LOCK_WAIT_MS }: { url: string; lockWaitMs?: number }) {
    super({ url, timeout: 0 });
    this.#lockWaitMs = lockWaitMs;
  }

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    keepPreparedStatements((adapter as unknown as { client: BetterSqlite3.Database }).client);
    const whileLocked = <T>(attempt: () => Promise<T>) => whileBusy(this.#lockWaitMs, attempt);
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    const startDeferred = adapter.startTransaction.bind(adapter);
    // Statements outside a transaction (each its own transaction).
    adapter.queryRaw = (query) => whileLocked(() => queryRaw(query));
    adapter.executeRaw = (query) => whileLocked(() => executeRaw(query));
    adapter.startTransaction = async (isolationLevel) => {
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
    return adapter;
  }
}
