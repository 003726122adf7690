// @ts-check
/**
 * npm run fuzz [-- options]     hostile clients against the production server (run by hand, not in CI)
 *
 *   --requests N        fuzz cases to send (default 10000); the follow-up checks they call for come on top
 *   --concurrency C     requests in flight at once (default 8, at most 8)
 *   --seed S            seed of the random choices (default 1): the same seed and data send the same requests
 *   --base-url URL      an already running server, http://127.0.0.1:PORT (default: start one, see below)
 *   --timeout-ms T      how long a request may wait for its answer (default 10000)
 *   --build             build even when the build exists (only without --base-url)
 *   --log-requests      run the server with LOG_REQUESTS=true, so its log names the request near each error
 *
 * Without --base-url: a fresh SQLite database (bench/.tmp/fuzz.db, migrated and
 * seeded with the demo) → build if the build server.js loads is missing → the
 * server as `npm start` runs it, on 127.0.0.1 and a free port, NODE_ENV=production,
 * PUBLIC_URL=http://127.0.0.1:<port>, its output in bench/.tmp/fuzz-server.log
 * → the fuzz → the server stopped.
 *
 * The fuzz reads real slugs and verification codes from the server's own API,
 * then sends hostile requests to every public route and parameter (hostile
 * values, methods, headers, and raw-socket misbehaviour: absolute-form request
 * lines, HTTP/1.0 without Host, garbage, early hang-ups, half-sent requests,
 * slowloris, pipelining), all over raw sockets to 127.0.0.1, and counts:
 * 5xx answers, requests left without an answer (notably the same URL asked
 * again after a client hung up early), unescaped reflections of a marker in
 * HTML, invalid JSON, poisoned answers (a hostile Host / X-Forwarded-* header
 * that shows up in a later plain answer), `$&`-style substitutions in titles,
 * leaked files, and whether the server still answers /healthz at the end; with
 * its own server, stack traces in its log. A summary goes to the terminal and
 * to bench/.tmp/fuzz-last.json; the exit code is 1 when any of those is not 0.
 * See docs/fuzz.md.
 *
 * `runFuzz({ baseUrl, requests, concurrency, seed, log })` runs the same fuzz
 * against a server that is already running (the browser tests use it).
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
const FIRST_PORT = 3350;
const SQLITE_FILE = "bench/.tmp/fuzz.db";
const SERVER_LOG = "bench/.tmp/fuzz-server.log";
const RESULT_FILE = "bench/.tmp/fuzz-last.json";
const MAX_CONCURRENCY = 8;
const EXAMPLES_KEPT = 8;

const USAGE =
  "Usage: npm run fuzz -- [--requests N] [--concurrency C] [--seed S] [--base-url http://127.0.0.1:PORT] [--timeout-ms T] [--build] [--log-requests]";

// ─────────────────────────── random choices ───────────────────────────

/** FNV-1a of a string: one seed per case, so case N is the same whatever ran before it. @param {string} text */
function hash32(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A small seeded PRNG (mulberry32) with the helpers the generators need. */
class Rng {
  /** @param {number} seed */
  constructor(seed) {
    this.state = seed >>> 0;
  }

  /** @returns {number} in [0, 1) */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** @param {number} n @returns {number} a whole number in [0, n) */
  int(n) {
    return Math.floor(this.next() * n);
  }

  /** @param {number} p */
  chance(p) {
    return this.next() < p;
  }

  /** @template T @param {readonly T[]} items @returns {T} */
  pick(items) {
    if (items.length === 0) throw new Error("pick from an empty list");
    return /** @type {T} */ (items[this.int(items.length)]);
  }

  /** @template T @param {ReadonlyArray<readonly [T, number]>} entries value and weight @returns {T} */
  weighted(entries) {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return /** @type {readonly [T, number]} */ (entries[entries.length - 1])[0];
  }
}

// ─────────────────────────── raw HTTP client ───────────────────────────

/**
 * @typedef {{ version: string, status: number, headers: Array<[string, string]>, body: Buffer }} RawResponse
 * @typedef {"answered" | "timeout" | "closed" | "hung-up"} ExchangeOutcome
 * @typedef {{ outcome: ExchangeOutcome, responses: RawResponse[], error: string | null, ms: number, received: number }} Exchange
 * @typedef {{ data: Buffer | string, delayMs?: number }} Piece
 * @typedef {"close" | "reset" | "end"} HangUp
 */

/**
 * One exchange over a raw TCP connection to 127.0.0.1: sends `data` (bytes as
 * given, or pieces with delays between them) and reads responses until
 * `expected` are complete, the server closes, or `timeoutMs` passes. With
 * `hangUpAfterMs` it sends and then closes the connection itself after that
 * many milliseconds (0: as soon as the bytes are handed to the kernel),
 * without waiting for an answer, the way `hangUpWith` says: "close" (FIN),
 * "reset" (RST, as a client that aborts with unread data does) or "end" (FIN
 * sent with the last bytes). `methods` (one per request sent) tell the
 * parser which answers have no body (HEAD).
 * @param {{ port: number, data: Buffer | string | Piece[], methods?: string[], expected?: number,
 *           timeoutMs?: number, hangUpAfterMs?: number | null, hangUpWith?: HangUp }} options
 * @returns {Promise<Exchange>}
 */
export function rawRequest({ port, data, methods = ["GET"], expected = methods.length, timeoutMs = 10_000, hangUpAfterMs = null, hangUpWith = "close" }) {
  const pieces = typeof data === "string" || Buffer.isBuffer(data) ? [{ data, delayMs: 0 }] : data;
  return new Promise((resolve) => {
    const started = performance.now();
    /** @type {Buffer[]} */
    const chunks = [];
    let received = 0;
    /** @type {string | null} */
    let error = null;
    let finished = false;
    /** @type {NodeJS.Timeout | undefined} */
    let pieceTimer;
    const socket = net.connect({ host: HOST, port });
    socket.setNoDelay(true);

    /** @param {ExchangeOutcome} outcome @param {RawResponse[]} responses */
    const finish = (outcome, responses) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(pieceTimer);
      if (outcome === "hung-up" && hangUpWith === "reset" && !socket.destroyed) socket.resetAndDestroy();
      else socket.destroy();
      resolve({ outcome, responses, error, ms: performance.now() - started, received });
    };
    const timer = setTimeout(() => finish("timeout", parseResponses(Buffer.concat(chunks), methods, false)), timeoutMs);

    /** @param {number} index */
    const sendFrom = (index) => {
      if (finished || socket.destroyed) return;
      const piece = pieces[index];
      if (!piece) return;
      const last = index === pieces.length - 1;
      /** @param {Error | null | undefined} [_error] */
      const written = (_error) => {
        if (!last) {
          const next = pieces[index + 1];
          pieceTimer = setTimeout(() => sendFrom(index + 1), next?.delayMs ?? 0);
        } else if (hangUpAfterMs !== null) {
          // The client goes away: the answer (if any) is not waited for.
          if (hangUpAfterMs <= 0) finish("hung-up", []);
          else pieceTimer = setTimeout(() => finish("hung-up", []), hangUpAfterMs);
        }
      };
      if (last && hangUpAfterMs !== null && hangUpWith === "end") socket.end(piece.data, written);
      else socket.write(piece.data, written);
    };
    socket.once("connect", () => sendFrom(0));
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      received += chunk.length;
      if (hangUpAfterMs !== null) return;
      const responses = parseResponses(Buffer.concat(chunks), methods, false);
      if (responses.length >= expected) finish("answered", responses);
    });
    socket.on("error", (err) => {
      error = /** @type {NodeJS.ErrnoException} */ (err).code ?? err.message;
    });
    socket.on("close", () => {
      if (finished) return;
      const responses = parseResponses(Buffer.concat(chunks), methods, true);
      if (hangUpAfterMs !== null) finish("hung-up", responses);
      else finish(responses.length >= expected ? "answered" : "closed", responses);
    });
  });
}

/**
 * The complete HTTP/1.x responses at the start of `buffer` (1xx interim
 * answers skipped). With `eof`, a response framed by the end of the
 * connection is complete too.
 * @param {Buffer} buffer @param {string[]} methods @param {boolean} eof @returns {RawResponse[]}
 */
export function parseResponses(buffer, methods, eof) {
  /** @type {RawResponse[]} */
  const responses = [];
  let pos = 0;
  while (pos < buffer.length) {
    const headEnd = buffer.indexOf("\r\n\r\n", pos, "latin1");
    if (headEnd < 0) break;
    const [statusLine = "", ...lines] = buffer.subarray(pos, headEnd).toString("latin1").split("\r\n");
    const match = /^HTTP\/(\d\.\d) (\d{3})\b/.exec(statusLine);
    if (!match) break;
    const status = Number(match[2]);
    /** @type {Array<[string, string]>} */
    const headers = lines.map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon < 0 ? line.length : colon).trim().toLowerCase(), colon < 0 ? "" : line.slice(colon + 1).trim()];
    });
    const bodyStart = headEnd + 4;
    if (status >= 100 && status < 200 && status !== 101) {
      pos = bodyStart;
      continue;
    }
    const method = methods[responses.length] ?? "GET";
    const encoding = headerOf(headers, "transfer-encoding");
    const length = headerOf(headers, "content-length");
    /** @type {{ body: Buffer, end: number } | null} */
    let framed;
    if (method === "HEAD" || status === 204 || status === 304 || status === 101) framed = { body: Buffer.alloc(0), end: bodyStart };
    else if (encoding !== undefined && /chunked/i.test(encoding)) framed = dechunk(buffer, bodyStart);
    else if (length !== undefined && /^\d+$/.test(length)) {
      const end = bodyStart + Number(length);
      framed = buffer.length >= end ? { body: buffer.subarray(bodyStart, end), end } : null;
    } else framed = eof ? { body: buffer.subarray(bodyStart), end: buffer.length } : null;
    if (!framed) break;
    responses.push({ version: match[1] ?? "", status, headers, body: Buffer.from(framed.body) });
    pos = framed.end;
  }
  return responses;
}

/** @param {Buffer} buffer @param {number} start @returns {{ body: Buffer, end: number } | null} */
function dechunk(buffer, start) {
  /** @type {Buffer[]} */
  const parts = [];
  let pos = start;
  for (;;) {
    const lineEnd = buffer.indexOf("\r\n", pos, "latin1");
    if (lineEnd < 0) return null;
    const size = parseInt(buffer.subarray(pos, lineEnd).toString("latin1").split(";")[0] ?? "", 16);
    if (!Number.isFinite(size) || size < 0) return null;
    pos = lineEnd + 2;
    if (size === 0) {
      // Trailers, if any, end with an empty line.
      if (buffer.subarray(pos, pos + 2).toString("latin1") === "\r\n") return { body: Buffer.concat(parts), end: pos + 2 };
      const trailerEnd = buffer.indexOf("\r\n\r\n", pos, "latin1");
      return trailerEnd < 0 ? null : { body: Buffer.concat(parts), end: trailerEnd + 4 };
    }
    if (buffer.length < pos + size + 2) return null;
    parts.push(buffer.subarray(pos, pos + size));
    pos += size + 2;
  }
}

