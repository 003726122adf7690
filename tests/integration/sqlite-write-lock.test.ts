import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { DATABASE_BUSY_MESSAGE, withDomainErrorResponses } from "../../app/lib/errors.server";
import { expectConsoleErrors } from "../setup/each-file";
import { freshSqlite, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer } from "../helpers/fixtures";



/**
 * Another process (a second server, or an e2e fixture script) writing to the
 * same SQLite file: it takes the write lock, holds it for `holdMs`, and commits.
 */
async function writerInAnotherProcess(file: string, holdMs: number): Promise<ChildProcess> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    db.exec('UPDATE "Producer" SET "legalName" = "legalName" || \\' (khác)\\'');
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); }, ${holdMs});
  `;
  const child = spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
  const ready = await Promise.race([once(child.stdout!, "data").then(([chunk]) => String(chunk)), once(child, "exit").then(([code]) => `exited with ${code}`)]);
  expect(ready).toBe("locked\n");
  return child;
}

describe("a SQLite transaction that reads, then writes, while another process writes", () => {
  let test: TestDatabase;
  let db: Database;
  let producerId: number;

  beforeEach(async () => {
    test = await freshSqlite();
    db = test.db;
    const { province } = await loadMinimalReference(db);
    producerId = (await makeProducer(db, province.id)).id;
  });

  afterEach(async () => test.dispose());

  it("waits for the other writer instead of failing with 'database is locked'", async () => {
    const child = await writerInAnotherProcess(test.url.replace(/^file:/, ""), 400);
    const started = performance.now();
    // The shape of every write service: read what is there, then change it.
    const renamed = await db.$transaction(async (tx) => {
      const before = await tx.producer.findUniqueOrThrow({ where: { id: producerId }, select: { legalName: true } });
      return tx.producer.update({ where: { id: producerId }, data: { legalName: `${before.legalName} (mới)` }, select: { legalName: true } });
    });
    const waited = performance.now() - started;
    await once(child, "exit");
    // It began after the other process committed, so it saw that write and kept it.
    expect(renamed.legalName).toMatch(/ \(khác\) \(mới\)$/);
    expect(waited).toBeGreaterThan(100);
  });

  it("past its busy timeout, fails cleanly: nothing written, the next transaction runs, and a route answers 503", async () => {
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 100");
    const child = await writerInAnotherProcess(test.url.replace(/^file:/, ""), 1_000);
    const rename = () =>
      db.$transaction(async (tx) => {
        await tx.producer.update({ where: { id: producerId }, data: { legalName: "Đổi tên" } });
      });
    // The one error adapter, around an action that writes.
    const build = withDomainErrorResponses({ routes: { save: { module: { action: rename } } } });
    const action = (build.routes.save!.module as { action: () => Promise<unknown> }).action;
    const answer = await action().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expectConsoleErrors(1); // the server's log line
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(503);
    expect((answer as Response).headers.get("Retry-After")).toBe("5");
    expect(await (answer as Response).text()).toBe(DATABASE_BUSY_MESSAGE);
    await once(child, "exit");
    // The adapter's lock was released: the next transaction runs, and sees only the other process's write.
    const legalName = await db.$transaction((tx) => tx.producer.findUniqueOrThrow({ where: { id: producerId } }).then((producer) => producer.legalName));
    expect(legalName).toMatch(/ \(khác\)$/);
    await rename();
    expect((await db.producer.findUniqueOrThrow({ where: { id: producerId } })).legalName).toBe("Đổi tên");
  });
});
