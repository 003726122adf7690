// The browser tests' server: a fresh demo database and the production build on loopback.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { runPrisma } from "./prisma.mjs";
import { serverEnv, serverNodeArgs } from "./server-command.mjs";

const database = process.env.E2E_DATABASE ?? `e2e/.tmp/e2e-${process.env.E2E_PORT ?? "3100"}.db`;
const databaseUrl = `file:./${database}`;
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(database + suffix, { force: true });
// Each port's own image folder, emptied like its database: the seed fills both.
const mediaDir = process.env.E2E_MEDIA_DIR ?? `e2e/.tmp/media-${process.env.E2E_PORT ?? "3100"}`;
rmSync(mediaDir, { recursive: true, force: true });

runPrisma(["migrate", "deploy"], databaseUrl);
const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "prisma/seed/cli.ts", "--demo-accounts"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: databaseUrl, MEDIA_DIR: mediaDir },
});
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

const server = spawn(process.execPath, serverNodeArgs(), {
  stdio: "inherit",
  env: {
    ...process.env, ...serverEnv(),
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: mediaDir,
    HOST: "127.0.0.1",
    PORT: process.env.E2E_PORT ?? "3100",
    PUBLIC_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`,
    LOG_REQUESTS: "false",
    // Every browser test signs in from 127.0.0.1, which real visitors never share: lift the
    // per-address limits (integration tests cover them); the per-account throttle stays.
    SIGN_IN_POSTS_PER_MINUTE: "1000",
    SIGN_IN_FAILURES_PER_ADDRESS: "1000",
    SIGN_UPS_PER_HOUR: "1000",
    SIGN_UP_POSTS_PER_HOUR: "100000",
  },
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
