/**
 * The request guard (app/lib/request-guard.server.ts) on hand-made requests:
 * what it refuses with which status, what it rewrites in place, and that an
 * ordinary request passes untouched.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { checkRequest, MAX_BODY_BYTES, type RequestGuardOptions } from "../../app/lib/request-guard.server";

const ORIGIN = "https://ocop.example.vn";

type FakeRequest = { method: string; url: string; headers: Record<string, string | string[] | undefined>; originalUrl?: string };

function request(method: string, url: string, headers: FakeRequest["headers"] = {}, extra: Partial<FakeRequest> = {}): FakeRequest {
  return { method, url, headers: { host: "ocop.example.vn", ...headers }, ...extra };
}

function check(req: FakeRequest, options: Partial<RequestGuardOptions> = {}) {
  return checkRequest(req as unknown as IncomingMessage, { trustProxy: false, publicOrigin: ORIGIN, ...options });
}

describe("checkRequest", () => {
  it("lets ordinary GET, HEAD and same-origin POST requests through untouched", () => {
    const get = request("GET", "/products?q=b%C6%B0%E1%BB%9Fi&stars=4&stars=5", { accept: "text/html" });
    expect(check(get)).toBeNull();
    expect(get.url).toBe("/products?q=b%C6%B0%E1%BB%9Fi&stars=4&stars=5");
    expect(check(request("HEAD", "/"))).toBeNull();
    expect(check(request("GET", "/en/products/bu%E1%BB%9Fi-%C4%91%E1%BB%8F"))).toBeNull();
    expect(check(request("POST", "/login", { origin: ORIGIN, "content-length": "64", "sec-fetch-site": "same-origin" }))).toBeNull();
    // A form post from a browser that sends no Origin, and a client that sends no fetch metadata.
    expect(check(request("POST", "/logout", { "content-length": "0" }))).toBeNull();
    expect(check(request("POST", "/logout", { "content-length": "0", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(check(request("GET", "/", { host: "127.0.0.1:3000" }))).toBeNull();
    expect(check(request("GET", "/", { host: "[::1]:3000" }))).toBeNull();
    expect(check(request("GET", "/", { host: undefined }))).toBeNull();
  });

  it("answers OPTIONS with 204 and what is allowed, and other methods with 405", () => {
    expect(check(request("OPTIONS", "*"))).toEqual({ status: 204, reason: "options", headers: { Allow: "GET, HEAD, POST" } });
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "CONNECT", "PROPFIND", ""]) {
      const verdict = check(request(method, "/"));
      expect(verdict?.status, method).toBe(405);
      expect(verdict?.headers).toEqual({ Allow: "GET, HEAD, POST" });
    }
  });

  it("reads an absolute-form target as its path, for Express's copy too", () => {
    const absolute = request("GET", "http://ocop.example.vn/products?stars=5", {}, { originalUrl: "http://ocop.example.vn/products?stars=5" });
    expect(check(absolute)).toBeNull();
    expect(absolute.url).toBe("/products?stars=5");
    expect(absolute.originalUrl).toBe("/products?stars=5");

    const bare = request("GET", "HTTPS://evil.example");
    expect(check(bare)).toBeNull();
    expect(bare.url).toBe("/");
    const queryOnly = request("GET", "http://evil.example?x=1");
    expect(check(queryOnly)).toBeNull();
    expect(queryOnly.url).toBe("/?x=1");

    expect(check(request("GET", "ftp://evil.example/"))?.status).toBe(400);
    expect(check(request("GET", "products"))?.status).toBe(400);
    expect(check(request("GET", "//evil.example/path"))?.status).toBe(400);
    expect(check(request("GET", "http://evil.example//evil.example/path"))?.status).toBe(400);
  });

  it("refuses a malformed Host with 400", () => {
    for (const host of ["evil.example/path", "a b", "host:0", "host:65536", "host:port", "-bad.example", "x".repeat(254), "[zz::1]", "ocop.example.vn:80:80", "<script>"]) {
      expect(check(request("GET", "/", { host }))?.status, host).toBe(400);
    }
    expect(check(request("GET", "/", { host: "ocop.example.vn:65535" }))).toBeNull();
  });

  it("without a trusted proxy removes every forwarded header, however malformed", () => {
    const req = request("GET", "/", {
      "x-forwarded-host": "evil.example/<x>",
      "x-forwarded-proto": "gopher",
      "x-forwarded-for": "1.2.3.4",
      "x-forwarded-port": "99999",
      "x-forwarded-prefix": "/evil",
      forwarded: "for=1.2.3.4;host=evil.example",
      "user-agent": "curl",
    });
    expect(check(req)).toBeNull();
    expect(Object.keys(req.headers).sort()).toEqual(["host", "user-agent"]);
  });

  it("behind a trusted proxy checks X-Forwarded-Host and X-Forwarded-Proto (400) and keeps good ones", () => {
    const trusted = { trustProxy: true };
    expect(check(request("GET", "/", { "x-forwarded-host": "evil.example/path" }), trusted)?.status).toBe(400);
    expect(check(request("GET", "/", { "x-forwarded-host": "ok.example, evil example" }), trusted)).toBeNull();
    expect(check(request("GET", "/", { "x-forwarded-host": "bad host, ok.example" }), trusted)?.status).toBe(400);
    expect(check(request("GET", "/", { "x-forwarded-proto": "gopher" }), trusted)?.status).toBe(400);
    expect(check(request("GET", "/", { "x-forwarded-proto": "javascript:alert(1)" }), trusted)?.status).toBe(400);
    const good = request("GET", "/", { "x-forwarded-host": "ocop.example.vn", "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" });
    expect(check(good, trusted)).toBeNull();
    expect(good.headers).toMatchObject({ "x-forwarded-host": "ocop.example.vn", "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" });
    expect(check(request("GET", "/", { "x-forwarded-proto": "HTTPS, http" }), trusted)).toBeNull();
  });

  it("refuses bad percent-encoding in the path with 400, not in the query", () => {
    for (const url of ["/products/%", "/products/%E0%A4%A", "/%ZZ", "/verify/%C0%AF"]) {
      expect(check(request("GET", url))?.status, url).toBe(400);
    }
    expect(check(request("GET", "/products/b%C6%B0%E1%BB%9Fi"))).toBeNull();
  });

  it("refuses _data requests (Remix before single fetch) with 400", () => {
    expect(check(request("GET", "/products?_data=routes%2Fproducts"))?.status).toBe(400);
    expect(check(request("GET", "/?q=x&_data"))?.status).toBe(400);
    expect(check(request("POST", "/login?_data=routes%2Flogin", { origin: ORIGIN, "content-length": "10" }))?.status).toBe(400);
    // After a second "?" too: the query is everything after the first one.
    expect(check(request("GET", "/products??_data"))?.status).toBe(400);
    expect(check(request("GET", "/products?q=1?&_data=x"))?.status).toBe(400);
    expect(check(request("GET", "/products?q=_data"))).toBeNull();
  });

  it("refuses HEAD on a single-fetch data URL (Remix would run it as an action) with 405", () => {
    expect(check(request("HEAD", "/products.data"))).toEqual({ status: 405, reason: expect.any(String), headers: { Allow: "GET, POST" } });
    expect(check(request("HEAD", "/admin/producers.data?_routes=root"))?.status).toBe(405);
    expect(check(request("GET", "/products.data"))).toBeNull();
    expect(check(request("HEAD", "/products"))).toBeNull();
  });

  it("refuses a cross-origin POST with 403: another Origin, or without one a cross-site fetch", () => {
    for (const origin of ["http://evil.example", "https://ocop.example.vn.evil.example", "http://ocop.example.vn", "null", ""]) {
      const verdict = check(request("POST", "/login", { origin, "content-length": "10" }));
      expect(verdict?.status, origin).toBe(403);
    }
    expect(check(request("POST", "/logout", { "sec-fetch-site": "cross-site", "content-length": "0" }))?.status).toBe(403);
    // Our own Origin wins over fetch metadata; a GET from anywhere is fine.
    expect(check(request("POST", "/login", { origin: ORIGIN, "sec-fetch-site": "same-origin", "content-length": "10" }))).toBeNull();
    expect(check(request("GET", "/", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }))).toBeNull();
  });

  it("needs a POST body's length (411) within the limit (413)", () => {
    const post = (headers: FakeRequest["headers"], options: Partial<RequestGuardOptions> = {}) => check(request("POST", "/login", { origin: ORIGIN, ...headers }), options);
    expect(post({ "transfer-encoding": "chunked" })?.status).toBe(411);
    expect(post({ "content-length": String(MAX_BODY_BYTES + 1) })?.status).toBe(413);
    expect(post({ "content-length": "99999999999999" })?.status).toBe(413);
    expect(post({ "content-length": "-1" })?.status).toBe(413);
    expect(post({ "content-length": "1e3" })?.status).toBe(413);
    expect(post({ "content-length": "10, 10" })?.status).toBe(413);
    expect(post({ "content-length": String(MAX_BODY_BYTES) })).toBeNull();
    expect(post({ "content-length": "2048" }, { maxBodyBytes: 1024 })?.status).toBe(413);
    expect(post({ "content-length": "1024" }, { maxBodyBytes: 1024 })).toBeNull();
    // A POST without a body at all declares nothing and is fine.
    expect(post({})).toBeNull();
  });

  it("takes only forms in a POST (415 for JSON, text, XML…), with or without a charset or boundary", () => {
    const post = (type: string) => check(request("POST", "/register/confirm", { origin: ORIGIN, "content-length": "10", "content-type": type }))?.status;
    for (const type of ["application/json", "text/plain", "application/xml", "text/html; charset=utf-8", "multipart/mixed; boundary=x", "application/x-www-form-urlencodedx"]) {
      expect(post(type), type).toBe(415);
    }
    for (const type of ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8", "Multipart/Form-Data; boundary=----x"]) {
      expect(post(type), type).toBeUndefined();
    }
  });

  it("checks in order: the method before anything else, the Host before the origin", () => {
    expect(check(request("TRACE", "/%", { host: "bad host" }))?.status).toBe(405);
    expect(check(request("POST", "/", { host: "bad host", origin: "http://evil.example" }))?.status).toBe(400);
  });
});