/** @param {Array<[string, string]>} headers @param {string} name @returns {string | undefined} */
export function headerOf(headers, name) {
  return headers.find(([key]) => key === name)?.[1];
}

/** The body as text, decompressed by its Content-Encoding (as sent when that fails). @param {RawResponse} response */
export function bodyText(response) {
  const encoding = (headerOf(response.headers, "content-encoding") ?? "").toLowerCase();
  let body = response.body;
  try {
    if (encoding.includes("gzip")) body = zlib.gunzipSync(body);
    else if (encoding.includes("br")) body = zlib.brotliDecompressSync(body);
    else if (encoding.includes("deflate")) body = zlib.inflateSync(body);
  } catch {
    // Left as sent.
  }
  return body.toString("utf8");
}

/**
 * A GET as a browser without cookies would send it (Host 127.0.0.1:port, no
 * forwarded headers, no compression): the plain request the checks compare with.
 * @param {number} port @param {string} target @param {{ timeoutMs?: number, headers?: Array<[string, string]> }} [options]
 */
export function plainGet(port, target, { timeoutMs = 10_000, headers = [] } = {}) {
  const lines = [`GET ${target} HTTP/1.1`, `Host: ${HOST}:${port}`, "Accept: */*", ...headers.map(([name, value]) => `${name}: ${value}`), "Connection: close"];
  return rawRequest({ port, data: `${lines.join("\r\n")}\r\n\r\n`, timeoutMs });
}

// ───────────────────────────── hostile input ─────────────────────────────

/** What the server told us at the start: real slugs and codes to build valid-looking URLs. */
/**
 * @typedef {{ productSlugs: string[], codes: string[], producerSlugs: string[], provinceSlugs: string[], communeSlugs: string[] }} Discovered
 */

const CATALOGUE_PARAMS = ["q", "stars", "group", "set", "province", "commune", "producer", "status", "sort", "page"];
const PRODUCER_PARAMS = ["q", "province", "type", "page"];
const SUGGEST_PARAMS = ["q", "lang"];

/** Text that is NOT yet URL-encoded; `marker` makes every injection unique to its case. @param {Rng} rng @param {string} marker */
function hostileText(rng, marker) {
  const kind = rng.weighted([
    ["huge", 5],
    ["control", 6],
    ["unicode", 8],
    ["replacement", 8],
    ["injection", 14],
    ["sql", 8],
    ["number", 10],
    ["traversal", 4],
    ["misc", 8],
  ]);
  switch (kind) {
    case "huge":
      return rng.pick([
        "a".repeat(rng.pick([201, 1000, 3000, 7000])),
        `<${marker}>`.repeat(rng.pick([30, 300])),
        "ư".repeat(rng.pick([150, 700])),
        "😀".repeat(rng.pick([60, 400])),
        "%".repeat(600),
      ]);
    case "control":
      return rng.pick(["\u0000", "a\u0000b", "\u0001\u0002\u001f", "\r\n", "a\r\nSet-Cookie: fz=1", "\t", "\u007f", "\u0085", "\u2028\u2029", "\b\f\v"]);
    case "unicode":
      return rng.pick([
        "\u202egnp.exe",
        "a\u200bb",
        "\ufeffbưởi",
        "\u2066\u2067\u2068\u2069",
        "😀",
        "👨‍👩‍👧‍👦",
        "bưởi",
        "BƯỞI ĐỎ",
        "bu\u031bo\u031b\u0309i", // decomposed (NFD)
        "Ｂｕｏｉ",
        "\ufffd",
        "İstanbul",
        "ß",
        "ﷺ",
        "𝔟𝔲𝔬𝔦",
        "ǅ",
      ]);
    case "replacement":
      return rng.pick(["$&", "$'", "$`", "$1", "$$", "$<name>", "{{q}}", "{{constructor}}", "%s%s%n", "${q}", "#{q}"]);
    case "injection":
      return rng.pick([
        `"><${marker}>`,
        `</script><${marker}>`,
        `'"><${marker} data-x${marker.slice(2)}="1">`,
        `" data-x${marker.slice(2)}="1`,
        `</title><${marker}>`,
        `</textarea><${marker}>`,
        `<!--<${marker}>-->`,
        `]]><${marker}>`,
        `javascript:alert(1)//<${marker}>`,
        `\\u003c${marker}\\u003e`,
        `<svg onload=alert(1)><${marker}>`,
      ]);
    case "sql":
      return rng.pick(["' OR 1=1--", "%", "_", "\\", "%_\\", "'; DROP TABLE \"Product\";--", "\" OR \"\"=\"", "') UNION SELECT 1--", "*", "a%b_c\\d", "NEAR(a b)", "-a", "a OR b", "\"", "'", "^", ":", "()"]);
    case "number":
      return rng.pick(["0x10", "1e3", "0x1a", "-1", "0", "-0", "99999999999999999999", "NaN", "Infinity", "-Infinity", "1.5", "0b11", "0o7", " 4", "4 ", "+4", "4,5", "٣", "４", "1_000", "4.0", "1e-7", "9007199254740993"]);
    case "traversal":
      return rng.pick(["../../etc/passwd", "..\\..\\windows\\win.ini", "....//....//etc/passwd", "/etc/passwd", "file:///etc/passwd"]);
    default:
      return rng.pick(["", " ", "+", "=", "&", "#", "?", "a=b", "a&b=c", "[]", "{}", "null", "undefined", "true", "__proto__", "constructor", "toString", "hasOwnProperty"]);
  }
}

/** Already in wire form: broken or odd percent-encoding, sent exactly as written. @param {Rng} rng */
function brokenEncoding(rng) {
  return rng.pick([
    "%zz",
    "%",
    "%%",
    "%e0%a4%a",
    "%e0%a4",
    "%c0%af", // overlong "/"
    "%c0%ae%c0%ae%c0%af", // overlong "../"
    "%e0%80%af", // overlong "/"
    "%f4%90%80%80", // above U+10FFFF
    "%ed%a0%80", // a surrogate
    "%ff%fe",
    "%00",
    "%u0041",
    "%2",
    "%G0",
    "%252e%252e%252f",
    "%0d%0aSet-Cookie:%20fz=1",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2f",
  ]);
}

/**
 * Percent-encodes text for a query or path: `strict` as encodeURIComponent;
 * `loose` only what a request line cannot carry (controls, space, non-ASCII,
 * % & # + =), so < > " ' ` { } | \ ^ arrive raw.
 * @param {string} text @param {"strict" | "loose"} mode
 */
function encode(text, mode) {
  if (mode === "strict") return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x20 && code < 0x7f && !"%&#+=".includes(char)) out += char;
    else out += [...Buffer.from(char, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  }
  return out;
}

/** A hostile value in wire form. @param {Rng} rng @param {string} marker */
function hostileWire(rng, marker) {
  if (rng.chance(0.22)) return brokenEncoding(rng);
  const text = hostileText(rng, marker);
  // Unpaired surrogates cannot be encoded; they still make a fine broken value.
  try {
    return encode(text, rng.chance(0.5) ? "strict" : "loose");
  } catch {
    return "%ed%a0%bd";
  }
}

/** @param {Rng} rng @param {string} name @param {Discovered} data */
function validValue(rng, name, data) {
  switch (name) {
    case "q":
      return encode(rng.pick(["bưởi", "chè", "mật ong", "gạo", "tan lac", "Hòa Bình", "cam", "rượu", "x"]), "strict");
    case "stars":
      return rng.pick(["3", "4", "5"]);
    case "group":
      return rng.pick(["I", "II", "III", "IV", "V", "VI", "i", "vi"]);
    case "set":
      return String(1 + rng.int(26));
    case "province":
      return rng.pick(data.provinceSlugs.length ? data.provinceSlugs : ["phu-tho"]);
    case "commune":
      return rng.pick(data.communeSlugs.length ? data.communeSlugs : ["tan-lac"]);
    case "producer":
      return rng.pick(data.producerSlugs.length ? data.producerSlugs : ["x"]);
    case "status":
      return rng.pick(["valid", "all"]);
    case "sort":
      return rng.pick(["relevance", "newest", "name", "stars"]);
    case "page":
      return String(1 + rng.int(3));
    case "type":
      return rng.pick(["COOPERATIVE", "COOPERATIVE_GROUP", "ENTERPRISE", "HOUSEHOLD_BUSINESS", "cooperative"]);
    case "lang":
      return rng.pick(["vi", "en", "EN", "fr"]);
    default:
      return "1";
  }
}

/**
 * @typedef {{ wire: string, substitution: string | null, oddNumber: { name: string, value: string } | null }} Query
 */

/**
 * A query string (without "?") over the route's parameters: valid and hostile
 * values, repeated parameters, array syntax, odd keys, long queries.
 * @param {Rng} rng @param {string[]} params @param {Discovered} data @param {string} marker
 * @returns {Query}
 */
function hostileQuery(rng, params, data, marker) {
  /** @type {string[]} */
  const pairs = [];
  /** @type {string | null} */
  let substitution = null;
  /** @type {{ name: string, value: string } | null} */
  let oddNumber = null;
  const count = params.length === 0 ? rng.weighted([[0, 5], [1, 3], [2, 1]]) : rng.weighted([[1, 4], [2, 4], [3, 3], [4, 2], [6, 1], [10, 1]]);
  for (let i = 0; i < count; i++) {
    const name = params.length && rng.chance(0.85) ? rng.pick(params) : rng.pick(["x", "utm_source", "_data", "index", "_routes", "lng", "lang", "page", "q"]);
    const shape = rng.weighted([
      ["valid", 30],
      ["hostile", 45],
      ["repeated", 7],
      ["array", 5],
      ["bare", 3],
      ["odd-key", 5],
      ["substitution", name === "q" ? 6 : 0],
      ["odd-number", name === "page" || name === "set" ? 6 : 0],
    ]);
    switch (shape) {
      case "valid":
        pairs.push(`${name}=${validValue(rng, name, data)}`);
        break;
      case "hostile":
        pairs.push(`${name}=${hostileWire(rng, marker)}`);
        break;
      case "repeated": {
        const times = rng.pick([2, 3, 5, 30, 200]);
        for (let k = 0; k < times; k++) pairs.push(`${name}=${rng.chance(0.7) ? validValue(rng, name, data) : hostileWire(rng, marker)}`);
        break;
      }
      case "array":
        pairs.push(rng.pick([`${name}[]=${validValue(rng, name, data)}`, `${name}[0]=${validValue(rng, name, data)}`, `${name}[a][b]=1`, `${name}%5B%5D=4`]));
        break;
      case "bare":
        pairs.push(rng.pick([name, `${name}=`, `=${name}`, "", "&", "=="]));
        break;
      case "odd-key":
        pairs.push(`${rng.pick(["%zz", "__proto__", "constructor[prototype][x]", "%00", encode(`<${marker}>`, "loose"), "a".repeat(3000), "%e0%a4%a", "q%00"])}=${validValue(rng, name, data)}`);
        break;
      case "substitution": {
        // The title must show the query as typed: nothing may treat it as a replacement pattern.
        const typed = `fz${marker.slice(5)}${rng.pick(["$&", "$'", "$`", "$$", "$1"])}`;
        if (substitution === null && !pairs.some((pair) => pair.startsWith("q="))) substitution = typed;
        pairs.push(`q=${encode(typed, "strict")}`);
        break;
      }
      case "odd-number": {
        const value = rng.pick(["0x10", "1e3", "0x1a", "0b11", "0o7", "1e1", "0x2", "2e0"]);
        if (oddNumber === null && !pairs.some((pair) => pair.startsWith(`${name}=`))) oddNumber = { name, value };
        pairs.push(`${name}=${value}`);
        break;
      }
    }
  }
  if (rng.chance(0.04)) pairs.push(`pad=${"a".repeat(rng.pick([8_200, 9_000, 12_000]))}`); // ~8 KB+ request lines
  const separator = rng.chance(0.05) ? rng.pick([";", "&&", "&amp;"]) : "&";
  const wire = pairs.join(separator);
  // A substitution or odd-number check needs the parameter read once, as typed.
  const once = (/** @type {string} */ name) =>
    separator === "&" && pairs.filter((pair) => pair.split("=")[0] === name || pair.startsWith(`${name}[`) || pair.startsWith(`${name}%5B`)).length === 1;
  return {
    wire,
    substitution: substitution && once("q") ? substitution : null,
    oddNumber: oddNumber && once(oddNumber.name) ? oddNumber : null,
  };
}

