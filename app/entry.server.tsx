import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { hasSessionCookie, PRIVATE_CACHE_CONTROL } from "./lib/cache-headers";
import { NonceProvider } from "./lib/nonce";

const ABORT_DELAY_MS = 5_000;

/** Answers to a signed-in request are personal: never stored by a shared cache. */
function keepPrivateWhenSignedIn(request: Request, headers: Headers) {
  if (hasSessionCookie(request)) headers.set("Cache-Control", PRIVATE_CACHE_CONTROL);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  keepPrivateWhenSignedIn(request, responseHeaders);
  // Set by the production server (server/app.ts); the dev server has none.
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // A render still running after ABORT_DELAY_MS is cut short. The timer goes as soon as the
    // render is done: it holds the whole render (loader data, streams), and a server answering
    // 130 pages a second kept 650 finished ones alive, about 45 MB of heap.
    let abortRender = () => {};
    const abortTimer = setTimeout(() => abortRender(), ABORT_DELAY_MS);
    const respond = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          clearTimeout(abortTimer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; earlier ones reach handleError.
          if (shellRendered) console.error(error);
        },
      },
    );
    abortRender = abort;
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  keepPrivateWhenSignedIn(request, response.headers);
  return response;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const path = new URL(request.url).pathname;
  // A URL no route matches, or input a route refused, is the client's error: one line, no stack.
  if (isRouteErrorResponse(error) && error.status < 500) {
    if (error.status !== 404) console.warn(`refused ${error.status} ${request.method} ${path}: ${error.statusText || "bad request"}`);
    return;
  }
  console.error(`[error] ${request.method} ${path}:`, error);
}
