/**
 * Whole-response cache for anonymous GET requests, used by the server
 * (server/app.ts) in front of Remix. Only 200 responses that say
 * `Cache-Control: public` are kept, for at most TTL_MS; each carries an ETag
 * (a hash of its bytes), so a browser revalidating with `no-cache` gets a 304.
 * Any change to the catalogue empties it (read-cache.server.ts), in this
 * process at once and in the others through the change signal. Storage is
 * lru-cache's, bounded in bytes (docs/decisions/008).
 *
 * Concurrent misses for one URL are coalesced: the first request renders, the
 * others wait for its response (at most WAIT_MS) instead of rendering the same
 * page in parallel, which would multiply CPU and memory under load.
 *
 * A cacheable response is held back until it is complete, so that its first
 * answer already carries the ETag the cache will use for it.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { finished } from "node:stream";
import { gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";

const TTL_MS = 60_000;
// Part of the 300 MB memory budget (docs/benchmarks.md): the long tail of searches would fill any size.
const MAX_BYTES = 16 * 1024 * 1024;
const MAX_ENTRY_BYTES = MAX_BYTES / 16;
// A request waiting for another's render of the same page gives up after this and renders itself.
const WAIT_MS = 10_000;
// A stored page keeps the headers it was sent with (security headers included: the
// nonce in the page must match its policy, decision 009), except these, which belong
// to one response or are set again when it is served.
const PER_RESPONSE_HEADERS = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "etag",
  "vary",
  "set-cookie",
  "x-request-id",
  "x-page-cache",
]);



// The gzip form is made once per entry, when a client first asks for it (many API
// clients never do), so a hit costs no compression.
// `overhead` is what an entry holds besides its bodies (its headers, key and objects), counted
// towards the bound too: a small answer's headers are as large as its body.
type Entry = { headers: Array<[string, string]>; body: Buffer; gzip?: Buffer; etag: string; overhead: number };
const ENTRY_OBJECTS_BYTES = 512;

export class PageCache {
  private entries: LRUCache<string, Entry>;
  // Renders under way, by key; settled when their response is finished or abandoned.
  private rendering = new Map<string, Promise<void>>();
  // Bumped by clear(): a render that started before a catalogue change is not kept.
  private generation = 0;

  constructor(now?: () => number) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: MAX_BYTES,
      maxEntrySize: MAX_ENTRY_BYTES,
      sizeCalculation: (entry) => entry.body.length + (entry.gzip?.length ?? 0) + entry.overhead,
      ttl: TTL_MS,
      // An injected clock (tests) is read on every check.
    ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }

  clear() {
    this.entries.clear();
    this.generation += 1;
  }

  get size() {
    return this.entries.size;
  }

  /** Cacheable: a GET or HEAD with no cookies or credentials (no personal pages). */
  static isCacheableRequest(req: IncomingMessage): boolean {
    return (req.method === "GET" || req.method === "HEAD") && !req.headers.cookie && !req.headers.authorization;
  }

  /**
   * Express-style middleware body: answers from memory, or waits for a render
   * of the same page already under way, or lets the request through to `next`
   * and keeps what the app answers.
   */
  async handle(req: IncomingMessage, res: ServerResponse, key: string, next: () => void): Promise<void> {
    if (await this.answer(req, res, key)) return;
    this.keep(req, res, key);
    next();
  }

  /**
   * The first half of `handle`, for a server that answers hits before its other
   * middleware runs: answers from memory (waiting for a render of the same page
   * already under way); false when the request must go on.
   */
  async answer(req: IncomingMessage, res: ServerResponse, key: string): Promise<boolean> {
    if (this.serve(req, res, key)) return true;
    const underWay = this.rendering.get(key);
    if (underWay) {
      await Promise.race([underWay, new Promise((resolve) => setTimeout(resolve, WAIT_MS).unref())]);
      if (res.destroyed) return true;
      if (this.serve(req, res, key)) return true;
    }
    return res.destroyed;
  }

  /**
   * The second half: watches the app's answer to keep it. Register it after any
   * middleware that wraps the response (compression), so it sees the page as rendered.
   */
  keep(req: IncomingMessage, res: ServerResponse, key: string) {
    if (req.method === "GET" && !this.rendering.has(key) && !res.destroyed) this.capture(req, res, key);
  }

  /** Answers from the cache; returns false when the request must go on to the app. */
  private serve(req: IncomingMessage, res: ServerResponse, key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.send(req, res, key, entry, "hit");
    return true;
  }

  private send(req: IncomingMessage, res: ServerResponse, key: string, entry: Entry, source: "hit" | "miss") {
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("ETag", entry.etag);
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("X-Page-Cache", source);
    if (ifNoneMatch(req, entry.etag)) {
      res.statusCode = 304;
      res.removeHeader("Content-Length");
      res.end();
      return;
    }
    res.statusCode = 200;
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    // With Content-Encoding set, the compression middleware leaves the body alone.
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    else res.removeHeader("Content-Encoding");
    let body = entry.body;
    if (gzip) {
      // gzipSync answers with a view of its 16 KB work buffer: stored, the view would keep all of it.
      body = entry.gzip ?? bufferOfItsOwn([gzipSync(entry.body)]);
      // Stored again as a new entry (so the cache counts the compressed copy's bytes too), if it still fits.
      if (!entry.gzip && this.entries.peek(key) === entry && entry.body.length + body.length <= MAX_ENTRY_BYTES) {
        this.entries.set(key, { ...entry, gzip: body }, { noUpdateTTL: true });
      }
    }
    res.setHeader("Content-Length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  /**
   * Watches the app's response to a GET. A public 200 is held until complete,
   * stored, and sent with its ETag (or as a 304); anything else is passed on
   * unchanged. The render counts as settled when the response finishes or the
   * client goes away, whichever comes first, and even if that already happened.
   */
  private capture(req: IncomingMessage, res: ServerResponse, key: string) {
    const generation = this.generation;
    let settle = () => {};
    const rendered = new Promise<void>((resolve) => (settle = resolve));
    this.rendering.set(key, rendered);
    const done = () => {
      if (this.rendering.get(key) === rendered) this.rendering.delete(key);
      settle();
    };
    // finished() also calls back at once for a response that is already closed.
    finished(res, done);

    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const chunks: Buffer[] = [];
    let holding: boolean | undefined;
    // Decided at the first byte, when the app has set its status and headers.
    const hold = () => (holding ??= isStorable(res));
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (!hold()) return write(chunk, ...rest);
      if (chunk && typeof chunk !== "function") chunks.push(toBuffer(chunk, rest[0]));
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (!hold()) return end(chunk, ...rest);
      if (chunk && typeof chunk !== "function") chunks.push(toBuffer(chunk, rest[0]));
      res.write = write as typeof res.write;
      res.end = end as typeof res.end;
      const entry = makeEntry(res, key, bufferOfItsOwn(chunks));
      if (generation === this.generation && entry.body.length <= MAX_ENTRY_BYTES) this.entries.set(key, entry);
      if (!res.destroyed) this.send(req, res, key, entry, "miss");
      done();
      return res;
    }) as typeof res.end;
  }
}

