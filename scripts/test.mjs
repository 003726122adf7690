// `npm test`: the whole suite. Prepares what it needs (Chromium, a PostgreSQL
// to test against), then runs type check, lint, unit and integration tests on
// SQLite and PostgreSQL, the production build, and the browser tests.
//
// Settings: TEST_POSTGRES_URL  an admin-capable URL (default: the local Debian cluster, started if stopped)
//           SKIP_POSTGRES=1    run without PostgreSQL (says so loudly; CI never sets it)
//           CHROMIUM_PATH      the browser for Playwright (default /usr/bin/chromium)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";

const LOCAL_PG_URL = "postgresql://ocop:ocop@127.0.0.1:5432/postgres";
const started = Date.now();
const timings = [];

function run(label, command, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${label}: ${seconds} s`);
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status}) after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
}

const isRoot = process.getuid?.() === 0;
const quiet = (command, args) => spawnSync(command, args, { stdio: "ignore" }).status === 0;

function ensureChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
    return;
  }
  if (existsSync("/usr/bin/chromium")) return;
  if (isRoot && quiet("which", ["apt-get"])) {
    console.log("▶ Installing Debian's Chromium for the browser tests (apt-get install chromium)…");
    run("apt-get update", "apt-get", ["update", "-qq"]);
    run("apt-get install chromium", "apt-get", ["install", "-y", "-qq", "chromium"], { DEBIAN_FRONTEND: "noninteractive" });
    return;
  }
  console.error(
    "The browser tests need Chromium. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu),\n" +
      "or point CHROMIUM_PATH at a Chromium/Chrome binary, or run `npx playwright install chromium` where downloads work.",
  );
  process.exit(1);
}

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensurePostgres() {
  if (process.env.TEST_POSTGRES_URL) {
    if (await canConnect(process.env.TEST_POSTGRES_URL)) return process.env.TEST_POSTGRES_URL;
    throw new Error("TEST_POSTGRES_URL is set but the server does not answer");
  }
  if (await canConnect(LOCAL_PG_URL)) return LOCAL_PG_URL;
  // Debian's PostgreSQL 15: start the cluster and create the test role.
  if (isRoot && quiet("which", ["pg_ctlcluster"])) {
    console.log("▶ Starting the local PostgreSQL cluster and creating the test role…");
    spawnSync("bash", ["scripts/postgres-local.sh"], { stdio: "inherit" });
    if (await canConnect(LOCAL_PG_URL)) return LOCAL_PG_URL;
  }
  return undefined;
}

ensureChromium();
const postgresUrl = await ensurePostgres();
if (!postgresUrl) {
  if (process.env.SKIP_POSTGRES !== "1") {
    console.error(
      "The PostgreSQL integration tests need a server. Either:\n" +
        "  - on Debian as root: `bash scripts/postgres-local.sh` (starts the cluster, creates role ocop/ocop), or\n" +
        "  - set TEST_POSTGRES_URL=postgresql://user:pass@host:5432/postgres for a role with CREATEDB, or\n" +
        "  - set SKIP_POSTGRES=1 to run everything else.",
    );
    process.exit(1);
  }
  console.warn("⚠ SKIP_POSTGRES=1: the PostgreSQL integration tests will NOT run.");
}

const npx = (bin) => `node_modules/.bin/${bin}`;
run("PostgreSQL schema is derived from prisma/schema.prisma", process.execPath, ["scripts/derive-pg-schema.mjs", "--check"]);
run("Prisma clients", process.execPath, ["scripts/prisma.mjs", "generate"]);
run("Type check", npx("tsc"), ["--noEmit"]);
run("Lint", npx("eslint"), ["--max-warnings", "0", "."]);
run("Unit and integration tests (SQLite" + (postgresUrl ? " and PostgreSQL)" : " only)"), npx("vitest"), ["run"], {
  TEST_POSTGRES_URL: postgresUrl ?? "",
});
run("Production build", npx("remix"), ["vite:build"]);
run("Browser tests (Playwright, production build)", npx("playwright"), ["test"]);

console.log(`\n✔ All checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const line of timings) console.log(`  ${line}`);
