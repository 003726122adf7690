import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { describe, expect, it } from "vitest";
import { cachedRead, catalogueReadCacheSize } from "../../app/modules/catalogue/read-cache.server";
import { createCertification, revokeCertification } from "../../app/modules/certifications/service.server";
import { parseDate } from "../../app/lib/dates";
import { updateProducer } from "../../app/modules/producers/service.server";
import { freshSqlite } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const fill = () => cachedRead(`probe:${Math.random()}`, async () => 1);

describe("writes through the domain modules clear the public read cache", () => {
  it("on producer, product and certification writes", async () => {
    const { db, dispose } = await freshSqlite();
    try {
      const today = parseDate("2026-11-23");
      const { province } = await loadMinimalReference(db);
      await fill();
      const producer = await makeProducer(db, province.id);
      expect(catalogueReadCacheSize()).toBe(0);
      await fill();
      const product = await makeProduct(db, producer.id);
      expect(catalogueReadCacheSize()).toBe(0);
      await fill();
      const cert = await createCertification(db, SYSTEM_ACTOR,
        { productId: product.id, stars: 3, decisionNumber: "1/QĐ-UBND", signedOn: "2025-08-01", issuerLevel: "PROVINCE", issuerName: "UBND tỉnh Phú Thọ" },
        today,
      );
      expect(catalogueReadCacheSize()).toBe(0);
      await fill();
      await revokeCertification(db, SYSTEM_ACTOR, cert.id, { revokedOn: "2026-01-01", reason: "Thu hồi thử" }, today);
      expect(catalogueReadCacheSize()).toBe(0);
      await fill();
      await updateProducer(db, SYSTEM_ACTOR, producer.id, { version: producer.version, type: "COOPERATIVE", legalName: "Hợp tác xã Mới", taxCode: producer.taxCode, provinceId: province.id });
      expect(catalogueReadCacheSize()).toBe(0);
      // A failed write leaves the cache alone.
      await fill();
      await expect(makeProducer(db, province.id, { taxCode: "bad" })).rejects.toThrow();
      expect(catalogueReadCacheSize()).toBe(1);
    } finally {
      await dispose();
    }
  });
});