function isStorable(res: ServerResponse): boolean {
  const cacheControl = String(res.getHeader("cache-control") ?? "");
  return res.statusCode === 200 && /\bpublic\b/.test(cacheControl) && !res.getHeader("set-cookie") && !res.getHeader("content-encoding");
}

function makeEntry(res: ServerResponse, key: string, body: Buffer): Entry {
  const headers = Object.entries(res.getHeaders()).flatMap(([name, value]) =>
    value === undefined || PER_RESPONSE_HEADERS.has(name) ? [] : [[name, Array.isArray(value) ? value.join(", ") : String(value)] as [string, string]],
  );
  const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
  const overhead = headers.reduce((bytes, [name, value]) => bytes + name.length + value.length, ENTRY_OBJECTS_BYTES + key.length + etag.length);
  return { headers, body, etag, overhead };
}

/**
 * The chunks joined in memory of their own. Buffer.concat cuts a small result from
 * Node's shared 8 KB pool, and a kept slice keeps its whole slab: a cache of 2.5 KB
 * answers held about three times the bytes it counted.
 */
function bufferOfItsOwn(chunks: Buffer[]): Buffer {
  const body = Buffer.allocUnsafeSlow(chunks.reduce((bytes, chunk) => bytes + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) offset += chunk.copy(body, offset);
  return body;
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

/** RFC 9110 If-None-Match: a list of entity tags, or "*"; weak comparison. */
function ifNoneMatch(req: IncomingMessage, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}
