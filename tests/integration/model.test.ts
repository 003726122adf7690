import type { CertificationInput } from "../../app/modules/certifications/forms";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { DomainError, isUniqueViolation, ValidationError } from "../../app/lib/errors.server";
import { refreshAllStandings, refreshDueStandings } from "../../app/modules/certifications/standing.server";
import { addDays, parseDate } from "../../app/lib/dates";
import { certificationStatus } from "../../app/modules/catalogue/visibility.server";
import { defaultValidUntil } from "../../app/modules/certifications/rules";
import {
  createCertification,
  revokeCertification,
} from "../../app/modules/certifications/service.server";
import { createProducer, updateProducer } from "../../app/modules/producers/service.server";
import { updateProduct } from "../../app/modules/products/service.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";

const d = parseDate;

/** The error a promise rejects with; fails the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<DomainError> {
  let resolved: unknown;
  try {
    resolved = await promise;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(resolved)}`);
}

function certInput(productId: number, overrides: Partial<CertificationInput> = {}): CertificationInput {
  return {
    productId,
    stars: 3,
    decisionNumber: "1032/QĐ-UBND",
    signedOn: "2023-01-10",
    issuerLevel: "PROVINCE",
    issuerName: "UBND tỉnh Hòa Bình",
    ...overrides,
  };
}

const CODE_PATTERN = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/;

describe.each(testProviders())("data model on %s", (provider) => {
  let handle: TestDatabase | undefined;
  let db: Database;
  let provinceId: number;
  let communeId: number;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    const ref = await loadMinimalReference(db);
    provinceId = ref.province.id;
    communeId = ref.commune.id;
  });

  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });

  const pointerOf = async (productId: number) =>
    (await db.product.findUniqueOrThrow({ where: { id: productId }, select: { standingCertificationId: true } }))
      .standingCertificationId;

  describe("slugs", () => {
    it("gives producers with the same legal name x and x-2", async () => {
      const first = await makeProducer(db, provinceId);
      const second = await makeProducer(db, provinceId);
      expect(first.slug).toBe("hop-tac-xa-buoi-do-tan-lac");
      expect(second.slug).toBe("hop-tac-xa-buoi-do-tan-lac-2");
    });

    it("gives products with the same name buoi-do-tan-lac and buoi-do-tan-lac-2", async () => {
      const producer = await makeProducer(db, provinceId);
      const first = await makeProduct(db, producer.id);
      const second = await makeProduct(db, producer.id, { nameVi: "BƯỞI ĐỎ  Tân Lạc" });
      const third = await makeProduct(db, producer.id, { nameVi: "Bưởi đỏ Tân Lạc".normalize("NFD") });
      expect(first.slug).toBe("buoi-do-tan-lac");
      expect(second.slug).toBe("buoi-do-tan-lac-2");
      expect(third.slug).toBe("buoi-do-tan-lac-3");
      // stored names are normalized (NFC, single spaces)
      expect(second.nameVi).toBe("BƯỞI ĐỎ Tân Lạc");
      expect(third.nameVi).toBe("Bưởi đỏ Tân Lạc".normalize("NFC"));
    });

    it("has a unique constraint on product slugs in the database", async () => {
      const producer = await makeProducer(db, provinceId);
      await makeProduct(db, producer.id);
      const error = await rejectionOf(
        db.product.create({
          data: { slug: "buoi-do-tan-lac", nameVi: "Bản sao", productSetId: 1, producerId: producer.id, searchKey: "ban sao" },
        }),
      );
      // createProduct retries on exactly this error, so it must be recognisable
      expect(isUniqueViolation(error, "slug")).toBe(true);
      expect(await db.product.count()).toBe(1);
    });
  });

  describe("tax codes", () => {
    it("accepts a 10-digit code and a 13-digit branch code", async () => {
      const head = await makeProducer(db, provinceId, { taxCode: "5400123456" });
      const branch = await makeProducer(db, provinceId, { taxCode: "5400123456-001" });
      expect(head.taxCode).toBe("5400123456");
      expect(branch.taxCode).toBe("5400123456-001");
      const spaced = await makeProducer(db, provinceId, { taxCode: " 5400 123 457 " });
      expect(spaced.taxCode).toBe("5400123457");
      expect(await db.producer.count()).toBe(3);
    });

    it.each(["540012345", "54001234567", "5400123456-01", "ABC1234567"])("rejects %s with a ValidationError", async (taxCode) => {
      const error = await rejectionOf(makeProducer(db, provinceId, { taxCode }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.status).toBe(400);
      expect(error.fieldErrors.taxCode).toEqual(["forms.taxCodeFormat"]);
      expect(await db.producer.count()).toBe(0);
    });

    it("rejects a duplicate tax code with 409 and writes nothing", async () => {
      await makeProducer(db, provinceId, { taxCode: "5400123456" });
      const before = await db.producer.count();
      const error = await rejectionOf(makeProducer(db, provinceId, { taxCode: "5400123456", legalName: "Công ty khác" }));
      expect(error).toBeInstanceOf(DomainError);
      expect(error).not.toBeInstanceOf(ValidationError);
      expect(error.status).toBe(409);
      expect(error.fieldErrors.taxCode).toEqual(["forms.taxCodeTaken"]);
      expect(await db.producer.count()).toBe(before);
      expect(before).toBe(1);
    });

    it("rejects changing a producer's tax code to one already taken with 409", async () => {
      await makeProducer(db, provinceId, { taxCode: "5400123456" });
      const other = await makeProducer(db, provinceId, { taxCode: "5400123457" });
      const error = await rejectionOf(
        updateProducer(db, SYSTEM_ACTOR, other.id, { version: other.version, type: "COOPERATIVE", legalName: other.legalName, taxCode: "5400123456", provinceId }),
      );
      expect(error.status).toBe(409);
      expect(error.fieldErrors.taxCode).toEqual(["forms.taxCodeTaken"]);
      expect((await db.producer.findUniqueOrThrow({ where: { id: other.id } })).taxCode).toBe("5400123457");
    });
  });

  describe("stars and scores", () => {
    let productId: number;
    beforeEach(async () => {
      const producer = await makeProducer(db, provinceId);
      productId = (await makeProduct(db, producer.id)).id;
    });
    const today = d("2025-09-01");

    it("accepts 4★ with a score of 75", async () => {
      const cert = await createCertification(db, SYSTEM_ACTOR, certInput(productId, { stars: 4, score: 75 }), today);
      expect(cert.stars).toBe(4);
      expect(cert.score).toBe(75);
      expect(await db.certification.count()).toBe(1);
      expect(await pointerOf(productId)).toBe(cert.id);
    });

    const failures: Array<[string, Partial<CertificationInput>, string, string]> = [
      ["4★ with a score of 92", { stars: 4, score: 92 }, "score", "forms.scoreOutsideBand"],
      ["3★ with a score of 49", { stars: 3, score: 49 }, "score", "forms.scoreOutsideBand"],
      ["2★", { stars: 2 }, "stars", "forms.starsOutOfRange"],
      ["6★", { stars: 6 }, "stars", "forms.starsOutOfRange"],
      ["a score of 101", { stars: 5, score: 101, issuerLevel: "CENTRAL" }, "score", "forms.scoreRange"],
      ["5★ issued by a province", { stars: 5, score: 95, issuerLevel: "PROVINCE" }, "issuerLevel", "forms.fiveStarsAreCentral"],
      ["a district issuer after the 2025 reform", { issuerLevel: "DISTRICT", signedOn: "2025-08-01" }, "issuerLevel", "forms.noDistrictsAfterReform"],
      ["a validity ending before signing", { signedOn: "2023-01-10", validUntil: "2023-01-10" }, "validUntil", "forms.validUntilBeforeSigned"],
      ["an impossible date", { signedOn: "2023-02-30" }, "signedOn", "forms.dateFormat"],
      ["a signing date after today", { signedOn: "2025-09-02" }, "signedOn", "forms.signedInFuture"],
    ];

    it.each(failures)("rejects %s with 400 and writes nothing", async (_label, overrides, field, message) => {
      const error = await rejectionOf(createCertification(db, SYSTEM_ACTOR, certInput(productId, overrides), today));
      expect(error).toBeInstanceOf(DomainError);
      expect(error.status).toBe(400);
      expect(error.fieldErrors[field]).toContain(message);
      expect(await db.certification.count()).toBe(0);
      expect(await pointerOf(productId)).toBeNull();
    });

    it("accepts a district issuer the day before the reform", async () => {
      const cert = await createCertification(db, SYSTEM_ACTOR, certInput(productId, { issuerLevel: "DISTRICT", signedOn: "2025-07-05" }), today);
      expect(cert.issuerLevel).toBe("DISTRICT");
    });

    it("rejects an unknown product with 404", async () => {
      const error = await rejectionOf(createCertification(db, SYSTEM_ACTOR, certInput(productId + 1000), today));
      expect(error.status).toBe(404);
      expect(await db.certification.count()).toBe(0);
    });
  });

  describe("validity and verification codes", () => {
    let productId: number;
    beforeEach(async () => {
      const producer = await makeProducer(db, provinceId);
      productId = (await makeProduct(db, producer.id)).id;
    });
    const today = d("2024-06-01");

    it("defaults validUntil to 36 months after signing minus one day", async () => {
      const created = await createCertification(db, SYSTEM_ACTOR, certInput(productId, { signedOn: "2022-06-10" }), today);
      const stored = await db.certification.findUniqueOrThrow({ where: { id: created.id } });
      expect(stored.validUntil.getTime()).toBe(defaultValidUntil(d("2022-06-10")).getTime());
      expect(stored.validUntil.toISOString()).toBe("2025-06-09T00:00:00.000Z");
      expect(stored.signedOn.toISOString()).toBe("2022-06-10T00:00:00.000Z");
    });

    it("keeps an explicit validUntil", async () => {
      const created = await createCertification(db, SYSTEM_ACTOR,
        certInput(productId, { signedOn: "2022-06-10", validUntil: "2024-12-31" }),
        today,
      );
      const stored = await db.certification.findUniqueOrThrow({ where: { id: created.id } });
      expect(stored.validUntil.toISOString()).toBe("2024-12-31T00:00:00.000Z");
    });

    it("treats an empty validUntil as the default", async () => {
      const created = await createCertification(db, SYSTEM_ACTOR, certInput(productId, { signedOn: "2020-02-29", validUntil: "" }), today);
      const stored = await db.certification.findUniqueOrThrow({ where: { id: created.id } });
      expect(stored.validUntil.toISOString()).toBe("2023-02-27T00:00:00.000Z");
    });

    it("issues unique 10-character verification codes without 0, O, 1 or I", async () => {
      const codes = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const cert = await createCertification(db, SYSTEM_ACTOR, certInput(productId, { decisionNumber: `${100 + i}/QĐ-UBND` }), today);
        expect(cert.verificationCode).toMatch(CODE_PATTERN);
        codes.add(cert.verificationCode);
      }
      expect(codes.size).toBe(12);
      const stored = await db.certification.findMany({ select: { verificationCode: true } });
      expect(new Set(stored.map((row) => row.verificationCode))).toEqual(codes);
    });
  });

  describe("standing certification in the database", () => {
    let productId: number;
    beforeEach(async () => {
      const producer = await makeProducer(db, provinceId);
      productId = (await makeProduct(db, producer.id)).id;
    });

    it("follows an upgrade and stays on it after its revocation: the older one was superseded", async () => {
      const today = d("2024-06-01");
      const three = await createCertification(db, SYSTEM_ACTOR, certInput(productId, { stars: 3, signedOn: "2023-01-10" }), today);
      expect(await pointerOf(productId)).toBe(three.id);

      const four = await createCertification(db, SYSTEM_ACTOR,
        certInput(productId, { stars: 4, score: 80, decisionNumber: "88/QĐ-UBND", signedOn: "2024-05-02", evaluationKind: "UPGRADE" }),
        today,
      );
      expect(await pointerOf(productId)).toBe(four.id);

      // The 3★'s dates run through 2026-01-09, but the 4★ replaced it on 2024-05-02.
      await revokeCertification(db, SYSTEM_ACTOR, four.id, { revokedOn: "2024-05-20", reason: "Không đạt khi kiểm tra lại" }, today);
      expect(await pointerOf(productId)).toBe(four.id);
      expect(await refreshAllStandings(db, d("2030-01-01"))).toBe(1);
      expect(await pointerOf(productId)).toBe(four.id);
    });

    it("breaks a tie on the signing day by the later entry", async () => {
      await createCertification(db, SYSTEM_ACTOR, certInput(productId, { stars: 4, signedOn: "2021-08-15" }), d("2021-08-15"));
      const later = await createCertification(db, SYSTEM_ACTOR,
        certInput(productId, { stars: 4, decisionNumber: "89/QĐ-UBND", signedOn: "2021-08-15", validUntil: "2023-08-14" }),
        d("2021-09-01"),
      );
      expect(await pointerOf(productId)).toBe(later.id);
      await refreshAllStandings(db, d("2030-01-01"));
      expect(await pointerOf(productId)).toBe(later.id);
    });

    it("refreshDueStandings hands over to a certificate entered ahead of its signing day, once", async () => {
      const current = await createCertification(db, SYSTEM_ACTOR, certInput(productId, { signedOn: "2022-01-10" }), d("2024-03-01"));
      // A bulk load can enter a decision ahead of its day; the service refuses to.
      const ahead = await db.certification.create({
        data: {
          productId,
          stars: 4,
          decisionNumber: "99/QĐ-UBND",
          signedOn: d("2024-04-01"),
          validUntil: d("2027-03-31"),
          issuerLevel: "PROVINCE",
          issuerName: "UBND tỉnh Phú Thọ",
          verificationCode: "AHEAD23456",
        },
      });
      // A second product with nothing pending: never touched.
      const other = await makeProduct(db, (await makeProducer(db, provinceId)).id, { nameVi: "Cam Cao Phong" });
      const otherCert = await createCertification(db, SYSTEM_ACTOR, certInput(other.id, { signedOn: "2023-06-01" }), d("2024-03-01"));

      expect(await refreshDueStandings(db, d("2024-03-31"))).toBe(0);
      expect(await pointerOf(productId)).toBe(current.id);
      expect(await refreshDueStandings(db, d("2024-04-01"))).toBe(1);
      expect(await pointerOf(productId)).toBe(ahead.id);
      expect(await pointerOf(other.id)).toBe(otherCert.id);
      expect(await refreshDueStandings(db, d("2024-04-02"))).toBe(0);
    });
  });

  describe("status of stored rows", () => {
    it("round-trips dates exactly and derives status at the boundaries", async () => {
      const producer = await makeProducer(db, provinceId);
      const product = await makeProduct(db, producer.id);
      const created = await createCertification(db, SYSTEM_ACTOR, certInput(product.id, { signedOn: "2023-01-10" }), d("2024-01-01"));
      const stored = await db.certification.findUniqueOrThrow({ where: { id: created.id } });
      const validUntil = d("2026-01-09");
      expect(stored.validUntil.getTime()).toBe(validUntil.getTime());
      expect(stored.signedOn.getTime()).toBe(d("2023-01-10").getTime());
      expect(stored.revokedOn).toBeNull();

      expect(certificationStatus(stored, addDays(validUntil, -91))).toBe("valid");
      expect(certificationStatus(stored, addDays(validUntil, -90))).toBe("expiring");
      expect(certificationStatus(stored, validUntil)).toBe("expiring");
      expect(certificationStatus(stored, addDays(validUntil, 1))).toBe("expired");
    });

    it("round-trips an explicit validUntil and a revocation date", async () => {
      const producer = await makeProducer(db, provinceId);
      const product = await makeProduct(db, producer.id);
      const today = d("2024-06-01");
      const created = await createCertification(db, SYSTEM_ACTOR,
        certInput(product.id, { signedOn: "2024-02-29", validUntil: "2024-08-30" }),
        today,
      );
      const stored = await db.certification.findUniqueOrThrow({ where: { id: created.id } });
      expect(stored.validUntil.toISOString()).toBe("2024-08-30T00:00:00.000Z");
      expect(stored.signedOn.toISOString()).toBe("2024-02-29T00:00:00.000Z");
      expect(certificationStatus(stored, today)).toBe("expiring"); // 90 days left

      await revokeCertification(db, SYSTEM_ACTOR, created.id, { revokedOn: "2024-06-01", reason: "Thu hồi theo quyết định" }, today);
      const revoked = await db.certification.findUniqueOrThrow({ where: { id: created.id } });
      expect(revoked.revokedOn?.toISOString()).toBe("2024-06-01T00:00:00.000Z");
      expect(revoked.revocationReason).toBe("Thu hồi theo quyết định");
      expect(certificationStatus(revoked, today)).toBe("revoked");
      // the day before the revocation it was still in force, with 91 days left
      expect(certificationStatus(revoked, addDays(today, -1))).toBe("valid");
    });
  });

  describe("search keys", () => {
    it("covers the product name, producer, product set, commune and province", async () => {
      const producer = await makeProducer(db, provinceId, { communeId });
      const product = await makeProduct(db, producer.id);
      const stored = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(stored.searchKey).toContain("buoi do tan lac");
      expect(stored.searchKey).toContain("hop tac xa buoi do tan lac");
      expect(stored.searchKey).toContain("rau, cu, qua, hat tuoi");
      expect(stored.searchKey).toContain("phu tho");
      expect(stored.searchKey).toBe(stored.searchKey.toLowerCase());
      expect(stored.searchKey.normalize("NFD")).toBe(stored.searchKey); // no marks left to decompose
    });

    it("rewrites product keys when the producer is renamed", async () => {
      const producer = await makeProducer(db, provinceId);
      const product = await makeProduct(db, producer.id);
      const bystander = await makeProduct(db, (await makeProducer(db, provinceId, { legalName: "Công ty Kim Bôi" })).id, {
        nameVi: "Măng khô",
      });
      const bystanderKey = (await db.product.findUniqueOrThrow({ where: { id: bystander.id } })).searchKey;

      const updated = await updateProducer(db, SYSTEM_ACTOR, producer.id, {
        version: producer.version,
        type: "COOPERATIVE",
        legalName: "Hợp tác xã Nông sản Mường Động",
        taxCode: producer.taxCode,
        provinceId,
      });
      expect(updated.searchKey).toContain("hop tac xa nong san muong dong");
      expect(updated.slug).toBe(producer.slug);

      const stored = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(stored.searchKey).toContain("hop tac xa nong san muong dong");
      expect(stored.searchKey).not.toContain("hop tac xa buoi do");
      expect(stored.searchKey).toContain("buoi do tan lac");
      expect((await db.product.findUniqueOrThrow({ where: { id: bystander.id } })).searchKey).toBe(bystanderKey);
    });

    it("rewrites a product's own key on rename and keeps its slug", async () => {
      const producer = await makeProducer(db, provinceId);
      const product = await makeProduct(db, producer.id);
      await updateProduct(db, SYSTEM_ACTOR, product.id, {
        version: product.version,
        nameVi: "Bưởi Diễn Kim Bôi",
        productSetId: 4,
        producerId: producer.id,
        status: "PUBLISHED",
      });
      const stored = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(stored.nameVi).toBe("Bưởi Diễn Kim Bôi");
      expect(stored.slug).toBe("buoi-do-tan-lac");
      // parts: name | producer | product set | province
      expect(stored.searchKey.split(" | ")).toEqual([
        "buoi dien kim boi",
        "hop tac xa buoi do tan lac",
        "mat ong, mat khac va nong san thuc pham khac",
        "phu tho",
      ]);
      expect(stored.searchKey).not.toContain("rau, cu");
    });
  });

  describe("revocation errors", () => {
    let certId: number;
    const today = d("2024-06-01");
    beforeEach(async () => {
      const producer = await makeProducer(db, provinceId);
      const product = await makeProduct(db, producer.id);
      certId = (await createCertification(db, SYSTEM_ACTOR, certInput(product.id, { signedOn: "2023-01-10" }), today)).id;
    });
    const revokedOnOf = async () => (await db.certification.findUniqueOrThrow({ where: { id: certId } })).revokedOn;

    it("rejects revoking twice with 409 and keeps the first revocation", async () => {
      await revokeCertification(db, SYSTEM_ACTOR, certId, { revokedOn: "2024-05-01", reason: "Vi phạm lần đầu" }, today);
      const error = await rejectionOf(revokeCertification(db, SYSTEM_ACTOR, certId, { revokedOn: "2024-05-15", reason: "Lần hai" }, today));
      expect(error.status).toBe(409);
      expect(error.fieldErrors.revokedOn).toEqual(["forms.alreadyRevoked"]);
      expect((await revokedOnOf())?.toISOString()).toBe("2024-05-01T00:00:00.000Z");
    });

    it("rejects a revocation before signing with 400", async () => {
      const error = await rejectionOf(revokeCertification(db, SYSTEM_ACTOR, certId, { revokedOn: "2023-01-09", reason: "Sai ngày" }, today));
      expect(error.status).toBe(400);
      expect(error.fieldErrors.revokedOn).toEqual(["forms.revokedBeforeSigned"]);
      expect(await revokedOnOf()).toBeNull();
    });

    it("rejects a revocation dated after today with 400", async () => {
      const error = await rejectionOf(revokeCertification(db, SYSTEM_ACTOR, certId, { revokedOn: "2024-06-02", reason: "Trước hạn" }, today));
      expect(error.status).toBe(400);
      expect(error.fieldErrors.revokedOn).toEqual(["forms.revokedInFuture"]);
      expect(await revokedOnOf()).toBeNull();
    });

    it("accepts a revocation dated on the signing day", async () => {
      await revokeCertification(db, SYSTEM_ACTOR, certId, { revokedOn: "2023-01-10", reason: "Ngay khi ký" }, today);
      expect((await revokedOnOf())?.toISOString()).toBe("2023-01-10T00:00:00.000Z");
    });

    it("rejects an unknown certification with 404", async () => {
      const error = await rejectionOf(revokeCertification(db, SYSTEM_ACTOR, certId + 999, { revokedOn: "2024-05-01", reason: "Không có" }, today));
      expect(error.status).toBe(404);
    });
  });

  it("creates a pending producer by default", async () => {
    const producer = await createProducer(db, SYSTEM_ACTOR, { type: "ENTERPRISE", legalName: "Công ty Cổ phần Kim Bôi", taxCode: nextTaxCode(), provinceId });
    expect(producer.status).toBe("PENDING");
    expect(producer.slug).toBe("cong-ty-co-phan-kim-boi");
  });
});
