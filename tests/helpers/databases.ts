/**
 * Real databases for tests, never mocks. Global setup migrates one template per
 * provider; each test gets its own copy:
 * - SQLite: a copy of the template file (fast: a file copy).
 * - PostgreSQL: CREATE DATABASE … TEMPLATE, dropped afterwards.
 */
import { dropTestDatabase } from "./drop-database";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDatabase, type Database } from "../../app/db.server";
import { pgConnectionConfig } from "../../app/db.config.js";

export const TMP_DIR = path.resolve("tests/.tmp");

/**
 * One id per `vitest run`: set in the main process by global setup and
 * inherited by the workers, so concurrent runs never share a template.
 */
export function runId(): string {
  return (process.env.OCOP_TEST_RUN ??= String(process.pid));
}
export const sqliteTemplate = () => path.join(TMP_DIR, `template.${runId()}.db`);
export const pgTemplateDb = () => `ocop_test_template_${runId()}`;

export type Provider = "sqlite" | "postgresql";

export type TestDatabase = { db: Database; url: string; provider: Provider; dispose: () => Promise<void> };

/** The PostgreSQL server for tests (an admin-capable URL), if this run has one. */
export function postgresTestUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL || undefined;
}

/** Providers this run covers: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set. */
export function testProviders(): Provider[] {
  return postgresTestUrl() ? ["sqlite", "postgresql"] : ["sqlite"];
}

let counter = 0;
const workerId = () => process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";

export async function freshSqlite(): Promise<TestDatabase> {
  mkdirSync(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `data.${workerId()}.${process.pid}.${++counter}.db`);
  copyFileSync(sqliteTemplate(), file);
  const url = `file:${file}`;
  const db = createDatabase(url);
  return {
    db,
    url,
    provider: "sqlite",
    dispose: async () => {
      await db.$disconnect();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    },
  };
}

/** Runs `sql` on the server's maintenance database (for CREATE/DROP DATABASE). */
export async function adminQuery(sql: string, url = postgresTestUrl()): Promise<void> {
  if (!url) throw new Error("TEST_POSTGRES_URL is not set");
  const client = new pg.Client({ ...pgConnectionConfig(url), database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function postgresUrlFor(database: string): string {
  const url = new URL(postgresTestUrl() ?? "");
  url.pathname = `/${database}`;
  return url.toString();
}

/** Drops a test database (retrying while an autovacuum worker holds it). */
export function dropDatabase(name: string, url = postgresTestUrl()): Promise<void> {
  return dropTestDatabase((sql) => adminQuery(sql, url), name);
}

export async function freshPostgres(): Promise<TestDatabase> {
  const name = `ocop_test_${workerId()}_${process.pid}_${++counter}`;
  await dropDatabase(name);
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplateDb()}"`);
  const url = postgresUrlFor(name);
  const db = createDatabase(url);
  return {
    db,
    url,
    provider: "postgresql",
    dispose: async () => {
      await db.$disconnect();
      await dropDatabase(name);
    },
  };
}

export function freshDatabase(provider: Provider): Promise<TestDatabase> {
  return provider === "postgresql" ? freshPostgres() : freshSqlite();
}
