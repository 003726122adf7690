// @ts-check
/**
 * npm run bench [-- options]       a load benchmark of the production server (run by hand, not in CI)
 *
 *   --products N          generated products to seed (default 20000; the Hòa Bình demo comes first)
 *   --skip-seed           reuse the database as it is (no delete, migrate or seed)
 *   --duration S          seconds of load per target (default 10), after a 2 s warm-up
 *   --connections C       concurrent connections (default 32)
 *   --database-url URL    a postgresql:// database on this machine instead of bench/.tmp/bench.db
 *                         (migrated and seeded; it must be empty, or pass --reset)
 *   --reset               passed to the seed: delete all catalogue rows first
 *
 * Steps: fresh database → build if stale → the server as `npm start` runs it, on 127.0.0.1 →
 * autocannon against each target → the same against a bare node:http server
 * that serves the product page's bytes from memory (the ceiling) → a table on
 * the terminal and in docs/benchmarks.md. Goals are informational: the exit
 * code is 0 unless the benchmark itself failed.
 */
import { fork, spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import autocannon from "autocannon";
import { serverNodeArgs } from "../scripts/server-command.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
const FIRST_PORT = 3300;
const SQLITE_FILE = "bench/.tmp/bench.db";
const SQLITE_URL = `file:./${SQLITE_FILE}`;
const BUILD_FILE = "build/server/app.js";
const REPORT_FILE = "docs/benchmarks.md";
const SERVER_LOG = "bench/.tmp/server.log";
const WARM_UP_SECONDS = 2;
const RSS_INTERVAL_MS = 250;
const MIB = 1024 * 1024;

const GOALS = { searchP99Ms: 100, searchRps: 400, productRps: 800, memoryMiB: 300, adminListMs: 100 };

const USAGE =
  "Usage: npm run bench -- [--products N] [--skip-seed] [--duration S] [--connections C] " +
  "[--database-url postgresql://…] [--reset]";

// ───────────────────────────── options ─────────────────────────────

/**
 * @typedef {{
 *   products: number, skipSeed: boolean, duration: number, connections: number,
 *   databaseUrl: string, provider: "sqlite" | "postgresql", reset: boolean, argv: string[],
 * }} Options
 */

/** @param {string[]} argv @returns {Options} */
function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      products: { type: "string" },
      "skip-seed": { type: "boolean", default: false },
      duration: { type: "string" },
      connections: { type: "string" },
      "database-url": { type: "string" },
      reset: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const databaseUrl = values["database-url"] ?? SQLITE_URL;
  const provider = /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : databaseUrl === SQLITE_URL ? "sqlite" : null;
  if (!provider) throw new Error(`--database-url must be a postgresql:// URL, got "${databaseUrl.split(":")[0]}:…"`);
  if (provider === "postgresql") {
    const host = new URL(databaseUrl).hostname.replace(/^\[|\]$/g, "");
    if (!["localhost", "::1"].includes(host) && !host.startsWith("127.")) {
      throw new Error(`--database-url must point at this machine (localhost / 127.0.0.1), got host "${host}"`);
    }
  }
  return {
    products: wholeNumber("--products", values.products, 20_000, 1, 10_000_000),
    skipSeed: values["skip-seed"] ?? false,
    duration: wholeNumber("--duration", values.duration, 10, 1, 600),
    connections: wholeNumber("--connections", values.connections, 32, 1, 1000),
    databaseUrl,
    provider,
    reset: values.reset ?? false,
    argv,
  };
}

/**
 * @param {string} name @param {string | undefined} text @param {number} fallback
 * @param {number} min @param {number} max
 */
function wholeNumber(name, text, fallback, min, max) {
  if (text === undefined) return fallback;
  const clean = text.replace(/[_,]/g, "");
  const value = Number(clean);
  if (!/^\d+$/.test(clean) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** The command line as typed, with any database password hidden. @param {string[]} argv */
function commandLine(argv) {
  const shown = argv.map((arg) => arg.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@/]*@/, "$1:***@"));
  return shown.length ? `npm run bench -- ${shown.join(" ")}` : "npm run bench";
}

/** @param {string} url */
function redactUrl(url) {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@/]*@/, "$1:***@");
}

// ───────────────────────── child processes ─────────────────────────

/** Every child still running; all are stopped on exit, errors and Ctrl+C. */
/** @type {Set<import("node:child_process").ChildProcess>} */
const children = new Set();

