import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { parseCatalogueQuery } from "../../app/modules/catalogue/query.server";
import { searchCatalogue } from "../../app/modules/catalogue/search.server";
import { queryWords } from "../../app/modules/catalogue/search-sql.server";
import { revokeCertification } from "../../app/modules/certifications/service.server";
import { parseDate } from "../../app/lib/dates";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-11-23");

const certify = certifierFor(TODAY);

const search = (db: Database, qs: string) => searchCatalogue(db, parseCatalogueQuery(new URLSearchParams(qs)).query, TODAY);
const names = (result: Awaited<ReturnType<typeof search>>) => result.items.map((item) => item.nameVi);

describe("query parsing", () => {
  it("drops invalid values and names them", () => {
    const { query, ignored } = parseCatalogueQuery(new URLSearchParams("stars=4&stars=9&page=-2&group=vii&sort=best&q=cam"));
    expect(query.stars).toEqual([4]);
    expect(query.page).toBe(1);
    expect(query.sort).toBe("relevance");
    expect(ignored.sort()).toEqual(["group", "page", "sort", "stars=9"]);
  });

  it("keeps every valid star value once and names only the bad ones", () => {
    const repeated = parseCatalogueQuery(new URLSearchParams("stars=4&stars=4&stars=5&stars=3"));
    expect(repeated.query.stars).toEqual([3, 4, 5]);
    expect(repeated.ignored).toEqual([]);
    const mixed = parseCatalogueQuery(new URLSearchParams("stars=3&stars=9&stars=9&stars=x"));
    expect(mixed.query.stars).toEqual([3]);
    expect(mixed.ignored).toEqual(["stars=9", "stars=x"]);
  });

  it("ranks a search by relevance unless another order is picked, and an empty sort is the default", () => {
    expect(parseCatalogueQuery(new URLSearchParams("q=cam&sort=")).query.sort).toBe("relevance");
    expect(parseCatalogueQuery(new URLSearchParams("sort=")).query.sort).toBe("newest");
    expect(parseCatalogueQuery(new URLSearchParams("q=cam&sort=name")).query.sort).toBe("name");
  });

  it("drops invisible characters typed or pasted into the query", () => {
    expect(parseCatalogueQuery(new URLSearchParams("q=ca%E2%80%8Bm")).query.q).toBe("cam");
    expect(queryWords("b\u00adưởi\u200d đ\ufeffỏ\u2060")).toEqual(["buoi", "do"]);
  });

  it("folds query words and keeps punctuation-only words as text", () => {
    expect(queryWords("Bưởi  ĐỎ,")).toEqual(["buoi", "do"]);
    expect(queryWords("%")).toEqual(["%"]);
  });

});

