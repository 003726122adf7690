// Production server: starts the HTTP pipeline that the build bundles from
// server/app.ts, listens, and shuts down gracefully on SIGTERM/SIGINT.
const BUILD_PATH = "./build/server/app.js";
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function loadServer() {
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

const { createServer, env, db, databaseProvider } = await loadServer();
const { app, stop } = await createServer();

const server = app.listen(env.PORT, env.HOST, () => {
  const shown = env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
  console.log(`OCOP catalogue listening on http://${shown}:${env.PORT} (database: ${databaseProvider})`);
});
// A client that never finishes its request headers is cut off (slowloris).
server.headersTimeout = 20_000;
server.requestTimeout = 60_000;

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
  stop();
  server.close(async () => {
    await db.$disconnect().catch(() => {});
    console.log("Stopped.");
    process.exit(0);
  });
  server.closeIdleConnections?.();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
