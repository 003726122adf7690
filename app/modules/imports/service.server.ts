/**
 * The import's entry points for routes and tests: check an uploaded file (a
 * dry run: parse, plan, keep the file), and apply a kept file in the
 * background with its progress in memory. Parsing is parse.server.ts,
 * deciding is plan.server.ts, writing is apply.server.ts.
 */
import type { Database } from "../../db.server";
import type { Actor } from "../accounts/actor.server";
import { applyImport, type ImportOutcome, type ImportProgress } from "./apply.server";
import type { ImportKind } from "./columns";
import { CsvFileError, parseCsv, type ParsedFile } from "./parse.server";
import { planImport, planSummary, type ImportSummary } from "./plan.server";
import { startImport } from "./progress.server";
import { readUpload, removeUpload, sha256Of, storeUpload, type StoredUpload } from "./uploads.server";

export type FileProblem = { key: string; values: Record<string, string | number> };

export type DryRun = { ok: true; summary: ImportSummary; upload: StoredUpload | null } | { ok: false; problem: FileProblem };

function readFile(bytes: Uint8Array, kind: ImportKind): { file: ParsedFile } | { problem: FileProblem } {
  try {
    return { file: parseCsv(bytes, kind) };
  } catch (error) {
    if (error instanceof CsvFileError) return { problem: { key: error.key, values: error.values } };
    throw error;
  }
}

/** What importing `bytes` as `kind` would do; nothing is written to the database. */
export async function dryRunImport(db: Database, actor: Actor, bytes: Uint8Array, kind: ImportKind, today: Date): Promise<{ ok: true; summary: ImportSummary } | { ok: false; problem: FileProblem }> {
  const read = readFile(bytes, kind);
  if ("problem" in read) return { ok: false, problem: read.problem };
  return { ok: true, summary: planSummary(await planImport(db, actor, read.file, today)) };
}

/** The dry run of an upload, keeping the file for the apply when it has something to write. */
export async function checkUpload(
  db: Database,
  actor: Actor,
  bytes: Uint8Array,
  meta: { kind: ImportKind; fileName: string },
  today: Date,
  uploadDir?: string,
): Promise<DryRun> {
  const result = await dryRunImport(db, actor, bytes, meta.kind, today);
  if (!result.ok) return result;
  const writable = !result.summary.counts.error && (result.summary.counts.create || result.summary.counts.update);
  const upload = writable ? await storeUpload(bytes, { ...meta, userId: actor.userId }, uploadDir) : null;
  return { ok: true, summary: result.summary, upload };
}

/** Applies `bytes` (already read) as one transaction. */
export async function importCsv(
  db: Database,
  actor: Actor,
  bytes: Uint8Array,
  meta: { kind: ImportKind; fileName: string },
  today: Date,
  onProgress?: ImportProgress,
): Promise<ImportOutcome | { status: "unreadable"; problem: FileProblem }> {
  const read = readFile(bytes, meta.kind);
  if ("problem" in read) return { status: "unreadable", problem: read.problem };
  return applyImport(db, actor, read.file, today, { fileName: meta.fileName, sha256: sha256Of(bytes), onProgress });
}

/**
 * Starts applying the kept upload `id` in the background; false when it is
 * gone (expired, another user's, altered). The file is removed once applied.
 */
export async function startApplyingUpload(db: Database, actor: Actor, id: string, today: Date, uploadDir?: string): Promise<boolean> {
  const kept = await readUpload(id, actor.userId, uploadDir);
  if (!kept) return false;
  startImport(id, actor.userId, async (onProgress) => {
    const outcome = await importCsv(db, actor, kept.bytes, kept.upload, today, onProgress);
    if (outcome.status === "unreadable") throw new Error(`kept upload ${id} is unreadable: ${outcome.problem.key}`);
    if (outcome.status === "applied") await removeUpload(id, uploadDir);
    return outcome;
  });
  return true;
}
