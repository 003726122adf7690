import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { refreshCatalogueEntries, refreshRepointedEntries } from "../../app/modules/catalogue/entries.server";
import { parseCatalogueQuery } from "../../app/modules/catalogue/query.server";
import { searchCatalogue } from "../../app/modules/catalogue/search.server";
import { compactSearchIndexes } from "../../app/modules/catalogue/text-match.server";
import { refreshDueStandings } from "../../app/modules/certifications/standing.server";
import { parseDate } from "../../app/lib/dates";
import { revokeCertification } from "../../app/modules/certifications/service.server";
import { updateProducer } from "../../app/modules/producers/service.server";
import { catchUpCatalogueSearch, updateProduct } from "../../app/modules/products/service.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-11-23");

const certify = certifierFor(TODAY);

describe.each(testProviders())("the catalogue's search rows on %s", (provider) => {
  let test: TestDatabase;
  let db: Database;
  let provinceId: number;

  beforeEach(async () => {
    test = await freshDatabase(provider);
    db = test.db;
    provinceId = (await loadMinimalReference(db)).province.id;
  });

  afterEach(async () => test.dispose());

  /** The rows as they are, and as a rebuild from scratch would make them. */
  async function entriesNowAndRebuilt() {
    const read = () => db.catalogueEntry.findMany({ orderBy: { productId: "asc" } });
    const now = await read();
    await refreshCatalogueEntries(db, "all");
    return { now, rebuilt: await read() };
  }

  const search = (qs: string) => searchCatalogue(db, parseCatalogueQuery(new URLSearchParams(qs)).query, TODAY);

  /**
   * The text index agrees with the search rows. SQLite: FTS5's own check of an
   * external-content table. PostgreSQL: "CatalogueToken" equals the words of
   * three characters or more of every key, each with its products, in blocks
   * of 1,024 ids, as a rebuild from the rows would make it.
   */
  async function expectTextIndexInStep() {
    if (provider === "sqlite") {
      await db.$executeRawUnsafe(`INSERT INTO "CatalogueSearch"("CatalogueSearch", rank) VALUES ('integrity-check', 1)`);
      return;
    }
    const [counts] = await db.$queryRawUnsafe<Array<{ mismatched: number; tokens: number }>>(`
      SELECT (SELECT count(*) FROM (
        SELECT t.token, e."productId" >> 10 AS block, array_agg(DISTINCT e."productId" ORDER BY e."productId") AS ids
        FROM "CatalogueEntry" e CROSS JOIN LATERAL unnest(string_to_array(e."searchKey", ' ')) AS t(token)
        WHERE char_length(t.token) >= 3 GROUP BY 1, 2
      ) expected FULL JOIN (
        SELECT "token" AS token, "block" AS block, ARRAY(SELECT id FROM unnest("productIds") AS id ORDER BY id) AS ids FROM "CatalogueToken"
      ) stored USING (token, block)
      WHERE expected.ids IS DISTINCT FROM stored.ids)::int AS mismatched,
      (SELECT count(*) FROM "CatalogueToken")::int AS tokens`);
    expect(counts?.mismatched).toBe(0);
    expect(counts!.tokens > 0).toBe((await db.catalogueEntry.count()) > 0);
  }

  it("follow every write made through the domain modules", async () => {
    const producer = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Đồng Tâm" });
    const cam = await makeProduct(db, producer.id, { nameVi: "Cam Cao Phong" });
    const honey = await makeProduct(db, producer.id, { nameVi: "Mật ong rừng", productSetId: 4 });
    const draft = await makeProduct(db, producer.id, { nameVi: "Rượu nếp cẩm", productSetId: 14, status: "DRAFT" });
    expect(await db.catalogueEntry.count()).toBe(0); // nothing is certified yet

    await certify(db, cam.id, 4, "2025-01-15");
    const honeyCert = await certify(db, honey.id, 3, "2025-02-01");
    await certify(db, draft.id, 4, "2025-03-01");
    expect((await db.catalogueEntry.findMany()).map((entry) => entry.productId).sort()).toEqual([cam.id, honey.id].sort());

    // Renaming the producer reaches the products' search rows.
    await updateProducer(db, SYSTEM_ACTOR, producer.id, { version: producer.version, type: "COOPERATIVE", legalName: "Hợp tác xã Sơn Thủy", taxCode: producer.taxCode, provinceId });
    expect((await search("q=son+thuy")).total).toBe(2);
    expect((await search("q=dong+tam")).total).toBe(0);
    await expectTextIndexInStep();

    // Revoking shows at once; archiving and publishing move products out and in.
    await revokeCertification(db, SYSTEM_ACTOR, honeyCert.id, { revokedOn: "2026-01-05", reason: "Vi phạm nhãn mác" }, TODAY);
    expect((await search("q=mat+ong")).total).toBe(0);
    expect((await search("q=mat+ong&status=all")).items[0]?.certification.status).toBe("revoked");
    await updateProduct(db, SYSTEM_ACTOR, cam.id, { version: cam.version, nameVi: "Cam Cao Phong loại 1", productSetId: 1, producerId: producer.id, status: "ARCHIVED" });
    await updateProduct(db, SYSTEM_ACTOR, draft.id, { version: draft.version, nameVi: "Rượu nếp cẩm", productSetId: 14, producerId: producer.id, status: "PUBLISHED" });
    expect((await search("status=all")).items.map((item) => item.nameVi).sort()).toEqual(["Mật ong rừng", "Rượu nếp cẩm"]);
    await expectTextIndexInStep();

    const { now, rebuilt } = await entriesNowAndRebuilt();
    expect(now).toEqual(rebuilt);
    expect(now).toHaveLength(2);
    await expectTextIndexInStep();
  });

  it("keep the text index in step through direct updates, cascades, rebuilds and emptying", async () => {
    const producer = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Đồng Tâm" });
    const products = [];
    for (const nameVi of ["Cam Cao Phong", "Cam sành Hòa Bình", "Bưởi đỏ Tân Lạc", "Mật ong rừng"]) {
      const product = await makeProduct(db, producer.id, { nameVi });
      await certify(db, product.id, 4, "2025-01-15");
      products.push(product);
    }
    await expectTextIndexInStep();
    const total = async (q: string) => (await search(`q=${encodeURIComponent(q)}&status=all`)).total;
    expect(await total("cam")).toBe(2);

    // A key changed in place: its old words leave, its new ones come.
    await db.$executeRaw`UPDATE "CatalogueEntry" SET "searchKey" = 'xoai tu quy' WHERE "productId" = ${products[0]!.id}`;
    await expectTextIndexInStep();
    expect(await total("cam")).toBe(1);
    expect(await total("xoai quy")).toBe(1);

    // Deleting a product removes its entry through the foreign key's cascade.
    await db.product.delete({ where: { id: products[1]!.id } });
    await expectTextIndexInStep();
    expect(await total("cam")).toBe(0);

    // Several rows in one statement, twice over, as a rebuild writes them.
    await refreshCatalogueEntries(db, "all");
    await refreshCatalogueEntries(db, "all");
    await expectTextIndexInStep();
    expect(await total("cam")).toBe(1);

    await db.$executeRawUnsafe(provider === "sqlite" ? `DELETE FROM "CatalogueEntry"` : `TRUNCATE "CatalogueEntry"`);
    await expectTextIndexInStep();
    expect(await total("buoi")).toBe(0);
  });

  it("keep their matches when the text indexes are compacted after writes in many batches", async () => {
    const producer = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Đồng Tâm" });
    for (let i = 1; i <= 12; i++) {
      const product = await makeProduct(db, producer.id, { nameVi: i % 2 ? `Cam Cao Phong loại ${i}` : `Bưởi đỏ số ${i}` });
      await certify(db, product.id, 4, "2025-01-15");
    }
    const found = async (q: string) => (await search(`q=${encodeURIComponent(q)}&status=all&sort=name`)).items.map((item) => item.nameVi);
    const before = { cam: await found("cam"), buoi: await found("buoi do"), dong: await found("dong tam") };
    const segments = async (table: string) => {
      const [row] = await db.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT count(DISTINCT "segid") AS "n" FROM "${table}_idx"`);
      return Number(row?.n);
    };
    // Each product's writes left segments of their own in SQLite's FTS5 tables.
    if (provider === "sqlite") expect(await segments("CatalogueSearch")).toBeGreaterThan(1);

    await compactSearchIndexes(db);
    if (provider === "sqlite") {
      expect(await segments("CatalogueSearch")).toBe(1);
      expect(await segments("ProducerSearch")).toBe(1);
    }
    await expectTextIndexInStep();
    expect({ cam: await found("cam"), buoi: await found("buoi do"), dong: await found("dong tam") }).toEqual(before);
    expect(before.cam).toHaveLength(6);
    expect(before.dong).toHaveLength(12);
  });

  it("keep the text index in step when several writers change products that share words at once", async () => {
    const producer = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Đồng Tâm" });
    const products = [];
    for (let i = 1; i <= 6; i++) {
      const product = await makeProduct(db, producer.id, { nameVi: `Cam Cao Phong loại ${i}` });
      await certify(db, product.id, 4, "2025-01-15");
      products.push(product);
    }
    // Each rename takes the product out of "cam" and "phong" and into "chung", rows every writer shares.
    await Promise.all(
      products.map((product, i) =>
        updateProduct(db, SYSTEM_ACTOR, product.id, { version: product.version, nameVi: `Bưởi chung số ${i + 1}`, productSetId: 1, producerId: producer.id, status: "PUBLISHED" }),
      ),
    );
    await expectTextIndexInStep();
    const total = async (q: string) => (await search(`q=${encodeURIComponent(q)}`)).total;
    expect(await total("chung")).toBe(6);
    expect(await total("cao phong")).toBe(0);
  });

  it("move with the standing refresh when a certificate entered ahead of its day comes into force", async () => {
    const product = await makeProduct(db, (await makeProducer(db, provinceId)).id, { nameVi: "Bưởi đỏ Tân Lạc" });
    const older = await certify(db, product.id, 3, "2024-01-10");
    expect((await db.catalogueEntry.findUniqueOrThrow({ where: { productId: product.id } })).certificationId).toBe(older.id);
    // A bulk load wrote an upgrade signed tomorrow; the service itself refuses future dates.
    const tomorrow = new Date(TODAY.getTime() + 24 * 60 * 60 * 1000);
    const upgrade = await db.certification.create({
      data: {
        productId: product.id,
        stars: 4,
        decisionNumber: "12/QĐ-UBND",
        signedOn: tomorrow,
        validUntil: new Date(Date.UTC(2029, 0, 1)),
        issuerLevel: "PROVINCE",
        issuerName: "UBND tỉnh Phú Thọ",
        verificationCode: "UPGRADE234",
      },
    });

    expect(await refreshDueStandings(db, TODAY)).toBe(0);
    expect(await refreshDueStandings(db, tomorrow)).toBe(1);
    expect(await refreshRepointedEntries(db)).toBe(1);
    const entry = await db.catalogueEntry.findUniqueOrThrow({ where: { productId: product.id } });
    expect(entry).toMatchObject({ certificationId: upgrade.id, stars: 4 });
    expect(await refreshRepointedEntries(db)).toBe(0);
  });

  it("are rebuilt at server start for a database written before they existed", async () => {
    const producer = await makeProducer(db, provinceId);
    for (const nameVi of ["Bưởi đỏ Tân Lạc", "Buoi do sấy"]) await certify(db, (await makeProduct(db, producer.id, { nameVi })).id, 4, "2025-01-15");
    const names = async (qs: string) => (await search(qs)).items.map((item) => item.nameVi);
    expect(await names("q=bưởi+đỏ")).toEqual(["Bưởi đỏ Tân Lạc", "Buoi do sấy"]);

    // What an older version left behind: no name keys, no search rows.
    await db.product.updateMany({ data: { nameLower: "", nameFolded: "" } });
    await db.catalogueEntry.deleteMany();
    expect((await search("q=buoi")).total).toBe(0);

    expect(await catchUpCatalogueSearch(db)).toBe(2);
    expect(await names("q=bưởi+đỏ")).toEqual(["Bưởi đỏ Tân Lạc", "Buoi do sấy"]);
    expect(await names("q=buoi+do")).toEqual(["Buoi do sấy", "Bưởi đỏ Tân Lạc"]);
    expect(await catchUpCatalogueSearch(db)).toBe(0);
  });
});
