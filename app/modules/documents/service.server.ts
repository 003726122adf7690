/**
 * Documents as records: a file stored first, then its row written in the
 * caller's transaction with an audit row; if the transaction fails, the file
 * is removed, so a document exists entirely or not at all. Reading is scoped
 * like every record: staff within their province, a producer its own.
 */
import { readFile } from "node:fs/promises";
import type { Database, Prisma } from "../../db.server";
import { producerScope, type Actor } from "../accounts/actor.server";
import { recordAudit } from "../audit/trail.server";
import { mediaStore, type MediaStore } from "../media/store.server";
import { storeDocumentFile, type CheckedDocument } from "./files.server";

export const DOCUMENT_KINDS = ["registration", "certificate"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type StoredDocument = CheckedDocument & { storageKey: string };

/**
 * Stores `documents`' files, then runs `write` with them (it records each with
 * `recordDocument` in its transaction). If `write` throws, the files go.
 */
export async function withStoredDocuments<T>(
  documents: CheckedDocument[],
  write: (stored: StoredDocument[]) => Promise<T>,
  store: MediaStore = mediaStore(),
): Promise<T> {
  const stored: StoredDocument[] = [];
  try {
    for (const document of documents) stored.push({ ...document, storageKey: await storeDocumentFile(document, store) });
    return await write(stored);
  } catch (error) {
    await Promise.all(stored.map((document) => store.remove(document.storageKey)));
    throw error;
  }
}

/** The row of a stored document, and its audit row, in the caller's transaction. */
export async function recordDocument(
  tx: Prisma.TransactionClient,
  actor: Actor,
  document: StoredDocument,
  owner: { producerId: number; provinceId: number; kind: DocumentKind; certificationId?: number | null; label: string },
) {
  const row = await tx.document.create({
    data: {
      producerId: owner.producerId,
      certificationId: owner.certificationId ?? null,
      kind: owner.kind,
      storageKey: document.storageKey,
      fileName: document.fileName,
      contentType: document.contentType,
      bytes: document.bytes.byteLength,
      uploadedById: actor.userId,
    },
    select: { id: true },
  });
  await recordAudit(tx, actor, {
    action: "create",
    entityType: "document",
    entityId: row.id,
    entityLabel: `${owner.label}: ${document.fileName}`,
    provinceId: owner.provinceId,
    changes: { kind: [null, owner.kind], fileName: [null, document.fileName], bytes: [null, document.bytes.byteLength] },
  });
  return row;
}

const listSelect = { id: true, kind: true, fileName: true, contentType: true, bytes: true, createdAt: true, certificationId: true } as const;

/** A producer's documents (within the actor's scope), newest first. */
export function producerDocuments(db: Database, actor: Actor, producerId: number) {
  return db.document.findMany({
    where: { producerId, producer: { is: producerScope(actor) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: listSelect,
  });
}

/**
 * A document's file as a download, if the actor may see it; null otherwise
 * (the route answers 404). Served as an attachment with its own type, never
 * sniffed, never cached by shared caches, sandboxed if a browser shows it.
 */
export async function documentDownload(db: Database, actor: Actor, documentId: number, store: MediaStore = mediaStore()): Promise<Response | null> {
  const document = await db.document.findFirst({
    where: { id: documentId, producer: { is: producerScope(actor) } },
    select: { storageKey: true, fileName: true, contentType: true },
  });
  if (!document) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(store.path(document.storageKey));
  } catch {
    return null;
  }
  const asciiName = document.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": document.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
    },
  });
}
