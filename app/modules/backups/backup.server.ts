/**
 * `npm run backup`: one consistent snapshot while the server runs.
 * - SQLite: better-sqlite3's online backup (the SQLite backup API) of the
 *   live file, in one step so the copy is a single read snapshot even with
 *   writers on other connections.
 * - PostgreSQL: a repeatable-read transaction exports its snapshot; the
 *   counts and migration list are read in it and pg_dump dumps exactly it.
 * The image folder is copied after the database, so every image row in the
 * snapshot has its files (a file removed in between is the only gap: see
 * decision 013). Everything is packed into one .tar.gz, written under a
 * temporary name and renamed into place when complete.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { create } from "tar";
import { pgConnectionConfig, providerOf, sqlitePath } from "../../db.config.js";
import { BACKUP_FORMAT, BackupError, DATABASE_FILE, MANIFEST_FILE, MEDIA_FOLDER, type Manifest, type Provider } from "./manifest.server";

export const PG_DUMP = "/usr/bin/pg_dump";

/** Tables whose row counts the manifest records (and a restore can be checked against). */
export const COUNTED_TABLES = ["Producer", "Product", "Certification", "ProductImage", "User", "AuditEvent"] as const;

const MIGRATIONS_SQL = `SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"`;
const countSql = (table: string) => `SELECT COUNT(*) AS "n" FROM "${table}"`;

/** "20261130T043015Z" */
export function backupTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** libpq's settings for a PostgreSQL URL: the password goes in the environment, never on a command line. */
export function pgEnvironment(url: string): NodeJS.ProcessEnv {
  const config = pgConnectionConfig(url);
  return { ...process.env, PGHOST: config.host, PGPORT: String(config.port), PGUSER: config.user, PGPASSWORD: config.password, PGDATABASE: config.database };
}

/** Runs a PostgreSQL client program; fails with its error output. */
export function runPgProgram(program: string, args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: pgEnvironment(url), stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", (error) => reject(new BackupError(`Cannot run ${program}: ${error.message}`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new BackupError(`${path.basename(program)} failed (exit ${code}): ${errors.trim()}`))));
  });
}

type Snapshot = { migrations: string[]; counts: Record<string, number> };

async function snapshotSqlite(url: string, target: string): Promise<Snapshot> {
  const source = new SqliteDatabase(sqlitePath(url), { readonly: true, fileMustExist: true });
  try {
    // All remaining pages in one step: a write on another connection between steps would restart the copy.
    await source.backup(target, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } finally {
    source.close();
  }
  // The counts come from the copy itself.
  const copy = new SqliteDatabase(target, { readonly: true });
  try {
    const migrations = (copy.prepare(MIGRATIONS_SQL).all() as Array<{ name: string }>).map((row) => row.name);
    const counts = Object.fromEntries(COUNTED_TABLES.map((table) => [table, Number((copy.prepare(countSql(table)).get() as { n: number }).n)]));
    return { migrations, counts };
  } finally {
    copy.close();
  }
}

async function snapshotPostgres(url: string, target: string): Promise<Snapshot> {
  const client = new pg.Client(pgConnectionConfig(url));
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
    const migrations = (await client.query<{ name: string }>(MIGRATIONS_SQL)).rows.map((row) => row.name);
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) counts[table] = Number((await client.query<{ n: string }>(countSql(table))).rows[0]!.n);
    // pg_dump reads the very snapshot the counts came from (it stays valid while this transaction is open).
    await runPgProgram(PG_DUMP, ["--format=custom", "--no-owner", `--snapshot=${rows[0]!.snapshot}`, `--file=${target}`], url);
    await client.query("COMMIT");
    return { migrations, counts };
  } finally {
    await client.end();
  }
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).length;
}

export type BackupOptions = { databaseUrl: string; mediaDir: string; outDir: string; now?: Date };

/** Writes one backup archive into `outDir` and returns its path and manifest. */
export async function createBackup({ databaseUrl, mediaDir, outDir, now = new Date() }: BackupOptions): Promise<{ file: string; manifest: Manifest }> {
  const provider: Provider = providerOf(databaseUrl);
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(path.join(os.tmpdir(), "ocop-backup-"));
  const file = path.join(outDir, `ocop-${provider}-${backupTimestamp(now)}.tar.gz`);
  const partial = `${file}.partial`;
  try {
    const database = DATABASE_FILE[provider];
    const snapshot = provider === "sqlite" ? await snapshotSqlite(databaseUrl, path.join(staging, database)) : await snapshotPostgres(databaseUrl, path.join(staging, database));
    const media = path.join(staging, MEDIA_FOLDER);
    const hasMedia = await stat(mediaDir).then((info) => info.isDirectory(), () => false);
    if (hasMedia) await cp(mediaDir, media, { recursive: true });
    else await mkdir(media);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      provider,
      createdAt: now.toISOString(),
      migrations: snapshot.migrations,
      counts: { ...snapshot.counts, mediaFiles: await countFiles(media) },
      database,
    };
    await writeFile(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
    await create({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST_FILE, database, MEDIA_FOLDER]);
    await rename(partial, file);
    return { file, manifest };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
