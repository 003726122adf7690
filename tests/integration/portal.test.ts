/**
 * The producer portal's services, on every provider: a proposal belongs to
 * the actor's own producer and waits for staff; only an approved producer
 * proposes; live profile edits are audited and version-checked; a change of
 * legal identity or to a published product becomes a Revision and leaves
 * the live record (and the public page) as staff approved it; withdrawing;
 * a producer's certificate waits for staff and counts nowhere meanwhile;
 * another producer's ids are not found by any service; a published
 * product's images are out of a producer's reach.
 */
import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { parseDate } from "../../app/lib/dates";
import { ConflictError, DomainError } from "../../app/lib/errors.server";
import { SYSTEM_ACTOR, type Actor } from "../../app/modules/accounts/actor.server";
import { getProductPage } from "../../app/modules/catalogue/product-page.server";
import { verifyCertificate } from "../../app/modules/certifications/verify.server";
import { checkDocument } from "../../app/modules/documents/files.server";
import { documentDownload, producerDocuments } from "../../app/modules/documents/service.server";
import { addProductImage, moveImage, removeProductImage, updateImageAlt } from "../../app/modules/media/service.server";
import { mediaStore } from "../../app/modules/media/store.server";
import { correctCertification, portalCertification, proposeCertification, withdrawCertification } from "../../app/modules/portal/certifications.server";
import { missingForListing } from "../../app/modules/portal/completeness.server";
import { answerStaff, portalOverview, portalProduct, portalProducts } from "../../app/modules/portal/overview.server";
import { portalProfile, resubmitProducer, updatePortalProfile } from "../../app/modules/portal/profile.server";
import { proposeProduct, saveProposal, submitDraft, withdrawProposal } from "../../app/modules/portal/proposals.server";
import { openRevision, withdrawRevision } from "../../app/modules/portal/revisions.server";
import { createProducer } from "../../app/modules/producers/service.server";
import { auditRowsAfter, lastAuditId, producerActor, refusal } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";
import * as images from "../helpers/images";

const TODAY = parseDate("2026-06-15");
const certify = certifierFor(TODAY);