/** A path segment that should name a record: a real one, a mangled one, or a hostile one. @param {Rng} rng @param {string[]} real @param {string} marker */
function recordSegment(rng, real, marker) {
  const known = real.length ? rng.pick(real) : "unknown";
  return rng.weighted([
    [known, 45],
    [known.toUpperCase(), 3],
    [`${known}.`, 3],
    [`${known}..`, 2],
    [`${known}%2e`, 2],
    [`${known}/`, 2],
    [`${known}/extra`, 2],
    [`${known}%00`, 2],
    [`${known}${hostileWire(rng, marker)}`, 6],
    [hostileWire(rng, marker), 25],
    ["..%2f..%2fetc%2fpasswd", 3],
    ["%2e%2e%2f%2e%2e%2fpackage.json", 2],
    ["a".repeat(rng.pick([121, 5000])), 2],
    ["", 1],
  ]);
}

/** Paths off the map: traversal, double slashes, trailing dots, case, unknown files. */
const ODD_PATHS = [
  "//",
  "//products",
  "/products//",
  "/products/",
  "/products.",
  "/products..",
  "/products/.",
  "/products/..",
  "/products/..%2f..%2fetc%2fpasswd",
  "/..%2f..%2fetc%2fpasswd",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/assets/..%2f..%2fserver.js",
  "/assets/%2e%2e/%2e%2e/package.json",
  "/assets/../../package.json",
  "/build/server/index.js",
  "/.env",
  "/.git/config",
  "/products;x=1",
  "/Products",
  "/PRODUCTS",
  "/en/en/products",
  "/EN/products",
  "/vi/products",
  "/fr",
  "/en.",
  "/en/",
  "/api/",
  "/api/products/",
  "/api/products.csv.",
  "/api/products.json",
  "/api/products/%00",
  "/products/%ff",
  "/products/%c0%af",
  "/%",
  "/%zz",
  "/products%2f",
  "/products%00",
  "/*",
  "/index.html",
  "/favicon.svg.",
  "/robots.txt/",
  "/sitemap.xml.",
  "/healthz/.",
  "/./products",
  "/products/./x",
  "/products/~",
  "/stats/",
  "/verify/",
  "/verify",
  "/producers/",
  `/${"a/".repeat(600)}`,
  "/en/verify/%20",
  "/\\products",
  "/products\\..\\..\\",
];

/** Remix route ids, as `_data` and `_routes` carry them. */
const ROUTE_IDS = [
  "root",
  "routes/($lang)._index",
  "routes/($lang).products._index",
  "routes/($lang).products.$slug",
  "routes/($lang).verify.$code",
  "routes/($lang).producers._index",
  "routes/($lang).producers.$slug",
  "routes/($lang).stats",
  "routes/api.products",
  "routes/healthz",
];

/**
 * @typedef {{
 *   name: string, weight: number, params: string[],
 *   path: (rng: Rng, data: Discovered, marker: string) => string,
 *   page?: boolean,
 * }} Route
 */

/** Every public route (and the sign-up, password and portal pages a visitor reaches), weighted by how many parameters it has to abuse. @type {Route[]} */
const ROUTES = [
  { name: "home", weight: 4, params: [], page: true, path: () => "/" },
  { name: "products", weight: 14, params: CATALOGUE_PARAMS, page: true, path: () => "/products" },
  { name: "product", weight: 9, params: [], page: true, path: (rng, data, marker) => `/products/${recordSegment(rng, data.productSlugs, marker)}` },
  { name: "verify", weight: 6, params: [], page: true, path: (rng, data, marker) => `/verify/${recordSegment(rng, data.codes.concat(data.codes.map((c) => c.toLowerCase())), marker)}` },
  { name: "producers", weight: 7, params: PRODUCER_PARAMS, page: true, path: () => "/producers" },
  { name: "producer", weight: 5, params: [], page: true, path: (rng, data, marker) => `/producers/${recordSegment(rng, data.producerSlugs, marker)}` },
  { name: "stats", weight: 3, params: [], page: true, path: () => "/stats" },
  { name: "api-products", weight: 12, params: CATALOGUE_PARAMS, path: () => "/api/products" },
  { name: "api-product", weight: 5, params: [], path: (rng, data, marker) => `/api/products/${recordSegment(rng, data.productSlugs, marker)}` },
  { name: "api-csv", weight: 4, params: CATALOGUE_PARAMS, path: () => "/api/products.csv" },
  { name: "api-producers", weight: 5, params: PRODUCER_PARAMS, path: () => "/api/producers" },
  { name: "api-suggest", weight: 6, params: SUGGEST_PARAMS, path: () => "/api/suggest" },
  { name: "register", weight: 6, params: ["step", "intent", "legalName", "taxCode", "provinceId"], page: true, path: (rng) => rng.pick(["/register", "/en/register", "/register?index"]) },
  { name: "register-confirm", weight: 3, params: ["token"], page: true, path: () => "/register/confirm" },
  { name: "password-reset", weight: 3, params: ["token", "email"], page: true, path: (rng) => rng.pick(["/forgot-password", "/reset-password", "/en/reset-password"]) },
  { name: "portal", weight: 2, params: [], path: (rng, data, marker) => rng.pick(["/portal", "/portal/profile", `/portal/products/${recordSegment(rng, ["1", "2"], marker)}`, "/portal/documents/1"]) },
  { name: "sitemap", weight: 2, params: [], path: () => "/sitemap.xml" },
  { name: "robots", weight: 1, params: [], path: () => "/robots.txt" },
  { name: "healthz", weight: 1, params: [], path: () => "/healthz" },
  { name: "remix-_data", weight: 5, params: CATALOGUE_PARAMS, path: (rng, data, marker) => pagePath(rng, data, marker) },
  { name: "remix-manifest", weight: 4, params: [], path: () => "/__manifest" },
  { name: "remix-.data", weight: 5, params: CATALOGUE_PARAMS, path: (rng, data, marker) => singleFetchPath(rng, data, marker) },
  { name: "odd-path", weight: 5, params: [], path: (rng) => rng.pick(ODD_PATHS) },
  { name: "static", weight: 1, params: [], path: (rng) => rng.pick(["/favicon.svg", "/favicon.ico", "/assets/", "/assets/x.js", "/assets/%2e%2e"]) },
];

/** @param {Rng} rng @param {Discovered} data @param {string} marker */
function pagePath(rng, data, marker) {
  const language = rng.chance(0.3) ? "/en" : "";
  return language + rng.pick(["/", "/products", `/products/${recordSegment(rng, data.productSlugs, marker)}`, "/producers", "/stats", `/verify/${rng.pick(data.codes.length ? data.codes : ["X"])}`]).replace(/^\/$/, language ? "" : "/");
}

/** `.data` single-fetch URLs. @param {Rng} rng @param {Discovered} data @param {string} marker */
function singleFetchPath(rng, data, marker) {
  const language = rng.chance(0.3) ? "/en" : "";
  const base = rng.pick(["/_root", "/products", `/products/${recordSegment(rng, data.productSlugs, marker)}`, "/producers", "/stats", "/verify/X", "", "/api/products", "/api/products.csv", "/healthz"]);
  return `${language}${base || (language ? "" : "/_root")}.data`;
}

/** Route name, request target and what its answer is checked for. @param {Rng} rng @param {Discovered} data @param {string} marker @param {string} buster */
function hostileTarget(rng, data, marker, buster) {
  const route = rng.weighted(ROUTES.map((r) => /** @type {const} */ ([r, r.weight])));
  let pathname = route.path(rng, data, marker);
  if (route.page && rng.chance(0.3)) pathname = pathname === "/" ? "/en" : `/en${pathname}`;
  const query = route.params.length || rng.chance(0.3) ? hostileQuery(rng, route.params, data, marker) : { wire: "", substitution: null, oddNumber: null };
  const extra = [];
  if (route.name === "remix-_data") extra.push(`_data=${rng.chance(0.5) ? encode(rng.pick(ROUTE_IDS), rng.chance(0.5) ? "strict" : "loose") : hostileWire(rng, marker)}`);
  if (route.name === "remix-manifest") {
    const times = rng.pick([1, 2, 5, 100]);
    for (let i = 0; i < times; i++) extra.push(`p=${rng.chance(0.5) ? encode(rng.pick(["/", "/products", "/en/products", `/products/${data.productSlugs[0] ?? "x"}`, "/verify/X"]), "strict") : hostileWire(rng, marker)}`);
    extra.push(`version=${rng.chance(0.5) ? rng.pick(["", "0", "deadbeef", "a".repeat(2000)]) : hostileWire(rng, marker)}`);
  }
  if (route.name === "remix-.data" && rng.chance(0.5)) extra.push(`_routes=${rng.chance(0.5) ? encode(rng.pick(ROUTE_IDS), "strict") : hostileWire(rng, marker)}`);
  const useBuster = rng.chance(0.5);
  if (useBuster) extra.push(`fz=${buster}`);
  const search = [query.wire, ...extra].filter(Boolean).join("&");
  const target = search ? `${pathname}?${search}` : rng.chance(0.05) ? `${pathname}?` : pathname;
  const isCatalogueQuery = route.name === "products" || route.name === "producers";
  return {
    route: route.name,
    target,
    substitution: isCatalogueQuery ? query.substitution : null,
    oddNumber: route.name === "api-products" ? query.oddNumber : null,
  };
}

