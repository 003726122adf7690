/**
 * The first thing every request meets (server/app.ts): what a client controls
 * in the request line and headers is checked before anything reads it, so a
 * malformed request gets a short 4xx with one log line, never a 500 or a stack
 * trace, and nothing a client says about its host reaches a page or a cache.
 *
 * - Methods: GET, HEAD, POST; OPTIONS answers what is allowed; others 405.
 * - Absolute-form request lines (`GET http://host/path`) are read as their path.
 * - Host must be a syntactically valid host[:port].
 * - X-Forwarded-* are honoured only when TRUST_PROXY says a proxy sets them;
 *   otherwise they are removed. When trusted, they are checked like Host.
 * - The path must be valid percent-encoding.
 * - `_data` (the data requests of Remix before single fetch) is refused: this
 *   app uses single fetch, and Remix would log a stack trace for it.
 * - A POST must come from our own pages: an Origin (or, without one, a
 *   Sec-Fetch-Site) that names another site is refused (403), on top of the
 *   SameSite cookie. Its body must be a form (else 415) and declare its length, within MAX_BODY_BYTES
 *   (MAX_UPLOAD_BODY_BYTES on the image upload route, MAX_DOCUMENT_BODY_BYTES
 *   on the sign-up form and the producer portal, MAX_IMPORT_BODY_BYTES on
 *   the CSV import page).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_CSV_BYTES } from "../modules/imports/parse.server";
import { MAX_DOCUMENT_BYTES } from "../modules/documents/files.server";
import { MAX_UPLOAD_BYTES } from "../modules/media/pipeline.server";

export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;

/** What a POST may carry: the two encodings of an HTML form. */
const FORM_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

const HOST_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;
const FORWARDED_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "x-forwarded-port", "x-forwarded-prefix", "forwarded"];

/** host, host:port, [v6] or [v6]:port with a port of 1–65535. */
export function isValidHost(value: string): boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return false;
  const [, name = "", port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  return name.length <= 253 && (HOST_NAME.test(name) || IPV6.test(name));
}

/** Largest request body accepted (forms; image uploads get their own limit where they are handled). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Largest body on the image upload route: one file of up to MAX_UPLOAD_BYTES,
 * the form's other fields and multipart overhead, with 1 MiB to spare so that
 * a file a little over the limit reaches the pipeline and gets its translated refusal.
 */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

/** The images page of a product (and its single-fetch data URL), in either language. */
const UPLOAD_PATH = /^(?:\/en)?\/admin\/products\/\d{1,12}\/images(?:\.data)?$/;

export function isUploadPath(path: string): boolean {
  return UPLOAD_PATH.test(path);
}

/**
 * Pages that take a producer's scan (a PDF or image of up to MAX_DOCUMENT_BYTES):
 * the sign-up form and the producer portal, in either language.
 */
const DOCUMENT_PATH = /^(?:\/en)?\/(?:register|portal(?:\/[\w/-]{0,200})?)(?:\.data)?$/;
export const MAX_DOCUMENT_BODY_BYTES = MAX_DOCUMENT_BYTES + 1024 * 1024;

/** The CSV import page (a file of up to MAX_CSV_BYTES and the form around it), in either language. */
const IMPORT_PATH = /^(?:\/en)?\/admin\/import(?:\.data)?$/;
export const MAX_IMPORT_BODY_BYTES = MAX_CSV_BYTES + 64 * 1024;

export type RequestGuardOptions = { trustProxy: boolean; publicOrigin: string; maxBodyBytes?: number; log?: (line: string) => void };

export type GuardVerdict = { status: number; reason: string; headers?: Record<string, string>; message?: string } | null;

