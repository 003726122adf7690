import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { LRUCache } from "lru-cache";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PageCache } from "../../app/lib/page-cache.server";
import { invalidateCatalogueReads, onCatalogueInvalidated } from "../../app/modules/catalogue/read-cache.server";

// lru-cache treats a start time of 0 as "no start": the clock begins later.
const START = 1_000_000;
let clock = START;
let renders = 0;
const cache = new PageCache(() => clock);
let server: Server;
let base = "";

beforeAll(async () => {
  onCatalogueInvalidated(() => cache.clear());
  // A stand-in for the app: counts renders and answers per path.
  server = createServer(async (req, res) => {
    const render = async () => {
      renders += 1;
      const path = req.url ?? "";
      if (path.startsWith("/slow")) await new Promise((resolve) => setTimeout(resolve, 100));
      if (path.startsWith("/abandoned")) return res.destroy();
      if (path.startsWith("/private")) res.setHeader("Cache-Control", "private, no-store");
      else res.setHeader("Cache-Control", "public, no-cache");
      res.statusCode = path.startsWith("/missing") ? 404 : 200;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.write(`<p>render ${renders} of `);
      res.end(`${path}</p>`);
    };
    if (req.url?.startsWith("/gone")) {
      // The client has hung up before the app saw the request; the app (like the
      // render queue) then never renders it.
      if (req.url.includes("hang-up")) {
        req.socket.destroy();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await cache.handle(req, res, "/gone", () => (res.destroyed ? undefined : void render()));
      return;
    }
    if (PageCache.isCacheableRequest(req)) await cache.handle(req, res, req.url ?? "", render);
    else await render();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A GET as sent by a client that asks for no encoding unless told (fetch always asks for gzip), with the body as sent. */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** The cache's own store (private), to see what an entry holds and the bytes it counts. */
const stored = () => (cache as unknown as { entries: LRUCache<string, { headers: Array<[string, string]>; body: Buffer; gzip?: Buffer; etag: string; overhead: number }> }).entries;

beforeEach(() => {
  cache.clear();
  clock = START;
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

  it("gives the first answer the ETag it will keep, and answers a matching If-None-Match with 304", async () => {
    const first = await fetch(`${base}/etag/page`);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const second = await fetch(`${base}/etag/page`, { headers: { "If-None-Match": `W/${etag}, "other"` } });
    expect(second.status).toBe(304);
    expect(second.headers.get("etag")).toBe(etag);
    expect(renders).toBe(1);
  });

  it("never hangs a URL after a client hung up before its render", async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(base).port), "127.0.0.1", () => {
        socket.write("GET /gone?hang-up HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      });
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await fetch(`${base}/gone`, { signal: AbortSignal.timeout(3_000) });
    expect(next.status).toBe(200);
  });

  it("keeps a page 60 seconds at most and clears on a catalogue change", async () => {
    await fetch(`${base}/a`);
    clock = START + 59_000;
    await fetch(`${base}/a`);
    expect(renders).toBe(1);
    clock = START + 61_000;
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

  it("compresses a stored page only when a client first asks for gzip, and reuses that copy", async () => {
    const first = await rawGet("/lazy/page");
    expect(first.headers["x-page-cache"]).toBe("miss");
    const plain = await rawGet("/lazy/page");
    expect(plain.headers["x-page-cache"]).toBe("hit");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-length"]).toBe(String(first.body.length));
    expect(plain.body).toEqual(first.body);
    expect(plain.body.toString()).toBe("<p>render 1 of /lazy/page</p>");
    expect(stored().peek("/lazy/page")!.gzip).toBeUndefined();

    clock = START + 30_000;
    const compressed = await rawGet("/lazy/page", { "Accept-Encoding": "gzip" });
    expect(compressed.headers["x-page-cache"]).toBe("hit");
    expect(compressed.headers["content-encoding"]).toBe("gzip");
    expect(compressed.headers.etag).toBe(first.headers.etag);
    expect(compressed.headers["content-length"]).toBe(String(compressed.body.length));
    expect(gunzipSync(compressed.body)).toEqual(first.body);
    const copy = stored().peek("/lazy/page")!.gzip!;
    expect(copy).toEqual(compressed.body);

    const again = await rawGet("/lazy/page", { "Accept-Encoding": "deflate, gzip;q=0.8" });
    expect(again.headers["content-encoding"]).toBe("gzip");
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.body).toEqual(compressed.body);
    expect(stored().peek("/lazy/page")!.gzip).toBe(copy);
    expect((await rawGet("/lazy/page")).body).toEqual(first.body);
    expect(renders).toBe(1);

    // Storing the copy does not make the page live longer than 60 seconds.
    clock = START + 61_000;
    expect((await rawGet("/lazy/page")).headers["x-page-cache"]).toBe("miss");
    expect(renders).toBe(2);
  });

  it("keeps the gzip copy made for a page's first request when that request asks for gzip", async () => {
    const first = await rawGet("/lazy/first-gzip", { "Accept-Encoding": "gzip" });
    expect(first.headers["x-page-cache"]).toBe("miss");
    expect(first.headers["content-encoding"]).toBe("gzip");
    const body = gunzipSync(first.body);
    expect(body.toString()).toBe("<p>render 1 of /lazy/first-gzip</p>");
    const entry = stored().peek("/lazy/first-gzip")!;
    expect(entry.gzip).toEqual(first.body);
    const plain = await rawGet("/lazy/first-gzip");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toEqual(body);
    expect(plain.headers.etag).toBe(first.headers.etag);
    expect(renders).toBe(1);
  });

  it("counts a gzip copy's bytes towards the cache's bound once it is made", async () => {
    const plain = await rawGet("/sized/plain");
    const overhead = (key: string) => stored().peek(key)!.overhead;
    expect(stored().calculatedSize).toBe(plain.body.length + overhead("/sized/plain"));
    const compressed = await rawGet("/sized/plain", { "Accept-Encoding": "gzip" });
    expect(stored().calculatedSize).toBe(plain.body.length + compressed.body.length + overhead("/sized/plain"));
    const first = await rawGet("/sized/first-gzip", { "Accept-Encoding": "gzip" });
    expect(stored().calculatedSize).toBe(
      plain.body.length + compressed.body.length + overhead("/sized/plain") + gunzipSync(first.body).length + first.body.length + overhead("/sized/first-gzip"),
    );
  });

  it("counts an entry's headers and key towards the bound, and keeps its bodies in memory of their own", async () => {
    const plain = await rawGet("/sized/own-memory");
    await rawGet("/sized/own-memory", { "Accept-Encoding": "gzip" });
    const entry = stored().peek("/sized/own-memory")!;
    const headerBytes = entry.headers.reduce((bytes, [name, value]) => bytes + name.length + value.length, 0);
    expect(headerBytes).toBeGreaterThan(0);
    expect(entry.overhead).toBeGreaterThan(headerBytes + "/sized/own-memory".length);
    // A small body cut from Node's shared pool, or a view of zlib's work buffer, would keep far more than its length.
    expect(entry.body.length).toBe(plain.body.length);
    expect(entry.body.buffer.byteLength).toBe(entry.body.length);
    expect(entry.gzip!.buffer.byteLength).toBe(entry.gzip!.length);
  });

  it("keeps only GET responses, so a HEAD never fills the cache", async () => {
    await fetch(`${base}/head-only`, { method: "HEAD" });
    expect(cache.size).toBe(0);
    await fetch(`${base}/head-only`);
    const head = await fetch(`${base}/head-only`, { method: "HEAD" });
    expect(head.headers.get("x-page-cache")).toBe("hit");
  });
});
