import { existsSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { producerSearchKey, productSearchKey } from "../../app/modules/catalogue/search-keys.server";
import { parseDate } from "../../app/lib/dates";
import { certificationStatus, isInForceStatus, standingCertification } from "../../app/modules/catalogue/visibility.server";
import { defaultValidUntil, expectedIssuerLevel, isCertifiedStars, isScoreConsistent, type Stars } from "../../app/modules/certifications/rules";
import { parseCsv, parseCsvRecords } from "../../prisma/seed/csv";
import { variantKeys } from "../../app/modules/media/pipeline.server";
import { variantWidths } from "../../app/modules/media/image-sources";
import { createFileStore, type MediaStore } from "../../app/modules/media/store.server";
import { DEMO_IMAGE_PRODUCTS, seedDemo, seedScale } from "../../prisma/seed/index";
import { freshDatabase, testProviders, TMP_DIR, type TestDatabase } from "../helpers/databases";

const TODAY = parseDate("2026-11-23");
const CODE_PATTERN = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/;
const FORMER_DISTRICTS = [
  "huyện Cao Phong",
  "huyện Mai Châu",
  "huyện Đà Bắc",
  "huyện Lạc Sơn",
  "huyện Tân Lạc",
  "huyện Kim Bôi",
  "huyện Lương Sơn",
  "huyện Yên Thủy",
  "huyện Lạc Thủy",
  "thành phố Hòa Bình",
];

type CertRow = Awaited<ReturnType<typeof loadProducts>>[number]["certifications"][number];

function loadProducts(db: Database) {
  return db.product.findMany({
    orderBy: { id: "asc" },
    include: {
      certifications: { orderBy: { signedOn: "asc" } },
      images: { orderBy: { position: "asc" } },
      productSet: { include: { group: true } },
      producer: { include: { commune: true, province: true } },
    },
  });
}

/** What the demo looks like on `today`, from the rows alone. */
async function demoFacts(db: Database, today: Date) {
  const products = await loadProducts(db);
  const statusOf = (cert: CertRow) => certificationStatus(cert, today);
  const onlyExpired = products.filter((p) => p.certifications.every((c) => statusOf(c) === "expired"));
  const expiring = products.filter((p) => statusOf(p.certifications[p.certifications.length - 1]!) === "expiring");
  const revoked = products.flatMap((p) => p.certifications.filter((c) => c.revokedOn !== null));
  // Stars of each product whose standing (newest signed) certificate is in force.
  const currentStars = products.map((p) => {
    const standing = standingCertification(p.certifications, today);
    return standing && isInForceStatus(statusOf(standing)) ? standing.stars : null;
  });
  return { products, onlyExpired, expiring, revoked, currentStars };
}

describe("CSV parser", () => {
  it("reads quoted fields with commas, escaped quotes and line breaks", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\n2,,"two\nlines"\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "", "two\nlines"],
    ]);
    expect(parseCsvRecords("k,v\nm,\"Rau, củ\"")).toEqual([{ k: "m", v: "Rau, củ" }]);
  });

  it("rejects an unterminated quote and ragged rows", () => {
    expect(() => parseCsv('a,"b')).toThrow(/unterminated/);
    expect(() => parseCsvRecords("a,b\n1,2,3")).toThrow(/3 fields/);
  });
});