/**
 * Headers a hostile client sends. `host` ones (Host, X-Forwarded-*, Forwarded)
 * make the case a poisoning attempt: a plain request for the same URL follows.
 * @param {Rng} rng @param {string} marker @param {string} self "127.0.0.1:port"
 * @returns {{ headers: Array<[string, string]>, hostile: boolean, oversize: boolean }}
 */
function hostileHeaders(rng, marker, self) {
  /** @type {Array<[string, string]>} */
  const headers = [];
  let hostile = false;
  let oversize = false;
  let host = self;
  const count = rng.weighted([[0, 50], [1, 30], [2, 14], [3, 6]]);
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted([
      ["host", 12],
      ["forwarded", 14],
      ["huge", 4],
      ["accept-language", 6],
      ["if-none-match", 5],
      ["cookie", 5],
      ["range", 5],
      ["accept-encoding", 8],
      ["accept", 5],
      ["user-agent", 5],
      ["other", 8],
    ]);
    switch (kind) {
      case "host":
        hostile = true;
        host = rng.pick(["evil.example", "localhost:99999", "a<b", "", "evil.example:80", "evil.example:" + self.split(":")[1], "127.0.0.1:99999", "[::1]:x", "127.0.0.1:0", " ", "a b"]);
        break;
      case "forwarded":
        hostile = true;
        headers.push(
          rng.pick([
            ["X-Forwarded-Host", "evil.example"],
            ["X-Forwarded-Host", "a<b"],
            ["X-Forwarded-Host", "evil.example, 127.0.0.1"],
            ["X-Forwarded-Host", ""],
            ["X-Forwarded-Proto", "foo"],
            ["X-Forwarded-Proto", "a b"],
            ["X-Forwarded-Proto", "foo, http"],
            ["X-Forwarded-Proto", ""],
            ["Forwarded", "host=evil.example;proto=foo"],
            ["X-Forwarded-Port", "99999"],
            ["X-Forwarded-For", rng.pick(["garbage", "1.2.3.4, <x>", "::ffff:999.1.1.1", "", "a".repeat(2000)])],
            ["X-Original-Host", "evil.example"],
            ["X-Host", "evil.example"],
          ]),
        );
        break;
      case "huge": {
        const size = rng.pick([4_000, 12_000, 20_000, 70_000]);
        if (size > 12_000) oversize = true;
        headers.push([rng.pick(["X-Fuzz", "Cookie", "User-Agent", "Accept-Language", "Referer"]), "a".repeat(size)]);
        break;
      }
      case "accept-language":
        headers.push(["Accept-Language", rng.pick(["*;q=abc, ,,;;", "en-US;q=1e99", "vi-VN;q=-1, en;q=NaN", `x-${marker}`, "zz".repeat(500), "en,".repeat(300), "\u00ff\u00fe", "*"])]);
        break;
      case "if-none-match":
        headers.push(["If-None-Match", rng.pick(["garbage", "*", 'W/"x", "y"', '"', '""'.repeat(1000), 'W/""'])]);
        if (rng.chance(0.3)) headers.push(["If-Modified-Since", rng.pick(["garbage", "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"])]);
        break;
      case "cookie":
        headers.push(["Cookie", rng.pick(["a=%zz; b", "__proto__=1", "=; ;=", `lng=<${marker}>`, "x".repeat(3000), "a=1; a=2; a=3", "\u00ff=\u00fe"])]);
        break;
      case "range":
        headers.push(["Range", rng.pick(["bytes=0-0", "bytes=999999999-", "bytes=-1,0-", "garbage", "bytes=5-1", "bytes=0-1,2-3,4-5,6-7,8-9", "bytes=" + "0-1,".repeat(500)])]);
        break;
      case "accept-encoding":
        headers.push(["Accept-Encoding", rng.pick(["gzip", "br", "deflate", "gzip, deflate, br", "gzip;q=0", "identity;q=0", "*", "*;q=0", "zstd", "garbage", "gzip;q=abc", ""])]);
        break;
      case "accept":
        headers.push(["Accept", rng.pick(["application/json", "text/x-script", "*/*;q=", "garbage", "text/html;q=0", "application/xml", ""])]);
        break;
      case "user-agent":
        headers.push(["User-Agent", rng.pick(["Googlebot/2.1 (+http://www.google.com/bot.html)", "", `<${marker}>`, "curl/8.0", "Mozilla/5.0 () ()"])]);
        break;
      default:
        headers.push(
          rng.pick([
            ["Referer", `http://evil.example/<${marker}>`],
            ["Authorization", "Basic %zz"],
            ["X-HTTP-Method-Override", "DELETE"],
            ["X-Original-URL", "/admin"],
            ["X-Rewrite-URL", "/admin"],
            ["Content-Type", "garbage/;;;"],
            ["Origin", "http://evil.example"],
            ["Origin", "null"],
            ["Sec-Fetch-Site", "cross-site"],
            ["Pragma", "no-cache"],
            ["Cache-Control", "no-cache, max-age=abc"],
            ["X-Remix-Response", "yes"],
            ["Purpose", "prefetch"],
            ["DNT", "<1>"],
          ]),
        );
    }
  }
  return { headers: [["Host", host], ...headers], hostile, oversize };
}

/** A request body for methods that carry one. @param {Rng} rng @param {string} marker @returns {{ headers: Array<[string, string]>, body: string }} */
function hostileBody(rng, marker) {
  const kind = rng.weighted([
    ["none", 3],
    ["empty", 2],
    ["form", 4],
    ["json", 3],
    ["broken-json", 2],
    ["multipart", 2],
    ["text", 1],
    ["large", 1],
    ["chunked", 2],
  ]);
  /** @param {string} type @param {string} body @returns {{ headers: Array<[string, string]>, body: string }} */
  const sized = (type, body) => ({ headers: [["Content-Type", type], ["Content-Length", String(Buffer.byteLength(body))]], body });
  switch (kind) {
    case "none":
      return { headers: [], body: "" };
    case "empty":
      return { headers: [["Content-Length", "0"]], body: "" };
    case "form":
      return sized("application/x-www-form-urlencoded", `q=${encode(`<${marker}>`, "strict")}&_action=delete&intent=${hostileWire(rng, marker)}`);
    case "json":
      return sized("application/json", JSON.stringify({ q: `<${marker}>`, __proto__: { admin: true }, page: "0x10" }));
    case "broken-json":
      return sized(rng.pick(["application/json", "application/json; charset=utf-7"]), rng.pick(['{"q":', "[[[[[[[[", "\u0000", "null"]));
    case "multipart":
      return sized("multipart/form-data; boundary=zz", rng.pick([`--zz\r\nContent-Disposition: form-data; name="q"\r\n\r\n<${marker}>\r\n--zz--\r\n`, "--zz\r\nbroken", "--yy--"]));
    case "text":
      return sized("text/plain", `<${marker}>`);
    case "large":
      return sized("application/x-www-form-urlencoded", `q=${"a".repeat(32_000)}`);
    default: {
      const chunk = `q=<${marker}>`;
      return { headers: [["Content-Type", "application/x-www-form-urlencoded"], ["Transfer-Encoding", "chunked"]], body: `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n` };
    }
  }
}

// ─────────────────────────────── cases ───────────────────────────────

/**
 * One fuzz case: what is sent, how, and what its answer is checked for.
 * - expect "response": an HTTP answer is due within the timeout;
 *   "any": closing the connection is acceptable too (garbage, oversize), but not hanging;
 *   "none": the client hangs up itself.
 * - followUp "hang-up": a plain GET of `path` later must be answered;
 *   "poison": a plain GET of `path` must not show the hostile headers.
 * @typedef {{
 *   id: number, route: string, kind: string, method: string, target: string, path: string | null,
 *   data: Buffer | Piece[], methods: string[], expect: "response" | "any" | "none", hangUpAfterMs: number | null, hangUpWith: HangUp,
 *   followUp: "hang-up" | "poison" | null, plain: boolean, hostileHeaders: Array<[string, string]>,
 *   substitution: string | null, oddNumber: { name: string, value: string } | null,
 * }} Case
 */

/** @param {string} method @param {string} target @param {Array<[string, string]>} headers @param {string} [body] */
function requestBytes(method, target, headers, body = "", version = "HTTP/1.1") {
  const head = [`${method} ${target} ${version}`, ...headers.map(([name, value]) => `${name}: ${value}`)].join("\r\n");
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, "latin1"), Buffer.from(body, "utf8")]);
}

/** Header values as sent on the wire (latin1): non-Latin-1 text goes out as its UTF-8 bytes. @param {string} value */
function wireText(value) {
  return Buffer.from(value, "utf8").toString("latin1");
}

/**
 * @param {number} seed @param {number} id @param {Discovered} data @param {number} port
 * @returns {Case}
 */
