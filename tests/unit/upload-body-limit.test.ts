/**
 * The request guard's larger body limit for image uploads: only the images
 * page of a product (either language, its single-fetch URL too) may send up
 * to MAX_UPLOAD_BODY_BYTES; every other path keeps MAX_BODY_BYTES, and an
 * upload over its limit is told the 5 MB rule in both languages.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { checkRequest, isUploadPath, MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES } from "../../app/lib/request-guard.server";
import { MAX_UPLOAD_BYTES } from "../../app/modules/media/pipeline.server";

const ORIGIN = "https://ocop.example.vn";

function post(url: string, bytes: number) {
  const req = { method: "POST", url, headers: { host: "ocop.example.vn", origin: ORIGIN, "content-length": String(bytes) } };
  return checkRequest(req as unknown as IncomingMessage, { trustProxy: false, publicOrigin: ORIGIN });
}

describe("the image upload body limit", () => {
  it("leaves room above the 5 MB file limit, so a slightly larger file reaches the pipeline's own message", () => {
    expect(MAX_UPLOAD_BODY_BYTES).toBeGreaterThan(MAX_UPLOAD_BYTES + 256 * 1024);
    expect(MAX_UPLOAD_BODY_BYTES).toBeGreaterThan(MAX_BODY_BYTES);
  });

  it("applies only to a product's images page", () => {
    for (const path of ["/admin/products/12/images", "/en/admin/products/12/images", "/admin/products/12/images.data", "/en/admin/products/3/images.data"]) {
      expect(isUploadPath(path), path).toBe(true);
      expect(post(path, MAX_UPLOAD_BODY_BYTES), path).toBeNull();
    }
    for (const path of ["/admin/products/12", "/admin/products/x/images", "/admin/products/12/images/extra", "/fr/admin/products/12/images", "/login"]) {
      expect(isUploadPath(path), path).toBe(false);
      expect(post(path, MAX_BODY_BYTES + 1)?.status, path).toBe(413);
    }
  });

  it("refuses an upload over its limit with a message naming the 5 MB rule in both languages", () => {
    const verdict = post("/admin/products/12/images", MAX_UPLOAD_BODY_BYTES + 1);
    expect(verdict?.status).toBe(413);
    expect(verdict?.message).toMatch(/5 MB.*\/.*5 MB/);
    expect(post("/admin/products/12/images?x=1", MAX_UPLOAD_BODY_BYTES)).toBeNull();
  });
});