describe.each(testProviders())("seed on %s", (provider) => {
  let handle: TestDatabase | undefined;
  let db: Database;
  let facts: Awaited<ReturnType<typeof demoFacts>>;
  let mediaRoot: string;
  let media: MediaStore;
  let demoImages: number;

  beforeAll(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    mediaRoot = mkdtempSync(path.join(TMP_DIR, `seed-media-${provider}-`));
    media = createFileStore(mediaRoot);
    const result = await seedDemo(db, { today: TODAY, media });
    expect(result.demo.created).toBe(true);
    demoImages = result.demo.images;
    facts = await demoFacts(db, TODAY);
  });

  afterAll(async () => {
    await handle?.dispose();
    if (mediaRoot) rmSync(mediaRoot, { recursive: true, force: true });
  });

  it("loads the reference data", async () => {
    const groups = await db.productGroup.findMany({ orderBy: { id: "asc" } });
    expect(groups.map((g) => `${g.id}:${g.code}`)).toEqual(["1:I", "2:II", "3:III", "4:IV", "5:V", "6:VI"]);
    expect(await db.productSet.count()).toBe(26);
    expect(await db.province.count()).toBe(34);
    const set8 = await db.productSet.findUniqueOrThrow({ where: { id: 8 } });
    expect(set8.nameVi).toBe("Chế biến từ thịt, trứng, sữa, thủy sản, mật ong, mật khác và nông sản thực phẩm khác");
    const phuTho = await db.province.findUniqueOrThrow({ where: { slug: "phu-tho" } });
    expect(phuTho).toMatchObject({ nameVi: "Phú Thọ", code: null, formedFromVi: "Phú Thọ; Vĩnh Phúc; Hòa Bình", searchKey: "phu tho" });
    const communes = await db.commune.findMany({ where: { provinceId: phuTho.id } });
    expect(communes.length).toBeGreaterThanOrEqual(10);
    expect(communes.every((c) => c.isDemo && c.code === null && !/^(xã|phường) /.test(c.nameVi))).toBe(true);
    expect(communes.find((c) => c.slug === "hoa-binh")?.kind).toBe("WARD");
  });

  it("builds a Hòa Bình catalogue of the expected size and spread", async () => {
    const { products } = facts;
    const producers = await db.producer.findMany({ include: { province: true } });
    expect(producers.length).toBeGreaterThanOrEqual(30);
    expect(products.length).toBeGreaterThanOrEqual(160);
    expect(new Set(products.map((p) => p.productSet.group.code))).toEqual(new Set(["I", "II", "III", "IV", "V", "VI"]));
    const food = products.filter((p) => p.productSet.group.code === "I").length;
    expect(food / products.length).toBeGreaterThan(0.5);
    expect(new Set(producers.map((p) => p.formerDistrict))).toEqual(new Set(FORMER_DISTRICTS));
    expect(producers.every((p) => p.province.nameVi === "Phú Thọ" && p.formerProvince === "tỉnh Hòa Bình" && p.communeId !== null)).toBe(true);

    const byType = (type: string) => producers.filter((p) => p.type === type).length / producers.length;
    expect(byType("COOPERATIVE")).toBeGreaterThan(0.25);
    expect(byType("ENTERPRISE")).toBeGreaterThan(0.15);
    expect(byType("HOUSEHOLD_BUSINESS")).toBeGreaterThan(0.3);
    expect(byType("COOPERATIVE_GROUP")).toBeGreaterThan(0);

    const taxCodes = producers.map((p) => p.taxCode);
    expect(new Set(taxCodes).size).toBe(taxCodes.length);
    expect(taxCodes.every((code) => /^\d{10}(-\d{3})?$/.test(code))).toBe(true);
    expect(taxCodes.some((code) => code.includes("-"))).toBe(true);
    expect(taxCodes.filter((code) => !code.includes("-")).every((code) => code.startsWith("54"))).toBe(true);
  });

  it("marks every row it writes as demo data", async () => {
    expect(await db.producer.count({ where: { isDemo: false } })).toBe(0);
    expect(await db.product.count({ where: { isDemo: false } })).toBe(0);
    expect(await db.certification.count({ where: { isDemo: false } })).toBe(0);
    expect(await db.commune.count({ where: { isDemo: false } })).toBe(0);
  });

  it("stores Vietnamese text in NFC and search keys computed by the catalogue's functions", async () => {
    for (const product of facts.products) {
      expect(product.nameVi).toBe(product.nameVi.normalize("NFC"));
      expect(product.searchKey).toBe(
        productSearchKey({
          nameVi: product.nameVi,
          nameEn: product.nameEn,
          producerName: product.producer.legalName,
          productSetNameVi: product.productSet.nameVi,
          communeName: product.producer.commune?.nameVi,
          provinceName: product.producer.province.nameVi,
          formerDistrict: product.producer.formerDistrict,
        }),
      );
    }
    const producers = await db.producer.findMany({ include: { commune: true, province: true } });
    for (const producer of producers) {
      expect(producer.searchKey).toBe(
        producerSearchKey({
          legalName: producer.legalName,
          communeName: producer.commune?.nameVi,
          provinceName: producer.province.nameVi,
          formerDistrict: producer.formerDistrict,
          formerProvince: producer.formerProvince,
        }),
      );
    }
  });

  it("includes the named products of OCOP.md", async () => {
    const pomelo = await db.product.findUniqueOrThrow({ where: { slug: "buoi-do-tan-lac" } });
    expect(pomelo.nameVi).toBe("Bưởi đỏ Tân Lạc");
    const oranges = await db.product.findFirstOrThrow({ where: { nameVi: "Cam Cao Phong" }, include: { producer: true } });
    expect(oranges.producer.legalName).toContain("3T Cao Phong");

    const fiveStar = facts.products.filter((_, i) => facts.currentStars[i] === 5);
    expect(fiveStar.map((p) => p.nameVi).sort()).toEqual(["Măng khô Kim Bôi", "Măng muối chua Kim Bôi"]);
    for (const product of fiveStar) {
      expect(product.producer.legalName).toBe("Công ty Cổ phần Kim Bôi");
      expect(product.certifications).toContainEqual(
        expect.objectContaining({ stars: 5, decisionNumber: "377/QĐ-BNN-VPĐP", issuerLevel: "CENTRAL", evaluationKind: "UPGRADE" }),
      );
    }
  });

  it("gives every product a plausible star history", () => {
    const { products, onlyExpired, expiring, revoked, currentStars } = facts;
    const codes = new Set<string>();
    for (const product of products) {
      expect(product.certifications.length).toBeGreaterThanOrEqual(1);
      expect(product.certifications.length).toBeLessThanOrEqual(3);
      for (const cert of product.certifications) {
        expect(isCertifiedStars(cert.stars)).toBe(true);
        const stars = cert.stars as Stars;
        expect(isScoreConsistent(stars, cert.score), `${product.nameVi}: ${stars}★ scored ${cert.score}`).toBe(true);
        expect(cert.issuerLevel).toBe(expectedIssuerLevel(stars, cert.signedOn));
        expect(cert.validUntil.getTime()).toBe(defaultValidUntil(cert.signedOn).getTime());
        expect(cert.signedOn.getTime()).toBeLessThanOrEqual(TODAY.getTime());
        expect(cert.signedOn.getUTCFullYear()).toBeGreaterThanOrEqual(2019);
        expect(cert.verificationCode).toMatch(CODE_PATTERN);
        codes.add(cert.verificationCode);
        if (cert.issuerLevel === "DISTRICT") expect(cert.issuerName).toBe(`UBND ${product.producer.formerDistrict}`);
        if (cert.issuerLevel === "PROVINCE") {
          expect(cert.issuerName).toBe(cert.signedOn < parseDate("2025-07-01") ? "UBND tỉnh Hòa Bình" : "UBND tỉnh Phú Thọ");
        }
      }
    }
    expect(codes.size).toBe(products.reduce((sum, p) => sum + p.certifications.length, 0));

    const upgraded = products.filter((p) => p.certifications.some((c) => c.evaluationKind === "UPGRADE"));
    expect(upgraded.length).toBeGreaterThanOrEqual(5);
    expect(products.some((p) => p.certifications.some((c) => c.evaluationKind === "REEVALUATION"))).toBe(true);
    expect(onlyExpired.length).toBeGreaterThanOrEqual(8);
    expect(expiring.length).toBeGreaterThanOrEqual(3);

    expect(revoked).toHaveLength(1);
    const revokedProduct = products.find((p) => p.id === revoked[0]!.productId)!;
    expect(revoked[0]).toMatchObject({ revocationReason: expect.any(String), revocationDecision: expect.stringMatching(/QĐ/) });
    expect(revokedProduct.standingCertificationId).toBe(revoked[0]!.id);
    expect(standingCertification(revokedProduct.certifications, TODAY)?.id).toBe(revoked[0]!.id);

    const inForce = currentStars.filter((s): s is number => s !== null);
    const share = (stars: number) => inForce.filter((s) => s === stars).length / inForce.length;
    expect(share(3)).toBeGreaterThan(0.6);
    expect(share(4)).toBeGreaterThan(0.15);
    expect(share(4)).toBeLessThan(0.3);

    const firstYears = products.map((p) => p.certifications[0]!.signedOn.getUTCFullYear());
    const count2019 = firstYears.filter((y) => y === 2019).length;
    expect(count2019).toBeGreaterThanOrEqual(12);
    expect(count2019).toBeLessThanOrEqual(22);
    expect(firstYears.filter((y) => y >= 2021 && y <= 2024).length / products.length).toBeGreaterThan(0.5);
  });

  it("points each product at its standing certification", () => {
    for (const product of facts.products) {
      expect(product.standingCertificationId).toBe(standingCertification(product.certifications, TODAY)!.id);
    }
  });

  it("sets publication and review states, images and English fallbacks", async () => {
    const { products } = facts;
    const statusCount = (status: string) => products.filter((p) => p.status === status).length;
    expect(statusCount("DRAFT")).toBe(2);
    expect(statusCount("PENDING_REVIEW")).toBe(1);
    expect(statusCount("ARCHIVED")).toBe(1);
    expect(statusCount("PUBLISHED")).toBe(products.length - 4);
    expect(products.filter((p) => p.status === "PUBLISHED").every((p) => p.publishedAt !== null)).toBe(true);

    const producers = await db.producer.findMany();
    expect(producers.filter((p) => p.status === "PENDING")).toHaveLength(1);
    const suspended = producers.filter((p) => p.status === "SUSPENDED");
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.statusReason).toBeTruthy();
    expect(producers.filter((p) => p.status === "APPROVED")).toHaveLength(producers.length - 2);

    const withoutEnglish = products.filter((p) => p.nameEn === null);
    expect(withoutEnglish.length).toBeGreaterThanOrEqual(2);
    expect(withoutEnglish.every((p) => p.descriptionEn === null)).toBe(true);
    expect(products.filter((p) => p.nameEn !== null).every((p) => p.descriptionEn)).toBe(true);

    // A few published products have generated pictures (one or two), stored through the
    // pipeline; the rest draw their group's placeholder.
    const illustrated = products.filter((p) => p.images.length > 0);
    expect(illustrated).toHaveLength(DEMO_IMAGE_PRODUCTS);
    expect(illustrated.every((p) => p.status === "PUBLISHED" && p.images.length <= 2)).toBe(true);
    const images = illustrated.flatMap((p) => p.images);
    expect(images.length).toBe(demoImages);
    expect(images.length).toBeGreaterThan(DEMO_IMAGE_PRODUCTS);
    for (const product of illustrated) {
      expect(product.images.map((image) => image.position)).toEqual(product.images.map((_, index) => index));
      for (const image of product.images) {
        expect(image).toMatchObject({ isDemo: true, widths: "320,640,960,1280", width: 1280, height: 960 });
        expect(image.altVi).toBe(`Hình minh hoạ (tạo tự động) cho ${product.nameVi}${image.position ? " (góc khác)" : ""}`);
        expect(image.altEn).toMatch(/^Generated illustration for /);
        expect(image.storageKey.startsWith(`products/${product.id}/`)).toBe(true);
        const keys = variantKeys(image.storageKey, variantWidths(image));
        expect(keys.every((key) => existsSync(media.path(key)))).toBe(true);
      }
    }
    expect(new Set(images.map((image) => image.sourceType))).toEqual(new Set(["jpeg", "png"]));
    const largest = await sharp(media.path(variantKeys(images[0]!.storageKey, [1280])[0]!)).metadata();
    expect(largest).toMatchObject({ format: "webp", width: 1280, height: 960 });
    expect((await media.list()).length).toBe(images.length * 4);
  });

  it("does not duplicate anything when run again", async () => {
    const counts = () => Promise.all([db.producer.count(), db.product.count(), db.certification.count(), db.commune.count(), db.productImage.count()]);
    const before = await counts();
    const filesBefore = (await media.list()).length;
    const again = await seedDemo(db, { today: TODAY, media });
    expect(again.demo).toMatchObject({ created: false, images: 0 });
    expect(await counts()).toEqual(before);
    expect((await media.list()).length).toBe(filesBefore);
  });

  it("adds a deterministic generated catalogue on top of the demo", async () => {
    const productsBefore = await db.product.count();
    const maxBefore = (await db.product.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const progress: number[] = [];
    const result = await seedScale(db, { products: 2000, today: TODAY, onProgress: (done) => progress.push(done) });
    expect(result.products).toBe(2000);
    expect(await db.product.count()).toBe(productsBefore + 2000);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(result.communes + result.producers + result.products);

    const generated = await db.product.findMany({
      where: { id: { gt: maxBefore } },
      orderBy: { id: "asc" },
      select: { nameVi: true, slug: true, isDemo: true, standingCertificationId: true, _count: { select: { certifications: true } } },
    });
    expect(generated).toHaveLength(2000);
    expect(new Set(generated.map((p) => p.slug)).size).toBe(2000);
    expect(generated.every((p) => p.isDemo && p.standingCertificationId !== null)).toBe(true);
    expect(generated.every((p) => p._count.certifications >= 1 && p._count.certifications <= 2)).toBe(true);
    expect(await db.producer.count({ where: { taxCode: { startsWith: "9" } } })).toBe(result.producers);
    expect(await db.producer.count({ where: { isDemo: false } })).toBe(0);

    // Later writes through the app (autoincrement ids) still work.
    const province = await db.province.findUniqueOrThrow({ where: { slug: "ha-noi" } });
    const added = await db.commune.create({
      data: { provinceId: province.id, kind: "WARD", nameVi: "Phường thử", slug: "phuong-thu", searchKey: "phuong thu" },
    });
    expect(added.id).toBeGreaterThan(0);

    // The same seed gives the same catalogue on another fresh database.
    const other = await freshDatabase(provider);
    try {
      await seedDemo(other.db, { today: TODAY, media: null });
      await seedScale(other.db, { products: 2000, today: TODAY });
      const names = await other.db.product.findMany({ where: { id: { gt: maxBefore } }, orderBy: { id: "asc" }, select: { nameVi: true, slug: true } });
      expect(names).toEqual(generated.map(({ nameVi, slug }) => ({ nameVi, slug })));
    } finally {
      await other.dispose();
    }
  });
});

describe.each(testProviders())("demo dates relative to today on %s", (provider) => {
  it.each(["2025-08-01", "2028-03-01"])("keeps expired, expiring and revoked cases on %s", async (day) => {
    const today = parseDate(day);
    const handle = await freshDatabase(provider);
    try {
      await seedDemo(handle.db, { today, media: null });
      const { products, onlyExpired, expiring, revoked } = await demoFacts(handle.db, today);
      expect(products.length).toBeGreaterThanOrEqual(160);
      expect(onlyExpired.length).toBeGreaterThanOrEqual(8);
      expect(expiring.length).toBeGreaterThanOrEqual(3);
      expect(revoked).toHaveLength(1);
      for (const cert of products.flatMap((p) => p.certifications)) {
        expect(cert.signedOn.getTime()).toBeLessThanOrEqual(today.getTime());
        expect(cert.issuerLevel).toBe(expectedIssuerLevel(cert.stars as Stars, cert.signedOn));
      }
    } finally {
      await handle.dispose();
    }
  });
});
