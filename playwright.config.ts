import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// One database per port, so two runs on one machine never share a file.
export const E2E_DATABASE = `e2e/.tmp/e2e-${E2E_PORT}.db`;

// Debian's Chromium on these machines; elsewhere CHROMIUM_PATH, or Playwright's own browser.
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // CI machines differ up to four-fold in speed (the same axe check took 2.7 s on
  // one and 11 s on another): each limit is about five times the test's time on a
  // fast machine, so a slow one fails only on what is wrong, not on the clock.
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // Tests that write to the shared e2e database (tagged @writes: the admin area) run
  // after every read-only test has finished, so no count a page shows can change
  // under a test that compares it with the database. Writing tests that compare a
  // count across pages (tagged @counts too) run last, alone, one at a time.
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, grepInvert: /@writes/ },
    { name: "mobile", use: { ...devices["Pixel 7"] }, grep: /@mobile/, grepInvert: /@writes/ },
    { name: "writes", use: { ...devices["Desktop Chrome"] }, grep: /@writes/, grepInvert: /@counts/, dependencies: ["desktop", "mobile"] },
    { name: "counts", use: { ...devices["Desktop Chrome"] }, grep: /@counts/, dependencies: ["writes"], fullyParallel: false },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${E2E_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(E2E_PORT), E2E_DATABASE },
  },
});
