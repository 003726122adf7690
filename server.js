// Production server: compression, long-lived caching for fingerprinted assets,
// request logging, /healthz (a Remix route that checks the database), and a
// graceful shutdown on SIGTERM/SIGINT.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import morgan from "morgan";

const BUILD_PATH = "./build/server/index.js";
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function loadBuild() {
  try {
    return await import(BUILD_PATH);
  } catch (error) {
    if (error && typeof error === "object" && "name" in error && error.name === "InvalidEnvironmentError") {
      // A bad setting: say which, without a stack trace.
      console.error(`The server cannot start. ${error.message}`);
      process.exit(78); // EX_CONFIG
    }
    if (error && typeof error === "object" && "code" in error && error.code === "ERR_MODULE_NOT_FOUND") {
      console.error(`No production build at ${BUILD_PATH}. Run \`npm run build\` first.`);
      process.exit(1);
    }
    throw error;
  }
}

const build = await loadBuild();
const {
  env,
  db,
  configureDatabase,
  catchUpCatalogueSearch,
  databaseProvider,
  startStandingRefresh,
  createPageCache,
  PageCache,
  createRenderQueue,
} = build.entry.module;
await configureDatabase(db);
const rebuilt = await catchUpCatalogueSearch(db);
if (rebuilt) console.log(`Rebuilt the catalogue's search rows for ${rebuilt} listed products.`);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", 1);
app.use(compression());

// Vite fingerprints everything under /assets: cache it for a year.
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y", index: false }));
// Other public files keep their names: cache briefly.
app.use(express.static("build/client", { maxAge: "1h", index: false }));

if (env.LOG_REQUESTS) {
  app.use(morgan(":method :url :status :res[content-length] - :response-time ms", { skip: (req) => req.url === "/healthz" }));
}

// Anonymous pages that say Cache-Control: public are served from memory (see app/lib/page-cache.server.ts).
const pageCache = createPageCache();
app.use((req, res, next) => {
  if (!PageCache.isCacheableRequest(req) || req.path === "/healthz") return next();
  // Pages hold absolute links built from the Host header (unless PUBLIC_URL is set).
  const key = `${req.headers.host ?? ""}${req.originalUrl}`;
  pageCache.handle(req, res, key, next).catch(next);
});

// What the cache could not answer is rendered a few at a time (see app/lib/render-queue.server.ts).
const renderQueue = createRenderQueue({ concurrency: env.RENDER_CONCURRENCY, maxWaiting: 16 * env.RENDER_CONCURRENCY });
// Health checks skip the line: a busy server is still alive.
app.use((req, res, next) => (req.path === "/healthz" ? next() : renderQueue(req, res, next)));
app.all("*", createRequestHandler({ build, mode: env.NODE_ENV }));

const stopRefresh = startStandingRefresh(db);
const server = app.listen(env.PORT, env.HOST, () => {
  const shown = env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
  console.log(`OCOP catalogue listening on http://${shown}:${env.PORT} (database: ${databaseProvider})`);
});

let shuttingDown = false;
async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal} received: finishing open requests…`);
  const force = setTimeout(() => {
    console.error("Shutdown timed out; exiting.");
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  force.unref();
  stopRefresh();
  server.close(async () => {
    await db.$disconnect().catch(() => {});
    console.log("Stopped.");
    process.exit(0);
  });
  server.closeIdleConnections?.();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
