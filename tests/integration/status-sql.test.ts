/**
 * The certificate status rule has two forms in visibility.server.ts: the pure
 * certificationHistory (pages, API, /verify) and certificationStatusSql (the
 * admin lists' filter). They must agree on every certificate, on both
 * databases, around every boundary.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { addDays, parseDate } from "../../app/lib/dates";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { CERTIFICATION_STATUSES, certificationHistory, certificationStatusSql } from "../../app/modules/catalogue/visibility.server";
import { createCertification, revokeCertification } from "../../app/modules/certifications/service.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-06-15");

describe.each(testProviders())("certificate status in SQL and in code agree on %s", (provider) => {
  let test: TestDatabase;
  let db: Database;

  beforeEach(async () => {
    test = await freshDatabase(provider);
    db = test.db;
  });
  afterEach(async () => test.dispose());

  it("for every certificate of histories that cross each boundary", async () => {
    const { province } = await loadMinimalReference(db);
    const producer = await makeProducer(db, province.id);
    let decision = 0;
    const certify = (productId: number, signedOn: string, validUntil?: string) =>
      createCertification(
        db,
        SYSTEM_ACTOR,
        { productId, stars: 3, decisionNumber: `${++decision}/QĐ-UBND`, signedOn, validUntil, issuerLevel: "PROVINCE", issuerName: "UBND tỉnh Phú Thọ" },
        TODAY,
      );
    const product = async (name: string) => (await makeProduct(db, producer.id, { nameVi: name })).id;

    // Renewed before expiry (superseded), renewed the day after the last valid day (expired), renewed on it (superseded).
    const a = await product("Bưởi A");
    await certify(a, "2022-06-10");
    await certify(a, "2025-03-20");
    const b = await product("Bưởi B");
    await certify(b, "2021-03-10", "2024-03-09");
    await certify(b, "2024-03-10");
    const c = await product("Bưởi C");
    await certify(c, "2021-03-10", "2024-03-09");
    await certify(c, "2024-03-09");
    // Revoked newest with an older expired; revoked the day after expiry; revoked after being replaced.
    const d = await product("Bưởi D");
    await certify(d, "2021-03-10");
    const dNew = await certify(d, "2024-05-20");
    await revokeCertification(db, SYSTEM_ACTOR, dNew.id, { revokedOn: "2025-09-01", reason: "Không đạt" }, TODAY);
    const e = await product("Bưởi E");
    const eOnly = await certify(e, "2023-01-01", "2026-06-13");
    await revokeCertification(db, SYSTEM_ACTOR, eOnly.id, { revokedOn: "2026-06-14", reason: "Thu hồi" }, TODAY);
    const f = await product("Bưởi F");
    const fOld = await certify(f, "2022-01-01");
    await certify(f, "2024-01-01");
    await revokeCertification(db, SYSTEM_ACTOR, fOld.id, { revokedOn: "2024-06-01", reason: "Thu hồi muộn" }, TODAY);
    // Expiring: last valid day today, and 90 / 91 days left.
    const g = await product("Bưởi G");
    await certify(g, "2023-06-16", "2026-06-15");
    const h = await product("Bưởi H");
    await certify(h, "2024-01-01", addDays(TODAY, 90).toISOString().slice(0, 10));
    const i = await product("Bưởi I");
    await certify(i, "2024-01-01", addDays(TODAY, 91).toISOString().slice(0, 10));

    const certs = await db.certification.findMany({ select: { id: true, productId: true, signedOn: true, validUntil: true, revokedOn: true, reviewStatus: true } });
    const expected = new Map<number, string>();
    for (const productId of new Set(certs.map((cert) => cert.productId))) {
      for (const item of certificationHistory(
        certs.filter((cert) => cert.productId === productId),
        TODAY,
      )) {
        expected.set(item.id, item.status);
      }
    }
    // Every status occurs, so each SQL branch is exercised.
    expect(new Set(expected.values())).toEqual(new Set(CERTIFICATION_STATUSES));

    for (const status of CERTIFICATION_STATUSES) {
      const rows = await db.$queryRaw<Array<{ id: number }>>`
        SELECT c."id" AS "id" FROM "Certification" c WHERE ${certificationStatusSql(db, status, TODAY)} ORDER BY c."id"`;
      const want = [...expected].filter(([, value]) => value === status).map(([id]) => id).sort((x, y) => x - y);
      expect(rows.map((row) => Number(row.id)), status).toEqual(want);
    }
  });
});
