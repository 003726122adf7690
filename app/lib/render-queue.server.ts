/**
 * Bounds how many requests the app renders at once (used by server.js after
 * the page cache). Rendering is CPU work on one thread, and SQLite queries are
 * synchronous, so more renders in flight add no throughput: they only hold
 * more memory and make every request wait for all the others. Requests beyond
 * the limit wait in line, first come first served; when the line is full the
 * server answers 503 with Retry-After rather than queueing without bound.
 * Concurrency limiting is p-limit's (see docs/decisions).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { finished } from "node:stream";
import pLimit from "p-limit";

export type RenderQueueOptions = { concurrency: number; maxWaiting: number };

export const BUSY_MESSAGE = "Máy chủ đang bận, vui lòng thử lại sau giây lát. / The server is busy; please try again in a moment.\n";

export function createRenderQueue({ concurrency, maxWaiting }: RenderQueueOptions) {
  const slots = pLimit(concurrency);
  return function renderInTurn(req: IncomingMessage, res: ServerResponse, next: () => void) {
    // A response pipelined behind another on its connection cannot be sent before that one,
    // and Node gives it the socket only then. It joins the line at that moment: rendered
    // earlier, it would hold a slot while the response ahead of it might be waiting for one.
    if (!res.socket && !res.destroyed) {
      const connection = req.socket;
      const onTurn = () => {
        connection?.off("close", onGone);
        renderInTurn(req, res, next);
      };
      const onGone = () => res.off("socket", onTurn);
      res.once("socket", onTurn);
      connection?.once("close", onGone);
      return;
    }
    if (slots.pendingCount >= maxWaiting) {
      res.statusCode = 503;
      res.setHeader("Retry-After", "2");
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end(BUSY_MESSAGE);
      return;
    }
    // A slot is held until the response is sent or the client has gone
    // (finished() also calls back for a response that is already closed;
    // the connection's close covers a response Node never closes itself).
    void slots(
      () =>
        new Promise<void>((resolve) => {
          if (res.destroyed || res.writableEnded) return resolve();
          const connection = req.socket;
          const release = () => {
            connection?.off("close", release);
            resolve();
          };
          if (connection?.destroyed) return release();
          connection?.once("close", release);
          finished(res, release);
          next();
        }),
    );
  };
}