/** @template {import("node:child_process").ChildProcess} T @param {T} child @returns {T} */
function track(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Asks every child to stop, then kills what is left after 3 s. */
async function stopChildren() {
  const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
  if (running.length === 0) return;
  const exited = running.map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of running) child.kill("SIGTERM");
  const timer = setTimeout(() => {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, 3000);
  await Promise.all(exited);
  clearTimeout(timer);
}

process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

let stopping = false;
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    if (stopping) process.exit(130); // a second Ctrl+C: stop now
    stopping = true;
    console.error(`\n${signal}: stopping the servers…`);
    void stopChildren().finally(() => process.exit(130));
  });
}

/**
 * Runs `node <args>` in the project folder, output on this terminal.
 * @param {string} label @param {string[]} args @param {NodeJS.ProcessEnv} env @param {number} timeoutMs
 * @returns {Promise<void>}
 */
function runNode(label, args, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env }));
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${label} took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ? `signal ${signal}` : `exit ${code}`})`));
    });
  });
}

// ───────────────────────────── database ─────────────────────────────

/** @param {Options} options */
async function prepareDatabase(options) {
  const env = { ...process.env, DATABASE_URL: options.databaseUrl };
  if (options.skipSeed) {
    if (options.provider === "sqlite" && !existsSync(path.join(ROOT, SQLITE_FILE))) {
      throw new Error(`--skip-seed: there is no ${SQLITE_FILE} yet; run once without --skip-seed`);
    }
    console.log(`Reusing ${options.provider === "sqlite" ? SQLITE_FILE : redactUrl(options.databaseUrl)} (--skip-seed)`);
    return;
  }
  if (options.provider === "sqlite") {
    mkdirSync(path.join(ROOT, path.dirname(SQLITE_FILE)), { recursive: true });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(ROOT, SQLITE_FILE + suffix), { force: true });
  }
  console.log(`\n▸ Migrating ${options.provider === "sqlite" ? SQLITE_FILE : redactUrl(options.databaseUrl)}`);
  await runNode("migrate deploy", ["scripts/prisma.mjs", "migrate", "deploy"], env, 5 * 60_000);
  console.log(`\n▸ Seeding the demo + ${options.products.toLocaleString("en")} generated products`);
  // The demo sign-ins let the benchmark measure the admin lists as a signed-in editor.
  const seedArgs = ["node_modules/tsx/dist/cli.mjs", "prisma/seed/cli.ts", "--products", String(options.products), "--demo-accounts"];
  if (options.reset) seedArgs.push("--reset");
  await runNode("seed", seedArgs, env, 30 * 60_000);
}

/**
 * @typedef {{ total: number, published: number, names: string[], slug: string | null }} Catalogue
 */

const SQL = {
  total: `SELECT COUNT(*) AS n FROM "Product"`,
  published: `SELECT COUNT(*) AS n FROM "Product" WHERE "status" = 'PUBLISHED'`,
  names: `SELECT "nameVi" AS name FROM "Product" WHERE "status" = 'PUBLISHED'`,
  // A published product whose standing certification is not revoked, the newest first…
  slug: `SELECT p."slug" AS slug FROM "Product" p JOIN "Certification" c ON c."id" = p."standingCertificationId"
         WHERE p."status" = 'PUBLISHED' AND c."revokedOn" IS NULL
         ORDER BY c."validUntil" DESC, p."id" LIMIT 1`,
  // …else any published product with a certification.
  anySlug: `SELECT p."slug" AS slug FROM "Product" p
            WHERE p."status" = 'PUBLISHED' AND EXISTS (SELECT 1 FROM "Certification" c WHERE c."productId" = p."id")
            ORDER BY p."id" LIMIT 1`,
};

/** @param {Options} options @returns {Promise<Catalogue>} */
async function readCatalogue(options) {
  if (options.provider === "sqlite") {
    const { default: Sqlite } = await import("better-sqlite3");
    const sqlite = new Sqlite(path.join(ROOT, SQLITE_FILE), { readonly: true, fileMustExist: true });
    try {
      /** @param {string} sql */
      const one = (sql) => /** @type {Record<string, unknown> | undefined} */ (sqlite.prepare(sql).get());
      const names = /** @type {Array<{ name: string }>} */ (sqlite.prepare(SQL.names).all()).map((row) => row.name);
      const slug = one(SQL.slug)?.slug ?? one(SQL.anySlug)?.slug ?? null;
      return { total: Number(one(SQL.total)?.n), published: Number(one(SQL.published)?.n), names, slug: /** @type {string | null} */ (slug) };
    } finally {
      sqlite.close();
    }
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    /** @param {string} sql */
    const one = async (sql) => (await client.query(sql)).rows[0];
    const names = (await client.query(SQL.names)).rows.map((row) => String(row.name));
    const slug = (await one(SQL.slug))?.slug ?? (await one(SQL.anySlug))?.slug ?? null;
    return { total: Number((await one(SQL.total))?.n), published: Number((await one(SQL.published))?.n), names, slug };
  } finally {
    await client.end();
  }
}

/** The app's folding rule (app/modules/text/vietnamese.server.ts): no marks, đ→d, lowercase. @param {string} text */
function fold(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐÐ]/g, "d")
    .toLowerCase();
}

/**
 * Folded words by how many product names hold them (two letters or more; ties: alphabetical).
 * @param {string[]} names @returns {Array<{ word: string, count: number }>}
 */
function commonWords(names) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const name of names) {
    const words = new Set(fold(name).split(/[^a-z0-9]+/).filter((word) => word.length >= 2 && /[a-z]/.test(word)));
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1));
}

/**
 * Catalogue searches that are all different, so neither the page cache nor
 * the read cache can answer them: each search word with each stars filter,
 * sort and first two pages. Returns the next URL on each call.
 * @param {string[]} words @returns {{ next: () => string, size: number, used: () => number }}
 */
function distinctSearches(words) {
  const stars = ["", "&stars=3", "&stars=4", "&stars=5", "&stars=4&stars=5"];
  const sorts = ["", "&sort=newest", "&sort=name", "&sort=stars"];
  /** @type {string[]} */
  const paths = [];
  for (const page of ["", "&page=2"]) {
    for (const sort of sorts) for (const star of stars) for (const word of words) paths.push(`/products?q=${encodeURIComponent(word)}${star}${sort}${page}`);
  }
  let cursor = 0;
  return { next: () => paths[cursor++ % paths.length] ?? "/products", size: paths.length, used: () => cursor };
}

// ────────────────────────────── build ──────────────────────────────

/** The commit measured, and whether app/ had changes not committed yet ("" outside a git checkout). */
function codeVersion() {
  /** @param {string[]} args */
  const git = (args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8", timeout: 10_000 });
  const head = git(["rev-parse", "--short", "HEAD"]);
  if (head.status !== 0) return "";
  const dirty = git(["status", "--porcelain", "--", "app", "server", "server.js"]).stdout.trim() !== "";
  return `${head.stdout.trim()}${dirty ? " + uncommitted changes in app/ or server/" : ""}`;
}

/** Newest modification time of any file under `dir`. @param {string} dir @returns {number} */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

async function buildIfStale() {
  const buildPath = path.join(ROOT, BUILD_FILE);
  const builtAt = existsSync(buildPath) ? statSync(buildPath).mtimeMs : 0;
  const changedAt = Math.max(newestMtime(path.join(ROOT, "app")), newestMtime(path.join(ROOT, "server")));
  if (builtAt > changedAt) {
    console.log(`\n▸ ${BUILD_FILE} is newer than app/ and server/: no build needed`);
    return false;
  }
  console.log(`\n▸ Building (${builtAt ? `${BUILD_FILE} is older than app/ or server/` : `no ${BUILD_FILE}`})`);
  await runNode("vite:build", ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], process.env, 10 * 60_000);
  return true;
}

// ───────────────────────────── servers ─────────────────────────────

/** The first port from `start` that 127.0.0.1 can listen on. @param {number} start @returns {Promise<number>} */
async function freePort(start) {
  for (let port = start; port < start + 100; port++) {
    const free = await new Promise((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, HOST, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port on ${HOST} from ${start} to ${start + 99}`);
}

