/**
 * The write side of the catalogue, through the domain services, on every
 * provider: each write leaves exactly one audit row naming the actor, the
 * action, the record and only the fields that changed; a refused write
 * leaves nothing at all; the audit table cannot be rewritten; two edits of
 * one version cannot both win; a province's editor cannot reach another
 * province's records; only admins delete, and only what nothing depends on.
 * Expected values are written out from the inputs below, never read back
 * from the services.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { parseDate } from "../../app/lib/dates";
import { ConflictError } from "../../app/lib/errors.server";
import { producerScope, productScope, certificationScope, type Actor } from "../../app/modules/accounts/actor.server";
import type { CertificationInput } from "../../app/modules/certifications/forms";
import {
  createCertification,
  deleteCertification,
  revokeCertification,
  updateCertification,
} from "../../app/modules/certifications/service.server";
import { parseAuditQuery, searchAudit } from "../../app/modules/audit/search.server";
import { listCertifications, parseCertificationListQuery } from "../../app/modules/certifications/admin-list.server";
import { certificationForEdit, productForEntry } from "../../app/modules/certifications/admin-record.server";
import { adminOverview } from "../../app/modules/dashboard/overview.server";
import { producerForEdit, producerLabel } from "../../app/modules/producers/admin-record.server";
import { listProducersForAdmin, parseAdminProducerQuery } from "../../app/modules/producers/admin-list.server";
import { productForEdit } from "../../app/modules/products/admin-record.server";
import { listProductsForAdmin, parseAdminProductQuery } from "../../app/modules/products/admin-list.server";
import type { ProducerInput } from "../../app/modules/producers/forms";
import { changeProducerStatus, createProducer, deleteProducer, updateProducer } from "../../app/modules/producers/service.server";
import type { ProductInput } from "../../app/modules/products/forms";
import { createProduct, deleteProduct, setProductArchived, updateProduct } from "../../app/modules/products/service.server";
import { foldText } from "../../app/modules/text/vietnamese.server";
import { adminActor, auditRowsAfter, editorActor, lastAuditId, refusal, rowCounts, type AuditRow } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";

const TODAY = parseDate("2026-06-15");
const iso = (day: string) => `${day}T00:00:00.000Z`;

function certInput(productId: number, overrides: Partial<CertificationInput> = {}): CertificationInput {
  return {
    productId,
    stars: 4,
    decisionNumber: "1032/QĐ-UBND",
    signedOn: "2025-07-18",
    issuerLevel: "PROVINCE",
    issuerName: "UBND tỉnh Phú Thọ",
    ...overrides,
  };
}

describe.each(testProviders())("the write side on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let phuTho: number;
  let tanLac: number;
  let haNoi: number;
  let baVi: number;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    const reference = await loadMinimalReference(db);
    phuTho = reference.province.id;
    tanLac = reference.commune.id;
    const hanoiProvince = await db.province.create({
      data: { slug: "ha-noi", nameVi: "Hà Nội", nameEn: "Hanoi", formedFromVi: "Hà Nội", searchKey: foldText("Hà Nội") },
    });
    haNoi = hanoiProvince.id;
    baVi = (await db.commune.create({ data: { provinceId: haNoi, kind: "COMMUNE", nameVi: "Ba Vì", slug: "ba-vi", searchKey: foldText("Ba Vì") } })).id;
  });

  afterEach(async () => handle.dispose());

  /** The one audit row written since `sinceId`; fails when there are none or several. */
  async function onlyAuditRowSince(sinceId: number): Promise<AuditRow> {
    const rows = await auditRowsAfter(db, sinceId);
    expect(rows, `audit rows: ${JSON.stringify(rows)}`).toHaveLength(1);
    return rows[0]!;
  }

  function expectActor(row: AuditRow, actor: Actor) {
    expect(row.actorId).toBe(actor.userId);
    expect(row.actorEmail).toBe(actor.email);
    expect(row.ip).toBe(actor.ip);
    expect(row.requestId).toBe(actor.requestId);
  }

  describe("every write leaves exactly one audit row with only the changed fields", () => {
    it("producers: create, update, status, archive, restore, delete", async () => {
      const editor = editorActor();
      const admin = adminActor();
      const taxCode = nextTaxCode();
      let mark = await lastAuditId(db);
      const created = await createProducer(db, editor, {
        type: "COOPERATIVE",
        legalName: "Hợp tác xã Mật ong Mai Châu",
        taxCode,
        provinceId: phuTho,
        phone: "0912 345 678",
      });
      let row = await onlyAuditRowSince(mark);
      expectActor(row, editor);
      expect(row).toMatchObject({ action: "create", entityType: "producer", entityId: created.id, provinceId: phuTho });
      expect(row.changes).toMatchObject({
        type: [null, "COOPERATIVE"],
        legalName: [null, "Hợp tác xã Mật ong Mai Châu"],
        taxCode: [null, taxCode],
        provinceId: [null, phuTho],
        phone: [null, "0912 345 678"],
        status: [null, "PENDING"],
      });
      // A new record: everything was nothing before, and empty fields are not listed.
      expect(Object.values(row.changes!).every(([before]) => before === null)).toBe(true);
      for (const empty of ["registrationNumber", "legalRepName", "website", "email", "street", "communeId", "statusReason", "zalo"]) {
        expect(row.changes).not.toHaveProperty(empty);
      }

      mark = row.id;
      await updateProducer(db, editor, created.id, {
        type: "COOPERATIVE",
        legalName: "Hợp tác xã Mật ong bạc hà Mai Châu",
        taxCode,
        provinceId: phuTho,
        phone: "0912 345 678",
        website: "https://matongmaichau.vn",
        version: 1,
      } satisfies ProducerInput & { version: number });
      row = await onlyAuditRowSince(mark);
      expectActor(row, editor);
      expect(row).toMatchObject({ action: "update", entityType: "producer", entityId: created.id, provinceId: phuTho });
      expect(row.changes).toEqual({
        legalName: ["Hợp tác xã Mật ong Mai Châu", "Hợp tác xã Mật ong bạc hà Mai Châu"],
        website: [null, "https://matongmaichau.vn"],
      });

      mark = row.id;
      await changeProducerStatus(db, editor, created.id, { status: "SUSPENDED", reason: "Tạm dừng để kiểm tra hồ sơ", version: 2 });
      row = await onlyAuditRowSince(mark);
      expectActor(row, editor);
      expect(row).toMatchObject({ action: "status", entityType: "producer", entityId: created.id });
      expect(row.changes).toEqual({ status: ["PENDING", "SUSPENDED"], statusReason: [null, "Tạm dừng để kiểm tra hồ sơ"] });

      mark = row.id;
      await changeProducerStatus(db, editor, created.id, { status: "ARCHIVED" });
      row = await onlyAuditRowSince(mark);
      expect(row).toMatchObject({ action: "archive", entityType: "producer", entityId: created.id });
      expect(row.changes).toEqual({ status: ["SUSPENDED", "ARCHIVED"], statusReason: ["Tạm dừng để kiểm tra hồ sơ", null] });

      mark = row.id;
      await changeProducerStatus(db, editor, created.id, { status: "PENDING" });
      row = await onlyAuditRowSince(mark);
      expect(row).toMatchObject({ action: "restore", entityType: "producer", entityId: created.id });
      expect(row.changes).toEqual({ status: ["ARCHIVED", "PENDING"] });

      mark = row.id;
      await deleteProducer(db, admin, created.id);
      row = await onlyAuditRowSince(mark);
      expectActor(row, admin);
      expect(row).toMatchObject({ action: "delete", entityType: "producer", entityId: created.id, provinceId: phuTho });
      expect(row.changes).toMatchObject({
        legalName: ["Hợp tác xã Mật ong bạc hà Mai Châu", null],
        taxCode: [taxCode, null],
        website: ["https://matongmaichau.vn", null],
        status: ["PENDING", null],
      });
      expect(Object.values(row.changes!).every(([, after]) => after === null)).toBe(true);
      expect(await db.producer.findUnique({ where: { id: created.id } })).toBeNull();
    });

    it("products: create, update, archive, restore, delete", async () => {
      const producer = await makeProducer(db, phuTho);
      const editor = editorActor(phuTho);
      const admin = adminActor();
      let mark = await lastAuditId(db);
      const created = await createProduct(db, editor, { nameVi: "Mật ong hoa nhãn", productSetId: 4, producerId: producer.id, status: "DRAFT" });
      let row = await onlyAuditRowSince(mark);
      expectActor(row, editor);
      expect(row).toMatchObject({ action: "create", entityType: "product", entityId: created.id, entityLabel: "Mật ong hoa nhãn", provinceId: phuTho });
      expect(row.changes).toMatchObject({
        nameVi: [null, "Mật ong hoa nhãn"],
        productSetId: [null, 4],
        producerId: [null, producer.id],
        status: [null, "DRAFT"],
      });
      expect(Object.values(row.changes!).every(([before]) => before === null)).toBe(true);
      for (const empty of ["nameEn", "unit", "packagingVi", "descriptionEn"]) expect(row.changes).not.toHaveProperty(empty);

      mark = row.id;
      await updateProduct(db, editor, created.id, {
        nameVi: "Mật ong hoa nhãn Mai Châu",
        productSetId: 4,
        producerId: producer.id,
        status: "DRAFT",
        unit: "chai 500 ml",
        version: 1,
      } satisfies ProductInput & { version: number });
      row = await onlyAuditRowSince(mark);
      expectActor(row, editor);
      expect(row).toMatchObject({ action: "update", entityType: "product", entityId: created.id });
      expect(row.changes).toEqual({ nameVi: ["Mật ong hoa nhãn", "Mật ong hoa nhãn Mai Châu"], unit: [null, "chai 500 ml"] });

      mark = row.id;
      await setProductArchived(db, editor, created.id, true);
      row = await onlyAuditRowSince(mark);
      expect(row).toMatchObject({ action: "archive", entityType: "product", entityId: created.id });
      expect(row.changes).toEqual({ status: ["DRAFT", "ARCHIVED"] });

      mark = row.id;
      await setProductArchived(db, editor, created.id, false);
      row = await onlyAuditRowSince(mark);
      expect(row).toMatchObject({ action: "restore", entityType: "product", entityId: created.id });
      expect(row.changes).toEqual({ status: ["ARCHIVED", "DRAFT"] });

      mark = row.id;
      await deleteProduct(db, admin, created.id);
      row = await onlyAuditRowSince(mark);
      expectActor(row, admin);
      expect(row).toMatchObject({ action: "delete", entityType: "product", entityId: created.id });
      expect(row.changes).toMatchObject({ nameVi: ["Mật ong hoa nhãn Mai Châu", null], unit: ["chai 500 ml", null], status: ["DRAFT", null] });
      expect(Object.values(row.changes!).every(([, after]) => after === null)).toBe(true);
      expect(await db.product.findUnique({ where: { id: created.id } })).toBeNull();
    });

    it("certifications: create, update, revoke, delete", async () => {
      const producer = await makeProducer(db, phuTho);
      const product = await makeProduct(db, producer.id);
      const editor = editorActor();
      const admin = adminActor();
      let mark = await lastAuditId(db);
      const created = await createCertification(db, editor, certInput(product.id, { score: 78 }), TODAY);
      let row = await onlyAuditRowSince(mark);
      expectActor(row, editor);
      expect(row).toMatchObject({ action: "create", entityType: "certification", entityId: created.id, provinceId: phuTho });
      expect(row.entityLabel).toContain("1032/QĐ-UBND");
      expect(row.changes).toMatchObject({
        productId: [null, product.id],
        stars: [null, 4],
        score: [null, 78],
        decisionNumber: [null, "1032/QĐ-UBND"],
        signedOn: [null, iso("2025-07-18")],
        validUntil: [null, iso("2028-07-17")],
        issuerLevel: [null, "PROVINCE"],
      });
      expect(Object.values(row.changes!).every(([before]) => before === null)).toBe(true);
      for (const empty of ["batch", "revokedOn", "revocationReason", "revocationDecision"]) expect(row.changes).not.toHaveProperty(empty);

      mark = row.id;
      await updateCertification(db, editor, created.id, { ...certInput(product.id, { score: 78, batch: "đợt 1 năm 2025" }), version: 1 }, TODAY);
      row = await onlyAuditRowSince(mark);
      expectActor(row, editor);
      expect(row).toMatchObject({ action: "update", entityType: "certification", entityId: created.id });
      expect(row.changes).toEqual({ batch: [null, "đợt 1 năm 2025"] });

      mark = row.id;
      await revokeCertification(db, editor, created.id, { revokedOn: "2026-06-01", reason: "Vi phạm an toàn thực phẩm", decision: "45/QĐ-UBND" }, TODAY);
      row = await onlyAuditRowSince(mark);
      expectActor(row, editor);
      expect(row).toMatchObject({ action: "revoke", entityType: "certification", entityId: created.id });
      expect(row.changes).toEqual({
        revokedOn: [null, iso("2026-06-01")],
        revocationReason: [null, "Vi phạm an toàn thực phẩm"],
        revocationDecision: [null, "45/QĐ-UBND"],
      });

      mark = row.id;
      await deleteCertification(db, admin, created.id, TODAY);
      row = await onlyAuditRowSince(mark);
      expectActor(row, admin);
      expect(row).toMatchObject({ action: "delete", entityType: "certification", entityId: created.id });
      expect(row.changes).toMatchObject({ decisionNumber: ["1032/QĐ-UBND", null], revokedOn: [iso("2026-06-01"), null] });
      expect(Object.values(row.changes!).every(([, after]) => after === null)).toBe(true);
      expect(await db.certification.findUnique({ where: { id: created.id } })).toBeNull();
      expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).standingCertificationId).toBeNull();
    });
  });

  describe("a refused write leaves no audit row and changes nothing", () => {
    it("a duplicate tax code, on create and on update (refused by the database inside the transaction)", async () => {
      const first = await makeProducer(db, phuTho, { legalName: "Hợp tác xã Chè Shan tuyết" });
      const second = await makeProducer(db, phuTho, { legalName: "Hợp tác xã Cam Cao Phong" });
      const editor = editorActor();
      const counts = await rowCounts(db);
      const secondBefore = await db.producer.findUniqueOrThrow({ where: { id: second.id } });

      const onCreate = await refusal(() =>
        createProducer(db, editor, { type: "ENTERPRISE", legalName: "Công ty Chè Shan tuyết", taxCode: first.taxCode, provinceId: phuTho }),
      );
      expect(onCreate.status).toBe(409);
      expect(onCreate.fieldErrors).toEqual({ taxCode: ["forms.taxCodeTaken"] });

      const onUpdate = await refusal(() =>
        updateProducer(db, editor, second.id, { type: "COOPERATIVE", legalName: "Hợp tác xã Cam Cao Phong", taxCode: first.taxCode, provinceId: phuTho, version: 1 }),
      );
      expect(onUpdate.status).toBe(409);
      expect(onUpdate.fieldErrors).toEqual({ taxCode: ["forms.taxCodeTaken"] });

      expect(await rowCounts(db)).toEqual(counts);
      expect(await db.producer.findUniqueOrThrow({ where: { id: second.id } })).toEqual(secondBefore);
    });

    it("validation errors, before the transaction and inside it", async () => {
      const producer = await makeProducer(db, phuTho);
      const product = await makeProduct(db, producer.id);
      const cert = await createCertification(db, adminActor(), certInput(product.id), TODAY);
      const editor = editorActor();
      const counts = await rowCounts(db);
      const rows = async () => ({
        producer: await db.producer.findUniqueOrThrow({ where: { id: producer.id } }),
        product: await db.product.findUniqueOrThrow({ where: { id: product.id } }),
        cert: await db.certification.findUniqueOrThrow({ where: { id: cert.id } }),
      });
      const before = await rows();

      // The schema refuses a malformed tax code.
      const malformed = await refusal(() => createProducer(db, editor, { type: "COOPERATIVE", legalName: "Hợp tác xã Bưởi", taxCode: "12345", provinceId: phuTho }));
      expect(malformed.status).toBe(400);
      expect(malformed.fieldErrors.taxCode).toEqual(["forms.taxCodeFormat"]);

      // Inside the transaction: a commune of another province.
      const commune = await refusal(() =>
        updateProducer(db, editor, producer.id, { type: "COOPERATIVE", legalName: "Hợp tác xã Bưởi đỏ", taxCode: producer.taxCode, provinceId: phuTho, communeId: baVi, version: 1 }),
      );
      expect(commune.status).toBe(400);
      expect(commune.fieldErrors).toEqual({ communeId: ["forms.communeNotInProvince"] });

      // Inside the transaction: a certificate cannot move to another product, nor be revoked before it was signed.
      const other = await makeProduct(db, producer.id, { nameVi: "Cam Cao Phong" });
      const countsWithOther = { ...counts, products: counts.products + 1, auditEvents: counts.auditEvents + 1, catalogueVersion: counts.catalogueVersion + 1 };
      const moved = await refusal(() => updateCertification(db, editor, cert.id, { ...certInput(other.id), version: 1 }, TODAY));
      expect(moved.status).toBe(400);
      expect(moved.fieldErrors).toEqual({ productId: ["forms.certificateStaysWithProduct"] });
      const early = await refusal(() => revokeCertification(db, editor, cert.id, { revokedOn: "2025-07-01", reason: "Nhập nhầm ngày" }, TODAY));
      expect(early.status).toBe(400);
      expect(early.fieldErrors).toEqual({ revokedOn: ["forms.revokedBeforeSigned"] });
      // A revocation needs a reason.
      const noReason = await refusal(() => revokeCertification(db, editor, cert.id, { revokedOn: "2026-06-01", reason: "" }, TODAY));
      expect(noReason.status).toBe(400);
      expect(noReason.fieldErrors).toHaveProperty("reason");

      expect(await rowCounts(db)).toEqual(countsWithOther);
      expect(await rows()).toEqual(before);
    });

    it("a version conflict", async () => {
      const producer = await makeProducer(db, phuTho, { legalName: "Hợp tác xã Miến dong" });
      await updateProducer(db, editorActor(), producer.id, { type: "COOPERATIVE", legalName: "Hợp tác xã Miến dong Tân Lạc", taxCode: producer.taxCode, provinceId: phuTho, version: 1 });
      const counts = await rowCounts(db);
      const stored = await db.producer.findUniqueOrThrow({ where: { id: producer.id } });
      const error = await refusal(() =>
        updateProducer(db, editorActor(phuTho), producer.id, { type: "COOPERATIVE", legalName: "HTX Miến dong", taxCode: producer.taxCode, provinceId: phuTho, version: 1 }),
      );
      expect(error).toBeInstanceOf(ConflictError);
      const status = await refusal(() => changeProducerStatus(db, editorActor(), producer.id, { status: "SUSPENDED", reason: "Kiểm tra", version: 1 }));
      expect(status).toBeInstanceOf(ConflictError);
      expect(await rowCounts(db)).toEqual(counts);
      expect(await db.producer.findUniqueOrThrow({ where: { id: producer.id } })).toEqual(stored);
    });
  });

  describe("the audit table is append-only", () => {
    it("refuses UPDATE and DELETE, even as raw SQL", async () => {
      await makeProducer(db, phuTho);
      const rows = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
      expect(rows.length).toBeGreaterThan(0);
      await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'tampered'`)).rejects.toThrow(/append-only/);
      await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorEmail" = NULL WHERE "id" = ${rows[0]!.id}`)).rejects.toThrow(/append-only/);
      await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
      await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ${rows[0]!.id}`)).rejects.toThrow(/append-only/);
      if (provider === "postgresql") {
        await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
      }
      // Through the client too.
      await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
      await expect(db.auditEvent.updateMany({ data: { action: "tampered" } })).rejects.toThrow(/append-only/);
      expect(await db.auditEvent.findMany({ orderBy: { id: "asc" } })).toEqual(rows);
    });
  });

  describe("version conflicts", () => {
    it("producers: the second edit from the same version is refused with what differs and who saved", async () => {
      const producer = await makeProducer(db, phuTho, { legalName: "Hợp tác xã Bưởi đỏ Tân Lạc", phone: "0218 3880 123" });
      const first = editorActor(null, { email: "nguyen.van.a@test.example" });
      const second = editorActor(phuTho, { email: "tran.thi.b@test.example" });
      const form = { type: "COOPERATIVE" as const, taxCode: producer.taxCode, provinceId: phuTho, phone: "0218 3880 123", version: 1 };
      await updateProducer(db, first, producer.id, { ...form, legalName: "Hợp tác xã Nông nghiệp Bưởi đỏ Tân Lạc" });
      const saved = await db.producer.findUniqueOrThrow({ where: { id: producer.id } });
      const mark = await lastAuditId(db);

      const error = await refusal(() => updateProducer(db, second, producer.id, { ...form, legalName: "HTX Bưởi đỏ" }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.status).toBe(409);
      const { details } = error as ConflictError;
      expect(details.changedBy).toBe("nguyen.van.a@test.example");
      expect(details.version).toBe(2);
      expect(details.fields).toEqual([{ field: "legalName", current: "Hợp tác xã Nông nghiệp Bưởi đỏ Tân Lạc", yours: "HTX Bưởi đỏ" }]);

      expect(await db.producer.findUniqueOrThrow({ where: { id: producer.id } })).toEqual(saved);
      expect(saved.legalName).toBe("Hợp tác xã Nông nghiệp Bưởi đỏ Tân Lạc");
      expect(saved.version).toBe(2);
      expect(await auditRowsAfter(db, mark)).toEqual([]);

      // Saving again from the version the refusal names goes through, knowingly.
      await updateProducer(db, second, producer.id, { ...form, legalName: "HTX Bưởi đỏ", version: details.version });
      expect((await db.producer.findUniqueOrThrow({ where: { id: producer.id } })).legalName).toBe("HTX Bưởi đỏ");
    });

    it("products", async () => {
      const producer = await makeProducer(db, phuTho);
      const product = await makeProduct(db, producer.id, { nameVi: "Bưởi đỏ Tân Lạc" });
      const first = editorActor(null, { email: "first.editor@test.example" });
      const second = editorActor(null, { email: "second.editor@test.example" });
      const form = { productSetId: 1, producerId: producer.id, status: "PUBLISHED" as const, version: 1 };
      await updateProduct(db, first, product.id, { ...form, nameVi: "Bưởi đỏ Tân Lạc loại 1" });
      const saved = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      const mark = await lastAuditId(db);

      const error = await refusal(() => updateProduct(db, second, product.id, { ...form, nameVi: "Bưởi đỏ Mường Khến" }));
      expect(error).toBeInstanceOf(ConflictError);
      const { details } = error as ConflictError;
      expect(details.changedBy).toBe("first.editor@test.example");
      expect(details.fields).toEqual([{ field: "nameVi", current: "Bưởi đỏ Tân Lạc loại 1", yours: "Bưởi đỏ Mường Khến" }]);
      expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toEqual(saved);
      expect(await auditRowsAfter(db, mark)).toEqual([]);
    });

    it("certifications", async () => {
      const producer = await makeProducer(db, phuTho);
      const product = await makeProduct(db, producer.id);
      const cert = await createCertification(db, adminActor(), certInput(product.id), TODAY);
      const first = editorActor(null, { email: "first.editor@test.example" });
      const second = editorActor(phuTho, { email: "second.editor@test.example" });
      await updateCertification(db, first, cert.id, { ...certInput(product.id, { decisionNumber: "1033/QĐ-UBND" }), version: 1 }, TODAY);
      const saved = await db.certification.findUniqueOrThrow({ where: { id: cert.id } });
      const mark = await lastAuditId(db);

      const error = await refusal(() => updateCertification(db, second, cert.id, { ...certInput(product.id, { decisionNumber: "1034/QĐ-UBND" }), version: 1 }, TODAY));
      expect(error).toBeInstanceOf(ConflictError);
      const { details } = error as ConflictError;
      expect(details.changedBy).toBe("first.editor@test.example");
      expect(details.fields).toEqual([{ field: "decisionNumber", current: "1033/QĐ-UBND", yours: "1034/QĐ-UBND" }]);
      expect(await db.certification.findUniqueOrThrow({ where: { id: cert.id } })).toEqual(saved);
      expect(await auditRowsAfter(db, mark)).toEqual([]);
    });
  });

  describe("a province's editor stays in their province", () => {
    /** A producer, product and certificate in Phú Thọ and in Hà Nội. */
    async function twoProvinces() {
      const ownProducer = await makeProducer(db, phuTho, { legalName: "Hợp tác xã Bưởi đỏ Tân Lạc", communeId: tanLac });
      const ownProduct = await makeProduct(db, ownProducer.id, { nameVi: "Bưởi đỏ Tân Lạc" });
      const ownCert = await createCertification(db, adminActor(), certInput(ownProduct.id), TODAY);
      const farProducer = await makeProducer(db, haNoi, { legalName: "Hợp tác xã Sữa Ba Vì", communeId: baVi });
      const farProduct = await makeProduct(db, farProducer.id, { nameVi: "Sữa chua Ba Vì" });
      const farCert = await createCertification(db, adminActor(), certInput(farProduct.id, { issuerName: "UBND thành phố Hà Nội" }), TODAY);
      return { ownProducer, ownProduct, ownCert, farProducer, farProduct, farCert };
    }

    it("cannot read, change, archive or revoke another province's producer, product or certificate (404, nothing changed)", async () => {
      const { ownProducer, ownCert, farProducer, farProduct, farCert } = await twoProvinces();
      const editor = editorActor(phuTho);
      // Reading: the scopes the services query with, and the dashboard's counts.
      expect(await db.producer.findFirst({ where: { id: farProducer.id, ...producerScope(editor) } })).toBeNull();
      expect(await db.product.findFirst({ where: { id: farProduct.id, ...productScope(editor) } })).toBeNull();
      expect(await db.certification.findFirst({ where: { id: farCert.id, ...certificationScope(editor) } })).toBeNull();
      expect(await adminOverview(db, editor)).toEqual({ producers: 1, products: 1, certifications: 1 });
      expect(await adminOverview(db, editorActor())).toEqual({ producers: 2, products: 2, certifications: 2 });
      // The admin pages' readers: one record, and the lists.
      expect(await producerForEdit(db, editor, farProducer.id)).toBeNull();
      expect(await producerLabel(db, editor, farProducer.id)).toBeNull();
      expect(await productForEdit(db, editor, farProduct.id, TODAY)).toBeNull();
      expect(await producerForEdit(db, editorActor(), farProducer.id)).toMatchObject({ id: farProducer.id });
      expect(await productForEdit(db, editorActor(), farProduct.id, TODAY)).toMatchObject({ id: farProduct.id });
      expect(await producerForEdit(db, editor, ownProducer.id)).toMatchObject({ id: ownProducer.id });
      const producerList = await listProducersForAdmin(db, editor, parseAdminProducerQuery(new URLSearchParams()).query);
      expect(producerList.items.map((item) => item.id)).toEqual([ownProducer.id]);
      const productList = await listProductsForAdmin(db, editor, parseAdminProductQuery(new URLSearchParams()).query, TODAY);
      expect(productList.items.map((item) => item.id)).not.toContain(farProduct.id);
      expect(productList.items).toHaveLength(1);
      // Asking for the other province by name does not widen the scope.
      const byProvince = await listProducersForAdmin(db, editor, parseAdminProducerQuery(new URLSearchParams({ province: String(haNoi) })).query);
      expect(byProvince.items.map((item) => item.id)).not.toContain(farProducer.id);
      const byProducer = await listProductsForAdmin(db, editor, parseAdminProductQuery(new URLSearchParams({ producer: String(farProducer.id) })).query, TODAY);
      expect(byProducer.items.map((item) => item.id)).not.toContain(farProduct.id);
      expect(byProducer.total).toBe(0);
      expect(await certificationForEdit(db, editor, farCert.id, TODAY)).toBeNull();
      expect(await productForEntry(db, editor, farProduct.id, TODAY)).toBeNull();
      expect(await certificationForEdit(db, editorActor(), farCert.id, TODAY)).toMatchObject({ id: farCert.id });
      const certList = await listCertifications(db, editor, parseCertificationListQuery(new URLSearchParams()).query, TODAY);
      expect(certList.items.map((item) => item.id)).toEqual([ownCert.id]);
      const certsOfFarProduct = await listCertifications(db, editor, parseCertificationListQuery(new URLSearchParams({ product: String(farProduct.id) })).query, TODAY);
      expect(certsOfFarProduct.total).toBe(0);
      // The audit trail: nothing of the other province, even asked for by record number.
      const trail = await searchAudit(db, editor, parseAuditQuery(new URLSearchParams()).query);
      expect(trail.total).toBeGreaterThan(0);
      expect(trail.items.map((item) => item.entityId)).not.toContain(farProducer.id);
      expect(trail.items.every((item) => ![farProducer.legalName, farProduct.nameVi].includes(item.entityLabel ?? ""))).toBe(true);
      const farTrail = await searchAudit(db, editor, parseAuditQuery(new URLSearchParams({ entity: "producer", record: String(farProducer.id) })).query);
      expect(farTrail.total).toBe(0);
      expect((await searchAudit(db, editorActor(), parseAuditQuery(new URLSearchParams({ entity: "producer", record: String(farProducer.id) })).query)).total).toBe(1);

      const counts = await rowCounts(db);
      const snapshot = async () => ({
        producer: await db.producer.findUniqueOrThrow({ where: { id: farProducer.id } }),
        product: await db.product.findUniqueOrThrow({ where: { id: farProduct.id } }),
        cert: await db.certification.findUniqueOrThrow({ where: { id: farCert.id } }),
      });
      const before = await snapshot();

      const farForm = { type: "COOPERATIVE" as const, legalName: "Hợp tác xã Sữa tươi Ba Vì", taxCode: farProducer.taxCode, version: 1 };
      const refusals = {
        // Moving it into the editor's own province does not reach it.
        updateProducer: await refusal(() => updateProducer(db, editor, farProducer.id, { ...farForm, provinceId: phuTho })),
        producerStatus: await refusal(() => changeProducerStatus(db, editor, farProducer.id, { status: "SUSPENDED", reason: "Thử ngoài phạm vi" })),
        archiveProducer: await refusal(() => changeProducerStatus(db, editor, farProducer.id, { status: "ARCHIVED" })),
        updateProduct: await refusal(() =>
          updateProduct(db, editor, farProduct.id, { nameVi: "Sữa chua", productSetId: 1, producerId: ownProducer.id, status: "PUBLISHED", version: 1 }),
        ),
        archiveProduct: await refusal(() => setProductArchived(db, editor, farProduct.id, true)),
        updateCertification: await refusal(() => updateCertification(db, editor, farCert.id, { ...certInput(farProduct.id, { batch: "đợt 2" }), version: 1 }, TODAY)),
        revokeCertification: await refusal(() => revokeCertification(db, editor, farCert.id, { revokedOn: "2026-06-01", reason: "Thử ngoài phạm vi" }, TODAY)),
      };
      expect(Object.fromEntries(Object.entries(refusals).map(([write, error]) => [write, error.status]))).toEqual({
        updateProducer: 404,
        producerStatus: 404,
        archiveProducer: 404,
        updateProduct: 404,
        archiveProduct: 404,
        updateCertification: 404,
        revokeCertification: 404,
      });

      // An edit that keeps the record where it is fails on the province or the
      // producer it names, with the same answer as for a record that does not exist.
      const inPlace = await refusal(() => updateProducer(db, editor, farProducer.id, { ...farForm, provinceId: haNoi }));
      const missing = await refusal(() => updateProducer(db, editor, 987654, { ...farForm, provinceId: haNoi }));
      expect([inPlace.status, inPlace.fieldErrors]).toEqual([403, { provinceId: ["forms.outsideYourProvince"] }]);
      expect([missing.status, missing.fieldErrors]).toEqual([inPlace.status, inPlace.fieldErrors]);
      const productInPlace = await refusal(() =>
        updateProduct(db, editor, farProduct.id, { nameVi: "Sữa chua", productSetId: 1, producerId: farProducer.id, status: "PUBLISHED", version: 1 }),
      );
      expect(productInPlace.status === 404 || productInPlace.fieldErrors.producerId?.includes("forms.unknownProducer")).toBe(true);

      expect(await rowCounts(db)).toEqual(counts);
      expect(await snapshot()).toEqual(before);
    });

    it("cannot create in another province: a producer (403), a product or a certificate under its records", async () => {
      const { farProducer, farProduct } = await twoProvinces();
      const editor = editorActor(phuTho);
      const counts = await rowCounts(db);

      const producer = await refusal(() => createProducer(db, editor, { type: "ENTERPRISE", legalName: "Công ty Sữa Ba Vì", taxCode: nextTaxCode(), provinceId: haNoi }));
      expect(producer.status).toBe(403);
      expect(producer.fieldErrors).toEqual({ provinceId: ["forms.outsideYourProvince"] });
      const product = await refusal(() => createProduct(db, editor, { nameVi: "Bơ Ba Vì", productSetId: 1, producerId: farProducer.id }));
      expect(product.status).toBeGreaterThanOrEqual(400);
      expect(product.fieldErrors).toEqual({ producerId: ["forms.unknownProducer"] });
      const cert = await refusal(() => createCertification(db, editor, certInput(farProduct.id, { decisionNumber: "99/QĐ-UBND" }), TODAY));
      expect(cert.status).toBe(404);
      expect(cert.fieldErrors).toEqual({ productId: ["forms.productNotFound"] });

      expect(await rowCounts(db)).toEqual(counts);
    });

    it("can do all of it within their province", async () => {
      const { ownProducer, ownProduct, ownCert } = await twoProvinces();
      const editor = editorActor(phuTho);
      const mark = await lastAuditId(db);

      const producer = await createProducer(db, editor, { type: "HOUSEHOLD_BUSINESS", legalName: "Hộ kinh doanh Chè Thanh Sơn", taxCode: nextTaxCode(), provinceId: phuTho });
      await updateProducer(db, editor, ownProducer.id, {
        type: "COOPERATIVE",
        legalName: "Hợp tác xã Bưởi đỏ Mường Khến",
        taxCode: ownProducer.taxCode,
        provinceId: phuTho,
        communeId: tanLac,
        version: 1,
      });
      await changeProducerStatus(db, editor, producer.id, { status: "APPROVED" });
      const product = await createProduct(db, editor, { nameVi: "Chè xanh Thanh Sơn", productSetId: 1, producerId: producer.id });
      await updateProduct(db, editor, ownProduct.id, { nameVi: "Bưởi đỏ Mường Khến", productSetId: 1, producerId: ownProducer.id, status: "PUBLISHED", version: 1 });
      await setProductArchived(db, editor, product.id, true);
      await setProductArchived(db, editor, product.id, false);
      const cert = await createCertification(db, editor, certInput(product.id, { stars: 3, decisionNumber: "77/QĐ-UBND" }), TODAY);
      await updateCertification(db, editor, ownCert.id, { ...certInput(ownProduct.id, { batch: "đợt 1 năm 2025" }), version: 1 }, TODAY);
      await revokeCertification(db, editor, cert.id, { revokedOn: "2026-06-01", reason: "Cơ sở ngừng sản xuất" }, TODAY);
      await changeProducerStatus(db, editor, producer.id, { status: "ARCHIVED" });

      const rows = await auditRowsAfter(db, mark);
      expect(rows.map((row) => `${row.action} ${row.entityType}`)).toEqual([
        "create producer",
        "update producer",
        "status producer",
        "create product",
        "update product",
        "archive product",
        "restore product",
        "create certification",
        "update certification",
        "revoke certification",
        "archive producer",
      ]);
      expect(rows.every((row) => row.actorEmail === editor.email && row.actorId === editor.userId && row.provinceId === phuTho)).toBe(true);
      expect((await db.producer.findUniqueOrThrow({ where: { id: ownProducer.id } })).legalName).toBe("Hợp tác xã Bưởi đỏ Mường Khến");
    });

    it("an editor cannot delete (403); an admin deletes only what nothing depends on (409 otherwise)", async () => {
      const { ownProducer, ownProduct, ownCert } = await twoProvinces();
      const counts = await rowCounts(db);
      for (const editor of [editorActor(), editorActor(phuTho)]) {
        const refused = [
          await refusal(() => deleteProducer(db, editor, ownProducer.id)),
          await refusal(() => deleteProduct(db, editor, ownProduct.id)),
          await refusal(() => deleteCertification(db, editor, ownCert.id, TODAY)),
        ];
        expect(refused.map((error) => error.status)).toEqual([403, 403, 403]);
      }
      expect(await rowCounts(db)).toEqual(counts);

      const admin = adminActor();
      const producerInUse = await refusal(() => deleteProducer(db, admin, ownProducer.id));
      expect([producerInUse.status, producerInUse.fieldErrors]).toEqual([409, { form: ["forms.hasDependents"] }]);
      const productInUse = await refusal(() => deleteProduct(db, admin, ownProduct.id));
      expect([productInUse.status, productInUse.fieldErrors]).toEqual([409, { form: ["forms.hasDependents"] }]);
      // An account filed under a producer is a dependent too.
      const lonely = await makeProducer(db, phuTho, { legalName: "Hộ kinh doanh Mộc nhĩ" });
      await db.user.create({ data: { email: "portal@test.example", name: "Cổng sản xuất", role: "PRODUCER", producerId: lonely.id } });
      const withAccount = await refusal(() => deleteProducer(db, admin, lonely.id));
      expect([withAccount.status, withAccount.fieldErrors]).toEqual([409, { form: ["forms.hasDependents"] }]);
      expect(await db.producer.count({ where: { id: { in: [ownProducer.id, lonely.id] } } })).toBe(2);
      expect(await db.product.count({ where: { id: ownProduct.id } })).toBe(1);

      // Bottom up, each goes once nothing depends on it.
      await deleteCertification(db, admin, ownCert.id, TODAY);
      await deleteProduct(db, admin, ownProduct.id);
      await deleteProducer(db, admin, ownProducer.id);
      expect(await db.producer.findUnique({ where: { id: ownProducer.id } })).toBeNull();
    });
  });

  describe("certificates", () => {
    it("a second certificate with the same decision number for one product is refused (the natural key), even when confirmed", async () => {
      const producer = await makeProducer(db, phuTho);
      const product = await makeProduct(db, producer.id);
      const other = await makeProduct(db, producer.id, { nameVi: "Cam Cao Phong" });
      const editor = editorActor();
      await createCertification(db, editor, certInput(product.id), TODAY);
      const counts = await rowCounts(db);

      for (const confirmDuplicate of [false, true]) {
        const duplicate = await refusal(() => createCertification(db, editor, { ...certInput(product.id, { signedOn: "2025-08-01" }), confirmDuplicate }, TODAY));
        expect(duplicate.status).toBe(409);
        expect(duplicate.fieldErrors).toEqual({ decisionNumber: ["forms.decisionNumberTaken"] });
      }
      expect(await rowCounts(db)).toEqual(counts);

      // One decision often certifies several products: no question asked for another product.
      await createCertification(db, editor, certInput(other.id), TODAY);
      expect(await db.certification.count({ where: { productId: product.id, decisionNumber: "1032/QĐ-UBND" } })).toBe(1);

      // Correcting another certificate to the same number is refused too.
      const third = await createCertification(db, editor, certInput(product.id, { decisionNumber: "2001/QĐ-UBND", signedOn: "2025-09-01" }), TODAY);
      const onEdit = await refusal(() => updateCertification(db, editor, third.id, { ...certInput(product.id, { signedOn: "2025-09-01" }), version: 1 }, TODAY));
      expect(onEdit.fieldErrors).toEqual({ decisionNumber: ["forms.decisionNumberTaken"] });
      expect((await db.certification.findUniqueOrThrow({ where: { id: third.id } })).decisionNumber).toBe("2001/QĐ-UBND");
    });

    it("a newer certificate supersedes: the standing pointer moves to it, and not to an older one entered later", async () => {
      const producer = await makeProducer(db, phuTho);
      const product = await makeProduct(db, producer.id);
      const editor = editorActor(phuTho);
      const standing = async () => (await db.product.findUniqueOrThrow({ where: { id: product.id } })).standingCertificationId;

      const older = await createCertification(db, editor, certInput(product.id, { stars: 3, decisionNumber: "15/QĐ-UBND", signedOn: "2025-07-10" }), TODAY);
      expect(await standing()).toBe(older.id);
      const newer = await createCertification(db, editor, certInput(product.id, { stars: 4, decisionNumber: "820/QĐ-UBND", signedOn: "2026-03-02" }), TODAY);
      expect(await standing()).toBe(newer.id);
      // Entered late, an earlier decision does not take over.
      await createCertification(db, editor, certInput(product.id, { stars: 3, decisionNumber: "5/QĐ-UBND", signedOn: "2025-08-20" }), TODAY);
      expect(await standing()).toBe(newer.id);
      // Revoking the newest keeps it standing (revoked, not replaced by the older one).
      await revokeCertification(db, editor, newer.id, { revokedOn: "2026-06-01", reason: "Vi phạm cam kết chất lượng" }, TODAY);
      expect(await standing()).toBe(newer.id);
      // Deleting it (entered by mistake) hands the standing back to the newest remaining.
      await deleteCertification(db, adminActor(), newer.id, TODAY);
      const remaining = await db.certification.findFirstOrThrow({ where: { productId: product.id, decisionNumber: "5/QĐ-UBND" } });
      expect(await standing()).toBe(remaining.id);
    });
  });
});