/** A small PDF, as a scanner would send it (the check reads the content). */
const scanPdf = () => checkDocument({ bytes: new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")), name: "quyet-dinh.pdf" });

const certificateInput = (overrides: Record<string, unknown> = {}) => ({
  stars: 4,
  decisionNumber: "2045/QĐ-UBND",
  signedOn: "2026-03-02",
  issuerLevel: "PROVINCE",
  issuerName: "UBND tỉnh Phú Thọ",
  ...overrides,
});

const messagesOf = (db: Database, item: string, itemId: number) =>
  db.reviewMessage.findMany({ where: { entityType: item, entityId: itemId }, orderBy: { id: "asc" }, select: { event: true, fromStaff: true, body: true, producerId: true } });

describe.each(testProviders())("the producer portal on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let provinceId: number;
  let communeId: number;
  let producerA: { id: number; version: number; legalName: string; taxCode: string };
  let producerB: { id: number; version: number; legalName: string; taxCode: string };
  let actorA: Actor;
  let actorB: Actor;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    const reference = await loadMinimalReference(db);
    provinceId = reference.province.id;
    communeId = reference.commune.id;
    producerA = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Mật ong Mai Châu" });
    producerB = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Chè Kim Bôi" });
    actorA = producerActor(producerA.id);
    actorB = producerActor(producerB.id);
  });

  afterEach(async () => handle.dispose());

  describe("proposing products", () => {
    it("files the proposal under the actor's own producer, pending review, audited, with a submitted message", async () => {
      const mark = await lastAuditId(db);
      const product = await proposeProduct(db, actorA, {
        nameVi: "Mật ong hoa ban",
        nameEn: "Bauhinia honey",
        productSetId: "4",
        // What a tampered form could send: ignored.
        producerId: String(producerB.id),
        status: "PUBLISHED",
      });
      const stored = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(stored).toMatchObject({ producerId: producerA.id, status: "PENDING_REVIEW", nameVi: "Mật ong hoa ban", productSetId: 4, publishedAt: null });
      const rows = await auditRowsAfter(db, mark);
      expect(rows.map((row) => [row.action, row.entityType, row.entityId, row.actorId])).toEqual([["create", "product", product.id, actorA.userId]]);
      expect(rows[0]!.changes).toMatchObject({ producerId: [null, producerA.id], status: [null, "PENDING_REVIEW"] });
      expect(await messagesOf(db, "product", product.id)).toEqual([{ event: "submitted", fromStaff: false, body: null, producerId: producerA.id }]);
      // Not public: the catalogue has no row for it.
      expect(await db.catalogueEntry.count({ where: { productId: product.id } })).toBe(0);
    });

    it("refuses a producer that staff have not approved, and writes nothing", async () => {
      const pending = await createProducer(db, SYSTEM_ACTOR, { type: "COOPERATIVE", legalName: "Hợp tác xã Cam Cao Phong", taxCode: nextTaxCode(), provinceId });
      const before = await db.product.count();
      const mark = await lastAuditId(db);
      const error = await refusal(() => proposeProduct(db, producerActor(pending.id), { nameVi: "Cam Cao Phong", productSetId: 1 }));
      expect(error.status).toBe(403);
      expect(error.fieldErrors.form).toEqual(["portal.errors.notApproved"]);
      expect(await db.product.count()).toBe(before);
      expect(await auditRowsAfter(db, mark)).toEqual([]);
    });

    it("withdraws a pending proposal to a draft and submits it again; a proposal sent back is resubmitted by saving it", async () => {
      const product = await proposeProduct(db, actorA, { nameVi: "Mật ong hoa ban", productSetId: 4 });
      let mark = await lastAuditId(db);
      await withdrawProposal(db, actorA, product.id);
      expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("DRAFT");
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.changes])).toEqual([["withdraw", { status: ["PENDING_REVIEW", "DRAFT"] }]]);
      expect((await refusal(() => withdrawProposal(db, actorA, product.id))).status).toBe(409);

      await submitDraft(db, actorA, product.id);
      expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("PENDING_REVIEW");

      // Staff send it back (REVIEW's side; written here as its outcome).
      const sentBack = await db.product.update({ where: { id: product.id }, data: { status: "CHANGES_REQUESTED", statusReason: "Thêm tên tiếng Anh", version: { increment: 1 } } });
      mark = await lastAuditId(db);
      const saved = await saveProposal(db, actorA, product.id, { nameVi: "Mật ong hoa ban", nameEn: "Bauhinia honey", productSetId: "4", version: String(sentBack.version) });
      expect(saved.kind).toBe("resubmitted");
      expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ status: "PENDING_REVIEW", nameEn: "Bauhinia honey", statusReason: null, version: sentBack.version + 1 });
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.changes])).toEqual([
        ["submit", { nameEn: [null, "Bauhinia honey"], status: ["CHANGES_REQUESTED", "PENDING_REVIEW"] }],
      ]);
      expect((await messagesOf(db, "product", product.id)).map((message) => message.event)).toEqual(["submitted", "withdrawn", "submitted", "submitted"]);
      // An old version is refused with what changed.
      expect(await refusal(() => saveProposal(db, actorA, product.id, { nameVi: "Mật ong", productSetId: "4", version: String(sentBack.version) }))).toBeInstanceOf(ConflictError);
    });
  });

  describe("the profile", () => {
    it("saves contacts, address and descriptions live, audited with only the changed fields, version-checked", async () => {
      const mark = await lastAuditId(db);
      const saved = await updatePortalProfile(db, actorA, {
        legalName: producerA.legalName,
        taxCode: producerA.taxCode,
        phone: "0912 345 678",
        communeId: String(communeId),
        descriptionEn: "Honey from the hills of Mai Chau",
        version: String(producerA.version),
      });
      expect(saved).toEqual({ version: producerA.version + 1, revision: null });
      expect(await db.producer.findUniqueOrThrow({ where: { id: producerA.id } })).toMatchObject({
        phone: "0912 345 678",
        communeId,
        descriptionEn: "Honey from the hills of Mai Chau",
        version: producerA.version + 1,
      });
      const rows = await auditRowsAfter(db, mark);
      expect(rows.map((row) => [row.action, row.entityType, row.entityId, row.actorId])).toEqual([["update", "producer", producerA.id, actorA.userId]]);
      expect(rows[0]!.changes).toEqual({ phone: [null, "0912 345 678"], communeId: [null, communeId], descriptionEn: [null, "Honey from the hills of Mai Chau"] });
      // The same version again: someone saved in between.
      expect(await refusal(() => updatePortalProfile(db, actorA, { legalName: producerA.legalName, taxCode: producerA.taxCode, phone: "0987 000 111", version: String(producerA.version) }))).toBeInstanceOf(ConflictError);
      // A bad phone number is named; a commune outside the province is refused.
      expect((await refusal(() => updatePortalProfile(db, actorA, { legalName: producerA.legalName, taxCode: producerA.taxCode, phone: "abc", version: "9" }))).fieldErrors).toEqual({ phone: ["forms.phoneFormat"] });
      const elsewhere = await db.province.create({ data: { slug: "ha-noi", nameVi: "Hà Nội", nameEn: "Hanoi", formedFromVi: "Hà Nội", searchKey: "ha noi" } });
      const farCommune = await db.commune.create({ data: { provinceId: elsewhere.id, kind: "COMMUNE", nameVi: "Ba Vì", slug: "ba-vi", searchKey: "ba vi" } });
      expect(
        (await refusal(() => updatePortalProfile(db, actorA, { legalName: producerA.legalName, taxCode: producerA.taxCode, communeId: String(farCommune.id), version: String(producerA.version + 1) }))).fieldErrors,
      ).toEqual({ communeId: ["forms.communeNotInProvince"] });
    });

    it("an approved producer's new legal name becomes a revision for staff; the live name stays", async () => {
      const mark = await lastAuditId(db);
      const saved = await updatePortalProfile(db, actorA, { legalName: "Hợp tác xã Mật ong Hoa Ban Mai Châu", taxCode: producerA.taxCode, version: String(producerA.version) });
      expect(saved.revision).not.toBeNull();
      const live = await db.producer.findUniqueOrThrow({ where: { id: producerA.id } });
      expect(live).toMatchObject({ legalName: "Hợp tác xã Mật ong Mai Châu", version: producerA.version });
      const revision = await db.revision.findUniqueOrThrow({ where: { id: saved.revision!.id } });
      expect(revision).toMatchObject({ entityType: "producer", producerId: producerA.id, productId: null, status: "PENDING", baseVersion: producerA.version, createdById: actorA.userId });
      expect(JSON.parse(revision.changes)).toEqual({ legalName: "Hợp tác xã Mật ong Hoa Ban Mai Châu" });
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.entityType, row.entityId, row.changes])).toEqual([
        ["submit", "revision", revision.id, { legalName: ["Hợp tác xã Mật ong Mai Châu", "Hợp tác xã Mật ong Hoa Ban Mai Châu"] }],
      ]);
      // Saving again updates the one open revision.
      await updatePortalProfile(db, actorA, { legalName: "HTX Mật ong Hoa Ban", taxCode: producerA.taxCode, version: String(producerA.version) });
      expect(await db.revision.count({ where: { producerId: producerA.id } })).toBe(1);
      expect((await openRevision(db, actorA, { entityType: "producer", producerId: producerA.id, productId: null }))?.changes).toEqual({ legalName: "HTX Mật ong Hoa Ban" });
      expect((await portalProfile(db, actorA)).revision?.id).toBe(revision.id);
      await withdrawRevision(db, actorA, revision.id);
      expect((await db.revision.findUniqueOrThrow({ where: { id: revision.id } })).status).toBe("ARCHIVED");
      expect((await db.producer.findUniqueOrThrow({ where: { id: producerA.id } })).legalName).toBe("Hợp tác xã Mật ong Mai Châu");
    });

    it("a producer still under review edits its identity directly; another producer's tax code gets the office's message", async () => {
      const pending = await createProducer(db, SYSTEM_ACTOR, { type: "COOPERATIVE", legalName: "Hợp tác xã Cam Cao Phong", taxCode: nextTaxCode(), provinceId });
      const actor = producerActor(pending.id);
      const taken = await refusal(() => updatePortalProfile(db, actor, { legalName: "Hợp tác xã Cam Cao Phong", taxCode: producerB.taxCode, version: String(pending.version) }));
      expect(taken.fieldErrors).toEqual({ taxCode: ["forms.taxCodeTaken"] });
      expect(JSON.stringify(taken.fieldErrors)).not.toContain(producerB.legalName);
      // The approved producer's revision gets the same answer.
      expect((await refusal(() => updatePortalProfile(db, actorA, { legalName: producerA.legalName, taxCode: producerB.taxCode, version: String(producerA.version) }))).fieldErrors).toEqual({
        taxCode: ["forms.taxCodeTaken"],
      });
      const newCode = nextTaxCode();
      await updatePortalProfile(db, actor, { legalName: "Hợp tác xã Cam Cao Phong Hòa Bình", taxCode: newCode, version: String(pending.version) });
      expect(await db.producer.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ legalName: "Hợp tác xã Cam Cao Phong Hòa Bình", taxCode: newCode });
      expect(await db.revision.count()).toBe(0);
    });

    it("after staff asked for changes, the producer resubmits with an answer", async () => {
      await db.producer.update({ where: { id: producerA.id }, data: { status: "CHANGES_REQUESTED", statusReason: "Bổ sung người đại diện" } });
      const mark = await lastAuditId(db);
      await resubmitProducer(db, actorA, { message: "Đã bổ sung người đại diện." });
      expect(await db.producer.findUniqueOrThrow({ where: { id: producerA.id } })).toMatchObject({ status: "PENDING", statusReason: null });
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.entityType, row.changes])).toEqual([
        ["submit", "producer", { status: ["CHANGES_REQUESTED", "PENDING"], statusReason: ["Bổ sung người đại diện", null] }],
      ]);
      expect(await messagesOf(db, "producer", producerA.id)).toEqual([{ event: "submitted", fromStaff: false, body: "Đã bổ sung người đại diện.", producerId: producerA.id }]);
      expect((await refusal(() => resubmitProducer(db, actorA, {}))).status).toBe(409);
    });
  });

  describe("a published product", () => {
    it("an edit becomes a revision: the public page and the catalogue keep the approved version until staff decide", async () => {
      const product = await makeProduct(db, producerA.id, { nameVi: "Mật ong hoa ban", nameEn: "Bauhinia honey" });
      await certify(db, product.id, 4, "2025-07-18");
      const live = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      const entryBefore = await db.catalogueEntry.findUniqueOrThrow({ where: { productId: product.id } });
      const saved = await saveProposal(db, actorA, product.id, { nameVi: "Mật ong hoa ban rừng", nameEn: "Wild bauhinia honey", productSetId: "4", version: String(live.version) });
      expect(saved.kind).toBe("revision");
      const revision = await db.revision.findUniqueOrThrow({ where: { id: saved.revisionId! } });
      expect(revision).toMatchObject({ entityType: "product", productId: product.id, producerId: producerA.id, baseVersion: live.version, status: "PENDING" });
      expect(JSON.parse(revision.changes)).toEqual({ nameVi: "Mật ong hoa ban rừng", nameEn: "Wild bauhinia honey", productSetId: 4 });
      const after = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      expect([after.nameVi, after.nameEn, after.productSetId, after.version, after.status]).toEqual(["Mật ong hoa ban", "Bauhinia honey", 1, live.version, "PUBLISHED"]);
      expect((await getProductPage(db, live.slug, TODAY))?.product).toMatchObject({ nameVi: "Mật ong hoa ban", nameEn: "Bauhinia honey" });
      expect(await db.catalogueEntry.findUniqueOrThrow({ where: { productId: product.id } })).toEqual(entryBefore);
      expect((await portalProduct(db, actorA, product.id, TODAY))?.revision?.changes).toEqual({ nameVi: "Mật ong hoa ban rừng", nameEn: "Wild bauhinia honey", productSetId: 4 });

      await withdrawRevision(db, actorA, revision.id);
      expect((await db.revision.findUniqueOrThrow({ where: { id: revision.id } })).status).toBe("ARCHIVED");
      expect((await messagesOf(db, "revision", revision.id)).map((message) => message.event)).toEqual(["submitted", "withdrawn"]);
      expect(await openRevision(db, actorA, { entityType: "product", producerId: producerA.id, productId: product.id })).toBeNull();
      expect((await refusal(() => withdrawRevision(db, actorA, revision.id))).status).toBe(404);
    });

    it("its images cannot be changed by the producer; a proposal's can", async () => {
      const published = await makeProduct(db, producerA.id);
      const image = await addProductImage(db, SYSTEM_ACTOR, published.id, await images.plainPng(), { altVi: "Hũ mật ong" });
      for (const write of [
        async () => addProductImage(db, actorA, published.id, await images.plainPng(), { altVi: "Ảnh mới" }),
        () => updateImageAlt(db, actorA, image.id, { altVi: "Đổi mô tả" }),
        () => moveImage(db, actorA, image.id, "down"),
        () => removeProductImage(db, actorA, image.id),
      ]) {
        const error = await refusal(write);
        expect(error.status).toBe(403);
        expect(error.fieldErrors.form).toEqual(["portal.errors.publishedImages"]);
      }
      expect(await db.productImage.findMany({ where: { productId: published.id }, select: { id: true, altVi: true } })).toEqual([{ id: image.id, altVi: "Hũ mật ong" }]);

      const proposal = await proposeProduct(db, actorA, { nameVi: "Mật ong hoa ban", productSetId: 4 });
      const own = await addProductImage(db, actorA, proposal.id, await images.plainPng(), { altVi: "Hũ mật ong hoa ban" });
      await updateImageAlt(db, actorA, own.id, { altVi: "Hũ mật ong hoa ban, nắp gỗ" });
      expect(await db.productImage.count({ where: { productId: proposal.id } })).toBe(1);
    });
  });

  describe("certificates", () => {
    it("a producer's entry waits for staff: not standing, not public, not verifiable; it carries its scan", async () => {
      const product = await makeProduct(db, producerA.id, { nameVi: "Mật ong hoa ban" });
      const standing = await certify(db, product.id, 3, "2024-05-10");
      const mark = await lastAuditId(db);
      const entered = await proposeCertification(db, actorA, product.id, certificateInput({ productId: String(999999) }), scanPdf(), TODAY);
      const stored = await db.certification.findUniqueOrThrow({ where: { id: entered.id } });
      expect(stored).toMatchObject({ productId: product.id, reviewStatus: "PENDING", stars: 4 });
      expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).standingCertificationId).toBe(standing.id);
      const page = await getProductPage(db, product.slug, TODAY);
      expect(page?.standing?.verificationCode).toBe(standing.verificationCode);
      expect(JSON.stringify(page)).not.toContain(stored.verificationCode);
      expect(await verifyCertificate(db, stored.verificationCode, TODAY)).toBeNull();
      expect((await db.catalogueEntry.findUniqueOrThrow({ where: { productId: product.id } })).certificationId).toBe(standing.id);

      const documents = await producerDocuments(db, actorA, producerA.id);
      expect(documents).toHaveLength(1);
      expect(documents[0]).toMatchObject({ kind: "certificate", certificationId: entered.id, fileName: "quyet-dinh.pdf", contentType: "application/pdf" });
      const storageKey = (await db.document.findUniqueOrThrow({ where: { id: documents[0]!.id } })).storageKey;
      expect(existsSync(mediaStore().path(storageKey))).toBe(true);
      expect((await documentDownload(db, actorA, documents[0]!.id))?.status).toBe(200);
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.entityType])).toEqual([
        ["create", "document"],
        ["create", "certification"],
      ]);
      expect(await messagesOf(db, "certification", entered.id)).toEqual([{ event: "submitted", fromStaff: false, body: null, producerId: producerA.id }]);
      // The overview counts it as the product's certificate (pending), so nothing is missing there.
      expect(missingForListing({ nameEn: "x", descriptionEn: "y", _count: { images: 1 }, certifications: [stored] }, TODAY)).toEqual([]);
      expect((await portalProducts(db, actorA, TODAY))[0]?.certifications.map((cert) => cert.reviewStatus)).toEqual(["PENDING", "APPROVED"]);

      // Staff ask for a correction; the producer corrects it, and it goes back to review.
      const sentBack = await db.certification.update({ where: { id: entered.id }, data: { reviewStatus: "CHANGES_REQUESTED", version: { increment: 1 } } });
      const corrected = await correctCertification(db, actorA, entered.id, { ...certificateInput({ decisionNumber: "2046/QĐ-UBND" }), productId: String(product.id), version: String(sentBack.version) }, TODAY);
      expect(corrected.resubmitted).toBe(true);
      expect(await db.certification.findUniqueOrThrow({ where: { id: entered.id } })).toMatchObject({ decisionNumber: "2046/QĐ-UBND", reviewStatus: "PENDING" });
      expect((await verifyCertificate(db, stored.verificationCode, TODAY))).toBeNull();

      // Withdrawn: the row, its scan and the file go; the standing certificate is untouched.
      await withdrawCertification(db, actorA, entered.id, TODAY);
      expect(await db.certification.findUnique({ where: { id: entered.id } })).toBeNull();
      expect(await db.document.count()).toBe(0);
      expect(existsSync(mediaStore().path(storageKey))).toBe(false);
      expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).standingCertificationId).toBe(standing.id);
      // A verified certificate is staff's: the producer neither corrects nor withdraws it.
      expect((await refusal(() => withdrawCertification(db, actorA, standing.id, TODAY))).status).toBe(409);
    });

    it("a refused entry writes nothing and leaves no file", async () => {
      const product = await makeProduct(db, producerA.id);
      const before = { certifications: await db.certification.count(), documents: await db.document.count() };
      const filesBefore = (await mediaStore().list("documents/")).map((file) => file.key);
      const error = await refusal(() => proposeCertification(db, actorA, product.id, certificateInput({ stars: 5 }), scanPdf(), TODAY));
      expect(error.fieldErrors.issuerLevel).toEqual(["forms.fiveStarsAreCentral"]);
      expect({ certifications: await db.certification.count(), documents: await db.document.count() }).toEqual(before);
      expect((await mediaStore().list("documents/")).map((file) => file.key)).toEqual(filesBefore);
    });
  });

  it("another producer's ids are not found by any portal service, and nothing changes", async () => {
    // Producer B's records: a proposal, a published product with an image, a pending certificate with a scan, a revision.
    const proposal = await proposeProduct(db, actorB, { nameVi: "Chè Kim Bôi", productSetId: 1 });
    const published = await makeProduct(db, producerB.id, { nameVi: "Chè xanh Kim Bôi" });
    const image = await addProductImage(db, SYSTEM_ACTOR, proposal.id, await images.plainPng(), { altVi: "Búp chè" });
    const cert = await proposeCertification(db, actorB, published.id, certificateInput(), scanPdf(), TODAY);
    const document = (await producerDocuments(db, actorB, producerB.id))[0]!;
    const { revisionId } = await saveProposal(db, actorB, published.id, { nameVi: "Chè xanh Kim Bôi loại 1", productSetId: "1", version: "1" });
    const snapshot = async () => ({
      products: await db.product.findMany({ where: { producerId: producerB.id }, orderBy: { id: "asc" }, select: { id: true, version: true, status: true, nameVi: true } }),
      certifications: await db.certification.findMany({ where: { productId: published.id }, select: { id: true, version: true, reviewStatus: true } }),
      images: await db.productImage.findMany({ where: { productId: proposal.id }, select: { id: true, altVi: true, position: true } }),
      revisions: await db.revision.findMany({ select: { id: true, status: true, changes: true } }),
      messages: await db.reviewMessage.count(),
      producer: await db.producer.findUniqueOrThrow({ where: { id: producerB.id }, select: { version: true, phone: true } }),
    });
    const before = await snapshot();
    const mark = await lastAuditId(db);

    const writes: Array<[string, () => Promise<unknown>]> = [
      ["saveProposal", () => saveProposal(db, actorA, proposal.id, { nameVi: "Chiếm", productSetId: "1", version: "1" })],
      ["saveProposal (published)", () => saveProposal(db, actorA, published.id, { nameVi: "Chiếm", productSetId: "1", version: "1" })],
      ["withdrawProposal", () => withdrawProposal(db, actorA, proposal.id)],
      ["submitDraft", () => submitDraft(db, actorA, proposal.id)],
      ["proposeCertification", () => proposeCertification(db, actorA, published.id, certificateInput({ decisionNumber: "9/QĐ" }), scanPdf(), TODAY)],
      ["correctCertification", () => correctCertification(db, actorA, cert.id, { ...certificateInput(), productId: String(published.id), version: "1" }, TODAY)],
      ["withdrawCertification", () => withdrawCertification(db, actorA, cert.id, TODAY)],
      ["withdrawRevision", () => withdrawRevision(db, actorA, revisionId!)],
      ["answerStaff product", () => answerStaff(db, actorA, "product", proposal.id, { body: "Xin chào" })],
      ["answerStaff certification", () => answerStaff(db, actorA, "certification", cert.id, { body: "Xin chào" })],
      ["answerStaff revision", () => answerStaff(db, actorA, "revision", revisionId!, { body: "Xin chào" })],
      ["answerStaff producer", () => answerStaff(db, actorA, "producer", producerB.id, { body: "Xin chào" })],
      ["addProductImage", async () => addProductImage(db, actorA, proposal.id, await images.plainPng(), { altVi: "Chiếm" })],
      ["updateImageAlt", () => updateImageAlt(db, actorA, image.id, { altVi: "Chiếm" })],
      ["moveImage", () => moveImage(db, actorA, image.id, "up")],
      ["removeProductImage", () => removeProductImage(db, actorA, image.id)],
    ];
    const statuses: Array<readonly [string, number]> = [];
    for (const [name, write] of writes) statuses.push([name, await write().then(() => 200, (error: unknown) => (error instanceof DomainError ? error.status : 500))]);
    expect(statuses).toEqual(writes.map(([name]) => [name, 404]));

    expect(await portalProduct(db, actorA, proposal.id, TODAY)).toBeNull();
    expect(await portalProduct(db, actorA, published.id, TODAY)).toBeNull();
    expect(await portalCertification(db, actorA, cert.id)).toBeNull();
    expect(await documentDownload(db, actorA, document.id)).toBeNull();
    expect(await producerDocuments(db, actorA, producerB.id)).toEqual([]);
    expect(await openRevision(db, actorA, { entityType: "product", producerId: producerB.id, productId: published.id })).toBeNull();
    expect((await portalProducts(db, actorA, TODAY)).map((product) => product.id)).toEqual([]);
    expect((await portalOverview(db, actorA, TODAY)).revisions).toEqual([]);
    expect((await portalProfile(db, actorA)).producer.id).toBe(producerA.id);

    expect(await snapshot()).toEqual(before);
    expect(await auditRowsAfter(db, mark)).toEqual([]);
    // The owner reaches all of them.
    expect((await portalProduct(db, actorB, proposal.id, TODAY))?.id).toBe(proposal.id);
    expect((await portalCertification(db, actorB, cert.id))?.id).toBe(cert.id);
  });
});
