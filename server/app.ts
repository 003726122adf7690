/**
 * The production server's HTTP pipeline, in the order a request meets it.
 * Vite bundles this file with the app (vite.config.ts), so it shares one set
 * of modules with the routes: the database client, the caches and the change
 * signal. server.js imports it from the build, listens and shuts down.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import * as build from "virtual:remix/server-build";
import compression from "compression";
import express, { type ErrorRequestHandler } from "express";
import morgan from "morgan";
import { passwordResetRateLimit, signInRateLimit, signUpRateLimit } from "~/lib/rate-limit.server";
import { configureDatabase, databaseProvider, db } from "~/db.server";
import { env } from "~/env.server";
import { OPEN_DATA_HEADERS } from "~/lib/cache-headers";
import { withDomainErrorResponses } from "~/lib/errors.server";
import { publicOrigin } from "~/lib/origin.server";
import { PageCache } from "~/lib/page-cache.server";
import { createRenderQueue } from "~/lib/render-queue.server";
import { readBodyFirst, remixRequestHandler } from "~/lib/request-body.server";
import { requestGuard } from "~/lib/request-guard.server";
import { cspNonce, securityHeaders, type NonceLocals } from "~/lib/security-headers.server";
import { watchCatalogueChanges } from "~/modules/catalogue/changes.server";
import { suggestAnswer } from "~/modules/catalogue/suggest-api.server";
import { onCatalogueInvalidated } from "~/modules/catalogue/read-cache.server";
import { MEDIA_URL_PREFIX } from "~/modules/media/image-sources";
import { isMediaFilePath } from "~/modules/media/pipeline.server";
import { startStandingRefresh } from "~/modules/certifications/maintenance.server";
import { startReminderSchedule } from "~/modules/certifications/reminders-schedule.server";
import { startMailDelivery } from "~/modules/mail/worker.server";
import { catchUpCatalogueSearch } from "~/modules/products/service.server";

export { databaseProvider, db, env };

/** What every request gets from the server (see app/single-fetch.d.ts). */
export type AppLoadContext = { cspNonce: string; clientIp: string | null; requestId: string };

const HEALTH_PATH = "/healthz";
const SUGGEST_PATH = "/api/suggest";

/** Files served from build/client (public/ and Vite's assets), not pages. */
function isStaticFile(path: string): boolean {
  return path.startsWith("/assets/") || path.startsWith("/images/") || path.startsWith(MEDIA_URL_PREFIX) || path === "/favicon.svg";
}