/** Checks and normalises `req` in place; returns a verdict when it must be refused. */
export function checkRequest(req: IncomingMessage, { trustProxy, publicOrigin, maxBodyBytes = MAX_BODY_BYTES }: RequestGuardOptions): GuardVerdict {
  const method = req.method ?? "";
  if (method === "OPTIONS") return { status: 204, reason: "options", headers: { Allow: ALLOWED_METHODS.join(", ") } };
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) {
    return { status: 405, reason: "method not allowed", headers: { Allow: ALLOWED_METHODS.join(", ") } };
  }

  let url = req.url ?? "";
  if (!url.startsWith("/")) {
    // RFC 9112 §3.2.2: a server must accept the absolute form; only its path and query matter here.
    const absolute = /^https?:\/\/[^/?#]*(.*)$/i.exec(url);
    if (!absolute) return { status: 400, reason: "bad request target" };
    url = absolute[1] || "/";
    if (!url.startsWith("/")) url = `/${url}`;
    req.url = url;
    // Express copied the target before this ran; Remix reads the copy.
    if ("originalUrl" in req) (req as { originalUrl: string }).originalUrl = url;
  }
  if (url.startsWith("//")) return { status: 400, reason: "bad request target" };

  const host = req.headers.host;
  if (host !== undefined && !isValidHost(host)) return { status: 400, reason: "bad Host header" };

  if (!trustProxy) {
    for (const name of FORWARDED_HEADERS) delete req.headers[name];
  } else {
    const forwardedHost = firstValue(req.headers["x-forwarded-host"]);
    if (forwardedHost !== undefined && !isValidHost(forwardedHost)) return { status: 400, reason: "bad X-Forwarded-Host header" };
    const forwardedProto = firstValue(req.headers["x-forwarded-proto"]);
    if (forwardedProto !== undefined && !/^https?$/i.test(forwardedProto)) return { status: 400, reason: "bad X-Forwarded-Proto header" };
  }

  const queryStart = url.indexOf("?");
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? "" : url.slice(queryStart + 1);
  try {
    decodeURIComponent(path);
  } catch {
    return { status: 400, reason: "bad percent-encoding in the path" };
  }
  if (new URLSearchParams(query).has("_data")) return { status: 400, reason: "_data requests are not supported (single fetch)" };
  // Remix answers any other method on a single-fetch URL as an action.
  if (path.endsWith(".data") && method === "HEAD") {
    return { status: 405, reason: "HEAD on a data URL", headers: { Allow: "GET, POST" } };
  }

  if (method === "POST") {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== publicOrigin) return { status: 403, reason: `cross-origin POST from ${origin.slice(0, 80)}` };
    if (origin === undefined && req.headers["sec-fetch-site"] === "cross-site") return { status: 403, reason: "cross-site POST" };
    const length = req.headers["content-length"];
    const upload = isUploadPath(path);
    const limit = upload
      ? Math.max(maxBodyBytes, MAX_UPLOAD_BODY_BYTES)
      : IMPORT_PATH.test(path)
        ? Math.max(maxBodyBytes, MAX_IMPORT_BODY_BYTES)
        : DOCUMENT_PATH.test(path)
          ? Math.max(maxBodyBytes, MAX_DOCUMENT_BODY_BYTES)
          : maxBodyBytes;
    if (length === undefined) {
      if (req.headers["transfer-encoding"]) return { status: 411, reason: "a POST body must declare its length" };
    } else if (!/^\d{1,12}$/.test(length) || Number(length) > limit) {
      return { status: 413, reason: `body of ${length.slice(0, 20)} bytes is over the limit`, ...(upload ? { message: UPLOAD_TOO_LARGE } : {}) };
    }
    // Every POST here is a form; a body of another type would fail where a form is read.
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (type && !FORM_CONTENT_TYPES.includes(type)) return { status: 415, reason: `a POST body of type ${JSON.stringify(type.slice(0, 60))}` };
  }
  return null;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim();
}

const UPLOAD_TOO_LARGE =
  "Tệp ảnh quá lớn: mỗi ảnh tối đa 5 MB. Hãy quay lại và chọn ảnh nhỏ hơn. / The image file is too large: 5 MB at most per image. Go back and choose a smaller one.";

const MESSAGES: Record<number, string> = {
  400: "Yêu cầu không hợp lệ. / Bad request.",
  403: "Yêu cầu từ trang khác bị từ chối. / Requests from other sites are refused.",
  411: "Cần khai báo độ dài nội dung. / Length required.",
  413: "Nội dung gửi lên quá lớn. / Request body too large.",
  405: "Phương thức không được hỗ trợ. / Method not allowed.",
  415: "Chỉ nhận dữ liệu gửi từ biểu mẫu. / Only form submissions are accepted.",
};

/** Middleware: refuses what checkRequest refuses, with one short log line. */
export function requestGuard(options: RequestGuardOptions) {
  const log = options.log ?? ((line: string) => console.warn(line));
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const verdict = checkRequest(req, options);
    if (!verdict) return next();
    if (verdict.status >= 400) log(`refused ${verdict.status} ${JSON.stringify(String(req.method).slice(0, 16))} ${JSON.stringify(String(req.url).slice(0, 120))}: ${verdict.reason}`);
    res.statusCode = verdict.status;
    for (const [name, value] of Object.entries(verdict.headers ?? {})) res.setHeader(name, value);
    res.setHeader("Cache-Control", "no-store");
    if (verdict.status === 204) return res.end();
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end(`${verdict.message ?? MESSAGES[verdict.status] ?? "Error"}\n`);
  };
}
