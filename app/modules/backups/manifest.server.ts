/**
 * A backup is one .tar.gz: manifest.json, the database (database.sqlite, an
 * online-backup copy, or database.pgdump, pg_dump's custom format) and the
 * image folder under media/. This file names the parts, reads a manifest and
 * opens an archive, refusing anything that is not one of ours.
 */
import { readdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { extract } from "tar";
import { z } from "zod";
import { migrationsPathOf } from "../../db.config.js";

export type Provider = "sqlite" | "postgresql";

export const MANIFEST_FILE = "manifest.json";
export const MEDIA_FOLDER = "media";
export const DATABASE_FILE: Record<Provider, string> = { sqlite: "database.sqlite", postgresql: "database.pgdump" };
export const PROVIDER_NAMES: Record<Provider, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

export const BACKUP_FORMAT = "ocop-backup";

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(1),
  provider: z.enum(["sqlite", "postgresql"]),
  createdAt: z.iso.datetime(),
  /** Applied migrations, by folder name, oldest first. */
  migrations: z.array(z.string()),
  /** Rows in the snapshot (the same snapshot the database part holds) and files in media/. */
  counts: z.record(z.string(), z.number().int().min(0)),
  database: z.string(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** A refusal with a message for the person running the command. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** The migrations this code ships for `provider`, by folder name. */
export function codeMigrations(provider: Provider, root = process.cwd()): string[] {
  return readdirSync(path.join(root, migrationsPathOf(provider)), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export type OpenedBackup = { manifest: Manifest; dir: string; close: () => Promise<void> };

/**
 * Unpacks `file` into a temporary folder and checks its manifest and parts.
 * Only plain files and folders are unpacked (no links), inside that folder.
 */
export async function openBackup(file: string): Promise<OpenedBackup> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ocop-restore-"));
  // After a failed extraction tar may still be closing files it wrote, so removal retries (ENOTEMPTY).
  const close = () => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  try {
    try {
      await extract({ file, cwd: dir, strict: true, filter: (_path, entry) => "type" in entry && (entry.type === "File" || entry.type === "Directory") });
    } catch (error) {
      throw new BackupError(`${file} is not a readable backup archive (${error instanceof Error ? error.message : String(error)}).`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8"));
    } catch {
      throw new BackupError(`${file} has no readable ${MANIFEST_FILE}: it is not an OCOP backup.`);
    }
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) throw new BackupError(`${file} has a manifest this version does not understand: it is not an OCOP backup of a known format.`);
    const manifest = parsed.data;
    if (manifest.database !== DATABASE_FILE[manifest.provider]) throw new BackupError(`${file}: the manifest names an unexpected database part.`);
    try {
      await readFile(path.join(dir, manifest.database), { flag: "r" }).then((data) => {
        if (!data.length) throw new Error("empty");
      });
    } catch {
      throw new BackupError(`${file} lacks its database part (${manifest.database}).`);
    }
    return { manifest, dir, close };
  } catch (error) {
    // The refusal is what the user needs to read; a leftover temporary folder is not.
    await close().catch(() => {});
    throw error;
  }
}
