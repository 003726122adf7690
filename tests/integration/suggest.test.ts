import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { parseDate } from "../../app/lib/dates";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { SUGGESTED_PRODUCERS, SUGGESTED_PRODUCTS, suggest } from "../../app/modules/catalogue/suggest.server";
import { revokeCertification } from "../../app/modules/certifications/service.server";
import { changeProducerStatus } from "../../app/modules/producers/service.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-11-23");
const certify = certifierFor(TODAY);

describe.each(testProviders())("type-ahead suggestions on %s", (provider) => {
  let test: TestDatabase;
  let db: Database;
  let hidden: { id: number; version: number };

  beforeEach(async () => {
    test = await freshDatabase(provider);
    db = test.db;
    const { province } = await loadMinimalReference(db);
    const tanLac = await makeProducer(db, province.id, { legalName: "Hợp tác xã Bưởi đỏ Tân Lạc" });
    const caoPhong = await makeProducer(db, province.id, { legalName: "Hợp tác xã 3T Cao Phong" });
    hidden = await makeProducer(db, province.id, { legalName: "Hợp tác xã Bưởi Mường Động" });
    await certify(db, (await makeProduct(db, hidden.id, { nameVi: "Bưởi Mường Động" })).id, 4, "2025-05-01");
    await certify(db, (await makeProduct(db, tanLac.id, { nameVi: "Bưởi đỏ Tân Lạc" })).id, 4, "2024-05-02");
    await certify(db, (await makeProduct(db, tanLac.id, { nameVi: "Buoi do sấy" })).id, 3, "2024-06-01");
    await certify(db, (await makeProduct(db, tanLac.id, { nameVi: "Mứt vỏ bưởi" })).id, 5, "2024-06-01");
    await certify(db, (await makeProduct(db, caoPhong.id, { nameVi: "Mật ong bưởi Cao Phong" })).id, 3, "2020-03-01"); // expired
    const revoked = await makeProduct(db, caoPhong.id, { nameVi: "Bưởi sành Cao Phong" });
    const bad = await certify(db, revoked.id, 4, "2025-03-01");
    await revokeCertification(db, SYSTEM_ACTOR, bad.id, { revokedOn: "2025-09-01", reason: "Vi phạm" }, TODAY);
    for (let n = 1; n <= 12; n++) await certify(db, (await makeProduct(db, caoPhong.id, { nameVi: `Cam Cao Phong loại ${n}` })).id, 3, "2025-01-15");
  });

  afterEach(async () => test.dispose());

  it("suggests products in force, names that start with the typed text first, accents as typed first", async () => {
    // Within a tier: more stars, then the newer certificate.
    const typed = await suggest(db, "bưởi", TODAY);
    expect(typed.products.map((p) => p.nameVi)).toEqual(["Bưởi Mường Động", "Bưởi đỏ Tân Lạc", "Mứt vỏ bưởi", "Buoi do sấy"]);
    const plain = await suggest(db, "buoi", TODAY);
    expect(plain.products.map((p) => p.nameVi)).toEqual(["Buoi do sấy", "Bưởi Mường Động", "Bưởi đỏ Tân Lạc", "Mứt vỏ bưởi"]);
    expect(plain.products[0]).toMatchObject({ producer: "Hợp tác xã Bưởi đỏ Tân Lạc", stars: 3 });
  });

  it("suggests public producers by name, and leaves out a suspended one and its products", async () => {
    expect((await suggest(db, "buoi", TODAY)).producers.map((p) => p.legalName)).toEqual([
      "Hợp tác xã Bưởi đỏ Tân Lạc",
      "Hợp tác xã Bưởi Mường Động",
    ]);
    await changeProducerStatus(db, SYSTEM_ACTOR, hidden.id, { status: "SUSPENDED", reason: "Kiểm tra lại hồ sơ", version: hidden.version });
    const after = await suggest(db, "buoi", TODAY);
    expect(after.producers.map((p) => p.legalName)).toEqual(["Hợp tác xã Bưởi đỏ Tân Lạc"]);
    expect(after.products.map((p) => p.nameVi)).not.toContain("Bưởi Mường Động");
  });

  it("caps the lists, answers two-letter words, and nothing for one letter", async () => {
    const many = await suggest(db, "cam", TODAY);
    expect(many.products).toHaveLength(SUGGESTED_PRODUCTS);
    expect(many.producers.length).toBeLessThanOrEqual(SUGGESTED_PRODUCERS);
    expect((await suggest(db, "ca", TODAY)).products).toHaveLength(SUGGESTED_PRODUCTS);
    expect((await suggest(db, "mứt vỏ", TODAY)).products.map((p) => p.nameVi)).toEqual(["Mứt vỏ bưởi"]);
    expect(await suggest(db, "b", TODAY)).toEqual({ products: [], producers: [] });
    expect(await suggest(db, "zzzz", TODAY)).toEqual({ products: [], producers: [] });
  });
});
