// kill -9 in the middle of a CSV import leaves all rows or none. A
// production server on a fresh database (a SQLite file; then a PostgreSQL
// database): an editor signs in, uploads 5,000 producers, confirms; the
// import's progress is polled until some rows are written and it has not
// finished; the server gets SIGKILL. The database, read directly, then holds
// all 5,000 producers or none of them (and, if none, none of the import's
// audit rows). The server then starts again on the same database, and the
// catalogue answers.
import { mkdirSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { vi } from "../app/i18n/vi";
import {
  migrateAndSeed,
  pgQuery,
  reachablePostgres,
  scratchPostgres,
  sleep,
  startServer as startProductionServer,
  stopAllServers,
  stopServer,
  waitUntilHealthy,
  type ServerProcess as Server,
} from "./support/server-processes";

const ROWS = 5000;
const TMP = "e2e/.tmp";
const EDITOR = { email: "editor@ocop.example", password: "demo-editor-2026" };
// A prefix no demo producer uses: Phú Thọ's 54, then 98.
const TAX_PREFIX = "5498";

test.describe.configure({ mode: "default" });

// Every browser test signs in from 127.0.0.1: lift the per-address sign-in limits, as scripts/e2e-server.mjs does.
const startServer = (port: number, databaseUrl: string) =>
  startProductionServer(`server on ${port}`, port, databaseUrl, { SIGN_IN_POSTS_PER_MINUTE: "1000", SIGN_IN_FAILURES_PER_ADDRESS: "1000" });

test.afterAll(async () => {
  await stopAllServers();
});

function producersCsv(): string {
  const lines = ["Mã số thuế;Tên chủ thể;Loại hình;Tỉnh/thành;Trạng thái"];
  for (let i = 1; i <= ROWS; i++) lines.push(`${TAX_PREFIX}${String(i).padStart(6, "0")};Hợp tác xã Kiểm thử kill -9 số ${i};Hợp tác xã;Phú Thọ;APPROVED`);
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

type Counts = { producers: number; producerAudit: number; importAudit: number };

/** Signs in, uploads the file, confirms, waits until the apply is under way, and kills the server. */
async function killMidImport(page: Page, server: Server): Promise<{ done: number; total: number }> {
  await page.goto(`${server.origin}/login`);
  const form = page.locator("form#sign-in");
  await form.getByLabel(new RegExp(`^${vi.admin.signIn.email}`)).fill(EDITOR.email);
  await form.getByLabel(new RegExp(`^${vi.admin.signIn.password}`)).fill(EDITOR.password);
  await form.getByRole("button", { name: vi.admin.signIn.submit, exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await page.goto(`${server.origin}/admin/import`);
  await page.getByLabel(vi.admin.imports.kind).selectOption("producers");
  await page.locator("#import-file").setInputFiles({ name: "kill-9.csv", mimeType: "text/csv", buffer: Buffer.from(producersCsv(), "utf8") });
  await page.getByRole("button", { name: vi.admin.imports.check, exact: true }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toHaveAttribute("data-create", String(ROWS), { timeout: 60_000 });
  const id = await page.getByTestId("import-confirm").locator('input[name="id"]').inputValue();

  // The apply runs in the background once confirmed; watch it from outside the page.
  await page.getByTestId("import-confirm").getByRole("button").click();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await page.request.get(`${server.origin}/admin/import/progress?id=${id}`, { timeout: 5_000 }).catch(() => null);
    const progress = response?.ok() ? ((await response.json()) as { state: string; done: number; total: number }) : null;
    // "unknown" until the server has registered the apply.
    if (progress && progress.state !== "running" && progress.state !== "unknown") throw new Error(`the import finished before it could be interrupted: ${JSON.stringify(progress)}`);
    if (progress && progress.done > 0 && progress.done < progress.total) {
      server.child.kill("SIGKILL");
      await server.exited;
      return progress;
    }
    await sleep(20);
  }
  throw new Error(`the import never got under way:\n${server.output()}`);
}

function expectAllOrNone(counts: Counts, label: string) {
  console.log(`kill -9 during an import (${label}): ${counts.producers} of ${ROWS} producers, ${counts.producerAudit} audit rows, ${counts.importAudit} import rows`);
  expect([0, ROWS], `${label}: all rows or none`).toContain(counts.producers);
  if (counts.producers === 0) expect({ producerAudit: counts.producerAudit, importAudit: counts.importAudit }).toEqual({ producerAudit: 0, importAudit: 0 });
  else expect({ producerAudit: counts.producerAudit, importAudit: counts.importAudit }).toEqual({ producerAudit: ROWS, importAudit: 1 });
}

const COUNT_SQL = {
  producers: `SELECT COUNT(*) AS n FROM "Producer" WHERE "taxCode" LIKE '${TAX_PREFIX}%'`,
  producerAudit: `SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "entityType" = 'producer' AND "entityLabel" LIKE 'Hợp tác xã Kiểm thử kill -9 số %'`,
  importAudit: `SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "action" = 'import'`,
};

async function restartAndBrowse(page: Page, port: number, databaseUrl: string) {
  const again = startServer(port, databaseUrl);
  try {
    await waitUntilHealthy(page.request, again);
    const catalogue = await page.request.get(`${again.origin}/products`);
    expect(catalogue.status()).toBe(200);
    expect(await catalogue.text()).toContain('data-testid="product-card"');
  } finally {
    await stopServer(again);
  }
}

test("kill -9 during a 5,000-row import on SQLite leaves all rows or none, and the server starts again", async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(TMP, { recursive: true });
  const file = `${TMP}/import-crash-${process.pid}.db`;
  const removeFiles = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  };
  removeFiles();
  const databaseUrl = `file:./${file}`;
  try {
    await migrateAndSeed(databaseUrl, { demoAccounts: true });
    const server = startServer(3185, databaseUrl);
    await waitUntilHealthy(page.request, server);
    const progress = await killMidImport(page, server);
    console.log(`killed at ${progress.done} of ${progress.total} rows`);
    // Opening the file recovers it as SQLite does after a crash (the unfinished transaction's pages are discarded).
    const sqlite = new Database(file);
    try {
      const count = (sql: string) => Number((sqlite.prepare(sql).get() as { n: number }).n);
      expectAllOrNone({ producers: count(COUNT_SQL.producers), producerAudit: count(COUNT_SQL.producerAudit), importAudit: count(COUNT_SQL.importAudit) }, "sqlite");
    } finally {
      sqlite.close();
    }
    await restartAndBrowse(page, 3186, databaseUrl);
  } finally {
    removeFiles();
  }
});

/** The first column of the first row, as a number (a COUNT). */
async function count(url: string, sql: string): Promise<number> {
  const [row] = await pgQuery<{ n: string }>(url, sql);
  return Number(row?.n ?? 0);
}

test("kill -9 during a 5,000-row import on PostgreSQL leaves all rows or none, and the server starts again", async ({ page }) => {
  test.setTimeout(300_000);
  const adminUrl = await reachablePostgres();
  test.skip(adminUrl === null, "No PostgreSQL answers (TEST_POSTGRES_URL, or postgresql://ocop:ocop@127.0.0.1:5432/postgres)");
  const { url: databaseUrl, drop } = await scratchPostgres(adminUrl!, `ocop_e2e_import_crash_${process.pid}`);
  try {
    await migrateAndSeed(databaseUrl, { demoAccounts: true });
    const server = startServer(3187, databaseUrl);
    await waitUntilHealthy(page.request, server);
    const progress = await killMidImport(page, server);
    console.log(`killed at ${progress.done} of ${progress.total} rows`);
    // The server's connections died with it; PostgreSQL rolls back what they had not committed.
    expectAllOrNone(
      {
        producers: await count(databaseUrl, COUNT_SQL.producers),
        producerAudit: await count(databaseUrl, COUNT_SQL.producerAudit),
        importAudit: await count(databaseUrl, COUNT_SQL.importAudit),
      },
      "postgresql",
    );
    await restartAndBrowse(page, 3188, databaseUrl);
  } finally {
    await drop();
  }
});
