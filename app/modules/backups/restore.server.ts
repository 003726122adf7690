/**
 * `npm run restore <file>`: puts a backup back, after everything in it has
 * been checked, so a wrong or damaged archive changes nothing.
 * - SQLite: the copy is checked (PRAGMA integrity_check) beside the live
 *   file and renamed over it (atomic); the server must be stopped first,
 *   since its open connections would keep reading the replaced file.
 * - PostgreSQL: pg_restore --clean --if-exists --no-owner in one transaction
 *   into DATABASE_URL's database.
 * - Images: unpacked beside the media folder, then swapped in by renames.
 * Migrations the code has and the backup lacks are returned, for
 * `migrate deploy` to apply.
 */
import { cp, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { pgConnectionConfig, providerOf, sqlitePath } from "../../db.config.js";
import { runPgProgram } from "./backup.server";
import { BackupError, codeMigrations, MEDIA_FOLDER, openBackup, PROVIDER_NAMES, type Manifest, type Provider } from "./manifest.server";

export const PG_RESTORE = "/usr/bin/pg_restore";

/** What the person confirms by typing it: the database's name (a SQLite file's name). */
export function databaseName(databaseUrl: string): string {
  return providerOf(databaseUrl) === "postgresql" ? pgConnectionConfig(databaseUrl).database : path.basename(sqlitePath(databaseUrl));
}

export type RestorePlan = { manifest: Manifest; pendingMigrations: string[]; unknownMigrations: string[] };

/** Checks that `manifest` fits this database and code; refuses another provider. */
function plan(manifest: Manifest, provider: Provider): RestorePlan {
  if (manifest.provider !== provider) {
    throw new BackupError(
      `This backup holds a ${PROVIDER_NAMES[manifest.provider]} database, but DATABASE_URL points at ${PROVIDER_NAMES[provider]}. Nothing was changed.`,
    );
  }
  const code = codeMigrations(provider);
  return {
    manifest,
    pendingMigrations: code.filter((name) => !manifest.migrations.includes(name)),
    unknownMigrations: manifest.migrations.filter((name) => !code.includes(name)),
  };
}

/** Reads and checks a backup without changing anything (what the confirmation question shows). */
export async function inspectBackup(file: string, databaseUrl: string): Promise<RestorePlan> {
  const opened = await openBackup(file);
  try {
    return plan(opened.manifest, providerOf(databaseUrl));
  } finally {
    await opened.close();
  }
}

function checkSqlite(file: string) {
  let copy: SqliteDatabase.Database | undefined;
  try {
    copy = new SqliteDatabase(file, { fileMustExist: true });
    const result = copy.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(String(result));
    copy.prepare(`SELECT COUNT(*) FROM "_prisma_migrations"`).get();
  } catch (error) {
    throw new BackupError(`The backup's SQLite database fails its integrity check (${error instanceof Error ? error.message : String(error)}). Nothing was changed.`);
  } finally {
    copy?.close();
  }
}

async function restoreSqlite(source: string, databaseUrl: string) {
  const target = path.resolve(sqlitePath(databaseUrl));
  const incoming = `${target}.restore-${process.pid}`;
  await cp(source, incoming);
  try {
    checkSqlite(incoming);
    // Fold the live file's write-ahead log into it, so no log of the old database is left to be replayed into the new one.
    if (await stat(target).then(() => true, () => false)) {
      const live = new SqliteDatabase(target);
      try {
        live.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        live.close();
      }
    }
    for (const suffix of ["-wal", "-shm", "-journal"]) await rm(target + suffix, { force: true });
    await rename(incoming, target);
  } finally {
    await rm(incoming, { force: true });
  }
}

/** Swaps the media folder for the backup's: copied beside it, then renamed in. */
async function restoreMedia(source: string, mediaDir: string) {
  const target = path.resolve(mediaDir);
  const incoming = `${target}.restore-${process.pid}`;
  const outgoing = `${target}.old-${process.pid}`;
  await rm(incoming, { recursive: true, force: true });
  await cp(source, incoming, { recursive: true });
  const hadMedia = await stat(target).then(() => true, () => false);
  if (hadMedia) await rename(target, outgoing);
  await rename(incoming, target);
  if (hadMedia) await rm(outgoing, { recursive: true, force: true });
}

export type RestoreOptions = { file: string; databaseUrl: string; mediaDir: string };

/** Restores `file` into DATABASE_URL's database and the media folder. */
export async function restoreBackup({ file, databaseUrl, mediaDir }: RestoreOptions): Promise<RestorePlan> {
  const opened = await openBackup(file);
  try {
    const provider = providerOf(databaseUrl);
    const result = plan(opened.manifest, provider);
    const database = path.join(opened.dir, opened.manifest.database);
    if (provider === "sqlite") {
      await restoreSqlite(database, databaseUrl);
    } else {
      // --list reads the whole table of contents: a damaged dump is refused before anything is dropped.
      await runPgProgram(PG_RESTORE, ["--list", database], databaseUrl).catch((error: unknown) => {
        throw new BackupError(`The backup's PostgreSQL dump cannot be read (${error instanceof Error ? error.message : String(error)}). Nothing was changed.`);
      });
      await runPgProgram(PG_RESTORE, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${pgConnectionConfig(databaseUrl).database}`, database], databaseUrl);
    }
    await restoreMedia(path.join(opened.dir, MEDIA_FOLDER), mediaDir);
    return result;
  } finally {
    await opened.close();
  }
}
