/**
 * Reading a portal form that carries a scan (a certificate): multipart
 * through Remix's memory upload handler, within the size the request guard
 * lets reach the portal; the scan checked by the documents module, its
 * refusal turned into the form's field error.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { DomainError, invariantResponse } from "../../lib/errors.server";
import { MAX_DOCUMENT_BODY_BYTES } from "../../lib/request-guard.server";
import { checkDocument, DocumentRefused, type CheckedDocument } from "../documents/files.server";

export async function readDocumentForm(request: Request): Promise<FormData> {
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  try {
    if (!multipart) return await request.formData();
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCUMENT_BODY_BYTES }));
  } catch (error) {
    // The guard admits only bodies that declare a length within the limit; anything else is the sender's fault.
    invariantResponse(!(error instanceof MaxPartSizeExceededError), "Payload too large", 413);
    invariantResponse(false, "Malformed form body", 400);
  }
}

/** The form's scan, checked (PDF or image by content, 10 MB at most); a refusal is a field error on `field`. */
export async function scanOf(value: FormDataEntryValue | null, field = "file"): Promise<CheckedDocument> {
  try {
    const upload = typeof value === "object" && value !== null ? { bytes: new Uint8Array(await value.arrayBuffer()), name: value.name } : null;
    return checkDocument(upload);
  } catch (error) {
    if (error instanceof DocumentRefused) throw new DomainError(error.message, 400, { [field]: [`forms.document_${error.reason}`] });
    throw error;
  }
}