export function makeCase(seed, id, data, port) {
  const rng = new Rng(hash32(`${seed}:${id}`));
  const marker = `x-fz-${id}`;
  const self = `${HOST}:${port}`;
  const buster = `${seed}-${id}`;
  const kind = rng.weighted([
    ["http", 80],
    ["hang-up", 5],
    ["half-sent", 2],
    ["slowloris", 0.6],
    ["pipelined", 2],
    ["absolute-form", 2],
    ["http1.0", 1.5],
    ["no-host", 1],
    ["bad-line", 2.5],
    ["raw-bytes", 2],
    ["bad-headers", 1.5],
  ]);
  const base = { id, kind, substitution: null, oddNumber: null, plain: false, hostileHeaders: [], hangUpAfterMs: null, hangUpWith: /** @type {HangUp} */ ("close"), followUp: null };
  const picked = hostileTarget(rng, data, marker, buster);
  /** The target with a cache-buster, so the hostile request is the one that renders it. */
  const fresh = picked.target.includes(`fz=${buster}`) ? picked.target : `${picked.target}${picked.target.includes("?") ? "&" : "?"}fz=${buster}`;

  if (kind === "http") {
    const method = rng.weighted([
      ["GET", 62],
      ["HEAD", 8],
      ["POST", 12],
      ["OPTIONS", 3],
      ["PUT", 2],
      ["DELETE", 2],
      ["PATCH", 2],
      ["TRACE", 3],
      [rng.pick(["FUZZ", "get", "GETT", "PROPFIND", "M-SEARCH", "PURGE", "QUERY", "BREW", "TRACK", "CONNECT", "G\u00c9T", "GET\u0000"]), 5],
    ]);
    const { headers, hostile, oversize } = hostileHeaders(rng, marker, self);
    const sendsBody = ["POST", "PUT", "PATCH", "DELETE"].includes(method) && rng.chance(0.8);
    const body = sendsBody ? hostileBody(rng, marker) : { headers: [], body: "" };
    if (method === "POST" && rng.chance(0.5)) headers.push(["Origin", "http://evil.example"]);
    const target = hostile ? (rng.chance(0.85) ? fresh : picked.target) : picked.target;
    const keepAlive = rng.chance(0.1);
    const all = [...headers, ...body.headers, ...(keepAlive ? [] : /** @type {Array<[string, string]>} */ ([["Connection", "close"]]))];
    const standardMethod = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE"].includes(method);
    const validHeaders = !all.some(([, value]) => /[^\t\x20-\x7e\x80-\xff]/.test(value));
    // Plain: nothing in the headers that a poisoned answer could be blamed on.
    const plain = !hostile && (method === "GET" || method === "HEAD") && !headers.some(([, value]) => POISON_TOKENS.some((token) => value.includes(token)));
    return {
      ...base,
      route: picked.route,
      method,
      target,
      path: standardMethod ? target : null,
      data: requestBytes(method, target, all.map(([name, value]) => [name, wireText(value)]), body.body),
      methods: [method],
      expect: standardMethod && !oversize && validHeaders ? "response" : "any",
      followUp: hostile && (method === "GET" || method === "HEAD") ? "poison" : null,
      plain,
      hostileHeaders: headers.filter(([name, value]) => name !== "Host" || value !== self),
      substitution: !hostile && method === "GET" ? picked.substitution : null,
      oddNumber: method === "GET" ? picked.oddNumber : null,
    };
  }

  const target = rng.chance(0.85) ? fresh : picked.target;
  const get = (/** @type {string} */ t, /** @type {Array<[string, string]>} */ extra = [["Connection", "close"]]) => requestBytes("GET", t, [["Host", self], ...extra]);
  switch (kind) {
    case "hang-up": {
      // The client sends a whole request and goes away before the answer.
      const method = rng.chance(0.85) ? "GET" : "HEAD";
      return {
        ...base,
        route: picked.route,
        method,
        target,
        path: target,
        data: requestBytes(method, target, [["Host", self], ...(rng.chance(0.3) ? /** @type {Array<[string, string]>} */ ([["Accept-Encoding", "gzip"]]) : [])]),
        methods: [method],
        expect: "none",
        hangUpAfterMs: rng.weighted([[0, 6], [1, 2], [5, 1], [20, 1], [80, 1]]),
        hangUpWith: rng.weighted(/** @type {const} */ ([["close", 4], ["reset", 3], ["end", 3]])),
        followUp: "hang-up",
      };
    }
    case "half-sent": {
      const whole = get(target, [["Accept", "text/html"], ["X-Fuzz", "a".repeat(200)]]).toString("latin1");
      const cut = 1 + rng.int(whole.length - 5);
      return {
        ...base,
        route: picked.route,
        method: "GET",
        target,
        path: target,
        data: Buffer.from(whole.slice(0, cut), "latin1"),
        methods: ["GET"],
        expect: "none",
        hangUpAfterMs: rng.pick([0, 10, 50]),
        hangUpWith: rng.pick(/** @type {const} */ (["close", "reset"])),
        followUp: "hang-up",
      };
    }
    case "slowloris": {
      // Partial headers, one line now and then, closed after at most ~1.2 s.
      /** @type {Piece[]} */
      const pieces = [{ data: `GET ${target} HTTP/1.1\r\nHost: ${self}\r\n`, delayMs: 0 }];
      const lines = 2 + rng.int(4);
      for (let i = 0; i < lines; i++) pieces.push({ data: `X-Slow-${i}: ${"a".repeat(1 + rng.int(20))}\r\n`, delayMs: 100 + rng.int(200) });
      return { ...base, route: picked.route, method: "GET", target, path: target, data: pieces, methods: ["GET"], expect: "none", hangUpAfterMs: rng.int(100), followUp: "hang-up" };
    }
    case "pipelined": {
      const count = 2 + rng.int(3);
      /** @type {Buffer[]} */
      const parts = [];
      /** @type {string[]} */
      const methods = [];
      for (let i = 0; i < count; i++) {
        const next = i === 0 ? picked : hostileTarget(rng, data, marker, `${buster}-${i}`);
        const method = rng.chance(0.8) ? "GET" : "HEAD";
        methods.push(method);
        parts.push(requestBytes(method, next.target, [["Host", self], ...(i === count - 1 ? /** @type {Array<[string, string]>} */ ([["Connection", "close"]]) : [])]));
      }
      return { ...base, route: picked.route, method: "GET", target: picked.target, path: null, data: Buffer.concat(parts), methods, expect: "any" };
    }
    case "absolute-form": {
      const authority = rng.pick(["http://evil.example", "http://a<b", `http://${self}`, "https://evil.example:443", "http://evil.example:99999", "foo://evil.example"]);
      const pathname = picked.target.startsWith("/") ? picked.target : `/${picked.target}`;
      return {
        ...base,
        route: "absolute-form",
        method: "GET",
        target: `${authority}${pathname}`,
        path: pathname,
        data: get(`${authority}${pathname}`),
        methods: ["GET"],
        expect: "response",
        followUp: "poison",
        hostileHeaders: [["Request-Line", authority]],
      };
    }
    case "http1.0":
      return {
        ...base,
        route: picked.route,
        method: "GET",
        target,
        path: target,
        data: requestBytes("GET", target, rng.chance(0.5) ? [] : [["Connection", "keep-alive"]], "", "HTTP/1.0"),
        methods: ["GET"],
        expect: "response",
        followUp: "poison",
        hostileHeaders: [["Host", "(none, HTTP/1.0)"]],
      };
    case "no-host":
      return { ...base, route: picked.route, method: "GET", target, path: target, data: requestBytes("GET", target, [["Connection", "close"]]), methods: ["GET"], expect: "response", hostileHeaders: [["Host", "(none)"]] };
    case "bad-line": {
      const line = rng.pick([
        "GARBAGE",
        "GET",
        `GET ${target}`,
        `GET ${target} HTTP/9.9`,
        `GET ${target} HTTP/1.1 extra`,
        `GET  ${target} HTTP/1.1`,
        `GET ${target}  HTTP/1.1`,
        `GET /pro ducts HTTP/1.1`,
        `GET ${target} FTP/1.1`,
        `GET ${target} HTTP/1.`,
        `GET ${target} http/1.1`,
        "\u0000\u0001\u0002\u0003",
        `GET ${"/x".repeat(10_000)} HTTP/1.1`,
        "GET * HTTP/1.1",
        "OPTIONS * HTTP/1.1",
        `CONNECT ${self} HTTP/1.1`,
        `GET evil.example:80 HTTP/1.1`,
        `\r\n\r\nGET ${target} HTTP/1.1`,
      ]);
      return { ...base, route: "bad-line", method: line.split(" ")[0] ?? "", target: line, path: null, data: Buffer.from(`${line}\r\nHost: ${self}\r\nConnection: close\r\n\r\n`, "latin1"), methods: ["GET"], expect: "any" };
    }
    case "raw-bytes": {
      // Bytes a conforming client would have percent-encoded.
      const raw = rng.pick(["/products?q=bưởi", "/products?q=a b", "/products?q=\u0000", "/products/\u0001", "/verify/\u007f", "/products?q=\t", `/products?q="><${marker}>`]);
      const bytes = rng.chance(0.3) ? Buffer.from([0xc0, 0xaf, 0xff, 0xfe]) : Buffer.from(raw, "utf8");
      const line = Buffer.concat([Buffer.from("GET "), rng.chance(0.3) ? Buffer.concat([Buffer.from("/products?q="), bytes]) : Buffer.from(raw, "utf8"), Buffer.from(` HTTP/1.1\r\nHost: ${self}\r\nConnection: close\r\n\r\n`)]);
      return { ...base, route: "raw-bytes", method: "GET", target: raw, path: null, data: line, methods: ["GET"], expect: "any" };
    }
    default: {
      // bad-headers
      const header = rng.pick([
        "Bad Header: x",
        "NoColon",
        "X-Nul: a\u0000b",
        " folded: continuation",
        "X-A: 1\r\n folded",
        "Content-Length: abc",
        "Content-Length: -1",
        "Content-Length: 1\r\nContent-Length: 2",
        "Transfer-Encoding: chunked\r\nContent-Length: 3",
        "Transfer-Encoding: gzip, chunked",
        `Host: ${self}`,
        "Host: evil.example",
        ": empty-name",
        "X-\u00ff: latin1",
        "Expect: 100-continue",
        "Expect: garbage",
        "Connection: upgrade\r\nUpgrade: websocket",
        "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA",
      ]);
      return {
        ...base,
        route: "bad-headers",
        method: "GET",
        target,
        path: null,
        data: Buffer.from(`GET ${target} HTTP/1.1\r\nHost: ${self}\r\n${header}\r\nConnection: close\r\n\r\n`, "latin1"),
        methods: ["GET"],
        expect: "any",
        hostileHeaders: [["Raw", header]],
      };
    }
  }
}

// ─────────────────────────────── checks ───────────────────────────────

/** Injected tags and attributes, as they would read when not escaped. */
const REFLECTION = /<x-fz-\d+|(?<!\\)"\s*data-xfz-\d+="/i;
/** Tokens of hostile Host / forwarded headers that must not reach a plain answer. */
const POISON_TOKENS = ["evil.example", "null/", "foo://", "foo:", "a<b"];
/** Files that must never be served. */
const LEAKS = [/root:x:0:0:/, /"name":\s*"ocop-catalogue"/, /DATABASE_URL=/, /\[core\]\s*repositoryformatversion/];

/** Percent-decodes what can be decoded, leaves the rest, lowercases. @param {string} target */
function looseDecode(target) {
  return target
    .replace(/\+/g, " ")
    .replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    })
    .toLowerCase();
}

/** The text of <title>, entities decoded. @param {string} html */
function titleOf(html) {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!match) return null;
  return (match[1] ?? "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * @typedef {{
 *   id: number, route: string, kind: string, method: string, target: string, headers: string[],
 *   status: number | null, detail: string,
 * }} Example
 * @typedef {{ requests: number, answered: number, serverErrors: number, unanswered: number, maxLatencyMs: number }} RouteCount
 * @typedef {{
 *   serverErrors: number, unanswered: number, reflections: number, invalidJson: number,
 *   poisoned: number, substituted: number, leaks: number, deadServer: number,
 * }} Failures
 * @typedef {{
 *   baseUrl: string, publicUrl: string, seed: number, concurrency: number, timeoutMs: number,
 *   cases: number, casesPlanned: number, stoppedEarly: string | null, requests: number, durationMs: number, ok: boolean,
 *   failures: Failures,
 *   busy: number, serverErrorTriggers: Record<string, number>, closedWithoutAnswer: number, lenientNumbers: number,
 *   hangUps: { attempts: number, followUps: number, unanswered: number, unansweredAfter: Record<string, number> },
 *   poisonChecks: { followUps: number, plainChecked: number, poisoned: number },
 *   statuses: Record<string, number>, byRoute: Record<string, RouteCount>, byKind: Record<string, number>,
 *   latency: { maxMs: number, p50Ms: number, p99Ms: number, slowest: string },
 *   healthz: { status: number | null, ms: number },
 *   endPage: { target: string, status: number | null, ms: number },
 *   examples: Record<string, Example[]>,
 * }} FuzzResult
 */

