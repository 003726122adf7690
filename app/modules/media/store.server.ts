/**
 * The one place stored image files live (decision 011). Code outside this
 * module speaks of keys ("products/12/9f…-640.webp"), never of paths, so an
 * object store can replace the folder later behind the same interface.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../../env.server";

export type StoredFile = { key: string; bytes: number; modifiedAt: Date };

export interface MediaStore {
  /** Writes `bytes` under `key`, all or nothing (readers never see half a file). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Removes the file; a missing file is not an error. */
  remove(key: string): Promise<void>;
  /** The file on disk, for serving (express.static) and tests. */
  path(key: string): string;
  /** Every stored file whose key starts with `prefix` (for sweeping orphans). */
  list(prefix?: string): Promise<StoredFile[]>;
}

/** Keys are relative, lower-case, slash-separated names: no "..", no absolute paths, no hidden files. */
const KEY = /^[a-z0-9][a-z0-9_-]*(?:\/[a-z0-9][a-z0-9_.-]*)*$/;

export function isValidKey(key: string): boolean {
  return KEY.test(key) && !key.split("/").some((part) => part === ".." || part.startsWith("."));
}

function checkedKey(key: string): string {
  if (!isValidKey(key)) throw new Error(`Invalid media key: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}

export function createFileStore(root: string): MediaStore {
  const base = path.resolve(root);
  const fileOf = (key: string) => path.join(base, ...checkedKey(key).split("/"));
  return {
    async put(key, bytes) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      // A dot-name in the same folder: rename is atomic there, and serving ignores dot-files.
      const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        await writeFile(temporary, bytes, { flag: "wx" });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
    path: fileOf,
    async list(prefix = "") {
      const found: StoredFile[] = [];
      const walk = async (folder: string, keyPrefix: string) => {
        let entries;
        try {
          entries = await readdir(folder, { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
          throw error;
        }
        for (const entry of entries) {
          if (entry.name.startsWith(".")) continue;
          const key = keyPrefix + entry.name;
          if (entry.isDirectory()) {
            if (prefix.startsWith(`${key}/`) || `${key}/`.startsWith(prefix)) await walk(path.join(folder, entry.name), `${key}/`);
          } else if (entry.isFile() && key.startsWith(prefix)) {
            const info = await stat(path.join(folder, entry.name));
            found.push({ key, bytes: info.size, modifiedAt: info.mtime });
          }
        }
      };
      await walk(base, "");
      return found.sort((a, b) => a.key.localeCompare(b.key));
    },
  };
}

let defaultStore: MediaStore | undefined;

/** The store the server uses: the folder MEDIA_DIR names. */
export function mediaStore(): MediaStore {
  return (defaultStore ??= createFileStore(env.MEDIA_DIR));
}
