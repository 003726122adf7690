/**
 * app/entry.server.tsx renders every page. A render that runs too long is cut
 * short by a timer; a finished render must not leave that timer behind, since
 * the timer holds the whole render (loader data, streams) until it fires.
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as entry from "../../app/entry.server";

const page = () => createElement("html", null, createElement("body", null, createElement("p", null, "Trang thử")));

// The smallest build Remix can serve: a root route with a component, no loader.
const build = {
  mode: "production",
  entry: { module: entry },
  routes: { root: { id: "root", path: "", module: { default: page } } },
  assets: {
    entry: { module: "/entry.client.js", imports: [] },
    routes: {
      root: { id: "root", path: "", module: "/root.js", imports: [], hasAction: false, hasLoader: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false },
    },
    url: "/manifest.js",
    version: "test",
  },
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  basename: "/",
  isSpaMode: false,
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true, v3_routeConfig: true },
} as unknown as ServerBuild;

const ABORT_DELAY_MS = 5_000;

afterEach(() => {
  vi.mocked(globalThis.setTimeout).mockRestore();
  vi.mocked(globalThis.clearTimeout).mockRestore();
});

describe("a rendered page", () => {
  it.each([
    ["a browser (streamed)", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"],
    ["a crawler (whole document)", "Googlebot/2.1 (+http://www.google.com/bot.html)"],
  ])("clears its abort timer once rendered, for %s", async (_who, userAgent) => {
    // The entry's timers, told apart from Remix's own (4,950 ms, holding only an AbortController) by their delay.
    const abortTimers = new Set<unknown>();
    const setTimer = globalThis.setTimeout;
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, delay?: number) => {
      const timer = setTimer(callback, delay);
      if (delay === ABORT_DELAY_MS) abortTimers.add(timer);
      return timer;
    }) as typeof setTimeout);
    const clearTimer = globalThis.clearTimeout;
    vi.spyOn(globalThis, "clearTimeout").mockImplementation(((timer?: NodeJS.Timeout) => {
      abortTimers.delete(timer);
      clearTimer(timer);
    }) as typeof clearTimeout);

    const handle = createRequestHandler(build, "production");
    const response = await handle(new Request("http://localhost/", { headers: { "User-Agent": userAgent } }), {
      cspNonce: "",
      clientIp: null,
      requestId: "test",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Trang thử");
    await new Promise((resolve) => setImmediate(resolve));
    expect(vi.mocked(globalThis.setTimeout).mock.calls.some(([, delay]) => delay === ABORT_DELAY_MS)).toBe(true);
    expect(abortTimers.size).toBe(0);
  });
});
