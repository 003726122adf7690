// Statements outside a transaction, while another request's interactive
// transaction is open on the same SQLite client (db.sqlite-adapter.server.ts,
// point 4): a read sees only committed rows and does not wait; a write is not
// swept into the open transaction, so its rollback does not undo it.
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configureDatabase, createDatabase, type Database } from "../../app/db.server";
import { freshSqlite, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer } from "../helpers/fixtures";

class Abandoned extends Error {}

/** An interactive transaction that renames `producerId`, then waits until `finish` is called, then commits or fails. */
function openRename(db: Database, producerId: number, legalName: string) {
  let finish!: (outcome: "commit" | "fail") => void;
  const decided = new Promise<"commit" | "fail">((resolve) => (finish = resolve));
  let renamed!: () => void;
  const whenRenamed = new Promise<void>((resolve) => (renamed = resolve));
  const done = db
    .$transaction(
      async (tx) => {
        await tx.producer.update({ where: { id: producerId }, data: { legalName } });
        renamed();
        if ((await decided) === "fail") throw new Abandoned();
      },
      { timeout: 10_000 },
    )
    .then(
      () => "committed" as const,
      (error: unknown) => {
        if (error instanceof Abandoned) return "rolled back" as const;
        throw error;
      },
    );
  return { whenRenamed, finish, done };
}

for (const journal of ["rollback journal", "WAL"] as const) {
  describe(`SQLite statements outside a transaction, ${journal}`, () => {
    let test: TestDatabase;
    let db: Database;
    let first: number;
    let second: number;

    beforeEach(async () => {
      test = await freshSqlite();
      db = test.db;
      if (journal === "WAL") await configureDatabase(db);
      const { province } = await loadMinimalReference(db);
      first = (await makeProducer(db, province.id, { legalName: "Hợp tác xã Một" })).id;
      second = (await makeProducer(db, province.id, { legalName: "Hợp tác xã Hai" })).id;
    });

    afterEach(async () => {
      await test.dispose();
    });

    const nameOf = async (id: number) => (await db.producer.findUniqueOrThrow({ where: { id }, select: { legalName: true } })).legalName;

    it("a read sees neither an open transaction's rows nor, after its rollback, anything of it", async () => {
      const open = openRename(db, first, "Chưa lưu");
      await open.whenRenamed;
      expect(await nameOf(first)).toBe("Hợp tác xã Một");
      expect(await db.producer.count({ where: { legalName: "Chưa lưu" } })).toBe(0);
      open.finish("fail");
      expect(await open.done).toBe("rolled back");
      expect(await nameOf(first)).toBe("Hợp tác xã Một");
    });

    it("a read after the commit sees the committed rows", async () => {
      const open = openRename(db, first, "Đã lưu");
      await open.whenRenamed;
      open.finish("commit");
      expect(await open.done).toBe("committed");
      expect(await nameOf(first)).toBe("Đã lưu");
    });

    it("a write outside waits for the open transaction and survives its rollback", async () => {
      const open = openRename(db, first, "Chưa lưu");
      await open.whenRenamed;
      let written = false;
      const writing = db.producer.update({ where: { id: second }, data: { legalName: "Hai, đổi tên" } }).then(() => (written = true));
      // Reads do not wait for the open transaction; the write does.
      expect(await nameOf(second)).toBe("Hợp tác xã Hai");
      expect(written).toBe(false);
      open.finish("fail");
      expect(await open.done).toBe("rolled back");
      await writing;
      expect(await nameOf(second)).toBe("Hai, đổi tên");
      expect(await nameOf(first)).toBe("Hợp tác xã Một");
    });

    it("a raw write outside a transaction, and one that fails, leave the connection usable", async () => {
      await db.$executeRaw`UPDATE "Producer" SET "legalName" = ${"Một, thô"} WHERE "id" = ${first}`;
      expect(await nameOf(first)).toBe("Một, thô");
      // Two rows cannot share a tax code: the second update fails half-way and changes nothing.
      await expect(db.$executeRaw`UPDATE "Producer" SET "legalName" = ${"Không lưu"}, "taxCode" = ${"0000000000"}`).rejects.toThrow(/unique/i);
      expect(await db.producer.count({ where: { legalName: "Không lưu" } })).toBe(0);
      const open = openRename(db, second, "Sau lỗi");
      await open.whenRenamed;
      open.finish("commit");
      expect(await open.done).toBe("committed");
      expect(await nameOf(second)).toBe("Sau lỗi");
    });
  });
}

describe("SQLite configured at a server's start", () => {
  const journal = async (db: Database) => (await db.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode"))[0]?.journal_mode;

  it("waits for another process's read to switch a new file to WAL, and two servers starting at once both start", async () => {
    for (let round = 0; round < 5; round++) {
      const test = await freshSqlite();
      const other = createDatabase(test.url);
      // Another process reading the file: the switch to WAL needs it to finish.
      const reader = new BetterSqlite3(test.url.replace(/^file:/, ""), { timeout: 0 });
      try {
        expect(await journal(test.db)).not.toBe("wal");
        reader.prepare("BEGIN").run();
        reader.prepare(`SELECT COUNT(*) FROM "Producer"`).get();
        setTimeout(() => reader.prepare("COMMIT").run(), 100);
        const started = performance.now();
        await Promise.all([configureDatabase(test.db), configureDatabase(other)]);
        expect(performance.now() - started).toBeGreaterThanOrEqual(90);
        expect([await journal(test.db), await journal(other)]).toEqual(["wal", "wal"]);
        // A file already in WAL: a start with another connection's write open goes through.
        await other.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`UPDATE "CatalogueVersion" SET "version" = "version" WHERE "id" = 1`);
          await configureDatabase(test.db);
        });
        expect(await journal(test.db)).toBe("wal");
      } finally {
        reader.close();
        await other.$disconnect();
        await test.dispose();
      }
    }
  });
});
