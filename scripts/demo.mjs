// `npm run demo`: from a fresh clone to the catalogue on http://localhost:3000.
// Installs dependencies when needed, creates and migrates the SQLite database in
// data/, seeds the Hòa Bình demo if the database is empty, builds, and serves.
// Run it again any time: data is kept. Uses only Node built-ins until installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { serverEnv, serverNodeArgs } from "./server-command.mjs";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function step(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const t0 = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const installed = "node_modules/.package-lock.json";
const needsInstall = !existsSync(installed) || statSync("package-lock.json").mtimeMs > statSync(installed).mtimeMs;
if (needsInstall) step("Installing dependencies (npm ci; the first time takes about 3 minutes)", npm, ["ci", "--no-audit", "--no-fund"]);
else if (!existsSync("app/generated/sqlite/client.ts")) step("Generating the database clients", process.execPath, ["scripts/prisma.mjs", "generate"]);

const { DEFAULT_DATABASE_URL, providerOf } = await import("../app/db.config.js");
const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const where = providerOf(databaseUrl) === "sqlite" ? databaseUrl.replace(/^file:/, "") : "PostgreSQL";

step(`Migrating the database (${where})`, process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"], { DATABASE_URL: databaseUrl });
step("Seeding the Hòa Bình demo catalogue (with its generated pictures) if the database is empty, and the demo sign-ins", process.execPath, ["node_modules/tsx/dist/cli.mjs", "prisma/seed/cli.ts", "--if-empty", "--demo-accounts"], { DATABASE_URL: databaseUrl });
step("Building the production app", process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"]);

const port = process.env.PORT || "3000";
console.log(`\n✔ Ready. Open http://localhost:${port}  (English: http://localhost:${port}/en)`);
console.log(`  Admin area: http://localhost:${port}/admin — demo sign-ins (demo only):`);
const demoAccounts = JSON.parse(readFileSync("prisma/seed/demo-accounts.json", "utf8"));
for (const account of demoAccounts) console.log(`    ${account.role.padEnd(8)} ${account.email.padEnd(28)} ${account.password}${account.province ? `  (${account.province} only)` : ""}`);
// The seed and the server both read MEDIA_DIR (default data/media) for the product images.
console.log(`  Data: ${where}; images in ${process.env.MEDIA_DIR || "data/media"}. Stop with Ctrl+C.\n`);
const server = spawn(process.execPath, serverNodeArgs(), {
  stdio: "inherit",
  // Production needs the public origin for its links; the demo is served on this machine.
  env: { ...process.env, ...serverEnv(), NODE_ENV: "production", DATABASE_URL: databaseUrl, PORT: port, PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${port}` },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
