/**
 * The registration scan between its step and the final submit. A browser
 * cannot refill a file input, so a scan chosen at step 3 would be lost when
 * a later step is refused or the user goes back. It is therefore checked and
 * kept at once under a random draft key, which the wizard carries in a
 * hidden field; the final submit stores it as the producer's document and
 * removes the draft. Drafts nobody submitted are swept after a day. The key
 * is 128 random bits, so one visitor cannot name another's draft.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { checkDocument, DOCUMENT_TYPES, type CheckedDocument, type DocumentUpload } from "../documents/files.server";
import { mediaStore, type MediaStore } from "../media/store.server";
import { SCAN_DRAFT_KEY_PATTERN } from "./forms";

const DRAFT_PREFIX = "documents/drafts/";
export const SCAN_DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type ScanDraft = { key: string; name: string };

/** Checks an upload (throws DocumentRefused) and keeps it as a draft; sweeps abandoned drafts on the way. */
export async function keepScanDraft(upload: DocumentUpload, store: MediaStore = mediaStore(), now = new Date()): Promise<ScanDraft> {
  const document = checkDocument(upload);
  const key = `${DRAFT_PREFIX}${randomBytes(16).toString("hex")}.${DOCUMENT_TYPES[document.contentType]}`;
  await store.put(key, document.bytes);
  await sweepScanDrafts(store, now);
  return { key, name: document.fileName };
}

/** The draft's file, checked again by content; null when the key is malformed or the draft is gone. */
export async function readScanDraft(draft: ScanDraft, store: MediaStore = mediaStore()): Promise<CheckedDocument | null> {
  if (!SCAN_DRAFT_KEY_PATTERN.test(draft.key)) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(store.path(draft.key));
  } catch {
    return null;
  }
  return checkDocument({ bytes: new Uint8Array(bytes), name: draft.name });
}

export async function removeScanDraft(key: string, store: MediaStore = mediaStore()): Promise<void> {
  if (SCAN_DRAFT_KEY_PATTERN.test(key)) await store.remove(key);
}

/** Removes drafts older than SCAN_DRAFT_LIFETIME_MS (abandoned sign-ups). */
export async function sweepScanDrafts(store: MediaStore = mediaStore(), now = new Date()): Promise<number> {
  const stale = (await store.list(DRAFT_PREFIX)).filter((file) => now.getTime() - file.modifiedAt.getTime() > SCAN_DRAFT_LIFETIME_MS);
  await Promise.all(stale.map((file) => store.remove(file.key)));
  return stale.length;
}