export async function createServer() {
  await configureDatabase(db);
  const rebuilt = await catchUpCatalogueSearch(db);
  if (rebuilt) console.log(`Rebuilt the catalogue's search rows for ${rebuilt} listed products.`);

  const app = express();
  app.disable("x-powered-by");
  // The page cache gives cacheable answers their ETags; Express would hash each body again.
  app.set("etag", false);
  // Nothing reads req.query (routes read their own URL): skip parsing every query string.
  app.set("query parser", false);
  app.set("trust proxy", env.TRUST_PROXY);

  // Malformed methods, targets and headers stop here, with a 4xx.
  app.use(requestGuard({ trustProxy: env.TRUST_PROXY > 0, publicOrigin: publicOrigin() }));
  app.use((_req, res, next) => {
    res.setHeader("X-Request-Id", randomUUID());
    next();
  });
  if (env.LOG_REQUESTS) {
    app.use(morgan(":method :url :status :res[content-length] - :response-time ms", { skip: (req) => req.url === HEALTH_PATH }));
  }

  // Anonymous public pages are answered from memory (app/lib/page-cache.server.ts), before
  // anything else runs: a stored page carries the security headers it was sent with.
  // The key is the URL alone: pages take their links from PUBLIC_URL, never from the request.
  const pageCache = new PageCache();
  onCatalogueInvalidated(() => pageCache.clear());
  const cacheable = (req: express.Request) => PageCache.isCacheableRequest(req) && req.path !== HEALTH_PATH && !isStaticFile(req.path);
  app.use((req, res, next) => {
    if (!cacheable(req)) return next();
    pageCache.answer(req, res, req.originalUrl).then((answered) => answered || next(), next);
  });

  app.use(cspNonce);
  app.use(securityHeaders({ https: env.PUBLIC_URL?.startsWith("https:") ?? false }));
  app.use(compression());
  // What the cache could not answer, it keeps on the way out (after compression, so it
  // sees the page as rendered; it compresses its copy once itself).
  app.use((req, res, next) => {
    if (cacheable(req)) pageCache.keep(req, res, req.originalUrl);
    next();
  });
  // A first, cheap line against password guessing; the real throttle counts failures
  // per account and per address in the database (modules/accounts/throttle.server.ts).
  // (A page's path, and its ".data" twin that forms post to when JavaScript runs.)
  app.use(["/login", "/en/login", "/login.data", "/en/login.data"], signInRateLimit());
  // Sign-up and password-reset posts (decision 016); completed sign-ups are also counted
  // per address in the database (modules/registration/service.server.ts).
  app.use(["/register", "/en/register", "/register.data", "/en/register.data"], signUpRateLimit());
  app.use(["/forgot-password", "/en/forgot-password", "/forgot-password.data", "/en/forgot-password.data"], passwordResetRateLimit());

  // Vite fingerprints everything under /assets: cache it for a year.
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y", index: false }));
  // Other public files (public/) keep their names: cache briefly. Only their own paths touch the disk.
  app.use("/images", express.static("build/client/images", { maxAge: "1h", index: false }));
  app.get("/favicon.svg", express.static("build/client", { maxAge: "1h", index: false }));
  // Stored images (decision 011): a new upload gets a new random key, so a file never
  // changes and is cached for a year. Only the variant names the store writes are looked
  // up (no listing, no other file types, no dot-files or temporary files); the rest is a 404.
  const mediaFiles = express.static(path.resolve(env.MEDIA_DIR), {
    immutable: true,
    maxAge: "1y",
    index: false,
    redirect: false,
    dotfiles: "ignore",
    setHeaders: (res) => res.setHeader("X-Content-Type-Options", "nosniff"),
  });
  app.use("/media", (req, res, next) => (isMediaFilePath(req.path) ? mediaFiles(req, res, next) : next()));
  app.use("/media", (_req, res) => {
    res.status(404).type("text/plain").set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" }).send("Không tìm thấy. / Not found.\n");
  });

  // Type-ahead asks for many small answers: the same function as its Remix route
  // (app/routes/api.suggest.ts), without the router, whose matching cost more than the suggestions.
  app.get(SUGGEST_PATH, (req, res, next) => {
    const query = req.originalUrl.indexOf("?");
    suggestAnswer(db, new URLSearchParams(query === -1 ? "" : req.originalUrl.slice(query + 1)))
      .then((answer) => res.set(OPEN_DATA_HEADERS).json(answer), next);
  });

  // What the cache could not answer is rendered a few at a time (app/lib/render-queue.server.ts).
  const renderQueue = createRenderQueue({ concurrency: env.RENDER_CONCURRENCY, maxWaiting: 16 * env.RENDER_CONCURRENCY });
  // A form's body arrives before its request joins the line (app/lib/request-body.server.ts).
  app.use(readBodyFirst());
  // Health checks skip the line: a busy server is still alive.
  app.use((req, res, next) => (req.path === HEALTH_PATH ? next() : renderQueue(req, res, next)));
  app.all(
    "*",
    remixRequestHandler({
      build: withDomainErrorResponses(build),
      mode: env.NODE_ENV,
      getLoadContext: (req, res): AppLoadContext => ({
        cspNonce: (res.locals as NonceLocals).cspNonce,
        clientIp: req.ip ?? null,
        requestId: String(res.getHeader("X-Request-Id")),
      }),
    }),
  );
  app.use(lastResort);

  const stopRefresh = startStandingRefresh(db);
  // Certificate-expiry reminders, hourly; safe on several servers at once.
  const stopReminders = startReminderSchedule(db);
  // Mail waiting in the outbox goes out (or, without SMTP_URL, is kept there): decision 015.
  const stopMail = startMailDelivery(db);
  // Other processes' writes reach this one's caches through the database.
  const stopWatching = watchCatalogueChanges(db);
  return {
    app,
    stop() {
      stopRefresh();
      stopReminders();
      stopWatching();
      stopMail();
    },
  };
}

/** An error no layer handled: one log line, and a plain 500 (or the error's own 4xx). */
const lastResort: ErrorRequestHandler = (error, req, res, _next) => {
  const status = typeof error?.status === "number" && error.status >= 400 && error.status < 600 ? error.status : 500;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  if (status >= 500) console.error(`[error] ${req.method} ${req.path}: ${error instanceof Error ? (error.stack ?? message) : message}`);
  else console.warn(`refused ${status} ${req.method} ${JSON.stringify(req.originalUrl.slice(0, 120))}: ${message}`);
  if (res.headersSent) return res.destroy();
  res.status(status).type("text/plain").set("Cache-Control", "no-store").send(status >= 500 ? "Lỗi máy chủ. / Server error.\n" : "Yêu cầu không hợp lệ. / Bad request.\n");
};
