import Sqlite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Database } from "../../app/db.server";
import { freshSqlite, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer } from "../helpers/fixtures";

// The SQLite adapter keeps prepared statements by their SQL (app/db.sqlite-adapter.server.ts).
describe("prepared statements kept by the SQLite adapter", () => {
  let test: TestDatabase;
  let db: Database;
  let provinceId: number;
  let prepare: { mock: { calls: unknown[][] }; mockRestore(): void };
  const preparedTimes = (fragment: string) => prepare.mock.calls.filter(([sql]) => String(sql).includes(fragment)).length;

  beforeEach(async () => {
    // Spied before the first query, which is when the client connects and wraps `prepare`.
    prepare = vi.spyOn(Sqlite.prototype, "prepare");
    test = await freshSqlite();
    db = test.db;
    provinceId = (await loadMinimalReference(db)).province.id;
  });

  afterEach(async () => {
    prepare.mockRestore();
    await db.$disconnect();
    await test.dispose();
  });

  it("prepares a query once and binds each run's own arguments", async () => {
    const names = ["Hợp tác xã Một", "Hợp tác xã Hai", "Hợp tác xã Ba"];
    const ids = [];
    for (const legalName of names) ids.push((await makeProducer(db, provinceId, { legalName })).id);
    for (let round = 0; round < 3; round++) {
      for (const [index, id] of ids.entries()) {
        const rows = await db.$queryRaw<Array<{ legalName: string; marker: string }>>`
          SELECT "legalName", ${`lượt ${round}`} AS "marker" FROM "Producer" WHERE "id" = ${id}`;
        expect(rows).toEqual([{ legalName: names[index], marker: `lượt ${round}` }]);
      }
    }
    expect(preparedTimes(`AS "marker" FROM "Producer"`)).toBe(1);
    // Writes too: the same UPDATE with other arguments changes only its own row.
    for (const [index, id] of ids.entries()) await db.$executeRaw`UPDATE "Producer" SET "legalName" = ${`${names[index]} (mới)`} WHERE "id" = ${id}`;
    expect(preparedTimes(`UPDATE "Producer" SET "legalName"`)).toBe(1);
    const after = await db.producer.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { legalName: true } });
    expect(after.map((producer) => producer.legalName)).toEqual(names.map((name) => `${name} (mới)`));
  });

  it("keeps a statement usable after it failed, and inside transactions that roll back", async () => {
    const first = await makeProducer(db, provinceId);
    const second = await makeProducer(db, provinceId);
    const rename = (id: number, taxCode: string) => db.$executeRaw`UPDATE "Producer" SET "taxCode" = ${taxCode} WHERE "id" = ${id}`;
    // The tax code is unique: the second rename fails, and the same statement then works again.
    await rename(first.id, "0100000001");
    await expect(rename(second.id, "0100000001")).rejects.toThrow(/unique/i);
    await rename(second.id, "0100000002");
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "Producer" SET "taxCode" = ${"0100000009"} WHERE "id" = ${first.id}`;
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    const codes = await db.producer.findMany({ where: { id: { in: [first.id, second.id] } }, orderBy: { id: "asc" }, select: { taxCode: true } });
    expect(codes.map((producer) => producer.taxCode)).toEqual(["0100000001", "0100000002"]);
    expect(preparedTimes(`UPDATE "Producer" SET "taxCode"`)).toBe(1);
  });
});