/**
 * What made a case hostile, in a few words: its method if not GET/HEAD, its
 * hostile headers, its raw-socket kind; else "the URL" (the path or query).
 * @param {Case} item
 */
function triggerOf(item) {
  /** @type {string[]} */
  const parts = [];
  if (item.kind !== "http" && !item.kind.endsWith("follow-up")) parts.push(item.kind);
  if (!["GET", "HEAD"].includes(item.method) && item.kind === "http") parts.push(`method ${item.method}`);
  for (const [name, value] of item.hostileHeaders) {
    if (["Host", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "Origin", "Request-Line", "Raw"].includes(name)) parts.push(`${name}: ${value.length > 40 ? `${value.slice(0, 40)}…` : value}`);
    else if (value.length > 8000) parts.push(`${name}: (${Math.round(value.length / 1000)} KB)`);
  }
  return parts.length ? parts.join(" + ") : `the URL (${item.route})`;
}

/** The counts a run accumulates. @param {Omit<FuzzResult, "durationMs" | "ok" | "latency" | "healthz" | "endPage">} result */
function recorder(result) {
  /** @type {number[]} */
  const latencies = [];
  let slowest = { ms: 0, what: "" };

  /** Signatures already shown, so the examples differ from each other. @type {Set<string>} */
  const shown = new Set();
  /**
   * Keeps an example of a failure, one per category and signature (by default what triggered it).
   * @param {keyof Failures | "lenientNumbers" | "busy"} category @param {Case} item @param {number | null} status
   * @param {string} detail @param {string} [target] @param {string} [signature]
   */
  const example = (category, item, status, detail, target = item.target, signature = triggerOf(item)) => {
    const list = (result.examples[category] ??= []);
    const key = `${category}\u0000${signature}\u0000${status}`;
    if (list.length >= EXAMPLES_KEPT || shown.has(key)) return;
    shown.add(key);
    list.push({
      id: item.id,
      route: item.route,
      kind: item.kind,
      method: item.method,
      target: target.length > 240 ? `${target.slice(0, 240)}… (${target.length} chars)` : target,
      headers: item.hostileHeaders.map(([name, value]) => `${name}: ${value.length > 80 ? `${value.slice(0, 80)}… (${value.length} chars)` : value}`),
      status,
      detail,
    });
  };

  return {
    latencies,
    slowest: () => slowest,
    example,
    /**
     * Counts one exchange (each pipelined answer counts as a request).
     * @param {Case} item @param {Exchange} exchange @param {string} label
     */
    exchange(item, exchange, label) {
      const route = (result.byRoute[label] ??= { requests: 0, answered: 0, serverErrors: 0, unanswered: 0, maxLatencyMs: 0 });
      const sent = Math.max(item.methods.length, 1);
      result.requests += sent;
      route.requests += sent;
      if (exchange.outcome === "hung-up") {
        result.statuses["(client hung up)"] = (result.statuses["(client hung up)"] ?? 0) + 1;
        return;
      }
      for (const response of exchange.responses) {
        result.statuses[String(response.status)] = (result.statuses[String(response.status)] ?? 0) + 1;
        route.answered++;
      }
      const missing = sent - exchange.responses.length;
      if (missing > 0) {
        const key = exchange.outcome === "timeout" ? "(no answer: timeout)" : "(no answer: connection closed)";
        result.statuses[key] = (result.statuses[key] ?? 0) + missing;
      }
      if (exchange.outcome !== "timeout") {
        latencies.push(exchange.ms);
        route.maxLatencyMs = Math.max(route.maxLatencyMs, Math.round(exchange.ms));
        if (exchange.ms > slowest.ms) slowest = { ms: exchange.ms, what: `${item.method} ${item.target.slice(0, 120)} (case ${item.id})` };
      }
    },
    /** @param {string} label */
    route: (label) => (result.byRoute[label] ??= { requests: 0, answered: 0, serverErrors: 0, unanswered: 0, maxLatencyMs: 0 }),
  };
}

// ─────────────────────────────── the run ───────────────────────────────

/**
 * Reads real slugs and codes from the server (a few plain GETs).
 * @param {number} port @param {number} timeoutMs @returns {Promise<Discovered>}
 */
async function discover(port, timeoutMs) {
  /** @param {string} target */
  const json = async (target) => {
    const exchange = await plainGet(port, target, { timeoutMs });
    const response = exchange.responses[0];
    if (!response || response.status !== 200) throw new Error(`GET ${target} answered ${response ? response.status : exchange.outcome}: cannot read the catalogue`);
    return JSON.parse(bodyText(response));
  };
  const products = new Set();
  const codes = new Set();
  const producers = new Set();
  const provinces = new Set();
  const communes = new Set();
  for (const page of [1, 2, 3]) {
    const listing = await json(`/api/products?status=all&page=${page}`);
    for (const item of listing.items ?? []) {
      if (item.slug) products.add(String(item.slug));
      if (item.certification?.verificationCode) codes.add(String(item.certification.verificationCode));
      if (item.producer?.slug) producers.add(String(item.producer.slug));
      if (item.commune) communes.add(slugify(String(item.commune)));
    }
    for (const facet of listing.facets?.provinces ?? []) if (facet.value) provinces.add(String(facet.value));
    if (page >= Number(listing.pageCount ?? 1)) break;
  }
  const directory = await json("/api/producers");
  for (const item of directory.items ?? []) {
    if (item.slug) producers.add(String(item.slug));
    if (item.province?.slug) provinces.add(String(item.province.slug));
  }
  if (products.size === 0) throw new Error("the server lists no products: seed the database first");
  return {
    productSlugs: [...products],
    codes: [...codes],
    producerSlugs: [...producers],
    provinceSlugs: [...provinces],
    communeSlugs: [...communes],
  };
}