/**
 * One GET without Accept-Encoding (as autocannon sends it), the whole body.
 * @param {string} url @param {number} [timeoutMs]
 * @returns {Promise<{ status: number, contentType: string, body: Buffer }>}
 */
function get(url, timeoutMs = 30_000, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs, agent: false, headers }, (response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers["content-type"] ?? "text/html; charset=utf-8"),
          body: Buffer.concat(chunks),
        }),
      );
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on("error", reject);
  });
}

/**
 * Starts the server as `npm start` does and waits for /healthz = 200.
 * @param {Options} options @param {number} port
 */
async function startAppServer(options, port) {
  const child = track(
    spawn(process.execPath, serverNodeArgs(), {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_REQUESTS: "false",
        HOST,
        PORT: String(port),
        PUBLIC_URL: `http://${HOST}:${port}`,
        DATABASE_URL: options.databaseUrl,
      },
    }),
  );
  // The server's output (quiet with LOG_REQUESTS=false) goes to bench/.tmp/server.log;
  // what it prints while starting is echoed here too.
  const logPath = path.join(ROOT, SERVER_LOG);
  mkdirSync(path.dirname(logPath), { recursive: true });
  writeFileSync(logPath, "");
  /** @type {string[]} */
  const tail = [];
  let lines = 0;
  let errors = 0;
  let ready = false;
  /** @param {Buffer} chunk */
  const onOutput = (chunk) => {
    appendFileSync(logPath, chunk);
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (!ready) console.log(`  server │ ${line}`);
      if (/^\S/.test(line) && /\bError\b/.test(line)) errors++;
      lines++;
    }
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);

  /** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
  let exited = null;
  child.once("exit", (code, signal) => {
    exited = { code, signal };
  });

  const base = `http://${HOST}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const { code, signal } = exited;
      throw new Error(`the server exited before it was ready (${signal ?? `exit ${code}`}):\n${tail.join("\n")}`);
    }
    const health = await get(`${base}/healthz`, 2000).catch(() => null);
    if (health?.status === 200) {
      ready = true;
      break;
    }
    if (Date.now() > deadline) throw new Error(`GET /healthz did not answer 200 within 60 s${health ? ` (last: ${health.status})` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    base,
    pid: /** @type {number} */ (child.pid),
    exited: () => exited,
    logLines: () => lines,
    logErrors: () => errors,
  };
}

