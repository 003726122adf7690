/**
 * Progress of the imports this server process is applying, in memory, keyed
 * by the upload's id. It cannot live in the database: the apply's
 * transaction holds SQLite's write lock, and a row written beside it would
 * only appear at the commit. A finished import's result is kept for an hour
 * so its page can show the counts. One process only: the page polls the
 * process that runs the import (docs/decisions/012).
 */
import type { ImportOutcome } from "./apply.server";

export type ImportState =
  | { state: "running"; userId: number | null; done: number; total: number; startedAt: number }
  | { state: "done"; userId: number | null; done: number; total: number; startedAt: number; outcome: ImportOutcome; finishedAt: number }
  | { state: "failed"; userId: number | null; done: number; total: number; startedAt: number; finishedAt: number };

const KEEP_MS = 60 * 60 * 1000;
const imports = new Map<string, ImportState>();

function sweep(now: number) {
  for (const [id, entry] of imports) if (entry.state !== "running" && now - entry.finishedAt > KEEP_MS) imports.delete(id);
}

export function isImportRunning(id: string): boolean {
  return imports.get(id)?.state === "running";
}

/**
 * Starts `run` in the background (it is not awaited by the request that
 * asked for it) and records its progress and outcome under `id`.
 */
export function startImport(id: string, userId: number | null, run: (onProgress: (done: number, total: number) => void) => Promise<ImportOutcome>): void {
  const now = Date.now();
  sweep(now);
  const entry: ImportState = { state: "running", userId, done: 0, total: 0, startedAt: now };
  imports.set(id, entry);
  const onProgress = (done: number, total: number) => {
    entry.done = done;
    entry.total = total;
  };
  run(onProgress).then(
    (outcome) => imports.set(id, { ...entry, state: "done", outcome, finishedAt: Date.now() }),
    (error: unknown) => {
      console.error(`import ${id} failed:`, error);
      imports.set(id, { ...entry, state: "failed", finishedAt: Date.now() });
    },
  );
}

/** The import `id` as `userId` may see it (someone else's is not found). */
export function importState(id: string, userId: number | null): ImportState | null {
  const entry = imports.get(id);
  return entry && entry.userId === userId ? entry : null;
}