/** @param {string} text */
function slugify(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Sends `requests` hostile cases (plus their follow-ups) to a running server
 * and counts what went wrong. Deterministic given the seed and the server's data.
 * @param {{ baseUrl: string, requests?: number, concurrency?: number, seed?: number,
 *           log?: (line: string) => void, timeoutMs?: number, publicUrl?: string }} options
 * @returns {Promise<FuzzResult>}
 */
export async function runFuzz({ baseUrl, requests = 10_000, concurrency = MAX_CONCURRENCY, seed = 1, log = console.log, timeoutMs = 10_000, publicUrl }) {
  const base = new URL(baseUrl);
  if (base.protocol !== "http:" || base.hostname !== HOST || !base.port) throw new Error(`the base URL must be http://${HOST}:PORT, got ${baseUrl}`);
  const port = Number(base.port);
  const origin = (publicUrl ?? base.origin).replace(/\/$/, "");
  const workers = Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(concurrency)));
  const started = performance.now();

  const data = await discover(port, timeoutMs);
  log(`  Read from the server: ${data.productSlugs.length} product slugs, ${data.codes.length} verification codes, ${data.producerSlugs.length} producers, ${data.provinceSlugs.length} provinces`);

  /** @type {Omit<FuzzResult, "durationMs" | "ok" | "latency" | "healthz" | "endPage">} */
  const result = {
    baseUrl: base.origin,
    publicUrl: origin,
    seed,
    concurrency: workers,
    timeoutMs,
    cases: 0,
    casesPlanned: requests,
    stoppedEarly: null,
    requests: 0,
    failures: { serverErrors: 0, unanswered: 0, reflections: 0, invalidJson: 0, poisoned: 0, substituted: 0, leaks: 0, deadServer: 0 },
    busy: 0,
    serverErrorTriggers: {},
    closedWithoutAnswer: 0,
    lenientNumbers: 0,
    hangUps: { attempts: 0, followUps: 0, unanswered: 0, unansweredAfter: {} },
    poisonChecks: { followUps: 0, plainChecked: 0, poisoned: 0 },
    statuses: {},
    byRoute: {},
    byKind: {},
    examples: {},
  };
  const record = recorder(result);
  const { failures } = result;

  /**
   * Checks every answer of one exchange.
   * @param {Case} item @param {Exchange} exchange @param {{ label: string, plain: boolean, followUp: string | null, target: string }} context
   */
  const inspect = (item, exchange, context) => {
    record.exchange(item, exchange, context.label);
    const route = record.route(context.label);
    if (exchange.outcome === "hung-up") return;
    const expected = Math.max(item.methods.length, 1);
    if (exchange.responses.length < expected) {
      const missing = expected - exchange.responses.length;
      const mustAnswer = item.expect === "response" || exchange.outcome === "timeout";
      if (mustAnswer) {
        failures.unanswered += missing;
        route.unanswered += missing;
        const how = `${item.kind.replace(/ follow-up$/, "")} by ${item.hangUpWith}${item.hangUpAfterMs ? ` after ${item.hangUpAfterMs} ms` : " at once"}`;
        if (context.followUp === "hang-up") {
          result.hangUps.unanswered += missing;
          result.hangUps.unansweredAfter[how] = (result.hangUps.unansweredAfter[how] ?? 0) + missing;
        }
        const why = exchange.outcome === "timeout" ? `no answer within ${timeoutMs} ms` : `connection closed without an answer${exchange.error ? ` (${exchange.error})` : ""}`;
        const after = context.followUp === "hang-up" ? `plain GET after a ${how}: ` : context.followUp ? `${context.followUp} follow-up: ` : "";
        record.example("unanswered", item, null, `${after}${why}`, context.target, `${context.followUp === "hang-up" ? how : item.kind} ${context.label}`);
      } else result.closedWithoutAnswer += missing;
    }
    exchange.responses.forEach((response, index) => {
      const method = item.methods[index] ?? "GET";
      const status = response.status;
      if (status >= 500) {
        if (status === 503 && headerOf(response.headers, "retry-after") !== undefined) result.busy++;
        else {
          failures.serverErrors++;
          route.serverErrors++;
          const trigger = context.followUp ? `plain GET after ${triggerOf(item)}` : triggerOf(item);
          result.serverErrorTriggers[trigger] = (result.serverErrorTriggers[trigger] ?? 0) + 1;
          record.example("serverErrors", item, status, `${context.followUp ? `${context.followUp} follow-up: ` : ""}${bodyText(response).slice(0, 160).replace(/\s+/g, " ")}`, context.target);
        }
      }
      const type = (headerOf(response.headers, "content-type") ?? "").toLowerCase();
      const text = method === "HEAD" ? "" : bodyText(response);
      if (type.includes("text/html") && REFLECTION.test(text)) {
        failures.reflections++;
        const at = text.search(REFLECTION);
        record.example("reflections", item, status, `…${text.slice(Math.max(0, at - 80), at + 60)}…`, context.target);
      }
      if (/application\/([\w.+-]+\+)?json/.test(type) && ((status >= 200 && status < 300) || (status >= 400 && status < 500)) && text !== "" && status !== 204) {
        try {
          const parsed = JSON.parse(text);
          if (index === 0 && item.oddNumber && status === 200 && context.followUp === null) {
            const ignored = Array.isArray(parsed?.ignored) ? parsed.ignored : [];
            if (!ignored.includes(item.oddNumber.name)) {
              result.lenientNumbers++;
              record.example("lenientNumbers", item, status, `${item.oddNumber.name}=${item.oddNumber.value} was accepted (ignored: ${JSON.stringify(ignored)}, page ${parsed?.page})`, context.target);
            }
          }
        } catch {
          failures.invalidJson++;
          record.example("invalidJson", item, status, text.slice(0, 160), context.target);
        }
      }
      if (LEAKS.some((pattern) => pattern.test(text))) {
        failures.leaks++;
        record.example("leaks", item, status, text.slice(0, 160), context.target);
      }
      if (index === 0 && item.substitution && context.followUp === null && status === 200 && type.includes("text/html")) {
        const title = titleOf(text);
        if (title !== null && !title.includes(item.substitution)) {
          failures.substituted++;
          record.example("substituted", item, status, `q=${item.substitution} but <title> reads: ${title.slice(0, 120)}`, context.target);
        }
      }
      if (context.plain && status < 400) {
        result.poisonChecks.plainChecked++;
        const asked = looseDecode(context.target);
        const tokens = POISON_TOKENS.filter((token) => !asked.includes(token));
        const headerText = response.headers.map(([name, value]) => `${name}: ${Buffer.from(value, "latin1").toString("utf8")}`).join("\n");
        const found = tokens.find((token) => text.includes(token) || headerText.includes(token));
        // Product pages: the verification link must carry the configured origin.
        const productPage = /^(\/en)?\/products\/[a-z0-9-]+(\?|$)/.test(context.target) && type.includes("text/html") && status === 200 && method === "GET";
        const wrongOrigin = productPage && text.includes("/verify/") && !text.includes(`${origin}/verify/`);
        if (found || wrongOrigin) {
          failures.poisoned++;
          result.poisonChecks.poisoned++;
          const where = found ? (headerText.includes(found) ? `header: ${headerText.split("\n").find((line) => line.includes(found))}` : `body: …${text.slice(Math.max(0, text.indexOf(found) - 60), text.indexOf(found) + 40)}…`) : "";
          record.example("poisoned", item, status, found ? `a plain request got "${found}" (${where})` : `product page without ${origin}/verify/ (${(/https?:\/\/[^"'\s]*\/verify\//.exec(text) ?? ["?"])[0]})`, context.target);
        }
      }
    });
  };

  /** @param {Case} item @param {string} target @param {"hang-up" | "poison"} kind */
  const followUp = async (item, target, kind) => {
    const exchange = await plainGet(port, target, { timeoutMs });
    await watch(exchange);
    /** @type {Case} */
    const plain = { ...item, kind: `${item.kind} follow-up`, method: "GET", methods: ["GET"], expect: "response", target };
    if (kind === "hang-up") result.hangUps.followUps++;
    else result.poisonChecks.followUps++;
    inspect(plain, exchange, { label: "(follow-up)", plain: true, followUp: kind, target });
  };

  let next = 0;
  let done = 0;
  // A server that answers nothing at all would make every request wait out its timeout:
  // after a run of timeouts, /healthz decides whether to go on.
  let timeoutsInARow = 0;
  /** @type {string | null} */
  let stoppedEarly = null;
  /** @param {Exchange} exchange */
  const watch = async (exchange) => {
    timeoutsInARow = exchange.outcome === "timeout" ? timeoutsInARow + 1 : exchange.outcome === "answered" ? 0 : timeoutsInARow;
    if (timeoutsInARow < 4 * workers || stoppedEarly) return;
    const health = await plainGet(port, "/healthz", { timeoutMs });
    if (health.responses[0]?.status === 200) timeoutsInARow = 0;
    else stoppedEarly ??= `the server stopped answering (/healthz: ${health.responses[0]?.status ?? health.outcome}) after ${done} cases`;
  };
  const progressEvery = Math.max(100, Math.round(requests / 10));
  const worker = async () => {
    for (;;) {
      const id = next++;
      if (id >= requests || stoppedEarly) return;
      const item = makeCase(seed, id, data, port);
      result.byKind[item.kind] = (result.byKind[item.kind] ?? 0) + 1;
      if (item.kind === "hang-up" || item.kind === "half-sent" || item.kind === "slowloris") result.hangUps.attempts++;
      const slowTotal = Array.isArray(item.data) ? item.data.reduce((sum, piece) => sum + (piece.delayMs ?? 0), 0) : 0;
      const exchange = await rawRequest({
        port,
        data: item.data,
        methods: item.methods,
        timeoutMs: timeoutMs + slowTotal,
        hangUpAfterMs: item.hangUpAfterMs,
        hangUpWith: item.hangUpWith,
      });
      inspect(item, exchange, { label: item.route, plain: item.plain, followUp: null, target: item.target });
      await watch(exchange);
      if (item.followUp && item.path && !stoppedEarly) {
        // After a hang-up, give the server a moment to notice, as the next visitor would.
        if (item.followUp === "hang-up") await new Promise((resolve) => setTimeout(resolve, 10 + (id % 5) * 10));
        await followUp(item, item.path, item.followUp);
      }
      done++;
      if (done % progressEvery === 0) {
        const f = failures;
        log(
          `  ${done.toLocaleString("en")}/${requests.toLocaleString("en")} cases, ${result.requests.toLocaleString("en")} requests, ` +
            `${Math.round((performance.now() - started) / 1000)} s: 5xx ${f.serverErrors}, unanswered ${f.unanswered}, reflections ${f.reflections}, ` +
            `poisoned ${f.poisoned}, substituted ${f.substituted}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  result.cases = done;
  if (stoppedEarly) log(`  Stopped early: ${stoppedEarly}`);

  // The server must still be there: /healthz (which skips the render queue), and a page never asked for before.
  const health = await plainGet(port, "/healthz", { timeoutMs });
  const healthStatus = health.responses[0]?.status ?? null;
  const pageTarget = `/products?fz=${seed}-end-${Date.now().toString(36)}`;
  const page = await plainGet(port, pageTarget, { timeoutMs });
  const pageStatus = page.responses[0]?.status ?? null;
  if (healthStatus !== 200 || pageStatus !== 200) failures.deadServer = 1;

  const sorted = [...record.latencies].sort((a, b) => a - b);
  /** @param {number} q */
  const quantile = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  const ok = Object.values(failures).every((count) => count === 0);
  return {
    ...result,
    stoppedEarly,
    durationMs: Math.round(performance.now() - started),
    ok,
    latency: { maxMs: Math.round(record.slowest().ms), p50Ms: quantile(0.5), p99Ms: quantile(0.99), slowest: record.slowest().what },
    healthz: { status: healthStatus, ms: Math.round(health.ms) },
    endPage: { target: pageTarget, status: pageStatus, ms: Math.round(page.ms) },
  };
}

// ─────────────────────────────── report ───────────────────────────────

/** @param {number} n */
const num = (n) => n.toLocaleString("en");

/** The summary as text lines. @param {FuzzResult} result @param {{ stackTraces: number | null, logFile: string | null }} server */
export function summary(result, server = { stackTraces: null, logFile: null }) {
  const f = result.failures;
  /** @type {Array<[string, number | null, boolean]>} label, count, counts as a failure */
  const rows = [
    ["5xx answers (not counting busy 503 + Retry-After)", f.serverErrors, true],
    ["busy: 503 with Retry-After", result.busy, false],
    ["requests without an answer (timeout or closed)", f.unanswered, true],
    ["  of which: URL asked again after a client hung up", result.hangUps.unanswered, false],
    ["unescaped marker reflections in HTML", f.reflections, true],
    ["invalid JSON (application/json, 2xx/4xx)", f.invalidJson, true],
    ["poisoned plain answers (hostile host / origin)", f.poisoned, true],
    ["$-pattern substitutions in <title>", f.substituted, true],
    ["leaked files", f.leaks, true],
    ["server not answering /healthz at the end", f.deadServer, true],
    ["stack traces in the server log", server.stackTraces, server.stackTraces !== null],
    ["odd numbers accepted (page=0x10…; informational)", result.lenientNumbers, false],
    ["closed without answer where allowed (informational)", result.closedWithoutAnswer, false],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `Fuzz of ${result.baseUrl}: ${num(result.cases)} cases${result.cases < result.casesPlanned ? ` of ${num(result.casesPlanned)} planned (${result.stoppedEarly})` : ""}, ${num(result.requests)} requests, seed ${result.seed}, concurrency ${result.concurrency}, ` +
      `timeout ${num(result.timeoutMs)} ms, ${num(Math.round(result.durationMs / 1000))} s`,
    "",
    `${"Check".padEnd(width)}  ${"Count".padStart(7)}  Result`,
    `${"─".repeat(width)}  ${"─".repeat(7)}  ──────`,
    ...rows.map(([label, count, failing]) => `${label.padEnd(width)}  ${(count === null ? "—" : num(count)).padStart(7)}  ${count === null ? "not checked" : !failing ? "" : count === 0 ? "ok" : "FAIL"}`),
    "",
    `Hang-ups: ${num(result.hangUps.attempts)} early hang-ups / half-sent / slowloris, ${num(result.hangUps.followUps)} follow-up GETs, ${num(result.hangUps.unanswered)} unanswered` +
      (result.hangUps.unanswered
        ? ` (after: ${Object.entries(result.hangUps.unansweredAfter)
            .sort(([, a], [, b]) => b - a)
            .map(([how, count]) => `${how} ×${count}`)
            .join(", ")})`
        : ""),
    `Poisoning: ${num(result.poisonChecks.followUps)} plain follow-ups after hostile host headers, ${num(result.poisonChecks.plainChecked)} plain answers checked, ${num(result.poisonChecks.poisoned)} poisoned`,
    `Latency of answered requests: p50 ${num(result.latency.p50Ms)} ms, p99 ${num(result.latency.p99Ms)} ms, max ${num(result.latency.maxMs)} ms (${result.latency.slowest || "—"})`,
    `At the end: /healthz ${result.healthz.status ?? "no answer"} in ${num(result.healthz.ms)} ms; a new page (${result.endPage.target}) ${result.endPage.status ?? "no answer"} in ${num(result.endPage.ms)} ms`,
    ...(result.busy > 0 && result.concurrency <= MAX_CONCURRENCY
      ? [
          `Note: ${num(result.busy)} busy answers with only ${result.concurrency} requests in flight: the render queue was full, so slots are held by requests that never finish (e.g. whose clients hung up).`,
        ]
      : []),
    "",
    `Statuses: ${Object.entries(result.statuses).sort(([a], [b]) => (a < b ? -1 : 1)).map(([status, count]) => `${status} ×${num(count)}`).join(", ")}`,
    ...(Object.keys(result.serverErrorTriggers).length
      ? [
          "5xx by what triggered them:",
          ...Object.entries(result.serverErrorTriggers)
            .sort(([, a], [, b]) => b - a)
            .slice(0, 25)
            .map(([trigger, count]) => `  ${num(count).padStart(6)}  ${trigger}`),
        ]
      : []),
    `Cases by kind: ${Object.entries(result.byKind).sort(([, a], [, b]) => b - a).map(([kind, count]) => `${kind} ${num(count)}`).join(", ")}`,
    "",
  ];
  const routes = Object.entries(result.byRoute).sort(([a], [b]) => (a < b ? -1 : 1));
  const routeWidth = Math.max(5, ...routes.map(([name]) => name.length));
  lines.push(`${"Route".padEnd(routeWidth)}  ${"Requests".padStart(8)}  ${"Answered".padStart(8)}  ${"5xx".padStart(6)}  ${"No answer".padStart(9)}  ${"Max ms".padStart(7)}`);
  for (const [name, count] of routes) {
    lines.push(`${name.padEnd(routeWidth)}  ${num(count.requests).padStart(8)}  ${num(count.answered).padStart(8)}  ${num(count.serverErrors).padStart(6)}  ${num(count.unanswered).padStart(9)}  ${num(count.maxLatencyMs).padStart(7)}`);
  }
  for (const [category, examples] of Object.entries(result.examples)) {
    lines.push("", `Examples: ${category}`);
    for (const example of examples) {
      lines.push(`  #${example.id} [${example.kind}, ${example.route}] ${example.method} ${example.target} → ${example.status ?? "no answer"}`);
      for (const header of example.headers) lines.push(`      ${header}`);
      lines.push(`      ${example.detail}`);
    }
  }
  if (server.logFile) lines.push("", `Server log: ${server.logFile}`);
  return lines;
}

// ────────────────────────────── own server ──────────────────────────────

/** @param {string[]} argv */
function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: "string" },
      concurrency: { type: "string" },
      seed: { type: "string" },
      "base-url": { type: "string" },
      "timeout-ms": { type: "string" },
      build: { type: "boolean", default: false },
      "log-requests": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const baseUrl = values["base-url"] ?? null;
  if (baseUrl !== null) {
    const url = new URL(baseUrl);
    if (url.protocol !== "http:" || url.hostname !== HOST || !url.port) throw new Error(`--base-url must be http://${HOST}:PORT, got "${baseUrl}"`);
  }
  return {
    requests: wholeNumber("--requests", values.requests, 10_000, 1, 10_000_000),
    concurrency: wholeNumber("--concurrency", values.concurrency, MAX_CONCURRENCY, 1, MAX_CONCURRENCY),
    seed: wholeNumber("--seed", values.seed, 1, 0, 2 ** 32 - 1),
    timeoutMs: wholeNumber("--timeout-ms", values["timeout-ms"], 10_000, 100, 120_000),
    baseUrl,
    build: values.build ?? false,
    logRequests: values["log-requests"] ?? false,
  };
}