/**
 * Signs in through the form and returns the session cookie ("name=value"), or null.
 * @param {string} base @param {string} email @param {string} password @returns {Promise<string | null>}
 */
function signIn(base, email, password) {
  const body = new URLSearchParams({ email, password }).toString();
  return new Promise((resolve) => {
    const request = http.request(
      `${base}/login`,
      {
        method: "POST",
        agent: false,
        timeout: 15_000,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Origin: base },
      },
      (response) => {
        response.resume();
        const cookie = (response.headers["set-cookie"] ?? []).find((line) => line.startsWith("__session="));
        resolve(cookie ? cookie.split(";")[0] ?? null : null);
      },
    );
    request.on("error", () => resolve(null));
    request.on("timeout", () => request.destroy());
    request.end(body);
  });
}

/**
 * Starts bench/ceiling-server.mjs serving `body` from memory.
 * @param {Buffer} body @param {string} contentType @returns {Promise<string>} its base URL
 */
function startCeilingServer(body, contentType) {
  return new Promise((resolve, reject) => {
    const child = track(fork(path.join(ROOT, "bench/ceiling-server.mjs"), [], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] }));
    const timer = setTimeout(() => reject(new Error("the ceiling server did not start within 10 s")), 10_000);
    child.once("message", (/** @type {{ port: number }} */ message) => {
      clearTimeout(timer);
      resolve(`http://${HOST}:${message.port}`);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the ceiling server exited (code ${code})`));
    });
    child.send({ body: body.toString("base64"), contentType, host: HOST });
  });
}

/** @param {number} pid */
function startRssSampler(pid) {
  const worker = new Worker(new URL("./rss-sampler.mjs", import.meta.url), { workerData: { pid, intervalMs: RSS_INTERVAL_MS } });
  return {
    /** @returns {Promise<{ peakBytes: number, lastBytes: number, samples: number }>} */
    stop() {
      return new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage("stop");
      });
    },
  };
}

// ────────────────────────────── load ──────────────────────────────

/**
 * @typedef {{
 *   name: string, path: string, url: string, alone: number | null, rps: number, p50: number, p99: number,
 *   total: number, non2xx: number, errors: number, timeouts: number, statuses: Record<string, number>,
 * }} Measurement
 */

/**
 * Waits until the server answers /healthz within 100 ms: a slow page leaves
 * requests queued after autocannon hangs up, and they would weigh on the next
 * run. At most 60 s. Returns the seconds waited.
 * @param {string} base
 */
async function settle(base) {
  const started = performance.now();
  let quick = 0;
  while (quick < 2 && performance.now() - started < 60_000) {
    const before = performance.now();
    const health = await get(`${base}/healthz`, 5000).catch(() => null);
    quick = health?.status === 200 && performance.now() - before < 100 ? quick + 1 : 0;
    if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (performance.now() - started) / 1000;
}

/**
 * A warm-up, then the measured run, each followed by letting the server settle.
 * With `nextPath`, every request asks for the path it returns instead of `urlPath`.
 * With `headers` (a signed-in editor's cookie), every request carries them.
 * @param {string} name @param {string} base @param {string} urlPath @param {Options} options
 * @param {(() => string)=} nextPath @param {Record<string, string>=} headers
 * @returns {Promise<Measurement>}
 */
async function measure(name, base, urlPath, options, nextPath, headers = {}) {
  const url = base + urlPath;
  /** @type {{ requests?: Array<{ setupRequest: (request: { path: string }) => { path: string } }> }} */
  const varying = nextPath ? { requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }] } : {};
  process.stdout.write(`  ${name.padEnd(10)} ${urlPath}  warm-up ${WARM_UP_SECONDS} s…`);
  await autocannon({ url, headers, connections: options.connections, duration: WARM_UP_SECONDS, ...varying });
  let settled = await settle(base);
  if (settled >= 1) process.stdout.write(` (busy ${num(settled, 0)} s more)`);
  // One request at a time: what the page costs without queueing (median of 3).
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < 3; i++) {
    const before = performance.now();
    const ok = await get(nextPath ? base + nextPath() : url, 15_000, headers).then(() => true, () => false);
    if (ok) times.push(performance.now() - before);
  }
  times.sort((a, b) => a - b);
  const alone = times[Math.floor((times.length - 1) / 2)] ?? null;
  process.stdout.write(` alone ${alone === null ? "—" : ms(alone)}; load ${options.duration} s…`);
  const result = await autocannon({ url, headers, connections: options.connections, duration: options.duration, ...varying });
  settled = await settle(base);
  /** @type {Record<string, number>} */
  const statuses = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = Number(stat.count);
  const measurement = {
    name,
    path: urlPath,
    url,
    alone,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  };
  const busy = settled >= 1 ? ` (server busy ${num(settled, 0)} s after the run)` : "";
  if (measurement.total === 0) console.log(` no response within the run${measurement.timeouts ? `, ${num(measurement.timeouts)} timeouts` : ""}${busy}`);
  else console.log(` ${num(measurement.rps)} req/s, p99 ${ms(measurement.p99)}${statusNote(measurement)}${busy}`);
  return measurement;
}

/** @param {Measurement} m */
function allNotFound(m) {
  const codes = Object.keys(m.statuses);
  return codes.length === 1 && codes[0] === "404";
}

/** @param {Measurement} m */
function statusNote(m) {
  if (allNotFound(m)) return " (404 — not built yet)";
  const other = Object.entries(m.statuses).filter(([code]) => !code.startsWith("2"));
  return other.length ? ` (${other.map(([code, n]) => `${n.toLocaleString("en")}× ${code}`).join(", ")})` : "";
}

// ───────────────────────────── report ─────────────────────────────

/** @param {number} n @param {number} [digits] */
const num = (n, digits = 0) => n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** @param {number} bytes */
const mib = (bytes) => `${num(bytes / MIB, 1)} MiB`;
/** @param {number} value milliseconds */
const ms = (value) => `${num(value, value < 10 ? 1 : 0)} ms`;

/**
 * @param {Measurement[]} rows @param {Measurement} ceiling
 * @returns {{ head: string[], body: string[][] }}
 */
function resultTable(rows, ceiling) {
  const head = ["Target", "Path", "Alone", "Requests/s", "p50", "p99", "Responses", "Non-2xx", "Errors", "vs ceiling"];
  const body = [...rows, ceiling].map((m) => {
    const label = allNotFound(m) ? `${m.name} (404 — not built yet)` : m.name;
    const other = Object.entries(m.statuses).filter(([code]) => !code.startsWith("2"));
    const non2xx = m.non2xx === 0 ? "0" : `${num(m.non2xx)} (${other.map(([code]) => code).join(", ")})`;
    const errors = m.errors === 0 ? "0" : `${num(m.errors)}${m.timeouts ? ` (${num(m.timeouts)} timeouts)` : ""}`;
    const share = ceiling.rps > 0 ? (m.rps / ceiling.rps) * 100 : null;
    const ratio = share === null ? "—" : `${num(share, share > 0 && share < 1 ? 2 : 1)} %`;
    const none = m.total === 0;
    const alone = m.alone === null ? "—" : ms(m.alone);
    return [label, m.path, alone, num(m.rps), none ? "—" : ms(m.p50), none ? "—" : ms(m.p99), num(m.total), non2xx, errors, m === ceiling ? "100 %" : ratio];
  });
  return { head, body };
}

/** @param {{ head: string[], body: string[][] }} table */
function textTable({ head, body }) {
  const right = new Set([2, 3, 4, 5, 6, 7, 8, 9]);
  const widths = head.map((title, i) => Math.max(title.length, ...body.map((row) => (row[i] ?? "").length)));
  /** @param {string[]} cells */
  const line = (cells) => cells.map((cell, i) => (right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ");
  return [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** @param {{ head: string[], body: string[][] }} table */
function markdownTable({ head, body }) {
  /** @param {string} cell */
  const cell = (cell) => cell.replace(/\|/g, "\\|");
  const align = head.map((_, i) => (i >= 2 ? "---:" : "---"));
  return [head, align, ...body.map((row) => row.map((c, i) => (i === 1 ? `\`${c}\`` : cell(c))))].map((row) => `| ${row.join(" | ")} |`).join("\n");
}

