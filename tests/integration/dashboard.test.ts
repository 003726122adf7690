/**
 * The dashboard's readers on every provider: certificates ending within 30
 * and 90 days (each boundary, revoked and replaced ones left out, agreeing
 * with the pure visibility rule), the review queue and completeness within a
 * province editor's scope, the completeness maths, the CSV and recent
 * activity. Expected values are written out from the inputs below.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import type { Database } from "../../app/db.server";
import { addDays, daysBetween, formatDate, parseDate } from "../../app/lib/dates";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { certificationStatus, endingWithinSql, isInForceStatus, standingCertification } from "../../app/modules/catalogue/visibility.server";
import { createCertification, revokeCertification } from "../../app/modules/certifications/service.server";
import { cachedCompleteness, productCompleteness } from "../../app/modules/dashboard/completeness.server";
import { countExpiring, expiringCsv, listExpiring } from "../../app/modules/dashboard/expiring.server";
import { dashboard, recentActivity } from "../../app/modules/dashboard/overview.server";
import { reviewQueue } from "../../app/modules/dashboard/review-queue.server";
import { createProducer, updateProducer } from "../../app/modules/producers/service.server";
import { updateProduct } from "../../app/modules/products/service.server";
import { foldText } from "../../app/modules/text/vietnamese.server";
import { adminActor, editorActor } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";

const TODAY = parseDate("2026-06-15");
const day = (offset: number) => formatDate(addDays(TODAY, offset));

describe.each(testProviders())("the dashboard on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let phuTho: number;
  let haNoi: number;
  let decision = 0;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    phuTho = (await loadMinimalReference(db)).province.id;
    haNoi = (await db.province.create({ data: { slug: "ha-noi", nameVi: "Hà Nội", nameEn: "Hanoi", formedFromVi: "Hà Nội", searchKey: foldText("Hà Nội") } })).id;
  });
  afterEach(async () => handle.dispose());

  const certify = (productId: number, signedOn: string, validUntil?: string) =>
    createCertification(
      db,
      SYSTEM_ACTOR,
      { productId, stars: 4, decisionNumber: `${++decision}/QĐ-UBND`, signedOn, validUntil, issuerLevel: "PROVINCE", issuerName: "UBND tỉnh" },
      TODAY,
    );

  describe("certificates ending soon", () => {
    let names: Map<number, string>;

    beforeEach(async () => {
      names = new Map();
      const producer = await makeProducer(db, phuTho);
      const product = async (name: string, producerId = producer.id) => {
        const created = await makeProduct(db, producerId, { nameVi: name });
        names.set(created.id, name);
        return created.id;
      };
      await certify(await product("Hết hạn hôm nay"), "2024-01-01", day(0));
      await certify(await product("Còn 30 ngày"), "2024-01-01", day(30));
      await certify(await product("Còn 31 ngày"), "2024-01-01", day(31));
      await certify(await product("Còn 90 ngày"), "2024-01-01", day(90));
      await certify(await product("Còn 91 ngày"), "2024-01-01", day(91));
      await certify(await product("Hết hạn hôm qua"), "2023-01-01", day(-1));
      // Revoked from today: no longer in force.
      const revoked = await certify(await product("Bị thu hồi"), "2024-01-01", day(10));
      await revokeCertification(db, SYSTEM_ACTOR, revoked.id, { revokedOn: day(0), reason: "Không đạt" }, TODAY);
      await certify(await product("Còn 20 ngày"), "2024-01-01", day(20));
      // Replaced by a newer decision (36 months from 2026-01-10): the old one ending in 20 days does not count.
      const renewed = await product("Đã cấp lại");
      await certify(renewed, "2023-07-01", day(20));
      await certify(renewed, "2026-01-10");
      // Another province's certificate ending in 15 days.
      const hanoiProducer = await makeProducer(db, haNoi, { legalName: "Hợp tác xã Ba Vì" });
      await certify(await product("Sữa Ba Vì", hanoiProducer.id), "2024-01-01", day(15));
    });

    it("counts and lists the standing certificates within 30 and 90 days, soonest first, by scope", async () => {
      const admin = adminActor();
      const listed = async (actor = admin, days: 30 | 90) => (await listExpiring(db, actor, TODAY, days)).map((row) => `${names.get(row.product.id)} ${row.daysLeft}`);
      expect(await listed(admin, 30)).toEqual(["Hết hạn hôm nay 0", "Sữa Ba Vì 15", "Còn 20 ngày 20", "Còn 30 ngày 30"]);
      expect(await listed(admin, 90)).toEqual(["Hết hạn hôm nay 0", "Sữa Ba Vì 15", "Còn 20 ngày 20", "Còn 30 ngày 30", "Còn 31 ngày 31", "Còn 90 ngày 90"]);
      expect(await countExpiring(db, admin, TODAY)).toEqual({ 30: 4, 90: 6 });

      const phuThoEditor = editorActor(phuTho);
      expect(await listed(phuThoEditor, 30)).toEqual(["Hết hạn hôm nay 0", "Còn 20 ngày 20", "Còn 30 ngày 30"]);
      expect(await countExpiring(db, phuThoEditor, TODAY)).toEqual({ 30: 3, 90: 5 });
      expect(await countExpiring(db, editorActor(haNoi), TODAY)).toEqual({ 30: 1, 90: 1 });

      const first = (await listExpiring(db, admin, TODAY, 30, 2)).map((row) => names.get(row.product.id));
      expect(first).toEqual(["Hết hạn hôm nay", "Sữa Ba Vì"]);
    });

    it("agrees with the pure in-force rule on every product", async () => {
      const certs = await db.certification.findMany({ select: { id: true, productId: true, signedOn: true, validUntil: true, revokedOn: true, reviewStatus: true } });
      for (const days of [0, 1, 20, 30, 31, 89, 90, 91, 365]) {
        const expected = [...new Set(certs.map((cert) => cert.productId))]
          .flatMap((productId) => {
            const standing = standingCertification(certs.filter((cert) => cert.productId === productId), TODAY);
            return standing && isInForceStatus(certificationStatus(standing, TODAY)) && daysBetween(TODAY, standing.validUntil) <= days ? [standing.id] : [];
          })
          .sort((a, b) => a - b);
        const rows = await db.$queryRaw<Array<{ id: number }>>`
          SELECT c."id" AS "id" FROM "Product" p JOIN "Certification" c ON c."id" = p."standingCertificationId"
          WHERE ${endingWithinSql("c", TODAY, days)} ORDER BY c."id"`;
        expect(rows.map((row) => Number(row.id)), `${days} days`).toEqual(expected);
      }
    });

    it("writes the CSV with a BOM, one row per certificate and formulas made inert", async () => {
      const producer = await makeProducer(db, phuTho, { legalName: "=HYPERLINK(\"http://x\") HTX" });
      const product = await makeProduct(db, producer.id, { nameVi: "+Trà shan tuyết" });
      await certify(product.id, "2024-01-01", day(3));
      const csv = await expiringCsv(db, editorActor(phuTho), TODAY, 30);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      const rows = parse(csv.slice(1)) as string[][];
      expect(rows[0]).toEqual(["product_id", "product", "producer", "stars", "decision_number", "valid_until", "days_left"]);
      expect(rows.slice(1).map((row) => [row[1], row[6]])).toEqual([
        ["Hết hạn hôm nay", "0"],
        ["'+Trà shan tuyết", "3"],
        ["Còn 20 ngày", "20"],
        ["Còn 30 ngày", "30"],
      ]);
      expect(rows[2]).toEqual([String(product.id), "'+Trà shan tuyết", "'=HYPERLINK(\"http://x\") HTX", "4", `${decision}/QĐ-UBND`, day(3), "3"]);
    });
  });

  it("review queue: pending producers and products in the editor's province, oldest first", async () => {
    const editor = editorActor(phuTho);
    const approved = await makeProducer(db, phuTho);
    const pendingA = await createProducer(db, SYSTEM_ACTOR, { type: "COOPERATIVE", legalName: "HTX Chờ duyệt A", taxCode: nextTaxCode(), provinceId: phuTho });
    const pendingB = await createProducer(db, SYSTEM_ACTOR, { type: "ENTERPRISE", legalName: "Công ty Chờ duyệt B", taxCode: nextTaxCode(), provinceId: phuTho });
    await createProducer(db, SYSTEM_ACTOR, { type: "COOPERATIVE", legalName: "HTX Hà Nội chờ duyệt", taxCode: nextTaxCode(), provinceId: haNoi });
    const waiting = await makeProduct(db, approved.id, { nameVi: "Bưởi chờ duyệt", status: "PENDING_REVIEW" });
    await makeProduct(db, approved.id, { nameVi: "Bưởi đã đăng" });
    await makeProduct(db, approved.id, { nameVi: "Bưởi nháp", status: "DRAFT" });

    const queue = await reviewQueue(db, editor);
    expect(queue.producers.total).toBe(2);
    expect(queue.producers.items.map((producer) => producer.id)).toEqual([pendingA.id, pendingB.id]);
    expect(queue.products).toEqual({ total: 1, items: [expect.objectContaining({ id: waiting.id, nameVi: "Bưởi chờ duyệt", producer: approved.legalName })] });
    expect((await reviewQueue(db, adminActor())).producers.total).toBe(3);
    expect((await reviewQueue(db, editor, 1)).producers).toEqual({ total: 2, items: [expect.objectContaining({ id: pendingA.id })] });
  });

  it("completeness: five checks per published or pending product, overall and least complete, by scope", async () => {
    const producer = await makeProducer(db, phuTho);
    const full = await makeProduct(db, producer.id, {
      nameVi: "Đầy đủ",
      nameEn: "Complete",
      descriptionEn: "All there",
      packagingVi: "Hộp 500 g",
    });
    await certify(full.id, "2025-01-01");
    await db.productImage.create({
      data: { productId: full.id, position: 0, storageKey: `k${full.id}`, widths: "320", width: 320, height: 240, bytes: 1000, sourceType: "jpeg", altVi: "Ảnh" },
    });
    const certifiedOnly = await makeProduct(db, producer.id, { nameVi: "Chỉ có chứng nhận" });
    await certify(certifiedOnly.id, "2025-01-01");
    const pending = await makeProduct(db, producer.id, { nameVi: "Chờ duyệt", nameEn: "Pending", packagingVi: "Chai 500 ml", status: "PENDING_REVIEW" });
    await makeProduct(db, producer.id, { nameVi: "Nháp không tính", status: "DRAFT" });
    const hanoi = await makeProducer(db, haNoi, { legalName: "HTX Hà Nội" });
    const elsewhere = await makeProduct(db, hanoi.id, { nameVi: "Ngoài tỉnh" });

    const editorView = await productCompleteness(db, editorActor(phuTho));
    expect(editorView.products).toBe(3);
    // (5 + 1 + 2) checks passed of 15.
    expect(editorView.overallPercent).toBe(53);
    expect(editorView.missing).toEqual({ image: 2, nameEn: 1, descriptionEn: 2, packaging: 1, certificate: 1 });
    expect(editorView.leastComplete).toEqual([
      { id: certifiedOnly.id, nameVi: "Chỉ có chứng nhận", status: "PUBLISHED", percent: 20, missing: ["image", "nameEn", "descriptionEn", "packaging"] },
      { id: pending.id, nameVi: "Chờ duyệt", status: "PENDING_REVIEW", percent: 40, missing: ["image", "descriptionEn", "certificate"] },
    ]);

    const adminView = await productCompleteness(db, adminActor());
    expect(adminView.products).toBe(4);
    expect(adminView.overallPercent).toBe(40);
    expect(adminView.leastComplete[0]).toMatchObject({ id: elsewhere.id, percent: 0 });
    expect((await productCompleteness(db, adminActor(), 1)).leastComplete.map((product) => product.id)).toEqual([elsewhere.id]);

    // The dashboard's cached copy follows a catalogue write at once.
    expect((await cachedCompleteness(db, editorActor(phuTho))).overallPercent).toBe(53);
    await updateProduct(db, SYSTEM_ACTOR, certifiedOnly.id, {
      nameVi: "Chỉ có chứng nhận",
      nameEn: "Certificate only",
      productSetId: 1,
      producerId: producer.id,
      status: "PUBLISHED",
      version: certifiedOnly.version,
    });
    // (5 + 2 + 2) of 15.
    expect((await cachedCompleteness(db, editorActor(phuTho))).overallPercent).toBe(60);

    const empty = await productCompleteness(db, editorActor(haNoi + 1000));
    expect(empty).toEqual({ products: 0, overallPercent: 100, missing: { image: 0, nameEn: 0, descriptionEn: 0, packaging: 0, certificate: 0 }, leastComplete: [] });
  });

  it("recent activity: the newest events the actor may read, newest first", async () => {
    const editor = editorActor(phuTho);
    const producer = await createProducer(db, editor, { type: "COOPERATIVE", legalName: "HTX Mới", taxCode: nextTaxCode(), provinceId: phuTho });
    await updateProducer(db, editor, producer.id, { type: "COOPERATIVE", legalName: "HTX Mới đổi tên", taxCode: producer.taxCode, provinceId: phuTho, version: 1 });
    await makeProducer(db, haNoi, { legalName: "HTX Hà Nội khác" });

    const activity = await recentActivity(db, editor, 5);
    expect(activity.items.map((event) => [event.action, event.entityId, event.entityLabel])).toEqual([
      ["update", producer.id, "HTX Mới đổi tên"],
      ["create", producer.id, "HTX Mới"],
    ]);
    expect(activity.total).toBe(2);
    expect((await recentActivity(db, adminActor(), 1)).items.map((event) => event.entityLabel)).toEqual(["HTX Hà Nội khác"]);

    const whole = await dashboard(db, editor, TODAY);
    expect(whole.activity.items[0]).toMatchObject({ action: "update", entityId: producer.id });
    expect(whole.review.producers.total).toBe(1);
  });
});