/**
 * @param {string} name @param {string | undefined} text @param {number} fallback
 * @param {number} min @param {number} max
 */
function wholeNumber(name, text, fallback, min, max) {
  if (text === undefined) return fallback;
  const clean = text.replace(/[_,]/g, "");
  const value = Number(clean);
  if (!/^\d+$/.test(clean) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

/** The first port from `start` that 127.0.0.1 can listen on. @param {number} start @returns {Promise<number>} */
async function freePort(start) {
  for (let port = start; port < start + 100; port++) {
    const free = await new Promise((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, HOST, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port on ${HOST} from ${start} to ${start + 99}`);
}

/**
 * Runs `node <args>` in the project folder with its output on this terminal, within a time limit.
 * @param {string} label @param {string[]} args @param {NodeJS.ProcessEnv} env @param {number} timeoutMs
 */
function runNodeSync(label, args, env, timeoutMs) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env, timeout: timeoutMs });
  if (result.status !== 0) throw new Error(`${label} failed (${result.signal ? `signal ${result.signal}` : `exit ${result.status}`})`);
}

/** A fresh database: migrated, demo seeded. @returns {Promise<string>} its DATABASE_URL */
async function prepareDatabase() {
  const databaseUrl = `file:./${SQLITE_FILE}`;
  mkdirSync(path.join(ROOT, path.dirname(SQLITE_FILE)), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(ROOT, SQLITE_FILE + suffix), { force: true });
  console.log(`\n▸ Migrating and seeding ${SQLITE_FILE} (the demo)`);
  const { runPrisma } = await import("../scripts/prisma.mjs");
  runPrisma(["migrate", "deploy"], databaseUrl);
  runNodeSync("seed", ["node_modules/tsx/dist/cli.mjs", "prisma/seed/cli.ts"], { ...process.env, DATABASE_URL: databaseUrl }, 5 * 60_000);
  return databaseUrl;
}

/** The build file server.js loads (its BUILD_PATH), else Remix's default. */
function buildFile() {
  const match = /\bBUILD_PATH\s*=\s*["'`]\.\/([^"'`]+)["'`]/.exec(readFileSync(path.join(ROOT, "server.js"), "utf8"));
  return match?.[1] ?? "build/server/index.js";
}

/** @param {boolean} force */
function buildIfMissing(force) {
  const BUILD_FILE = buildFile();
  const built = existsSync(path.join(ROOT, BUILD_FILE));
  if (built && !force) {
    console.log(`\n▸ Using the existing build (${BUILD_FILE}; --build to rebuild)`);
    return;
  }
  console.log(`\n▸ Building (${built ? "--build" : `no ${BUILD_FILE}`})`);
  runNodeSync("vite:build", ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], process.env, 10 * 60_000);
}

/**
 * The server as `npm start` runs it, on 127.0.0.1, its output in SERVER_LOG;
 * resolves when /healthz answers 200.
 * @param {string} databaseUrl @param {number} port @param {boolean} logRequests
 */
async function startServer(databaseUrl, port, logRequests) {
  const { serverEnv, serverNodeArgs } = await import("../scripts/server-command.mjs");
  const logPath = path.join(ROOT, SERVER_LOG);
  mkdirSync(path.dirname(logPath), { recursive: true });
  const logStream = createWriteStream(logPath);
  const child = spawn(process.execPath, serverNodeArgs(), {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env, ...serverEnv(),
      NODE_ENV: "production",
      HOST,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: `http://${HOST}:${port}`,
      LOG_REQUESTS: logRequests ? "true" : "false",
    },
  });
  child.stdout?.pipe(logStream, { end: false });
  child.stderr?.pipe(logStream, { end: false });
  /** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
  let exited = null;
  const exit = new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    }
    await new Promise((resolve) => logStream.end(resolve));
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`the server exited before it was ready; see ${SERVER_LOG}:\n${readFileSync(logPath, "utf8").slice(-2000)}`);
    }
    const health = await plainGet(port, "/healthz", { timeoutMs: 2000 });
    if (health.responses[0]?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`GET /healthz did not answer 200 within 60 s; see ${SERVER_LOG}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, stop, alive: () => exited === null, logPath };
}

/** Stack-trace lines ("    at …") in the server's log, and the first lines of the first few traces. @param {string} logPath */
function stackTraces(logPath) {
  const lines = readFileSync(logPath, "utf8").split("\n");
  let count = 0;
  /** @type {string[]} */
  const heads = [];
  lines.forEach((line, index) => {
    if (!/^\s+at /.test(line)) return;
    count++;
    const previous = lines[index - 1] ?? "";
    if (!/^\s+at /.test(previous) && heads.length < 10) heads.push(previous.slice(0, 200));
  });
  // The line before each trace, without the request it names: how often each error was logged.
  /** @type {Map<string, number>} */
  const messages = new Map();
  lines.forEach((line, index) => {
    if (/^\s+at /.test(line) || !/^\s+at /.test(lines[index + 1] ?? "")) return;
    const message = line
      .replace(/^\[error\] \S+ \S+: /, "")
      .replace(/'[^']*'/g, "'…'")
      .slice(0, 160);
    messages.set(message, (messages.get(message) ?? 0) + 1);
  });
  const distinct = [...messages].sort(([, a], [, b]) => b - a).map(([message, times]) => `${String(times).padStart(6)}× ${message}`);
  return { count, heads, distinct };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = performance.now();
  /** @type {Awaited<ReturnType<typeof startServer>> | null} */
  let server = null;
  // A hard bound on the whole run, whatever hangs.
  const watchdog = setTimeout(
    () => {
      console.error("\nThe fuzz ran longer than its time limit: stopping.");
      void (server ? server.stop() : Promise.resolve()).finally(() => process.exit(1));
    },
    (60 * 60 + Math.ceil(options.requests / 100)) * 1000,
  );
  watchdog.unref();
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping…`);
      void (server ? server.stop() : Promise.resolve()).finally(() => process.exit(130));
    });
  }

  let baseUrl = options.baseUrl;
  try {
    console.log(`OCOP catalogue fuzz — ${num(options.requests)} cases, concurrency ${options.concurrency}, seed ${options.seed}`);
    if (!baseUrl) {
      const databaseUrl = await prepareDatabase();
      buildIfMissing(options.build);
      const port = await freePort(FIRST_PORT);
      console.log(`\n▸ Starting the server on ${HOST}:${port} (output in ${SERVER_LOG})`);
      server = await startServer(databaseUrl, port, options.logRequests);
      baseUrl = `http://${HOST}:${port}`;
    }
    console.log(`\n▸ Fuzzing ${baseUrl}`);
    const result = await runFuzz({ baseUrl, requests: options.requests, concurrency: options.concurrency, seed: options.seed, timeoutMs: options.timeoutMs });
    /** @type {{ count: number, heads: string[], distinct: string[] } | null} */
    let traces = null;
    let alive = true;
    if (server) {
      alive = server.alive();
      if (!alive) result.failures.deadServer = 1;
      await server.stop();
      traces = stackTraces(server.logPath);
    }
    const failed = !result.ok || !alive || (traces !== null && traces.count > 0);
    const lines = summary({ ...result, ok: !failed }, { stackTraces: traces ? traces.count : null, logFile: server ? SERVER_LOG : null });
    if (traces && traces.distinct.length) lines.push("", "Errors logged with a stack trace (by message):", ...traces.distinct.slice(0, 20).map((line) => `  ${line}`));
    lines.push("", `${failed ? "FAIL" : "PASS"} — ${num(Math.round((performance.now() - startedAt) / 1000))} s in all; written to ${RESULT_FILE}`);
    console.log(`\n${lines.join("\n")}`);
    mkdirSync(path.join(ROOT, path.dirname(RESULT_FILE)), { recursive: true });
    const record = {
      command: `npm run fuzz${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
      date: new Date().toISOString(),
      ownServer: server !== null,
      ...result,
      ok: !failed,
      stackTraces: traces,
      totalSeconds: Math.round((performance.now() - startedAt) / 1000),
    };
    writeFileSync(path.join(ROOT, RESULT_FILE), `${JSON.stringify(record, null, 2)}\n`);
    return failed ? 1 : 0;
  } finally {
    if (server) await server.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exit(await main());
  } catch (error) {
    console.error(`\nFuzz failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
    if (error instanceof Error && /Unknown option|Unexpected argument|must be/.test(error.message)) console.error(USAGE);
    process.exit(2);
  }
}
