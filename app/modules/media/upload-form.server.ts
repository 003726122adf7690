/**
 * Reading the images page's forms: multipart (an upload) through Remix's
 * memory upload handler, anything else as a plain form. The request guard
 * lets bodies up to MAX_UPLOAD_BODY_BYTES reach this route only, so a file a
 * little over the 5 MB limit still arrives and gets the translated refusal.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { invariantResponse } from "../../lib/errors.server";
import { MAX_UPLOAD_BODY_BYTES } from "../../lib/request-guard.server";
import { UploadRefused, type Upload } from "./pipeline.server";

export async function readImageForm(request: Request): Promise<FormData> {
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  try {
    if (!multipart) return await request.formData();
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BODY_BYTES }));
  } catch (error) {
    // Only a body without a declared length gets this far with a part this large.
    if (error instanceof MaxPartSizeExceededError) throw new UploadRefused("tooLarge");
    // A body that is not a form (no boundary, truncated) is the sender's fault: a 400, not a 500.
    invariantResponse(false, "Malformed form body", 400);
  }
}

/** The uploaded file of a parsed form, as the pipeline takes it. */
export async function uploadOf(value: FormDataEntryValue | null): Promise<Upload> {
  if (typeof value !== "object" || value === null) throw new UploadRefused("missing");
  return { bytes: new Uint8Array(await value.arrayBuffer()), name: value.name, type: value.type };
}
