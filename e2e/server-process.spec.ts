// The production server as an operator meets it: bad settings and SIGTERM.
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE } from "../playwright.config";
import { serverEnv, serverNodeArgs } from "../scripts/server-command.mjs";

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, serverNodeArgs(), {
    env: { ...process.env, ...serverEnv(), NODE_ENV: "production", HOST: "127.0.0.1", LOG_REQUESTS: "false", PUBLIC_URL: "http://127.0.0.1", ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

for (const [setting, value] of [
  ["PORT", "not-a-port"],
  ["DATABASE_URL", "mysql://localhost/ocop"],
  ["PUBLIC_URL", "ftp://example"],
] as const) {
  test(`a bad ${setting} stops the server with a message that names it`, async () => {
    const server = startServer({ DATABASE_URL: `file:./${E2E_DATABASE}`, PORT: "3199", [setting]: value });
    expect(await server.exited).toBe(78);
    expect(server.output()).toContain(`${setting}:`);
    expect(server.output()).toContain("The server cannot start");
    expect(server.output()).not.toMatch(/\n\s+at /); // no stack trace
  });
}

test("SIGTERM finishes gracefully", async ({ request }) => {
  const port = 3198;
  const server = startServer({ DATABASE_URL: `file:./${E2E_DATABASE}`, PORT: String(port) });
  await expect
    .poll(async () => (await request.get(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status(), {
      timeout: 15_000,
    })
    .toBe(200);
  server.child.kill("SIGTERM");
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain("Stopped.");
});