/**
 * @param {Measurement | undefined} search @param {Measurement | undefined} product @param {number | null} peakBytes
 * @param {Measurement[]} adminLists
 * @returns {Array<{ goal: string, measured: string, verdict: string }>}
 */
function checks(search, product, peakBytes, adminLists = []) {
  /** @param {Measurement | undefined} m @param {boolean} met */
  const verdict = (m, met) => {
    if (!m) return "FAIL (not measured)";
    if (m.total === 0) return "FAIL (no response completed)";
    if (allNotFound(m)) return "FAIL (404 — not built yet)";
    if (m.non2xx > 0 || m.errors > 0) return `FAIL (${num(m.non2xx)} non-2xx, ${num(m.errors)} errors)`;
    return met ? "PASS" : "FAIL";
  };
  return [
    {
      goal: `Filtered search page p99 ≤ ${GOALS.searchP99Ms} ms`,
      measured: search && search.total > 0 ? ms(search.p99) : "—",
      verdict: verdict(search, Boolean(search && search.p99 <= GOALS.searchP99Ms)),
    },
    {
      goal: `Filtered search page ≥ ${GOALS.searchRps} requests/s`,
      measured: search ? `${num(search.rps)} req/s` : "—",
      verdict: verdict(search, Boolean(search && search.rps >= GOALS.searchRps)),
    },
    {
      goal: `Product page ≥ ${GOALS.productRps} requests/s`,
      measured: product ? `${num(product.rps)} req/s` : "—",
      verdict: verdict(product, Boolean(product && product.rps >= GOALS.productRps)),
    },
    ...adminLists.map((m) => ({
      goal: `${m.name}: one request (alone) < ${GOALS.adminListMs} ms`,
      measured: m.alone === null ? "—" : ms(m.alone),
      verdict: verdict(m, m.alone !== null && m.alone < GOALS.adminListMs),
    })),
    {
      goal: `Server memory (peak RSS) < ${GOALS.memoryMiB} MiB`,
      measured: peakBytes ? mib(peakBytes) : "n/a (no /proc)",
      verdict: peakBytes ? (peakBytes < GOALS.memoryMiB * MIB ? "PASS" : "FAIL") : "n/a",
    },
  ];
}

