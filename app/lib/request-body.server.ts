/**
 * A form's body is read to its end before the request takes a render slot
 * (server/app.ts): a client that sends its body slowly, or stops halfway,
 * waits outside the render queue and never holds a slot the pages need
 * (four stalled uploads would otherwise stop every page). The request guard
 * has already bounded the body's size and let only forms through; a client
 * that goes quiet for BODY_IDLE_TIMEOUT_MS gets 408 and is disconnected, and
 * a multipart body that does not parse gets 400 here, before any route reads it.
 *
 * Remix then receives the body from memory: `remixRequestHandler` does what
 * @remix-run/express's handler does (the same request URL, headers, abort
 * signal and response writing), with that one difference.
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";

export const BODY_IDLE_TIMEOUT_MS = 30_000;

type BodyLocals = { requestBody?: Buffer };

const TIMED_OUT = "Hết thời gian chờ dữ liệu gửi lên. / The request body did not arrive in time.\n";
const MALFORMED = "Dữ liệu biểu mẫu không đọc được. / The form data could not be read.\n";

/** Does a multipart body parse (its boundary, its parts)? Other bodies always read as a form. */
async function isReadableForm(contentType: string | undefined, body: Buffer): Promise<boolean> {
  if (!contentType?.toLowerCase().startsWith("multipart/form-data")) return true;
  try {
    await new Response(new Uint8Array(body), { headers: { "Content-Type": contentType } }).formData();
    return true;
  } catch {
    return false;
  }
}

/** Express middleware: reads a POST's whole body into `res.locals.requestBody`, then goes on. */
export function readBodyFirst({ idleTimeoutMs = BODY_IDLE_TIMEOUT_MS } = {}) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const stop = () => {
      done = true;
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onGone);
      req.off("aborted", onGone);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (done) return;
        stop();
        res.status(408).set({ Connection: "close", "Cache-Control": "no-store" }).type("text/plain").send(TIMED_OUT);
        res.once("finish", () => req.destroy());
      }, idleTimeoutMs);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      arm();
    };
    const onEnd = () => {
      if (done) return;
      stop();
      const body = Buffer.concat(chunks);
      void isReadableForm(req.headers["content-type"], body).then((readable) => {
        if (!readable) {
          res.status(400).set({ "Cache-Control": "no-store" }).type("text/plain").send(MALFORMED);
          return;
        }
        (res.locals as BodyLocals).requestBody = body;
        next();
      });
    };
    // The client left: there is nobody to answer.
    const onGone = () => stop();
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onGone);
    req.once("aborted", onGone);
    arm();
  };
}

/** The Fetch API request Remix receives: as @remix-run/express builds it, with the body already read. */
function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname honours "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("host"))].find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const controller = new AbortController();
  // Loaders and actions stop when the response can no longer be written.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    else if (value !== undefined) headers.set(name, value);
  }
  const body = (res.locals as BodyLocals).requestBody;
  // The request guard lets only forms through; a POST that names no type is read as an (empty) form.
  if (req.method === "POST" && !headers.has("Content-Type")) headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(url.href, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: new Uint8Array(body ?? []) }),
  });
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // entries() gives each Set-Cookie on its own.
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function remixRequestHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}) {
  const handleRequest = createRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handleRequest(remixRequest(req, res), getLoadContext(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
