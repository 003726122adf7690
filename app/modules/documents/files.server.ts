/**
 * Scans producers send (a business registration, a certificate): PDF, JPEG,
 * PNG or WebP up to 10 MB, recognised by their content, never by their name.
 * They are kept as sent (no re-encoding: a scan is evidence) in the media
 * store under "documents/", which /media never serves: only the document
 * routes do, to staff and to the producer who sent them.
 */
import { randomBytes } from "node:crypto";
import { mediaStore, type MediaStore } from "../media/store.server";

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_TYPES = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export type DocumentRefusal = "missing" | "tooLarge" | "unsupported";

/** Why a file was refused; the message key is `forms.document_<reason>`. */
export class DocumentRefused extends Error {
  constructor(readonly reason: DocumentRefusal) {
    super(`Document refused: ${reason}`);
    this.name = "DocumentRefused";
  }
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The type of a file by its first bytes; null for anything else (HTML, SVG, executables, …). */
export function documentTypeOf(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

export type DocumentUpload = { bytes: Uint8Array; name: string };

export type CheckedDocument = { bytes: Uint8Array; fileName: string; contentType: DocumentType };

/** A file's name as we keep and offer it: no folders, no control characters, at most 120 characters. */
export function cleanFileName(name: string, contentType: DocumentType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    // No control characters (codes below 32, and 127) or quotes.
    .replace(/[\s\S]/gu, (char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 || char === '"' ? "" : char))
    .trim()
    .slice(-120);
  return base || `document.${DOCUMENT_TYPES[contentType]}`;
}

/** Checks an upload; throws DocumentRefused with the reason. */
export function checkDocument(upload: DocumentUpload | null): CheckedDocument {
  if (!upload || upload.bytes.byteLength === 0) throw new DocumentRefused("missing");
  if (upload.bytes.byteLength > MAX_DOCUMENT_BYTES) throw new DocumentRefused("tooLarge");
  const contentType = documentTypeOf(upload.bytes);
  if (!contentType) throw new DocumentRefused("unsupported");
  return { bytes: upload.bytes, fileName: cleanFileName(upload.name, contentType), contentType };
}

/** Stores a checked document's bytes under a new key; the caller removes it if its database write fails. */
export async function storeDocumentFile(document: CheckedDocument, store: MediaStore = mediaStore()): Promise<string> {
  const key = `documents/${randomBytes(16).toString("hex")}.${DOCUMENT_TYPES[document.contentType]}`;
  await store.put(key, document.bytes);
  return key;
}
