import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { parseDate } from "../../app/lib/dates";
import { catalogueColumns } from "../../app/modules/catalogue/catalogue-columns.server";
import { POLL_MS } from "../../app/modules/catalogue/changes.server";
import { invalidateCatalogueReads } from "../../app/modules/catalogue/read-cache.server";
import { parseCatalogueQuery } from "../../app/modules/catalogue/query.server";
import { bestMatchingProductIds, searchCatalogue } from "../../app/modules/catalogue/search.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-11-23");
const certify = certifierFor(TODAY);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The in-memory columns read the change counter at most every POLL_MS, and at once after a
// write in this process (catalogue-columns.server.ts). Another process's write is what the
// raw statements below stand for: they change the catalogue and bump the counter, with no
// invalidation in this process.
describe.each(testProviders())("the catalogue columns after another process's write on %s", (provider) => {
  let test: TestDatabase;
  let db: Database;
  let productId: number;

  beforeEach(async () => {
    test = await freshDatabase(provider);
    db = test.db;
    const { province } = await loadMinimalReference(db);
    const producer = await makeProducer(db, province.id);
    productId = (await makeProduct(db, producer.id, { nameVi: "Mật ong rừng" })).id;
    await certify(db, productId, 4, "2025-05-01");
  });

  afterEach(async () => test.dispose());

  it("show the write within a poll interval, without reading the counter on every search", async () => {
    const checked = performance.now();
    expect((await bestMatchingProductIds(db, "mat ong", TODAY, 8)).ids).toEqual([productId]);
    await db.$executeRaw`UPDATE "CatalogueEntry" SET "nameLower" = 'kiwi sấy', "nameFolded" = 'kiwi say', "searchKey" = 'kiwi say' WHERE "productId" = ${productId}`;
    await db.$executeRaw`UPDATE "CatalogueVersion" SET "version" = "version" + 1 WHERE "id" = 1`;
    // Within the interval the columns in memory still answer (unless this machine took the whole interval).
    const stale = (await bestMatchingProductIds(db, "kiwi", TODAY, 8)).ids;
    if (performance.now() - checked < POLL_MS - 50) expect(stale).toEqual([]);
    await sleep(POLL_MS + 50);
    expect((await bestMatchingProductIds(db, "kiwi", TODAY, 8)).ids).toEqual([productId]);
    expect((await bestMatchingProductIds(db, "mat ong", TODAY, 8)).ids).toEqual([]);
  });

  it("are built once for all the searches that find them out of date at the same time", async () => {
    const first = await catalogueColumns(db);
    for (const columns of await Promise.all([catalogueColumns(db), catalogueColumns(db)])) expect(columns).toBe(first);
    await db.$executeRaw`UPDATE "CatalogueVersion" SET "version" = "version" + 1 WHERE "id" = 1`;
    // A write in this process: the next searches read the counter at once.
    invalidateCatalogueReads();
    const waiting = await Promise.all(Array.from({ length: 5 }, () => catalogueColumns(db)));
    expect(waiting[0]).not.toBe(first);
    expect(waiting[0]!.version).toBe(first.version + 1);
    for (const columns of waiting) expect(columns).toBe(waiting[0]);
    // Later searches of the same version get the same build.
    expect(await catalogueColumns(db)).toBe(waiting[0]);
  });

  it("name a card's place from the database when the columns do not know it yet", async () => {
    const { query } = parseCatalogueQuery(new URLSearchParams("q=mat ong"));
    const before = await searchCatalogue(db, query, TODAY);
    expect(before.items.map((card) => card.id)).toEqual([productId]);
    // A seed in another process adds a province and moves the producer there; this process's columns have not read it.
    await db.$executeRaw`INSERT INTO "Province" ("slug", "nameVi", "nameEn", "formedFromVi", "searchKey") VALUES ('tinh-moi', 'Tỉnh Mới', 'New Province', '', 'tinh moi')`;
    await db.$executeRaw`UPDATE "Producer" SET "provinceId" = (SELECT "id" FROM "Province" WHERE "slug" = 'tinh-moi')`;
    const after = await searchCatalogue(db, query, TODAY);
    expect(after.items.map((card) => card.producer.province)).toEqual([{ nameVi: "Tỉnh Mới", nameEn: "New Province" }]);
  });
});