// ────────────────────────────── main ──────────────────────────────

async function main() {
  const startedAt = performance.now();
  const options = parseOptions(process.argv.slice(2));

  // A hard bound on the whole run, whatever hangs.
  const setupBudgetS = (options.skipSeed ? 0 : 35 * 60) + 10 * 60 + 60;
  const loadBudgetS = 10 * (WARM_UP_SECONDS + options.duration + 2 * 60 + 10) + 60;
  const watchdog = setTimeout(() => {
    console.error(`\nThe benchmark ran longer than ${Math.round((setupBudgetS + loadBudgetS) / 60)} min: stopping.`);
    void stopChildren().finally(() => process.exit(1));
  }, (setupBudgetS + loadBudgetS) * 1000);
  watchdog.unref();

  console.log(`OCOP catalogue benchmark — ${options.connections} connections, ${options.duration} s per target`);
  await prepareDatabase(options);
  const setupDone = performance.now();
  const built = await buildIfStale();
  const version = codeVersion();

  const catalogue = await readCatalogue(options);
  if (catalogue.total === 0) throw new Error("the database has no products: run without --skip-seed");
  const ranked = commonWords(catalogue.names);
  const word = ranked[0] ?? { word: "", count: 0 };
  const searches = distinctSearches(ranked.slice(0, 40).map((entry) => entry.word));
  if (!word.word) throw new Error("no published product names to pick a search word from");
  if (!catalogue.slug) throw new Error("no published product with a certification to use as the product page");
  console.log(
    `\n▸ Catalogue: ${num(catalogue.total)} products (${num(catalogue.published)} published); ` +
      `search word "${word.word}" (in ${num(word.count)} names); product page /products/${catalogue.slug}`,
  );

  const port = await freePort(FIRST_PORT);
  console.log(`\n▸ Starting the server on ${HOST}:${port}`);
  const app = await startAppServer(options, port);
  const rssAtStart = (() => {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${app.pid}/status`, "utf8"));
      return match ? Number(match[1]) * 1024 : null;
    } catch {
      return null;
    }
  })();

  const targets = [
    { name: "home", path: "/" },
    { name: "catalogue", path: "/products" },
    { name: "search", path: `/products?q=${encodeURIComponent(word.word)}&stars=4` },
    { name: "search, uncached", path: "/products?q=<word>&stars=…&sort=…&page=…", nextPath: searches.next },
    { name: "product", path: `/products/${catalogue.slug}` },
    { name: "api", path: "/api/products" },
  ];
  // Admin lists, as the national demo editor (never cached: requests with a session bypass the page cache).
  const editor = await signIn(app.base, "editor@ocop.example", "demo-editor-2026");
  const adminTargets = editor
    ? [
        { name: "admin products", path: "/admin/products", headers: { Cookie: editor } },
        { name: "admin search", path: `/admin/products?q=${encodeURIComponent(word.word)}`, headers: { Cookie: editor } },
        { name: "admin certs", path: "/admin/certifications", headers: { Cookie: editor } },
      ]
    : [];
  if (!editor) console.log("  No demo editor could sign in: the admin list rows are skipped.");

  // The ceiling serves what the product page sends (the home page's bytes while
  // the product page is not built yet, so the ceiling stays a realistic page).
  let ceilingSource = `/products/${catalogue.slug}`;
  let page = await get(app.base + ceilingSource);
  if (page.status !== 200) {
    console.log(`  The product page answered ${page.status}; the ceiling serves the home page's bytes instead.`);
    ceilingSource = "/";
    page = await get(app.base + ceilingSource);
  }
  const ceilingBase = await startCeilingServer(page.body, page.contentType);
  console.log(`  Ceiling: node:http on ${ceilingBase.replace("http://", "")} serving ${num(page.body.length)} bytes of ${ceilingSource} (${page.contentType})`);

  console.log(`\n▸ Load: autocannon, ${options.connections} connections, ${WARM_UP_SECONDS} s warm-up + ${options.duration} s per target`);
  const loadStarted = performance.now();
  const loadAverage = os.loadavg()[0] ?? 0;
  const sampler = startRssSampler(app.pid);
  /** @type {Measurement[]} */
  const rows = [];
  let memory;
  try {
    for (const target of [...targets, ...adminTargets]) {
      rows.push(await measure(target.name, app.base, target.path, options, "nextPath" in target ? target.nextPath : undefined, "headers" in target ? target.headers : {}));
      const gone = app.exited();
      if (gone) throw new Error(`the server stopped during the load (${gone.signal ?? `exit ${gone.code}`})`);
    }
  } finally {
    memory = await sampler.stop();
  }
  const ceiling = await measure("ceiling", ceilingBase, ceilingSource, options);
  ceiling.name = "ceiling (bare node:http)";
  const loadDone = performance.now();
  await stopChildren();

  // ── report ──
  const peakBytes = memory.samples > 0 ? memory.peakBytes : null;
  const table = resultTable(rows, ceiling);
  const verdicts = checks(
    rows.find((m) => m.name === "search"),
    rows.find((m) => m.name === "product"),
    peakBytes,
    rows.filter((m) => m.name.startsWith("admin")),
  );
  const cpus = os.cpus();
  const machine = `${cpus.length} cores, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${num(os.totalmem() / 1024 ** 3, 1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`;
  const autocannonVersion = JSON.parse(readFileSync(path.join(ROOT, "node_modules/autocannon/package.json"), "utf8")).version;
  const date = new Date();
  const dateText = `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const database = options.provider === "sqlite" ? `SQLite (${SQLITE_FILE})` : `PostgreSQL (${redactUrl(options.databaseUrl)})`;
  const products = `${num(catalogue.total)} (${num(catalogue.published)} published)`;
  const memoryText = peakBytes
    ? `${mib(peakBytes)} peak (${num(memory.samples)} samples every ${RSS_INTERVAL_MS} ms${rssAtStart ? `; ${mib(rssAtStart)} when started` : ""})`
    : "n/a (needs /proc)";
  const totalS = (performance.now() - startedAt) / 1000;
  const timing = `${num(totalS, 0)} s in all (database ${num((setupDone - startedAt) / 1000, 0)} s, ${built ? "build" : "build check"} and start ${num((loadStarted - setupDone) / 1000, 0)} s, load ${num((loadDone - loadStarted) / 1000, 0)} s)`;

  const busy = loadAverage > cpus.length / 2;
  const busyNote = busy
    ? `Note: the machine was busy when the load started (load average ${num(loadAverage, 1)} on ${cpus.length} cores): other processes took CPU, so these figures are lower than on an idle machine.`
    : "";
  const serverLogNote = app.logErrors()
    ? `The server logged ${num(app.logErrors())} errors during the run (${SERVER_LOG}).`
    : `The server logged no errors (${SERVER_LOG}).`;
  console.log(`\n${textTable(table)}`);
  console.log(`\nServer memory (RSS): ${memoryText}`);
  console.log(`Machine: ${machine}`);
  if (version) console.log(`Code: ${version}`);
  console.log(`Node ${process.version}, autocannon ${autocannonVersion}; database ${database}; products ${products}`);
  console.log(`Date: ${dateText}; ${timing}`);
  if (busyNote) console.log(busyNote);
  console.log(serverLogNote);
  console.log("\nGoals (informational):");
  const goalWidth = Math.max(...verdicts.map((v) => v.goal.length));
  for (const v of verdicts) console.log(`  ${v.verdict.startsWith("PASS") ? "PASS" : v.verdict === "n/a" ? "n/a " : "FAIL"}  ${v.goal.padEnd(goalWidth)}  ${v.measured}${v.verdict.startsWith("FAIL ") ? `  ${v.verdict.slice(5)}` : ""}`);

  const markdown = `# Benchmarks

Load test of the production server, started as \`npm start\` starts it (\`node ${serverNodeArgs().join(" ")}\`), written by \`bench/run.mjs\`;
every run of \`npm run bench\` overwrites this file. Run by hand, not in CI.

- **Command:** \`${commandLine(options.argv)}\`
- **Date:** ${dateText}${version ? `\n- **Code:** ${version}` : ""}
- **Machine:** ${machine}
- **Node:** ${process.version}; autocannon ${autocannonVersion}
- **Database:** ${database}; products: ${products}
- **Load:** ${options.connections} connections, ${WARM_UP_SECONDS} s warm-up then ${options.duration} s per target, one target at a time
- **Picked from the data:** search word \`${word.word}\` (the most frequent folded word in published product names, in ${num(word.count)} of them); product \`${catalogue.slug}\`
- **Uncached search:** every request asks for a different search (the ${num(Math.min(40, ranked.length))} most frequent words × 5 star filters × 4 sorts × 2 pages: ${num(searches.size)} URLs; ${num(searches.used())} requested${searches.used() > searches.size ? ", so some came round again and may have been cache hits" : ""}), so neither the page cache nor the read cache can answer: what a search costs when it is new
- **Run time:** ${timing}
- **Load average when the load started:** ${num(loadAverage, 2)} (1 min, ${cpus.length} cores)${busy ? " — the machine was busy with other work, so these figures are lower than on an idle machine" : ""}

## Results

${markdownTable(table)}

Server memory (RSS of the server process): ${memoryText}. ${serverLogNote}

The ceiling is a bare \`node:http\` server (\`bench/ceiling-server.mjs\`, its own process) answering every request with ${num(page.body.length)} bytes held in memory: what the real server returned for \`${ceilingSource}\`${ceilingSource === "/" ? " (the product page did not answer 200 in this run)" : ""}.

## Goals

| Goal | Measured | Result |
| --- | ---: | --- |
${verdicts.map((v) => `| ${v.goal} | ${v.measured} | ${v.verdict} |`).join("\n")}

The goals are informational: \`npm run bench\` exits 0 whatever they say, unless the benchmark itself failed.

## How to read this

- **Alone** is the time of one request sent on its own, with no other benchmark traffic (the median of three, after the warm-up): what the page itself costs. The other columns are under load; a page that is slow alone cannot be fast under load, and a short \`--duration\` may end before any of its queued requests is answered.
- **Requests/s** is the mean of autocannon's one-second samples over the measured run; **p50/p99** are the median and 99th-percentile response times at ${options.connections} concurrent connections (so a higher p99 under load is expected, unlike a single request's time). **Responses** is how many answers arrived during the measured run; "—" means none did (every request was still waiting, or timed out after 10 s, when the run ended).
- **Non-2xx** counts answers that were not 2xx, with their status codes; a row marked "404 — not built yet" measured a page that does not exist yet (every answer was 404), so its numbers say nothing about the page. **Errors** are connection errors and timeouts.
- Each target gets a ${WARM_UP_SECONDS} s warm-up first, and after the warm-up and after the run the benchmark waits (up to 60 s) until the server answers \`/healthz\` quickly again, so requests left queued by a slow page do not count against the next one.
- **vs ceiling** is the target's requests/s as a share of the ceiling's: how much of what bare Node.js can serve on this machine the app keeps after routing, database queries and React rendering.
- Load generator and servers share this machine's ${cpus.length} cores, so the figures are lower than on a dedicated server, and the ceiling row is partly a measure of autocannon itself. Requests carry no \`Accept-Encoding\`, so compression is not exercised.
- Numbers vary between machines and between runs; compare runs made on the same machine with the same options.
`;
  writeFileSync(path.join(ROOT, REPORT_FILE), markdown);
  console.log(`\nWrote ${REPORT_FILE}. Finished in ${num(totalS, 0)} s.`);
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
  if (error instanceof Error && /Unknown option|Unexpected argument|must be/.test(error.message)) console.error(USAGE);
  await stopChildren();
  process.exit(1);
}
