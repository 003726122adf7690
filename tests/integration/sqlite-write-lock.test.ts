import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../app/db.server";
import { DATABASE_BUSY_MESSAGE, withDomainErrorResponses } from "../../app/lib/errors.server";
import { expectConsoleErrors } from "../setup/each-file";
import { freshSqlite, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer } from "../helpers/fixtures";



/**
 * Another process (a second server, or an e2e fixture script) writing to the
 * same SQLite file: it takes the write lock, holds it for `holdMs`, and commits.
 */
async function writerInAnotherProcess(file: string, holdMs: number): Promise<{ exited: Promise<unknown> }> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    db.exec('UPDATE "Producer" SET "legalName" = "legalName" || \\' (khác)\\'');
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); }, ${holdMs});
  `;
  const child = spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = once(child, "exit");
  const ready = await Promise.race([once(child.stdout!, "data").then(([chunk]) => String(chunk)), exited.then(([code]) => `exited with ${code}`)]);
  expect(ready).toBe("locked\n");
  return { exited };
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

  afterEach(async () => {
    await db.$disconnect();
    await test.dispose();
  });

  /** Renames the producer the way every write service writes (read, then change) while another process holds the lock for `holdMs`. */
  async function renameWhileAnotherProcessHoldsTheLock(holdMs: number) {
    const child = await writerInAnotherProcess(test.url.replace(/^file:/, ""), holdMs);
    const started = performance.now();
    const renamed = await db.$transaction(async (tx) => {
      const before = await tx.producer.findUniqueOrThrow({ where: { id: producerId }, select: { legalName: true } });
      return tx.producer.update({ where: { id: producerId }, data: { legalName: `${before.legalName} (mới)` }, select: { legalName: true } });
    });
    const waited = performance.now() - started;
    await child.exited;
    return { renamed, waited };
  }

  it("waits for the other writer instead of failing with 'database is locked'", async () => {
    const { renamed, waited } = await renameWhileAnotherProcessHoldsTheLock(400);
    // It began after the other process committed, so it saw that write and kept it.
    expect(renamed.legalName).toMatch(/ \(khác\) \(mới\)$/);
    expect(waited).toBeGreaterThan(100);
  });

  it("waits longer than Prisma's own 2 s limit on starting a transaction, up to the adapter's wait", { timeout: 15_000 }, async () => {
    const { renamed, waited } = await renameWhileAnotherProcessHoldsTheLock(2_600);
    expect(renamed.legalName).toMatch(/ \(khác\) \(mới\)$/);
    expect(waited).toBeGreaterThan(2_000);
  });

  it("past its wait for the lock, fails cleanly: nothing written, the next transaction runs, and a route answers 503", async () => {
    await db.$disconnect();
    db = createDatabase(test.url, { lockWaitMs: 100 });
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
    await child.exited;
    // The adapter's lock was released: the next transaction runs, and sees only the other process's write.
    const legalName = await db.$transaction((tx) => tx.producer.findUniqueOrThrow({ where: { id: producerId } }).then((producer) => producer.legalName));
    expect(legalName).toMatch(/ \(khác\)$/);
    await rename();
    expect((await db.producer.findUniqueOrThrow({ where: { id: producerId } })).legalName).toBe("Đổi tên");
  });

  it("two connections in one process: a write waits for the other's open transaction without freezing the event loop", async () => {
    const second = createDatabase(test.url);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const first = db.$transaction(async (tx) => {
        await tx.producer.update({ where: { id: producerId }, data: { legalName: "Thứ nhất" } });
        locked();
        await held;
      });
      await lockTaken;
      const writing = second.producer.update({ where: { id: producerId }, data: { legalName: "Thứ hai" } });
      // The event loop keeps turning while the second connection waits for the lock.
      let turns = 0;
      const started = performance.now();
      while (performance.now() - started < 150) await new Promise((resolve) => setImmediate(() => resolve(turns++)));
      expect(turns).toBeGreaterThan(10);
      release();
      await first;
      await writing;
      expect((await db.producer.findUniqueOrThrow({ where: { id: producerId } })).legalName).toBe("Thứ hai");
    } finally {
      await second.$disconnect();
    }
  });
});
