import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PageCache } from "../../app/lib/page-cache.server";
import { invalidateCatalogueReads, onCatalogueWrite } from "../../app/modules/catalogue/read-cache.server";

let clock = 0;
let renders = 0;
const cache = new PageCache(() => clock);
let server: Server;
let base = "";

beforeAll(async () => {
  onCatalogueWrite(() => cache.clear());
  // A stand-in for the app: counts renders and answers per path.
  server = createServer((req, res) => {
    if (PageCache.isCacheableRequest(req) && cache.serve(req, res, req.url ?? "")) return;
    cache.capture(res, req.url ?? "");
    renders += 1;
    const path = req.url ?? "";
    if (path.startsWith("/private")) res.setHeader("Cache-Control", "private, no-store");
    else res.setHeader("Cache-Control", "public, max-age=30");
    res.statusCode = path.startsWith("/missing") ? 404 : 200;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.write(`<p>render ${renders} of `);
    res.end(`${path}</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  cache.clear();
  clock = 0;
  renders = 0;
});

describe("page cache", () => {
  it("serves a public page from memory with the same bytes and an ETag, and answers 304 to a repeat", async () => {
    const first = await fetch(`${base}/products?q=cam`);
    const firstBody = await first.text();
    const second = await fetch(`${base}/products?q=cam`);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(renders).toBe(1);
    const etag = second.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const revalidated = await fetch(`${base}/products?q=cam`, { headers: { "If-None-Match": etag! } });
    expect(revalidated.status).toBe(304);
    // fetch asks for gzip and decodes it: the compressed copy holds the same page.
    const compressed = await fetch(`${base}/products?q=cam`, { headers: { "Accept-Encoding": "gzip" } });
    expect(compressed.headers.get("content-encoding")).toBe("gzip");
    expect(await compressed.text()).toBe(firstBody);
    const plain = await fetch(`${base}/products?q=cam`, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(firstBody);
  });

  it("keys by the whole URL and never keeps private, failed or personalised responses", async () => {
    await fetch(`${base}/products?q=cam`);
    await fetch(`${base}/products?q=buoi`);
    await fetch(`${base}/private/page`);
    await fetch(`${base}/private/page`);
    await fetch(`${base}/missing`);
    await fetch(`${base}/missing`);
    await fetch(`${base}/products?q=cam`, { headers: { Cookie: "session=1" } });
    expect(renders).toBe(7);
    expect(cache.size).toBe(2);
  });

  it("expires with max-age and clears on a catalogue write", async () => {
    await fetch(`${base}/a`);
    clock = 29_000;
    await fetch(`${base}/a`);
    expect(renders).toBe(1);
    clock = 31_000;
    await fetch(`${base}/a`);
    expect(renders).toBe(2);
    invalidateCatalogueReads();
    await fetch(`${base}/a`);
    expect(renders).toBe(3);
  });
});
