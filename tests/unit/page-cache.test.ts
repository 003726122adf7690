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
  server = createServer(async (req, res) => {
    const render = async () => {
      renders += 1;
      const path = req.url ?? "";
      if (path.startsWith("/slow")) await new Promise((resolve) => setTimeout(resolve, 100));
      if (path.startsWith("/abandoned")) return res.destroy();
      if (path.startsWith("/private")) res.setHeader("Cache-Control", "private, no-store");
      else res.setHeader("Cache-Control", "public, max-age=30");
      res.statusCode = path.startsWith("/missing") ? 404 : 200;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.write(`<p>render ${renders} of `);
      res.end(`${path}</p>`);
    };
    if (PageCache.isCacheableRequest(req)) await cache.handle(req, res, req.url ?? "", render);
    else await render();
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

  it("renders a page once when many ask for it at the same time", async () => {
    const bodies = await Promise.all(Array.from({ length: 12 }, () => fetch(`${base}/slow/page`).then((r) => r.text())));
    expect(renders).toBe(1);
    expect(new Set(bodies)).toEqual(new Set(["<p>render 1 of /slow/page</p>"]));
  });

  it("lets waiting requests through when the render they waited for is not kept", async () => {
    const statuses = await Promise.all(Array.from({ length: 4 }, () => fetch(`${base}/missing/slow`).then((r) => r.status)));
    expect(statuses).toEqual([404, 404, 404, 404]);
    expect(renders).toBe(4);
    const abandoned = await Promise.allSettled(Array.from({ length: 3 }, () => fetch(`${base}/abandoned`)));
    expect(abandoned.every((result) => result.status === "rejected")).toBe(true);
    expect(cache.size).toBe(0);
  });

  it("does not keep a page whose render began before a catalogue write", async () => {
    const during = fetch(`${base}/slow/before-write`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    invalidateCatalogueReads();
    await (await during).text();
    expect(cache.size).toBe(0);
    await fetch(`${base}/slow/before-write`);
    expect(cache.size).toBe(1);
  });

  it("keeps only GET responses, so a HEAD never fills the cache", async () => {
    await fetch(`${base}/head-only`, { method: "HEAD" });
    expect(cache.size).toBe(0);
    await fetch(`${base}/head-only`);
    const head = await fetch(`${base}/head-only`, { method: "HEAD" });
    expect(head.headers.get("x-page-cache")).toBe("hit");
  });
});
