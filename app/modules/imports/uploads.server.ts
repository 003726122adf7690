/**
 * Uploaded files between the dry run and the apply: kept on disk under
 * data/imports as <id>.csv with a small JSON beside it (kind, name, sha256,
 * who uploaded it), for an hour. The user confirms without uploading again,
 * and the apply reads exactly the bytes that were checked (the hash is
 * verified). A hidden form field could not carry a 5,000-row file within a
 * form's body limit, and the server, not the browser, should hold the bytes.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ImportKind } from "./columns";

export const UPLOAD_TTL_MS = 60 * 60 * 1000;

export const DEFAULT_UPLOAD_DIR = path.resolve("data/imports");

export type StoredUpload = { id: string; kind: ImportKind; fileName: string; sha256: string; size: number; userId: number | null; storedAt: number };

const ID_PATTERN = /^[a-f0-9]{32}$/;

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Keeps `bytes`; returns the upload's record. Expired uploads are swept on the way. */
export async function storeUpload(
  bytes: Uint8Array,
  meta: { kind: ImportKind; fileName: string; userId: number | null },
  dir = DEFAULT_UPLOAD_DIR,
): Promise<StoredUpload> {
  await mkdir(dir, { recursive: true });
  await sweepExpired(dir);
  const upload: StoredUpload = {
    id: randomBytes(16).toString("hex"),
    kind: meta.kind,
    fileName: meta.fileName.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 120) || "import.csv",
    sha256: sha256Of(bytes),
    size: bytes.byteLength,
    userId: meta.userId,
    storedAt: Date.now(),
  };
  await writeFile(path.join(dir, `${upload.id}.csv`), bytes);
  await writeFile(path.join(dir, `${upload.id}.json`), JSON.stringify(upload));
  return upload;
}

/** The upload `id` of `userId` with its bytes, if it is still kept and intact. */
export async function readUpload(id: string, userId: number | null, dir = DEFAULT_UPLOAD_DIR): Promise<{ upload: StoredUpload; bytes: Uint8Array } | null> {
  if (!ID_PATTERN.test(id)) return null;
  try {
    const upload = JSON.parse(await readFile(path.join(dir, `${id}.json`), "utf8")) as StoredUpload;
    if (upload.userId !== userId || Date.now() - upload.storedAt > UPLOAD_TTL_MS) return null;
    const bytes = new Uint8Array(await readFile(path.join(dir, `${id}.csv`)));
    return sha256Of(bytes) === upload.sha256 ? { upload, bytes } : null;
  } catch {
    return null;
  }
}

export async function removeUpload(id: string, dir = DEFAULT_UPLOAD_DIR): Promise<void> {
  if (!ID_PATTERN.test(id)) return;
  await Promise.all([rm(path.join(dir, `${id}.csv`), { force: true }), rm(path.join(dir, `${id}.json`), { force: true })]);
}

async function sweepExpired(dir: string) {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && Date.now() - info.mtimeMs > UPLOAD_TTL_MS) await rm(file, { force: true });
    }),
  );
}