describe.each(testProviders())("catalogue search on %s", (provider) => {
  let test: TestDatabase;
  let db: Database;

  beforeEach(async () => {
    test = await freshDatabase(provider);
    db = test.db;
    const { province } = await loadMinimalReference(db);
    const tanLac = await makeProducer(db, province.id, { legalName: "Hợp tác xã Bưởi đỏ Tân Lạc" });
    const caoPhong = await makeProducer(db, province.id, { legalName: "Hợp tác xã 3T Cao Phong" });
    const buoi = await makeProduct(db, tanLac.id, { nameVi: "Bưởi đỏ Tân Lạc" });
    const buoiNoAccent = await makeProduct(db, tanLac.id, { nameVi: "Buoi do sấy" });
    const cam = await makeProduct(db, caoPhong.id, { nameVi: "Cam Cao Phong" });
    const ruou = await makeProduct(db, caoPhong.id, { nameVi: "Rượu cam 100% Cao Phong", productSetId: 14 });
    const old = await makeProduct(db, caoPhong.id, { nameVi: "Mật ong Cao Phong", productSetId: 4 });
    const revoked = await makeProduct(db, caoPhong.id, { nameVi: "Cam sành Cao Phong" });
    await certify(db, buoi.id, 3, "2022-01-10");
    await certify(db, buoi.id, 4, "2024-05-02");
    await certify(db, buoiNoAccent.id, 3, "2024-06-01");
    await certify(db, cam.id, 4, "2025-01-15");
    await certify(db, ruou.id, 3, "2025-02-01");
    await certify(db, old.id, 3, "2020-03-01"); // expired in 2023
    const bad = await certify(db, revoked.id, 4, "2025-03-01");
    await revokeCertification(db, SYSTEM_ACTOR, bad.id, { revokedOn: "2025-09-01", reason: "Vi phạm an toàn thực phẩm" }, TODAY);
  });

  afterEach(async () => test.dispose());

  it("finds accented products from unaccented, mixed-case and NFD queries, exact accents first", async () => {
    for (const q of ["buoi do", "BUOI DO", "bưởi đỏ", "bưởi đỏ".normalize("NFD"), "Bưởi Đỏ"]) {
      const result = await search(db, `q=${encodeURIComponent(q)}`);
      expect(result.total, q).toBe(2);
    }
    expect(names(await search(db, "q=bưởi+đỏ"))).toEqual(["Bưởi đỏ Tân Lạc", "Buoi do sấy"]);
    expect(names(await search(db, "q=buoi+do"))).toEqual(["Buoi do sấy", "Bưởi đỏ Tân Lạc"]);
  });

  it("reads index query syntax, quotes and control characters as text", async () => {
    for (const q of ['"', 'c"a"m', "cam*", "NEAR(cam phong)", "cam OR mật", "-cam", "^cam", "ca\u0000m"]) {
      const result = await search(db, `q=${encodeURIComponent(q)}`);
      const expected = q === "cam*" || q === "-cam" || q === "^cam" || q === "ca\u0000m" ? ["Cam Cao Phong", "Rượu cam 100% Cao Phong"] : [];
      expect(names(result).sort(), q).toEqual(expected.sort());
    }
  });

  it("finds a word with an invisible character inside it", async () => {
    expect(names(await search(db, "q=ca%E2%80%8Bm+s%C3%A0nh&status=all"))).toEqual(["Cam sành Cao Phong"]);
    expect((await search(db, "q=b%C6%B0%E1%BB%9F%C2%ADi")).total).toBe(2);
  });

  it("ranks names that start with the query above names that contain it, and both above producer or place matches", async () => {
    // "cam": two names start with it (more stars first), one contains it, and the
    // Tân Lạc products match only through their producer's place (Phú Thọ has no "cam").
    expect(names(await search(db, "q=cam&status=all"))).toEqual(["Cam sành Cao Phong", "Cam Cao Phong", "Rượu cam 100% Cao Phong"]);
    // The same words typed with their accents rank the accented name first, in NFC or NFD and any case.
    for (const q of ["BƯỞI ĐỎ", "bưởi đỏ".normalize("NFD")]) {
      expect(names(await search(db, `q=${encodeURIComponent(q)}`)), q).toEqual(["Bưởi đỏ Tân Lạc", "Buoi do sấy"]);
    }
    // Producer-only matches come after name matches: "tan lac" is in one name and in both products' producer.
    expect(names(await search(db, "q=tan+lac"))).toEqual(["Bưởi đỏ Tân Lạc", "Buoi do sấy"]);
  });

  it("matches producer names and places, not only product names", async () => {
    expect((await search(db, "q=3t")).total).toBe(2); // Cam + Rượu cam from the 3T cooperative
    expect((await search(db, "q=phu+tho")).total).toBe(4);
  });

  it("matches through the index exactly what a substring test of every folded word matches", async () => {
    // The meaning search always had: every folded query word is a substring of the folded key.
    const entries = await db.catalogueEntry.findMany({ select: { productId: true, searchKey: true } });
    const queries = [
      "cao phong", "phong cao", "PHONG Cao", "đỏ", "do", "d", "ca", "o", "bưởi đỏ".normalize("NFD"), "Đỏ Bưởi",
      "tan lac buoi", "hop tac xa", "phu tho", "cam 100", "100%", "t", "3t", "ong cao", "nong san", "xyz", "tho ca",
    ];
    for (const q of queries) {
      const words = queryWords(q);
      const expected = entries.filter((entry) => words.every((word) => entry.searchKey.includes(word))).map((entry) => entry.productId);
      const found = await searchCatalogue(db, parseCatalogueQuery(new URLSearchParams({ q, status: "all" })).query, TODAY);
      expect(found.total, q).toBe(expected.length);
      expect(found.items.length, q).toBe(Math.min(expected.length, 24));
      const ids = (await db.product.findMany({ where: { slug: { in: found.items.map((item) => item.slug) } }, select: { id: true } })).map((p) => p.id);
      expect(ids.every((id) => expected.includes(id)), q).toBe(true);
    }
  });

  it("treats %, _, quotes and SQL as text", async () => {
    expect(names(await search(db, "q=%25"))).toEqual(["Rượu cam 100% Cao Phong"]);
    expect((await search(db, "q=_")).total).toBe(0);
    expect((await search(db, `q=${encodeURIComponent("' OR 1=1 --")}`)).total).toBe(0);
    expect((await search(db, `q=${encodeURIComponent('"; DROP TABLE "Product"; --')}`)).total).toBe(0);
    expect(await db.product.count()).toBe(6);
  });

  it("lists only valid certificates by default and marks lapsed ones with status=all", async () => {
    const valid = await search(db, "");
    expect(valid.total).toBe(4);
    expect(valid.items.every((item) => item.certification.status === "valid")).toBe(true);
    const all = await search(db, "status=all");
    expect(all.total).toBe(6);
    const statusOf = Object.fromEntries(all.items.map((item) => [item.nameVi, item.certification.status]));
    expect(statusOf["Mật ong Cao Phong"]).toBe("expired");
    expect(statusOf["Cam sành Cao Phong"]).toBe("revoked");
  });

  it("combines filters and counts each facet under the other filters", async () => {
    const result = await search(db, "q=cao+phong&stars=4");
    expect(names(result)).toEqual(["Cam Cao Phong"]);
    // Stars counts ignore the stars filter but keep the text query.
    expect(Object.fromEntries(result.facets.stars.map((o) => [o.value, o.count]))).toEqual({ 5: 0, 4: 1, 3: 1 });
    expect(result.facets.groups.find((g) => g.value === "I")?.count).toBe(1);
    const beverages = await search(db, "group=II&stars=3");
    expect(names(beverages)).toEqual(["Rượu cam 100% Cao Phong"]);
    expect(beverages.facets.groups.find((g) => g.value === "I")?.count).toBe(1); // Buoi do sấy, 3★
    expect(beverages.facets.provinces.find((p) => p.value === "phu-tho")?.count).toBe(1);
  });

  it("sorts by name, stars and newest the same way on every database", async () => {
    expect(names(await search(db, "sort=name"))).toEqual(["Buoi do sấy", "Bưởi đỏ Tân Lạc", "Cam Cao Phong", "Rượu cam 100% Cao Phong"]);
    expect(names(await search(db, "sort=stars")).slice(0, 2)).toEqual(["Cam Cao Phong", "Bưởi đỏ Tân Lạc"]);
    expect(names(await search(db, "sort=newest"))[0]).toBe("Rượu cam 100% Cao Phong");
  });

  it("names each card's product set, group, producer and place as the database holds them", async () => {
    const result = await search(db, "status=all");
    expect(result.items.length).toBeGreaterThan(3);
    for (const card of result.items) {
      const product = await db.product.findUniqueOrThrow({
        where: { id: card.id },
        include: { productSet: { include: { group: true } }, producer: { include: { commune: true, province: true } } },
      });
      expect(card.productSet).toEqual({
        id: product.productSet.id,
        nameVi: product.productSet.nameVi,
        nameEn: product.productSet.nameEn,
        group: { code: product.productSet.group.code },
      });
      expect(card.producer).toEqual({
        slug: product.producer.slug,
        legalName: product.producer.legalName,
        commune: product.producer.commune ? { nameVi: product.producer.commune.nameVi } : null,
        province: { nameVi: product.producer.province.nameVi, nameEn: product.producer.province.nameEn },
      });
    }
    // Two sets and two groups at least, so a card named from the wrong set would show.
    expect(new Set(result.items.map((card) => card.productSet.group.code)).size).toBeGreaterThan(1);
  });

  it("pages with a total count", async () => {
    const page2 = await search(db, "page=2");
    expect(page2.total).toBe(4);
    expect(page2.pageCount).toBe(1);
    expect(page2.items).toEqual([]);
  });
});
