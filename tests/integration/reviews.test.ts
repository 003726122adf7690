/**
 * Staff review of what producers submit, on every provider: the queue (only
 * producers whose account confirmed its email; the actor's province only),
 * the three decisions on each kind of item (status, audit row, conversation
 * message, mail to the producer's account in its language, all together),
 * the catalogue afterwards (a product proposal and its certificate, approved
 * in either order, are public; a rejected certificate never stands), revisions
 * applied to the live record, and no second decision on a decided item.
 * Fixtures are written straight to the database, as the portal would leave them.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { parseDate } from "../../app/lib/dates";
import { parseCatalogueQuery } from "../../app/modules/catalogue/query.server";
import { searchCatalogue } from "../../app/modules/catalogue/search.server";
import { foldText } from "../../app/modules/text/vietnamese.server";
import { certifiedProductWhere } from "../../app/modules/catalogue/visibility.server";
import { newVerificationCode } from "../../app/modules/certifications/service.server";
import { reviewQueue } from "../../app/modules/dashboard/review-queue.server";
import { changeProducerStatus } from "../../app/modules/producers/service.server";
import { compareRevision } from "../../app/modules/reviews/comparison";
import { decideCertification, decideProducer, decideProduct } from "../../app/modules/reviews/decisions.server";
import type { ReviewDecision } from "../../app/modules/reviews/forms";
import { certificationForReview, producerForReview, productForReview } from "../../app/modules/reviews/items.server";
import { reviewQueuePage } from "../../app/modules/reviews/queue.server";
import { decideRevision, revisionForReview } from "../../app/modules/reviews/revisions.server";
import { updateProduct } from "../../app/modules/products/service.server";
import { adminActor, auditRowsAfter, editorActor, lastAuditId, refusal } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";

const TODAY = parseDate("2026-06-15");
const certify = certifierFor(TODAY);

const DECISIONS: Array<{ intent: ReviewDecision; message: string | undefined; event: string; productStatus: string; reviewStatus: string }> = [
  { intent: "approve", message: undefined, event: "approved", productStatus: "PUBLISHED", reviewStatus: "APPROVED" },
  { intent: "reject", message: "Ảnh chụp giấy chứng nhận không đọc được.", event: "rejected", productStatus: "REJECTED", reviewStatus: "REJECTED" },
  { intent: "request_changes", message: "Xin bổ sung mô tả tiếng Anh.", event: "changes_requested", productStatus: "CHANGES_REQUESTED", reviewStatus: "CHANGES_REQUESTED" },
];

describe.each(testProviders())("staff review on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let phuTho: number;
  let haNoi: number;
  let accountCounter = 0;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    phuTho = (await loadMinimalReference(db)).province.id;
    haNoi = (await db.province.create({ data: { slug: "ha-noi", nameVi: "Hà Nội", nameEn: "Hanoi", formedFromVi: "Hà Nội", searchKey: foldText("Hà Nội") } })).id;
  });

  afterEach(async () => handle.dispose());

  /** A producer account of `producerId`, confirmed or not, reading mail in `language`. */
  async function account(producerId: number, { confirmed = true, language = "vi" }: { confirmed?: boolean; language?: string } = {}) {
    accountCounter += 1;
    return db.user.create({
      data: {
        email: `htx${accountCounter}@review.example`,
        name: `Chủ thể ${accountCounter}`,
        role: "PRODUCER",
        producerId,
        language,
        emailConfirmedAt: confirmed ? new Date("2026-06-01T03:00:00Z") : null,
      },
    });
  }

  /** A self-registered producer, as sign-up leaves it: pending, with its account. */
  async function registrant(provinceId: number, legalName: string, accountOptions: { confirmed?: boolean; language?: string } = {}) {
    const producer = await db.producer.create({
      data: { slug: foldText(legalName).replace(/\s+/g, "-"), type: "COOPERATIVE", legalName, taxCode: nextTaxCode(), provinceId, status: "PENDING", searchKey: foldText(legalName) },
    });
    const user = await account(producer.id, accountOptions);
    return { producer, user };
  }

  /** A certificate the producer entered, waiting for verification, with its scan. */
  async function pendingCertificate(productId: number, producerId: number, decisionNumber = "215/QĐ-UBND") {
    const cert = await db.certification.create({
      data: {
        productId,
        verificationCode: newVerificationCode(),
        stars: 4,
        score: 78,
        decisionNumber,
        signedOn: parseDate("2025-09-10"),
        validUntil: parseDate("2028-09-09"),
        issuerLevel: "PROVINCE",
        issuerName: "UBND tỉnh Phú Thọ",
        reviewStatus: "PENDING",
      },
    });
    await db.document.create({
      data: { producerId, certificationId: cert.id, kind: "certificate", storageKey: `doc-${cert.id}`, fileName: "giay-chung-nhan.pdf", contentType: "application/pdf", bytes: 1234 },
    });
    return cert;
  }

  /** An approved producer with a confirmed account in `language`, and a product waiting for review. */
  async function proposal(provinceId = phuTho, language = "en") {
    const producer = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Chè Shan tuyết Đà Bắc" });
    const user = await account(producer.id, { language });
    const product = await makeProduct(db, producer.id, { nameVi: "Chè Shan tuyết Đà Bắc", status: "PENDING_REVIEW" });
    return { producer, user, product };
  }

  const mailTo = (address: string) => db.outboxMessage.findMany({ where: { toAddress: address }, select: { kind: true, language: true, subject: true, text: true } });
  const messagesOf = (item: string, itemId: number) =>
    db.reviewMessage.findMany({ where: { entityType: item, entityId: itemId }, select: { event: true, body: true, fromStaff: true }, orderBy: { id: "asc" } });
  const search = (q: string) => searchCatalogue(db, parseCatalogueQuery(new URLSearchParams({ q })).query, TODAY);
  const isListed = async (productId: number) => (await db.product.count({ where: { id: productId, ...certifiedProductWhere(TODAY) } })) === 1;

  it("the queue: what waits for staff, oldest first, without producers whose account has not confirmed its email", async () => {
    const confirmed = await registrant(phuTho, "Hợp tác xã Đã xác nhận");
    const unconfirmed = await registrant(phuTho, "Hợp tác xã Chưa xác nhận", { confirmed: false });
    const staffMade = await db.producer.create({
      data: { slug: "htx-nhap-tay", type: "ENTERPRISE", legalName: "Công ty Nhập tay", taxCode: nextTaxCode(), provinceId: phuTho, status: "PENDING", searchKey: "cong ty nhap tay" },
    });
    const { producer, product } = await proposal();
    const cert = await pendingCertificate(product.id, producer.id);
    const published = await makeProduct(db, producer.id, { nameVi: "Mật ong bạc hà" });
    const revision = await db.revision.create({
      data: { entityType: "product", producerId: producer.id, productId: published.id, changes: JSON.stringify({ nameEn: "Mint honey" }), baseVersion: 1 },
    });
    const sentBack = await makeProduct(db, producer.id, { nameVi: "Rượu men lá", productSetId: 14, status: "CHANGES_REQUESTED" });
    // Waiting times: the certificate first, then the producers; the product was resubmitted last.
    const at = (iso: string) => new Date(`${iso}T02:00:00Z`);
    await db.certification.update({ where: { id: cert.id }, data: { createdAt: at("2026-05-01") } });
    await db.producer.update({ where: { id: confirmed.producer.id }, data: { createdAt: at("2026-05-02") } });
    await db.producer.update({ where: { id: staffMade.id }, data: { createdAt: at("2026-05-03") } });
    await db.revision.update({ where: { id: revision.id }, data: { createdAt: at("2026-05-04") } });
    await db.product.update({ where: { id: product.id }, data: { createdAt: at("2026-04-01") } });
    await db.reviewMessage.create({ data: { producerId: producer.id, entityType: "product", entityId: product.id, fromStaff: false, event: "submitted", createdAt: at("2026-05-05") } });

    const page = await reviewQueuePage(db, adminActor());
    expect(page.counts).toEqual({ producer: 2, product: 1, certification: 1, revision: 1 });
    expect(page.waiting.map((item) => [item.kind, item.id])).toEqual([
      ["certification", cert.id],
      ["producer", confirmed.producer.id],
      ["producer", staffMade.id],
      ["revision", revision.id],
      ["product", product.id],
    ]);
    expect(page.waiting.map((item) => item.path)).toEqual([
      `/admin/reviews/certifications/${cert.id}`,
      `/admin/reviews/producers/${confirmed.producer.id}`,
      `/admin/reviews/producers/${staffMade.id}`,
      `/admin/reviews/revisions/${revision.id}`,
      `/admin/reviews/products/${product.id}`,
    ]);
    expect(page.waiting.at(-1)!.since.toISOString()).toBe("2026-05-05T02:00:00.000Z");
    expect(page.waiting[0]).toMatchObject({ label: `215/QĐ-UBND · ${product.nameVi}`, province: { nameVi: "Phú Thọ" }, producer: { id: producer.id } });
    expect(page.waiting.some((item) => item.id === unconfirmed.producer.id && item.kind === "producer")).toBe(false);
    expect(page.withProducer.map((item) => [item.kind, item.id])).toEqual([["product", sentBack.id]]);
    expect(page.withProducerCounts.product).toBe(1);

    // The dashboard counts the same items.
    const dashboard = await reviewQueue(db, adminActor());
    expect([dashboard.producers.total, dashboard.products.total, dashboard.certifications.total, dashboard.revisions.total]).toEqual([2, 1, 1, 1]);

    // Once the account confirms its address, the producer is waiting too.
    await db.user.update({ where: { id: unconfirmed.user.id }, data: { emailConfirmedAt: new Date() } });
    expect((await reviewQueuePage(db, adminActor())).counts.producer).toBe(3);
  });

  it("a province's editor sees and decides only its province's items; another province's are not found", async () => {
    const near = await proposal(phuTho);
    const far = await proposal(haNoi);
    const nearCert = await pendingCertificate(near.product.id, near.producer.id);
    const farCert = await pendingCertificate(far.product.id, far.producer.id, "9/QĐ-UBND");
    const farRegistrant = await registrant(haNoi, "Hợp tác xã Ba Vì");
    const farRevision = await db.revision.create({
      data: { entityType: "producer", producerId: far.producer.id, changes: JSON.stringify({ legalName: "HTX Ba Vì mới" }), baseVersion: far.producer.version },
    });
    const editor = editorActor(phuTho);

    const page = await reviewQueuePage(db, editor);
    expect(page.waiting.map((item) => [item.kind, item.id]).sort()).toEqual([["certification", nearCert.id], ["product", near.product.id]].sort());
    expect((await reviewQueue(db, editor)).products.total).toBe(1);
    expect(await productForReview(db, editor, far.product.id)).toBeNull();
    expect(await certificationForReview(db, editor, farCert.id, TODAY)).toBeNull();
    expect(await producerForReview(db, editor, farRegistrant.producer.id)).toBeNull();
    expect(await revisionForReview(db, editor, farRevision.id)).toBeNull();

    const before = await lastAuditId(db);
    for (const attempt of [
      () => decideProduct(db, editor, far.product.id, { intent: "approve" }),
      () => decideCertification(db, editor, farCert.id, { intent: "approve" }, TODAY),
      () => decideProducer(db, editor, farRegistrant.producer.id, { intent: "approve" }),
      () => decideRevision(db, editor, farRevision.id, { intent: "approve" }),
    ]) {
      expect((await refusal(attempt)).status).toBe(404);
    }
    expect(await auditRowsAfter(db, before)).toEqual([]);
    expect((await db.product.findUniqueOrThrow({ where: { id: far.product.id } })).status).toBe("PENDING_REVIEW");

    await decideProduct(db, editor, near.product.id, { intent: "approve" });
    expect((await db.product.findUniqueOrThrow({ where: { id: near.product.id } })).status).toBe("PUBLISHED");
  });

  describe.each(DECISIONS)("$intent", ({ intent, message, event, productStatus, reviewStatus }) => {
    it("a product proposal: status, audit row, conversation and a mail in the account's language, together", async () => {
      const { producer, user, product } = await proposal(phuTho, "en");
      const since = await lastAuditId(db);
      await decideProduct(db, adminActor(), product.id, { intent, message, version: String(product.version) });

      const stored = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(stored.status).toBe(productStatus);
      expect(stored.statusReason).toBe(message ?? null);
      expect(stored.publishedAt !== null).toBe(intent === "approve");
      const audit = await auditRowsAfter(db, since);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "review", entityType: "product", entityId: product.id, provinceId: phuTho });
      expect(audit[0]!.changes).toMatchObject({ status: ["PENDING_REVIEW", productStatus], decision: [null, event], ...(message ? { message: [null, message] } : {}) });
      expect(await messagesOf("product", product.id)).toEqual([{ event, body: message ?? null, fromStaff: true }]);
      const mail = await mailTo(user.email);
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ kind: "review_decision", language: "en" });
      if (message) expect(mail[0]!.text).toContain(message);
      expect(await db.outboxMessage.count({ where: { toAddress: { not: user.email } } })).toBe(0);
      expect(producer.id).toBe(stored.producerId);
    });

    it("a certificate the producer entered: review status, audit row, conversation and mail; only a verified one stands", async () => {
      const { producer, user, product } = await proposal(phuTho, "vi");
      await db.product.update({ where: { id: product.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
      const cert = await pendingCertificate(product.id, producer.id);
      const since = await lastAuditId(db);
      await decideCertification(db, adminActor(), cert.id, { intent, message }, TODAY);

      expect((await db.certification.findUniqueOrThrow({ where: { id: cert.id } })).reviewStatus).toBe(reviewStatus);
      const audit = await auditRowsAfter(db, since);
      expect(audit.map((row) => [row.action, row.entityType, row.entityId])).toEqual([["review", "certification", cert.id]]);
      expect(audit[0]!.changes).toMatchObject({ reviewStatus: ["PENDING", reviewStatus], decision: [null, event] });
      expect(await messagesOf("certification", cert.id)).toEqual([{ event, body: message ?? null, fromStaff: true }]);
      expect((await mailTo(user.email)).map((mail) => [mail.kind, mail.language])).toEqual([["review_decision", "vi"]]);
      // Standing and the public catalogue follow the decision: only a verified certificate counts.
      const stored = await db.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(stored.standingCertificationId).toBe(intent === "approve" ? cert.id : null);
      expect(await isListed(product.id)).toBe(intent === "approve");
      expect(await db.catalogueEntry.count({ where: { productId: product.id } })).toBe(intent === "approve" ? 1 : 0);
    });

    it("a producer's registration: status, audit row, conversation and mail", async () => {
      const { producer, user } = await registrant(phuTho, "Hợp tác xã Mới đăng ký", { language: "en" });
      const since = await lastAuditId(db);
      await decideProducer(db, adminActor(), producer.id, { intent, message, version: String(producer.version) });

      const stored = await db.producer.findUniqueOrThrow({ where: { id: producer.id } });
      expect(stored.status).toBe(reviewStatus);
      const audit = await auditRowsAfter(db, since);
      expect(audit.map((row) => [row.action, row.entityType, row.entityId])).toEqual([["status", "producer", producer.id]]);
      expect(audit[0]!.changes).toMatchObject({ status: ["PENDING", reviewStatus], ...(message ? { statusReason: [null, message] } : {}) });
      expect(await messagesOf("producer", producer.id)).toEqual([{ event, body: message ?? null, fromStaff: true }]);
      expect((await mailTo(user.email)).map((mail) => [mail.kind, mail.language])).toEqual([["review_decision", "en"]]);
    });

    it("a revision of a published product: applied to the live record only when approved", async () => {
      const { user, producer } = await proposal(phuTho, "en");
      const live = await makeProduct(db, producer.id, { nameVi: "Mật ong hoa rừng", descriptionVi: "Mật ong nguyên chất." });
      await certify(db, live.id, 4, "2025-07-18");
      const revision = await db.revision.create({
        data: {
          entityType: "product",
          producerId: producer.id,
          productId: live.id,
          changes: JSON.stringify({ nameVi: "Mật ong bạc hà Mèo Vạc", productSetId: 4, nameEn: "Mint honey" }),
          baseVersion: live.version,
        },
      });
      const entryBefore = await db.catalogueEntry.findUniqueOrThrow({ where: { productId: live.id } });
      const since = await lastAuditId(db);
      await decideRevision(db, adminActor(), revision.id, { intent, message });

      const stored = await db.revision.findUniqueOrThrow({ where: { id: revision.id } });
      expect(stored.status).toBe(reviewStatus);
      expect(stored.decidedAt).not.toBeNull();
      const product = await db.product.findUniqueOrThrow({ where: { id: live.id } });
      const entry = await db.catalogueEntry.findUniqueOrThrow({ where: { productId: live.id } });
      const audit = await auditRowsAfter(db, since);
      if (intent === "approve") {
        expect([product.nameVi, product.nameEn, product.productSetId, product.version]).toEqual(["Mật ong bạc hà Mèo Vạc", "Mint honey", 4, live.version + 1]);
        expect(product.searchKey).toContain("meo vac");
        expect(entry.searchKey).toBe(product.searchKey);
        expect(entry.productSetId).toBe(4);
        expect((await search("bac ha meo vac")).items.map((item) => item.id)).toEqual([live.id]);
        expect(audit.map((row) => [row.action, row.entityType, row.entityId])).toEqual([
          ["update", "product", live.id],
          ["review", "revision", revision.id],
        ]);
        expect(audit[0]!.changes).toEqual({
          nameVi: ["Mật ong hoa rừng", "Mật ong bạc hà Mèo Vạc"],
          nameEn: [null, "Mint honey"],
          productSetId: [1, 4],
        });
      } else {
        expect([product.nameVi, product.nameEn, product.productSetId, product.version, product.searchKey]).toEqual([live.nameVi, null, 1, live.version, live.searchKey]);
        expect(entry).toEqual(entryBefore);
        expect((await search("bac ha meo vac")).items).toEqual([]);
        expect(audit.map((row) => [row.action, row.entityType, row.entityId])).toEqual([["review", "revision", revision.id]]);
      }
      expect(audit.at(-1)!.changes).toMatchObject({ status: ["PENDING", reviewStatus], decision: [null, event] });
      expect(await messagesOf("revision", revision.id)).toEqual([{ event, body: message ?? null, fromStaff: true }]);
      expect((await mailTo(user.email)).map((mail) => [mail.kind, mail.language])).toEqual([["review_decision", "en"]]);
    });
  });

  it("approving a product proposal and its certificate, in either order, lists the product; found by an unaccented search", async () => {
    for (const order of [["product", "certification"], ["certification", "product"]] as const) {
      const { producer, product } = await proposal();
      const name = order[0] === "product" ? "Chè Shan tuyết Đà Bắc" : "Cam Cao Phong";
      await db.product.update({ where: { id: product.id }, data: { nameVi: name } });
      await db.product.update({ where: { id: product.id }, data: { searchKey: foldText(name) } });
      const cert = await pendingCertificate(product.id, producer.id, `${product.id}/QĐ-UBND`);
      for (const kind of order) {
        expect(await isListed(product.id)).toBe(false);
        if (kind === "product") await decideProduct(db, adminActor(), product.id, { intent: "approve" });
        else await decideCertification(db, adminActor(), cert.id, { intent: "approve" }, TODAY);
      }
      expect(await isListed(product.id)).toBe(true);
      expect((await search(foldText(name))).items.map((item) => item.id)).toContain(product.id);
    }
  });

  it("a rejected certificate never stands, even on a published product", async () => {
    const { producer, product } = await proposal();
    await decideProduct(db, adminActor(), product.id, { intent: "approve" });
    const cert = await pendingCertificate(product.id, producer.id);
    await decideCertification(db, adminActor(), cert.id, { intent: "reject", message: "Số quyết định không khớp." }, TODAY);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).standingCertificationId).toBeNull();
    expect(await isListed(product.id)).toBe(false);
    expect((await search("che shan tuyet")).items).toEqual([]);
  });

  it("a decision on an item already decided is refused and writes nothing", async () => {
    const { producer, user, product } = await proposal();
    const cert = await pendingCertificate(product.id, producer.id);
    const { producer: registered } = await registrant(phuTho, "Hợp tác xã Hai lần");
    const revision = await db.revision.create({
      data: { entityType: "producer", producerId: producer.id, changes: JSON.stringify({ legalName: "HTX Chè mới" }), baseVersion: producer.version },
    });
    await decideProduct(db, adminActor(), product.id, { intent: "approve", version: String(product.version) });
    await decideCertification(db, adminActor(), cert.id, { intent: "reject", message: "Sai hạng sao." }, TODAY);
    await decideProducer(db, adminActor(), registered.id, { intent: "approve", version: String(registered.version) });
    await decideRevision(db, adminActor(), revision.id, { intent: "request_changes", message: "Kèm giấy đăng ký mới." });
    const since = await lastAuditId(db);
    const mails = await db.outboxMessage.count();
    const messages = await db.reviewMessage.count();

    // The same pages, posted again (a second click, a second tab).
    const second = [
      () => decideProduct(db, adminActor(), product.id, { intent: "reject", message: "Trễ", version: String(product.version) }),
      () => decideCertification(db, adminActor(), cert.id, { intent: "approve" }, TODAY),
      () => decideProducer(db, adminActor(), registered.id, { intent: "reject", message: "Trễ", version: String(registered.version) }),
      () => decideRevision(db, adminActor(), revision.id, { intent: "approve" }),
    ];
    for (const attempt of second) {
      const error = await refusal(attempt);
      expect(error.status).toBe(409);
      expect(error.fieldErrors.form).toEqual(["admin.reviews.alreadyDecided"]);
    }
    expect(await auditRowsAfter(db, since)).toEqual([]);
    expect([await db.outboxMessage.count(), await db.reviewMessage.count()]).toEqual([mails, messages]);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("PUBLISHED");
    expect((await db.producer.findUniqueOrThrow({ where: { id: producer.id } })).legalName).toBe("Hợp tác xã Chè Shan tuyết Đà Bắc");
    expect(user.producerId).toBe(producer.id);

    // A message is required to reject or to ask for changes.
    const { product: other } = await proposal();
    expect((await refusal(() => decideProduct(db, adminActor(), other.id, { intent: "reject", message: "  " }))).fieldErrors.message).toEqual(["admin.reviews.messageRequired"]);
  });

  it("a producer revision: legal name applied with every search key; a tax code another producer holds is refused", async () => {
    const { producer, user } = await proposal();
    const product = await makeProduct(db, producer.id, { nameVi: "Gạo nếp cái hoa vàng" });
    await certify(db, product.id, 3, "2025-08-01");
    const other = await makeProducer(db, phuTho, { legalName: "Công ty Đã có mã" });
    const taken = await db.revision.create({
      data: { entityType: "producer", producerId: producer.id, changes: JSON.stringify({ taxCode: other.taxCode }), baseVersion: producer.version },
    });
    const since = await lastAuditId(db);
    const error = await refusal(() => decideRevision(db, adminActor(), taken.id, { intent: "approve" }));
    expect(error.fieldErrors.form).toEqual(["forms.taxCodeTaken"]);
    expect((await db.revision.findUniqueOrThrow({ where: { id: taken.id } })).status).toBe("PENDING");
    expect(await auditRowsAfter(db, since)).toEqual([]);
    await decideRevision(db, adminActor(), taken.id, { intent: "reject", message: "Mã số thuế thuộc chủ thể khác." });

    const renamed = await db.revision.create({
      data: { entityType: "producer", producerId: producer.id, changes: JSON.stringify({ legalName: "Hợp tác xã Nông sản Mường Động" }), baseVersion: producer.version },
    });
    await decideRevision(db, adminActor(), renamed.id, { intent: "approve" });
    const stored = await db.producer.findUniqueOrThrow({ where: { id: producer.id } });
    expect(stored.legalName).toBe("Hợp tác xã Nông sản Mường Động");
    expect(stored.searchKey).toContain("muong dong");
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).searchKey).toContain("muong dong");
    expect((await db.catalogueEntry.findUniqueOrThrow({ where: { productId: product.id } })).searchKey).toContain("muong dong");
    expect((await search("muong dong")).items.map((item) => item.id)).toEqual([product.id]);
    expect((await mailTo(user.email)).length).toBe(2);
  });

  it("the revision page: the live record beside the proposal, and the live fields changed since it was proposed", async () => {
    const { producer } = await proposal();
    const live = await makeProduct(db, producer.id, { nameVi: "Măng khô Tân Lạc", packagingVi: "Túi 500 g" });
    const revision = await db.revision.create({
      data: { entityType: "product", producerId: producer.id, productId: live.id, changes: JSON.stringify({ productSetId: 4, packagingVi: "Túi 1 kg" }), baseVersion: live.version },
    });
    let view = (await revisionForReview(db, adminActor(), revision.id))!;
    expect(view.changedSince).toEqual([]);
    expect(view.rows.filter((row) => row.changed).map((row) => [row.field, row.live, row.proposed])).toEqual([
      ["productSetId", 1, 4],
      ["packagingVi", "Túi 500 g", "Túi 1 kg"],
    ]);
    expect(view.productSets.map((set) => set.id).sort()).toEqual([1, 4]);

    // Staff edit the live product meanwhile: the page names what changed; approving is still allowed.
    await updateProduct(db, adminActor(), live.id, { nameVi: "Măng khô Mai Châu", productSetId: 1, producerId: producer.id, packagingVi: "Túi 500 g", status: "PUBLISHED", version: String(live.version) });
    view = (await revisionForReview(db, adminActor(), revision.id))!;
    expect(view.liveVersion).toBe(live.version + 1);
    expect(view.changedSince.map((change) => change.field)).toEqual(["nameVi"]);
    expect(view.rows.find((row) => row.field === "nameVi")).toMatchObject({ live: "Măng khô Mai Châu", changed: false, changedSinceBase: true });
    await decideRevision(db, adminActor(), revision.id, { intent: "approve" });
    const stored = await db.product.findUniqueOrThrow({ where: { id: live.id } });
    expect([stored.nameVi, stored.packagingVi, stored.productSetId]).toEqual(["Măng khô Mai Châu", "Túi 1 kg", 4]);

    // The comparison itself: empty and missing read alike.
    expect(compareRevision(["unit"], { unit: null }, { unit: "" })[0]!.changed).toBe(false);
    expect(compareRevision(["unit"], { unit: "hộp" }, { unit: "túi" })[0]!.changed).toBe(true);
  });

  it("the review pages' data: a registration with its account and documents, a proposal's completeness, a certificate's scan and rules check", async () => {
    const { producer, user } = await registrant(phuTho, "Hợp tác xã Có hồ sơ", { confirmed: false });
    await db.document.create({
      data: { producerId: producer.id, kind: "registration", storageKey: "reg-1", fileName: "dang-ky.pdf", contentType: "application/pdf", bytes: 2048 },
    });
    const registration = (await producerForReview(db, adminActor(), producer.id))!;
    expect(registration.users.map((account) => [account.email, account.emailConfirmedAt])).toEqual([[user.email, null]]);
    expect(registration.documents.map((document) => document.fileName)).toEqual(["dang-ky.pdf"]);
    expect([registration.waiting, registration.accountsConfirmed]).toEqual([true, false]);

    const { producer: owner, product } = await proposal();
    let view = (await productForReview(db, adminActor(), product.id))!;
    expect(view.completeness).toEqual({ images: false, english: false, certificate: "missing" });
    const cert = await pendingCertificate(product.id, owner.id);
    await db.product.update({ where: { id: product.id }, data: { nameEn: "Shan tea", descriptionEn: "Tea from old trees." } });
    view = (await productForReview(db, adminActor(), product.id))!;
    expect(view.completeness).toEqual({ images: false, english: true, certificate: "pending" });

    const certificate = (await certificationForReview(db, adminActor(), cert.id, TODAY))!;
    expect(certificate.documents.map((document) => document.fileName)).toEqual(["giay-chung-nhan.pdf"]);
    // 4★ signed 2025-09-10: the province issues it (from 6 July 2025), valid to 2028-09-09, score 78 in 70–89.
    expect(certificate.rules).toMatchObject({ starsCertified: true, scoreConsistent: true, expectedLevel: "PROVINCE", levelMatches: true, validUntilUsual: true, signedByToday: true });
    await db.certification.update({ where: { id: cert.id }, data: { score: 95, issuerLevel: "DISTRICT" } });
    expect((await certificationForReview(db, adminActor(), cert.id, TODAY))!.rules).toMatchObject({ scoreConsistent: false, levelMatches: false });
  });

  it("suspending an approved producer hides its products from the catalogue without deleting anything, and mails it", async () => {
    const producer = await makeProducer(db, phuTho, { legalName: "Hợp tác xã Cam Cao Phong" });
    const user = await account(producer.id, { language: "en" });
    const product = await makeProduct(db, producer.id, { nameVi: "Cam Cao Phong" });
    await certify(db, product.id, 4, "2025-07-18");
    expect(await isListed(product.id)).toBe(true);
    const counts = async () => [await db.product.count(), await db.certification.count(), await db.producer.count()];
    const before = await counts();

    await changeProducerStatus(db, adminActor(), producer.id, { status: "SUSPENDED", reason: "Hết hạn giấy phép kinh doanh." });
    expect(await isListed(product.id)).toBe(false);
    expect((await search("cam cao phong")).items).toEqual([]);
    expect(await db.catalogueEntry.count({ where: { producerId: producer.id } })).toBe(0);
    expect(await counts()).toEqual(before);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("PUBLISHED");
    const mail = await mailTo(user.email);
    expect(mail.map((message) => [message.kind, message.language])).toEqual([["review_decision", "en"]]);
    expect(mail[0]!.text).toContain("Hết hạn giấy phép kinh doanh.");
    expect(await messagesOf("producer", producer.id)).toEqual([{ event: "suspended", body: "Hết hạn giấy phép kinh doanh.", fromStaff: true }]);
  });
});
