/**
 * Production servers started by a browser test on a database of its own
 * (multi-process, import-crash): start, wait for /healthz, stop (every one
 * still running is stopped after the file's tests), and the scratch
 * databases they run on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import type { APIRequestContext } from "@playwright/test";
import { dropTestDatabase } from "../../tests/helpers/drop-database";
import { runPrisma } from "../../scripts/prisma.mjs";
import { serverEnv, serverNodeArgs } from "../../scripts/server-command.mjs";

const DEFAULT_POSTGRES_ADMIN_URL = "postgresql://ocop:ocop@127.0.0.1:5432/postgres";

export type ServerProcess = { name: string; port: number; origin: string; child: ChildProcess; output: () => string; exited: Promise<number | null> };

const running = new Set<ServerProcess>();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `npm start` on 127.0.0.1:`port` against `databaseUrl`; `env` adds settings. */
export function startServer(name: string, port: number, databaseUrl: string, env: Record<string, string> = {}): ServerProcess {
  const child = spawn(process.execPath, serverNodeArgs(), {
    env: {
      ...process.env, ...serverEnv(),
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_REQUESTS: "false",
      DATABASE_URL: databaseUrl,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server = { name, port, origin: `http://127.0.0.1:${port}`, child, output: () => output, exited };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

/** SIGTERM, then SIGKILL after 10 s. */
export async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill("SIGTERM");
  const stopped = await Promise.race([server.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
}

/** For `test.afterAll`: whatever a failed test left running. */
export function stopAllServers(): Promise<void[]> {
  return Promise.all([...running].map(stopServer));
}

export async function waitUntilHealthy(request: APIRequestContext, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited (${server.child.exitCode}):\n${server.output()}`);
    const response = await request.get(`${server.origin}/healthz`, { timeout: 2_000 }).catch(() => null);
    if (response?.status() === 200) return;
    await sleep(200);
  }
  throw new Error(`${server.name} did not answer /healthz within 60 s:\n${server.output()}`);
}

/** Runs a command to its end; rejects with its output when it fails. */
export function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(" ")} exited ${code}:\n${output}`))));
  });
}

/**
 * A migrated database with the Hòa Bình demo (and, with `demoAccounts`, its
 * sign-ins), as scripts/e2e-server.mjs prepares one; `mediaDir` receives the
 * demo's images (else the default MEDIA_DIR).
 */
export async function migrateAndSeed(databaseUrl: string, { demoAccounts = false, mediaDir }: { demoAccounts?: boolean; mediaDir?: string } = {}): Promise<void> {
  runPrisma(["migrate", "deploy"], databaseUrl);
  await run(["node_modules/tsx/dist/cli.mjs", "prisma/seed/cli.ts", ...(demoAccounts ? ["--demo-accounts"] : [])], {
    DATABASE_URL: databaseUrl,
    ...(mediaDir ? { MEDIA_DIR: mediaDir } : {}),
  });
}

/** The first PostgreSQL admin URL that answers (TEST_POSTGRES_URL, then the local cluster), or null. */
export async function reachablePostgres(): Promise<string | null> {
  for (const url of [process.env.TEST_POSTGRES_URL, DEFAULT_POSTGRES_ADMIN_URL].filter((candidate): candidate is string => Boolean(candidate))) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return url;
    } catch {
      // the next one
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return null;
}

/** Runs one statement; returns its rows. */
export async function pgQuery<Row extends Record<string, unknown>>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** An empty database `name` on the server of `adminUrl` (dropped first if left over); returns its URL and a drop function. */
export async function scratchPostgres(adminUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const drop = () => dropTestDatabase((sql) => pgQuery(adminUrl, sql), name);
  await drop();
  await pgQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop };
}
