import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { getCatalogueOverview, type CatalogueOverview } from "../../app/modules/catalogue/overview.server";
import { refreshAllStandings } from "../../app/modules/certifications/standing.server";
import { parseDate } from "../../app/lib/dates";
import { revokeCertification } from "../../app/modules/certifications/service.server";
import { createProducer } from "../../app/modules/producers/service.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";

const d = parseDate;
const TODAY = d("2024-06-01");

const starCounts = (overview: CatalogueOverview) =>
  Object.fromEntries(overview.byStars.map(({ stars, count }) => [stars, count]));
const groupCounts = (overview: CatalogueOverview) =>
  Object.fromEntries(overview.byGroup.map(({ code, count }) => [code, count]));

const certify = certifierFor(TODAY);

describe.each(testProviders())("catalogue overview on %s", (provider) => {
  let handle: TestDatabase | undefined;
  let db: Database;
  let provinceId: number;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    provinceId = (await loadMinimalReference(db)).province.id;
  });

  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });

  /**
   * A: 3★ published, expiring soon (through 2024-06-30) → counted, group I
   * B: 4★ published, group II (set 14) → counted; and an expired published product → not counted
   * C: a DRAFT product with a valid certificate → not counted
   * D: a published product whose certificate was revoked → not counted
   */
  async function buildCatalogue() {
    const a = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Bưởi đỏ Tân Lạc" });
    const b = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Rượu Mai Hạ" });
    const c = await makeProducer(db, provinceId, { legalName: "Công ty Măng Kim Bôi" });
    const d4 = await makeProducer(db, provinceId, { legalName: "Hộ kinh doanh Mật ong Văn Tiến" });

    const pomelo = await makeProduct(db, a.id);
    await certify(db, pomelo.id, 3, "2021-07-01"); // default validity: through 2024-06-30

    const wine = await makeProduct(db, b.id, { nameVi: "Rượu Mai Hạ", productSetId: 14 });
    await certify(db, wine.id, 4, "2023-09-01");

    const expired = await makeProduct(db, b.id, { nameVi: "Rượu ngô", productSetId: 14 });
    await certify(db, expired.id, 3, "2020-01-10"); // through 2023-01-09

    const draft = await makeProduct(db, c.id, { nameVi: "Măng khô", productSetId: 1, status: "DRAFT" });
    await certify(db, draft.id, 4, "2023-05-01");

    const honey = await makeProduct(db, d4.id, { nameVi: "Mật ong Văn Tiến", productSetId: 4 });
    const revoked = await certify(db, honey.id, 3, "2023-03-01");
    await revokeCertification(db, SYSTEM_ACTOR, revoked.id, { revokedOn: "2024-04-15", reason: "Không duy trì tiêu chuẩn" }, TODAY);

    // A published product with no certification at all.
    await makeProduct(db, a.id, { nameVi: "Cam Cao Phong" });

    return { producers: { a, b, c, d: d4 }, products: { pomelo, wine, expired, draft, honey } };
  }

  it("counts published products whose standing certification is in force", async () => {
    await buildCatalogue();
    const overview = await getCatalogueOverview(db, TODAY);
    expect(overview.certifiedProducts).toBe(2);
    expect(starCounts(overview)).toEqual({ 3: 1, 4: 1, 5: 0 });
    expect(overview.byStars.map((row) => row.stars)).toEqual([3, 4, 5]);
    // loadMinimalReference creates only groups I and II
    expect(groupCounts(overview)).toEqual({ I: 1, II: 1 });
    expect(overview.byGroup.map((row) => row.id)).toEqual([1, 2]);
    expect(overview.byGroup[1]).toMatchObject({ code: "II", nameEn: "Beverages" });
    // A and B have certified products; C only a draft, D only a revoked one
    expect(overview.producers).toBe(2);
  });

  it("counts a certificate on its last valid day, and not the day after", async () => {
    await buildCatalogue();
    // the 3★ pomelo runs through 2024-06-30
    const lastDay = await getCatalogueOverview(db, d("2024-06-30"));
    expect(lastDay.certifiedProducts).toBe(2);
    expect(starCounts(lastDay)).toEqual({ 3: 1, 4: 1, 5: 0 });

    const after = await getCatalogueOverview(db, d("2024-07-01"));
    expect(after.certifiedProducts).toBe(1);
    expect(starCounts(after)).toEqual({ 3: 0, 4: 1, 5: 0 });
    expect(groupCounts(after)).toEqual({ I: 0, II: 1 });
    expect(after.producers).toBe(1);
  });

  it("counts nothing once everything has lapsed", async () => {
    await buildCatalogue();
    const later = d("2030-01-01");
    await refreshAllStandings(db, later);
    const overview = await getCatalogueOverview(db, later);
    expect(overview.certifiedProducts).toBe(0);
    expect(starCounts(overview)).toEqual({ 3: 0, 4: 0, 5: 0 });
    expect(groupCounts(overview)).toEqual({ I: 0, II: 0 });
    expect(overview.producers).toBe(0);
  });

  it("counts a product once by its current rating after an upgrade", async () => {
    const { products } = await buildCatalogue();
    // The 3★ pomelo is upgraded to 5★.
    await certify(db, products.pomelo.id, 5, "2024-05-20");
    const overview = await getCatalogueOverview(db, TODAY);
    expect(overview.certifiedProducts).toBe(2);
    expect(starCounts(overview)).toEqual({ 3: 0, 4: 1, 5: 1 });
    expect(groupCounts(overview)).toEqual({ I: 1, II: 1 });
  });

  it("counts a product once its draft is published", async () => {
    const { products } = await buildCatalogue();
    await db.product.update({ where: { id: products.draft.id }, data: { status: "PUBLISHED" } });
    const overview = await getCatalogueOverview(db, TODAY);
    expect(overview.certifiedProducts).toBe(3);
    expect(starCounts(overview)).toEqual({ 3: 1, 4: 2, 5: 0 });
    expect(groupCounts(overview)).toEqual({ I: 2, II: 1 });
    expect(overview.producers).toBe(3);
  });

  it("counts only approved producers and their products", async () => {
    const pending = await createProducer(db, SYSTEM_ACTOR, {
      type: "HOUSEHOLD_BUSINESS",
      legalName: "Hộ kinh doanh Trứng Trần Gia",
      taxCode: nextTaxCode(),
      provinceId,
    });
    expect(pending.status).toBe("PENDING");
    const suspended = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Cam Cao Phong" });
    await db.producer.update({ where: { id: suspended.id }, data: { status: "SUSPENDED" } });
    const approved = await makeProducer(db, provinceId, { legalName: "Hợp tác xã 3T Cao Phong" });

    for (const [producerId, nameVi] of [
      [pending.id, "Trứng gà Trần Gia"],
      [suspended.id, "Cam Cao Phong"],
      [approved.id, "Cam 3T Cao Phong"],
    ] as const) {
      const product = await makeProduct(db, producerId, { nameVi });
      await certify(db, product.id, 3, "2023-01-10");
    }

    const overview = await getCatalogueOverview(db, TODAY);
    expect(overview.producers).toBe(1);
    // A pending or suspended producer's products are not public.
    expect(overview.certifiedProducts).toBe(1);
    expect(starCounts(overview)).toEqual({ 3: 1, 4: 0, 5: 0 });
  });
});
