/**
 * Whole-response cache for anonymous GET requests, used by server.js in front
 * of Remix. Only responses that say `Cache-Control: public` are kept, for at
 * most their max-age (capped at 60 s); each carries an ETag so repeat visitors
 * get 304s. Any catalogue write clears it (see read-cache.server.ts), so it is
 * never staler than the read cache behind it. Bounded in entries and bytes.
 *
 * Concurrent misses for one URL are coalesced: the first request renders, the
 * others wait for its response instead of rendering the same page in parallel
 * (which would multiply CPU and memory under load).
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";
import { onCatalogueWrite } from "../modules/catalogue/read-cache.server";

const MAX_TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;
// Part of the 300 MB memory budget (docs/benchmarks.md): the long tail of searches would fill any size.
const MAX_BYTES = 24 * 1024 * 1024;
const KEPT_HEADERS = ["content-type", "cache-control", "link", "content-disposition", "access-control-allow-origin"];

// The gzip form is made once per entry, so a hit costs no compression.
type Entry = { expires: number; headers: Array<[string, string]>; body: Buffer; gzip: Buffer; etag: string };

export class PageCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  // Renders under way, by key; settled when their response is finished or abandoned.
  private rendering = new Map<string, Promise<void>>();
  // Bumped by clear(): a render that started before a catalogue write is not kept.
  private generation = 0;

  constructor(private readonly now: () => number = Date.now) {}

  clear() {
    this.entries.clear();
    this.bytes = 0;
    this.generation += 1;
  }

  get size() {
    return this.entries.size;
  }

  /** Cacheable: a GET or HEAD with no cookies or credentials (no personalised pages). */
  static isCacheableRequest(req: IncomingMessage): boolean {
    return (req.method === "GET" || req.method === "HEAD") && !req.headers.cookie && !req.headers.authorization;
  }

  /**
   * Express-style middleware body: answers from memory, or waits for a render
   * of the same page already under way, or lets the request through to `next`
   * and keeps what the app answers.
   */
  async handle(req: IncomingMessage, res: ServerResponse, key: string, next: () => void): Promise<void> {
    if (this.serve(req, res, key)) return;
    const underWay = this.rendering.get(key);
    if (underWay) {
      await underWay;
      if (this.serve(req, res, key)) return;
    }
    if (req.method === "GET" && !this.rendering.has(key)) this.capture(res, key);
    next();
  }

  /** Answers from the cache; returns false when the request must go on to the app. */
  private serve(req: IncomingMessage, res: ServerResponse, key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (entry.expires <= this.now()) {
      this.remove(key);
      return false;
    }
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("ETag", entry.etag);
    res.setHeader("X-Page-Cache", "hit");
    if (req.headers["if-none-match"] === entry.etag) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.statusCode = 200;
    res.setHeader("Vary", "Accept-Encoding");
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    // With Content-Encoding set, the compression middleware leaves the body alone.
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    const body = gzip ? entry.gzip : entry.body;
    res.setHeader("Content-Length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  /** Watches the app's response to a GET and keeps it when it is a public 200. */
  private capture(res: ServerResponse, key: string) {
    const generation = this.generation;
    let settle = () => {};
    const rendered = new Promise<void>((resolve) => (settle = resolve));
    this.rendering.set(key, rendered);
    const done = () => {
      if (this.rendering.get(key) === rendered) this.rendering.delete(key);
      settle();
    };
    // "close" also fires when the client goes away before the end.
    res.once("close", done);
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as Buffer | string));
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer | string));
      if (generation === this.generation) this.store(res, key, Buffer.concat(chunks));
      done();
      return end(chunk, ...rest);
    }) as typeof res.end;
  }

  private store(res: ServerResponse, key: string, body: Buffer) {
    const cacheControl = String(res.getHeader("cache-control") ?? "");
    const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(cacheControl);
    if (res.statusCode !== 200 || !/\bpublic\b/.test(cacheControl) || !maxAge || res.getHeader("set-cookie")) return;
    if (body.length > MAX_BYTES / 16) return;
    const headers = KEPT_HEADERS.flatMap((name) => {
      const value = res.getHeader(name);
      return value === undefined ? [] : [[name, String(value)] as [string, string]];
    });
    const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
    this.remove(key);
    const gzip = gzipSync(body);
    this.entries.set(key, { expires: this.now() + Math.min(Number(maxAge[1]) * 1000, MAX_TTL_MS), headers, body, gzip, etag });
    this.bytes += body.length + gzip.length;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) this.remove(this.entries.keys().next().value as string);
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length + entry.gzip.length;
    this.entries.delete(key);
  }
}

/** The server's page cache, cleared whenever the catalogue changes. */
export function createPageCache(): PageCache {
  const cache = new PageCache();
  onCatalogueWrite(() => cache.clear());
  return cache;
}
