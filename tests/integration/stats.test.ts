import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { getCatalogueOverview } from "../../app/modules/catalogue/overview.server";
import { getCatalogueStats, type CatalogueStats } from "../../app/modules/catalogue/stats.server";
import { parseDate } from "../../app/lib/dates";
import { revokeCertification } from "../../app/modules/certifications/service.server";
import { createProducer } from "../../app/modules/producers/service.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";

const d = parseDate;
const TODAY = d("2024-06-01"); // today + 90 days = 2024-08-30

const starCounts = (stats: CatalogueStats) => Object.fromEntries(stats.byStars.map(({ stars, count }) => [stars, count]));
const groupCounts = (stats: CatalogueStats) => Object.fromEntries(stats.byGroup.map(({ code, count }) => [code, count]));
const years = (stats: CatalogueStats) => stats.byYear.map((row) => [row.year, row.certifications, row.firstCertified]);

const certify = certifierFor(TODAY);

describe.each(testProviders())("catalogue statistics on %s", (provider) => {
  let handle: TestDatabase | undefined;
  let db: Database;
  let provinceId: number;
  let communeId: number;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    const reference = await loadMinimalReference(db);
    provinceId = reference.province.id;
    communeId = reference.commune.id;
  });

  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });

  /**
   * Certified on 2024-06-01 (10): a1 a2 b1 b2 b4 h c1 d1 f1 f2.
   * Not certified: a3 and g expired, b3 revoked, drafts, a pending producer's e1, products never certified.
   */
  async function buildCatalogue() {
    const hoaBinh = { formerProvince: "tỉnh Hòa Bình" };
    const a = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Bưởi đỏ Tân Lạc", formerDistrict: "huyện Tân Lạc", ...hoaBinh });
    const b = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Cam Cao Phong", formerDistrict: "huyện Cao Phong", ...hoaBinh });
    // No former district: counted under its commune.
    const c = await makeProducer(db, provinceId, { legalName: "Hộ kinh doanh Mật ong Tân Lạc", communeId });
    // Neither: counted as "other".
    const dProducer = await makeProducer(db, provinceId, { legalName: "Công ty Rượu Mai Hạ" });
    const e = await createProducer(db, SYSTEM_ACTOR, {
      type: "HOUSEHOLD_BUSINESS",
      legalName: "Hộ kinh doanh Trứng Trần Gia",
      taxCode: nextTaxCode(),
      provinceId,
      formerDistrict: "huyện Lạc Sơn",
    });
    // Two districts of the same name in different former provinces.
    const f1 = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Dừa Châu Thành", formerDistrict: "huyện Châu Thành", formerProvince: "tỉnh Tiền Giang" });
    const f2 = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Kẹo dừa Châu Thành", formerDistrict: "huyện Châu Thành", formerProvince: "tỉnh Bến Tre" });

    const p = {
      a1: await makeProduct(db, a.id, { nameVi: "Bưởi đỏ Tân Lạc" }),
      a2: await makeProduct(db, a.id, { nameVi: "Rượu men lá Tân Lạc", productSetId: 14 }),
      a3: await makeProduct(db, a.id, { nameVi: "Mật ong hoa rừng", productSetId: 4 }),
      g: await makeProduct(db, a.id, { nameVi: "Bưởi Diễn Tân Lạc" }),
      draft: await makeProduct(db, a.id, { nameVi: "Măng khô", status: "DRAFT" }),
      b1: await makeProduct(db, b.id, { nameVi: "Cam Cao Phong" }),
      b2: await makeProduct(db, b.id, { nameVi: "Cam đường Cao Phong" }),
      b3: await makeProduct(db, b.id, { nameVi: "Rượu cam Cao Phong", productSetId: 14 }),
      b4: await makeProduct(db, b.id, { nameVi: "Cam sấy Cao Phong" }),
      h: await makeProduct(db, b.id, { nameVi: "Mật ong Cao Phong", productSetId: 4 }),
      c1: await makeProduct(db, c.id, { nameVi: "Mật ong bạc hà", productSetId: 4 }),
      d1: await makeProduct(db, dProducer.id, { nameVi: "Rượu Mai Hạ", productSetId: 14 }),
      e1: await makeProduct(db, e.id, { nameVi: "Trứng gà Trần Gia" }),
      f1: await makeProduct(db, f1.id, { nameVi: "Dừa xiêm Châu Thành" }),
      f2: await makeProduct(db, f2.id, { nameVi: "Kẹo dừa Châu Thành" }),
    };
    await makeProduct(db, a.id, { nameVi: "Cam canh" }); // never certified
    // An approved producer with nothing public: a draft, and a published product never certified.
    const g2 = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Chè Shan Tuyết", formerDistrict: "huyện Đà Bắc" });
    const teaDraft = await makeProduct(db, g2.id, { nameVi: "Chè Shan Tuyết", status: "DRAFT" });
    await certify(db, teaDraft.id, 4, "2023-10-10");
    await makeProduct(db, g2.id, { nameVi: "Chè búp khô" });

    await certify(db, p.a1.id, 3, "2021-07-01"); // through 2024-06-30: expiring
    await certify(db, p.a2.id, 3, "2020-08-01"); // through 2023-07-31
    await certify(db, p.a2.id, 4, "2023-09-01");
    await certify(db, p.a3.id, 3, "2018-03-10"); // expired in 2021
    await certify(db, p.g.id, 3, "2021-06-01"); // through 2024-05-31: expired yesterday
    await certify(db, p.draft.id, 4, "2021-08-01"); // would be expiring, but a draft
    await certify(db, p.b1.id, 4, "2022-01-01", "2024-08-30"); // today + 90: expiring
    await certify(db, p.b2.id, 3, "2022-12-31", "2024-08-31"); // today + 91: not yet
    const b3 = await certify(db, p.b3.id, 3, "2021-07-20"); // would be expiring, but revoked
    await revokeCertification(db, SYSTEM_ACTOR, b3.id, { revokedOn: "2024-04-15", reason: "Không duy trì tiêu chuẩn" }, TODAY);
    await certify(db, p.b4.id, 3, "2021-03-01"); // lapsed, then upgraded
    await certify(db, p.b4.id, 5, "2024-05-20");
    await certify(db, p.h.id, 3, "2021-08-15"); // in the window but superseded by the 4★
    await certify(db, p.h.id, 4, "2024-03-01");
    await certify(db, p.c1.id, 3, "2021-06-02"); // through 2024-06-01 = today: expiring
    await certify(db, p.d1.id, 4, "2023-02-01");
    await certify(db, p.e1.id, 3, "2021-07-10"); // would be expiring, but the producer is pending
    await certify(db, p.f1.id, 3, "2023-05-05");
    await certify(db, p.f2.id, 3, "2023-05-05", "2024-07-15");
    return p;
  }

  it("counts certified products by stars and group, and their producers", async () => {
    await buildCatalogue();
    const stats = await getCatalogueStats(db, TODAY);
    expect(stats.today).toBe("2024-06-01");
    expect(stats.certifiedProducts).toBe(10);
    expect(stats.producers).toBe(6); // A B C D F1 F2; not the pending E, nor G2 with only a draft
    expect(starCounts(stats)).toEqual({ 3: 5, 4: 4, 5: 1 });
    expect(stats.byStars.map((row) => row.share)).toEqual([0.5, 0.4, 0.1]);
    expect(groupCounts(stats)).toEqual({ I: 8, II: 2 });
    expect(stats.byGroup[1]).toMatchObject({ code: "II", nameVi: "Sản phẩm đồ uống", nameEn: "Beverages" });
  });

  it("agrees with the home page's figures", async () => {
    await buildCatalogue();
    for (const day of [TODAY, d("2024-06-02"), d("2024-07-01")]) {
      const [stats, overview] = await Promise.all([getCatalogueStats(db, day), getCatalogueOverview(db, day)]);
      expect(stats.certifiedProducts).toBe(overview.certifiedProducts);
      expect(stats.producers).toBe(overview.producers);
      expect(starCounts(stats)).toEqual(Object.fromEntries(overview.byStars.map(({ stars, count }) => [stars, count])));
      expect(groupCounts(stats)).toEqual(Object.fromEntries(overview.byGroup.map(({ code, count }) => [code, count])));
    }
  });

  it("counts by former district, else by commune, keeping namesake districts apart", async () => {
    await buildCatalogue();
    const { byPlace } = await getCatalogueStats(db, TODAY);
    expect(byPlace.top).toEqual([
      { kind: "DISTRICT", name: "huyện Cao Phong", province: null, count: 4 },
      { kind: "DISTRICT", name: "huyện Tân Lạc", province: null, count: 2 },
      { kind: "DISTRICT", name: "huyện Châu Thành", province: "tỉnh Bến Tre", count: 1 },
      { kind: "DISTRICT", name: "huyện Châu Thành", province: "tỉnh Tiền Giang", count: 1 },
      { kind: "COMMUNE", name: "Tân Lạc", province: null, count: 1 },
    ]);
    // The producer with neither a former district nor a commune.
    expect(byPlace.other).toBe(1);
    expect(byPlace.otherPlaces).toBe(0);
  });

  it("keeps the 15 places with most products and adds up the rest", async () => {
    const districts = Array.from({ length: 17 }, (_, i) => `huyện Số ${String(i + 1).padStart(2, "0")}`);
    for (const [i, formerDistrict] of districts.entries()) {
      const producer = await makeProducer(db, provinceId, { legalName: `Hợp tác xã số ${i + 1}`, formerDistrict });
      // The last district has three products, so it ranks first.
      for (let n = 0; n < (i === 16 ? 3 : 1); n++) {
        const product = await makeProduct(db, producer.id, { nameVi: `Sản phẩm ${i + 1}.${n}` });
        await certify(db, product.id, 3, "2023-05-05");
      }
    }
    const { byPlace, certifiedProducts } = await getCatalogueStats(db, TODAY);
    expect(certifiedProducts).toBe(19);
    expect(byPlace.top).toHaveLength(15);
    expect(byPlace.top[0]).toEqual({ kind: "DISTRICT", name: "huyện Số 17", province: null, count: 3 });
    expect(byPlace.top.slice(1).map((place) => place.name)).toEqual(districts.slice(0, 14));
    expect(byPlace.other).toBe(2); // Số 15 and Số 16
    expect(byPlace.otherPlaces).toBe(2);
  });

  it("counts certificates signed and products first certified per year, gaps included", async () => {
    await buildCatalogue();
    // Years are calendar years of the stored dates, wherever the server runs.
    const zone = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    const stats = await getCatalogueStats(db, TODAY).finally(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    // [year, certificates signed, products first certified]: every certificate of a
    // public product counts, expired and revoked ones too; drafts and the pending producer's do not.
    expect(years(stats)).toEqual([
      [2018, 1, 1],
      [2019, 0, 0],
      [2020, 1, 1],
      [2021, 6, 6],
      [2022, 2, 2], // signed on 1 January and 31 December
      [2023, 4, 3],
      [2024, 2, 0],
    ]);
  });

  it("lists standing certificates in force that expire within 90 days, boundaries included", async () => {
    const p = await buildCatalogue();
    const { expiring } = await getCatalogueStats(db, TODAY);
    expect(expiring.until).toBe("2024-08-30");
    expect(expiring.count).toBe(4);
    expect(expiring.items).toEqual([
      { productSlug: p.c1.slug, productNameVi: "Mật ong bạc hà", productNameEn: null, producerName: "Hộ kinh doanh Mật ong Tân Lạc", stars: 3, validUntil: "2024-06-01" },
      { productSlug: p.a1.slug, productNameVi: "Bưởi đỏ Tân Lạc", productNameEn: null, producerName: "Hợp tác xã Bưởi đỏ Tân Lạc", stars: 3, validUntil: "2024-06-30" },
      { productSlug: p.f2.slug, productNameVi: "Kẹo dừa Châu Thành", productNameEn: null, producerName: "Hợp tác xã Kẹo dừa Châu Thành", stars: 3, validUntil: "2024-07-15" },
      { productSlug: p.b1.slug, productNameVi: "Cam Cao Phong", productNameEn: null, producerName: "Hợp tác xã Cam Cao Phong", stars: 4, validUntil: "2024-08-30" },
    ]);
  });

  it("moves the 90-day window with the day", async () => {
    const p = await buildCatalogue();
    // c1 expired on 2024-06-01; b2 (through 2024-08-31) is now exactly 90 days away.
    const next = await getCatalogueStats(db, d("2024-06-02"));
    expect(next.expiring.until).toBe("2024-08-31");
    expect(next.expiring.items.map((item) => item.productSlug)).toEqual([p.a1.slug, p.f2.slug, p.b1.slug, p.b2.slug]);
    expect(next.expiring.count).toBe(4);
    expect(next.certifiedProducts).toBe(9);
    expect(starCounts(next)).toEqual({ 3: 4, 4: 4, 5: 1 });
  });

  it("shows at most 50 expiring certificates but counts them all", async () => {
    const producer = await makeProducer(db, provinceId, { formerDistrict: "huyện Kim Bôi" });
    for (let i = 0; i < 52; i++) {
      const product = await makeProduct(db, producer.id, { nameVi: `Măng Kim Bôi ${i}` });
      await certify(db, product.id, 3, "2023-01-10", `2024-07-${String((i % 28) + 1).padStart(2, "0")}`);
    }
    const { expiring } = await getCatalogueStats(db, TODAY);
    expect(expiring.count).toBe(52);
    expect(expiring.items).toHaveLength(50);
    const dates = expiring.items.map((item) => item.validUntil);
    expect(dates).toEqual([...dates].sort());
    expect(dates.at(-1)).toBe("2024-07-26"); // the two on 2024-07-27 and 28 are left out
  });

  it("is all zeros for an empty catalogue", async () => {
    const stats = await getCatalogueStats(db, TODAY);
    expect(stats.certifiedProducts).toBe(0);
    expect(stats.producers).toBe(0);
    expect(stats.byStars).toEqual([
      { stars: 3, count: 0, share: 0 },
      { stars: 4, count: 0, share: 0 },
      { stars: 5, count: 0, share: 0 },
    ]);
    expect(groupCounts(stats)).toEqual({ I: 0, II: 0 });
    expect(stats.byPlace).toEqual({ top: [], other: 0, otherPlaces: 0 });
    expect(stats.byYear).toEqual([]);
    expect(stats.expiring).toEqual({ count: 0, until: "2024-08-30", items: [] });
  });
});
