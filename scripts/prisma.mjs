// Runs the Prisma CLI with this project's settings:
//   node scripts/prisma.mjs generate        both clients (SQLite and PostgreSQL)
//   node scripts/prisma.mjs <args…>         the CLI against DATABASE_URL (default: the embedded SQLite)
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATABASE_URL, providerOf, sqlitePath } from "../app/db.config.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const preload = fileURLToPath(new URL("./unref-timers.cjs", import.meta.url));

export function runPrisma(args, databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
  if (providerOf(databaseUrl) === "sqlite") mkdirSync(dirname(sqlitePath(databaseUrl)), { recursive: true });
  const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", ...args], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${preload}`.trim(),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) throw new Error(`prisma ${args.join(" ")} failed (exit ${result.status})`);
}

export function generateClients() {
  spawnSync(process.execPath, ["scripts/derive-pg-schema.mjs"], { cwd: root, stdio: "inherit" });
  runPrisma(["generate"], "file:./data/generate-placeholder.db");
  runPrisma(["generate"], "postgresql://placeholder@localhost/placeholder");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  try {
    if (args[0] === "generate" && args.length === 1) generateClients();
    else runPrisma(args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
