/**
 * A product's standing certificate and its status, end to end through the
 * domain services, on every provider: renewal, revocation, expiry, and a
 * suspended producer. Expected values are worked out from the dates below
 * (OCOP: validity runs 36 months from signing, so a decision signed on
 * 2022-06-10 is valid through 2025-06-09; a newer decision for the same
 * product replaces the older one from the day it is signed; when several
 * endings happened, the first decides), never read back from the code.
 */
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { parseDate } from "../../app/lib/dates";
import { getCatalogueOverview } from "../../app/modules/catalogue/overview.server";
import { getProductPage } from "../../app/modules/catalogue/product-page.server";
import type { CatalogueQuery } from "../../app/modules/catalogue/query";
import { searchCatalogue } from "../../app/modules/catalogue/search.server";
import { buildSitemap } from "../../app/modules/catalogue/sitemap.server";
import { getCatalogueStats } from "../../app/modules/catalogue/stats.server";
import { createCertification, revokeCertification } from "../../app/modules/certifications/service.server";
import { verifyCertificate } from "../../app/modules/certifications/verify.server";
import { getProducerProfile, searchProducers } from "../../app/modules/producers/directory.server";
import { changeProducerStatus } from "../../app/modules/producers/service.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-06-15");
const ORIGIN = "https://ocop.example.vn";

type Decision = {
  stars: 3 | 4 | 5;
  signedOn: string;
  decisionNumber: string;
  validUntil?: string;
  evaluationKind?: "NEW" | "REEVALUATION" | "UPGRADE";
};

/** The issuer the rules of the signing day name (OCOP.md): 3★ by the district from 24 Feb 2023 to 5 Jul 2025. */
function issuerFor(stars: 3 | 4 | 5, signedOn: string) {
  if (stars === 5) return { issuerLevel: "CENTRAL", issuerName: "Bộ Nông nghiệp và Môi trường" } as const;
  if (stars === 3 && signedOn >= "2023-02-24" && signedOn < "2025-07-06") {
    return { issuerLevel: "DISTRICT", issuerName: "UBND huyện Tân Lạc" } as const;
  }
  return { issuerLevel: "PROVINCE", issuerName: "UBND tỉnh Phú Thọ" } as const;
}

function certify(db: Database, productId: number, decision: Decision) {
  return createCertification(db, SYSTEM_ACTOR, { productId, evaluationKind: "NEW", ...decision, ...issuerFor(decision.stars, decision.signedOn) }, TODAY);
}

const query = (overrides: Partial<CatalogueQuery> = {}): CatalogueQuery => ({
  q: "",
  stars: [],
  status: "valid",
  sort: "newest",
  page: 1,
  ...overrides,
});

describe.each(testProviders())("a product's standing certificate on %s", (provider) => {
  let test: TestDatabase;
  let db: Database;
  let provinceId: number;

  beforeEach(async () => {
    test = await freshDatabase(provider);
    db = test.db;
    provinceId = (await loadMinimalReference(db)).province.id;
  });

  afterEach(async () => test.dispose());

  /** Slugs listed by the catalogue under `status`, sorted. */
  async function listed(status: "valid" | "all") {
    const result = await searchCatalogue(db, query({ status }), TODAY);
    return { total: result.total, slugs: result.items.map((item) => item.slug).sort(), items: result.items };
  }

  async function counts() {
    const [overview, stats] = await Promise.all([getCatalogueOverview(db, TODAY), getCatalogueStats(db, TODAY)]);
    const stars = (list: Array<{ stars: number; count: number }>) => Object.fromEntries(list.map((row) => [row.stars, row.count]));
    return {
      overview: { products: overview.certifiedProducts, producers: overview.producers, byStars: stars(overview.byStars) },
      stats: { products: stats.certifiedProducts, producers: stats.producers, byStars: stars(stats.byStars) },
    };
  }

  it("a revoked newest certificate stands, as revoked, and the older one that expired before it stays expired", async () => {
    const grower = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Cam Cao Phong" });
    const orange = await makeProduct(db, grower.id, { nameVi: "Cam Cao Phong" });
    const other = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Mật ong Kim Bôi" });
    const honey = await makeProduct(db, other.id, { nameVi: "Mật ong rừng Kim Bôi", productSetId: 4 });

    // 2021-03-10 → valid through 2024-03-09, expired from 2024-03-10, before the 2024-05-20 renewal.
    const first = await certify(db, orange.id, { stars: 4, signedOn: "2021-03-10", decisionNumber: "101/QĐ-UBND" });
    // 2024-05-20 → valid through 2027-05-19, but revoked on 2025-09-01.
    const renewal = await certify(db, orange.id, { stars: 3, signedOn: "2024-05-20", decisionNumber: "202/QĐ-UBND", evaluationKind: "REEVALUATION" });
    // The control: 2025-10-01 → valid through 2028-09-30, in force on TODAY.
    await certify(db, honey.id, { stars: 4, signedOn: "2025-10-01", decisionNumber: "303/QĐ-UBND" });

    expect(first.validUntil).toEqual(parseDate("2024-03-09"));
    expect(renewal.validUntil).toEqual(parseDate("2027-05-19"));

    // Before the revocation both products are in force and counted.
    expect(await listed("valid")).toMatchObject({ total: 2, slugs: [honey.slug, orange.slug].sort() });
    expect((await getProductPage(db, orange.slug, TODAY))?.standing).toMatchObject({ verificationCode: renewal.verificationCode, status: "valid" });
    expect((await counts()).overview).toEqual({ products: 2, producers: 2, byStars: { 3: 1, 4: 1, 5: 0 } });

    await revokeCertification(db, SYSTEM_ACTOR, renewal.id, { revokedOn: "2025-09-01", reason: "Vi phạm quy định sử dụng nhãn OCOP" }, TODAY);

    // Product page: the 2024 decision stands, revoked; the 2021 one expired before it was renewed.
    const page = await getProductPage(db, orange.slug, TODAY);
    expect(page).not.toBeNull();
    expect(page!.standing).toMatchObject({ id: renewal.id, verificationCode: renewal.verificationCode, stars: 3, status: "revoked" });
    expect(page!.inForce).toBe(false);
    expect(page!.history.map((cert) => [cert.verificationCode, cert.status])).toEqual([
      [renewal.verificationCode, "revoked"],
      [first.verificationCode, "expired"],
    ]);
    // It ended by expiry, not by replacement, so nothing claims it was replaced.
    expect(page!.history.map((cert) => cert.supersededBy)).toEqual([null, null]);

    // Lists: shown as revoked with status=all (with the standing decision), gone from the default list.
    const all = await listed("all");
    expect(all.total).toBe(2);
    const card = all.items.find((item) => item.slug === orange.slug);
    expect(card?.certification).toMatchObject({ status: "revoked", verificationCode: renewal.verificationCode, stars: 3 });
    expect(await listed("valid")).toMatchObject({ total: 1, slugs: [honey.slug] });

    // Verification of both codes.
    const newer = await verifyCertificate(db, renewal.verificationCode, TODAY);
    expect(newer).toMatchObject({ status: "revoked", supersededBy: null, standing: null, listing: "public", product: { slug: orange.slug } });
    expect(newer!.revokedOn).toEqual(parseDate("2025-09-01"));
    const older = await verifyCertificate(db, first.verificationCode, TODAY);
    expect(older).toMatchObject({
      status: "expired",
      listing: "public",
      product: { slug: orange.slug },
      standing: { verificationCode: renewal.verificationCode, decisionNumber: "202/QĐ-UBND", status: "revoked" },
    });
    expect(older!.supersededBy).toBeNull();

    // Counts: only the honey is certified.
    expect(await counts()).toEqual({
      overview: { products: 1, producers: 1, byStars: { 3: 0, 4: 1, 5: 0 } },
      stats: { products: 1, producers: 1, byStars: { 3: 0, 4: 1, 5: 0 } },
    });
  });

  it("a renewal before expiry supersedes the older certificate from its signing day", async () => {
    const producer = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Bưởi đỏ Tân Lạc" });
    const pomelo = await makeProduct(db, producer.id, { nameVi: "Bưởi đỏ Tân Lạc" });
    const rice = await makeProduct(db, producer.id, { nameVi: "Gạo nếp Tân Lạc" });

    // 2022-06-10 → valid through 2025-06-09; upgraded on 2025-03-20, before that.
    const old = await certify(db, pomelo.id, { stars: 3, signedOn: "2022-06-10", decisionNumber: "410/QĐ-UBND" });
    const upgrade = await certify(db, pomelo.id, { stars: 4, signedOn: "2025-03-20", decisionNumber: "520/QĐ-UBND", evaluationKind: "UPGRADE" });
    // The boundary: 2022-11-10 → valid through 2025-11-09, renewed on that very last day.
    const lastDay = await certify(db, rice.id, { stars: 3, signedOn: "2022-11-10", decisionNumber: "611/QĐ-UBND" });
    const onTime = await certify(db, rice.id, { stars: 3, signedOn: "2025-11-09", decisionNumber: "712/QĐ-UBND", evaluationKind: "REEVALUATION" });
    expect(old.validUntil).toEqual(parseDate("2025-06-09"));
    expect(upgrade.validUntil).toEqual(parseDate("2028-03-19"));
    expect(lastDay.validUntil).toEqual(parseDate("2025-11-09"));
    // Replaced first, revoked later: the replacement came first, so it stays "superseded".
    const tea = await makeProduct(db, producer.id, { nameVi: "Trà Shan Tuyết Pà Cò", productSetId: 14 });
    const teaOld = await certify(db, tea.id, { stars: 4, signedOn: "2023-09-01", decisionNumber: "330/QĐ-UBND" });
    const teaNew = await certify(db, tea.id, { stars: 4, signedOn: "2025-02-10", decisionNumber: "440/QĐ-UBND", evaluationKind: "REEVALUATION" });
    await revokeCertification(db, SYSTEM_ACTOR, teaOld.id, { revokedOn: "2025-05-01", reason: "Thu hồi quyết định cũ" }, TODAY);

    // History and the product API's shape (getProductPage feeds /api/products/<slug>).
    const page = await getProductPage(db, pomelo.slug, TODAY);
    expect(page).not.toBeNull();
    expect(page!.standing).toMatchObject({ verificationCode: upgrade.verificationCode, stars: 4, status: "valid" });
    expect(page!.inForce).toBe(true);
    expect(page!.history.map((cert) => [cert.verificationCode, cert.status, cert.supersededBy])).toEqual([
      [upgrade.verificationCode, "valid", null],
      [old.verificationCode, "superseded", { decisionNumber: "520/QĐ-UBND", verificationCode: upgrade.verificationCode, signedOn: parseDate("2025-03-20") }],
    ]);
    const ricePage = await getProductPage(db, rice.slug, TODAY);
    expect(ricePage!.history.map((cert) => [cert.verificationCode, cert.status, cert.supersededBy?.decisionNumber ?? null])).toEqual([
      [onTime.verificationCode, "valid", null],
      [lastDay.verificationCode, "superseded", "712/QĐ-UBND"],
    ]);

    const teaPage = await getProductPage(db, tea.slug, TODAY);
    expect(teaPage!.standing).toMatchObject({ verificationCode: teaNew.verificationCode, status: "valid" });
    expect(teaPage!.history.map((cert) => [cert.verificationCode, cert.status, cert.supersededBy?.verificationCode ?? null])).toEqual([
      [teaNew.verificationCode, "valid", null],
      [teaOld.verificationCode, "superseded", teaNew.verificationCode],
    ]);

    // The QR code of the old certificate says it was replaced, and by which decision.
    const verified = await verifyCertificate(db, old.verificationCode, TODAY);
    expect(verified).toMatchObject({
      status: "superseded",
      listing: "public",
      product: { slug: pomelo.slug },
      supersededBy: { decisionNumber: "520/QĐ-UBND", verificationCode: upgrade.verificationCode, signedOn: parseDate("2025-03-20") },
      standing: { verificationCode: upgrade.verificationCode, decisionNumber: "520/QĐ-UBND", status: "valid" },
    });
    expect(await verifyCertificate(db, upgrade.verificationCode, TODAY)).toMatchObject({ status: "valid", supersededBy: null, standing: null });
    expect(await verifyCertificate(db, lastDay.verificationCode, TODAY)).toMatchObject({
      status: "superseded",
      standing: { verificationCode: onTime.verificationCode, status: "valid" },
    });

    // Listed once, with the new stars and the new decision, under both statuses.
    for (const status of ["valid", "all"] as const) {
      const result = await listed(status);
      expect(result.slugs).toEqual([pomelo.slug, rice.slug, tea.slug].sort());
      const cards = result.items.filter((item) => item.slug === pomelo.slug);
      expect(cards).toHaveLength(1);
      expect(cards[0]!.certification).toMatchObject({ stars: 4, status: "valid", verificationCode: upgrade.verificationCode, decisionNumber: "520/QĐ-UBND" });
    }
    expect((await searchCatalogue(db, query({ stars: [3] }), TODAY)).items.map((item) => item.slug)).toEqual([rice.slug]);
    expect(await counts()).toEqual({
      overview: { products: 3, producers: 1, byStars: { 3: 1, 4: 2, 5: 0 } },
      stats: { products: 3, producers: 1, byStars: { 3: 1, 4: 2, 5: 0 } },
    });
  });

  it("a renewal after expiry leaves the older certificate expired, not superseded", async () => {
    const producer = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Rượu Mai Hạ" });
    const wine = await makeProduct(db, producer.id, { nameVi: "Rượu Mai Hạ", productSetId: 14 });

    // 2021-08-02 → valid through 2024-08-01, expired from 2024-08-02; renewed 2025-01-15 → valid through 2028-01-14.
    const lapsed = await certify(db, wine.id, { stars: 4, signedOn: "2021-08-02", decisionNumber: "150/QĐ-UBND" });
    const renewed = await certify(db, wine.id, { stars: 4, signedOn: "2025-01-15", decisionNumber: "260/QĐ-UBND", evaluationKind: "REEVALUATION" });
    expect(lapsed.validUntil).toEqual(parseDate("2024-08-01"));

    const page = await getProductPage(db, wine.slug, TODAY);
    expect(page!.standing).toMatchObject({ verificationCode: renewed.verificationCode, status: "valid" });
    expect(page!.history.map((cert) => [cert.verificationCode, cert.status])).toEqual([
      [renewed.verificationCode, "valid"],
      [lapsed.verificationCode, "expired"],
    ]);
    // It ended by expiry before the renewal: not "replaced by" the renewal.
    expect(page!.history.map((cert) => cert.supersededBy)).toEqual([null, null]);

    expect(await verifyCertificate(db, lapsed.verificationCode, TODAY)).toMatchObject({
      status: "expired",
      supersededBy: null,
      standing: { verificationCode: renewed.verificationCode, status: "valid" },
      listing: "public",
    });
    expect(await verifyCertificate(db, renewed.verificationCode, TODAY)).toMatchObject({ status: "valid", standing: null });

    // Revoked first, renewed later: the older one stays "revoked".
    const honey = await makeProduct(db, producer.id, { nameVi: "Mật ong Mai Châu", productSetId: 4 });
    const revoked = await certify(db, honey.id, { stars: 4, signedOn: "2023-07-01", decisionNumber: "370/QĐ-UBND" });
    await revokeCertification(db, SYSTEM_ACTOR, revoked.id, { revokedOn: "2024-02-01", reason: "Không duy trì tiêu chuẩn" }, TODAY);
    const again = await certify(db, honey.id, { stars: 3, signedOn: "2025-02-10", decisionNumber: "480/QĐ-UBND", evaluationKind: "REEVALUATION" });
    const honeyPage = await getProductPage(db, honey.slug, TODAY);
    expect(honeyPage!.history.map((cert) => [cert.verificationCode, cert.status, cert.supersededBy])).toEqual([
      [again.verificationCode, "valid", null],
      [revoked.verificationCode, "revoked", null],
    ]);
    expect(await verifyCertificate(db, revoked.verificationCode, TODAY)).toMatchObject({
      status: "revoked",
      standing: { verificationCode: again.verificationCode, status: "valid" },
    });

    const result = await listed("valid");
    expect(result.slugs).toEqual([honey.slug, wine.slug].sort());
    expect(result.items.find((item) => item.slug === wine.slug)!.certification).toMatchObject({
      verificationCode: renewed.verificationCode,
      status: "valid",
      stars: 4,
    });
    expect(result.items.find((item) => item.slug === honey.slug)!.certification).toMatchObject({
      verificationCode: again.verificationCode,
      status: "valid",
      stars: 3,
    });
    expect((await counts()).overview).toEqual({ products: 2, producers: 1, byStars: { 3: 1, 4: 1, 5: 0 } });
  });

  it("the last valid day, the 90-day warning and a revocation dated today fall on the right side", async () => {
    const producer = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Nông sản Lạc Sơn" });
    const product = async (nameVi: string, decision: Decision) => {
      const made = await makeProduct(db, producer.id, { nameVi });
      return { slug: made.slug, cert: await certify(db, made.id, decision) };
    };
    // TODAY is 2026-06-15; 90 days later is 2026-09-13.
    const lastDay = await product("Chè xanh Lạc Sơn", { stars: 4, signedOn: "2024-01-10", validUntil: "2026-06-15", decisionNumber: "901/QĐ-UBND" });
    const dayBefore = await product("Măng khô Lạc Sơn", { stars: 4, signedOn: "2024-01-10", validUntil: "2026-06-14", decisionNumber: "902/QĐ-UBND" });
    const warned = await product("Gạo tẻ Lạc Sơn", { stars: 4, signedOn: "2024-01-10", validUntil: "2026-09-13", decisionNumber: "903/QĐ-UBND" });
    const notYet = await product("Mật mía Lạc Sơn", { stars: 4, signedOn: "2024-01-10", validUntil: "2026-09-14", decisionNumber: "904/QĐ-UBND" });
    const revokedToday = await product("Rượu cần Lạc Sơn", { stars: 3, signedOn: "2025-08-10", decisionNumber: "905/QĐ-UBND" });
    await revokeCertification(db, SYSTEM_ACTOR, revokedToday.cert.id, { revokedOn: "2026-06-15", reason: "Thu hồi theo quyết định mới" }, TODAY);

    const expected = new Map([
      [lastDay, "expiring"],
      [dayBefore, "expired"],
      [warned, "expiring"],
      [notYet, "valid"],
      [revokedToday, "revoked"],
    ]);
    const all = await listed("all");
    for (const [{ slug, cert }, status] of expected) {
      expect((await getProductPage(db, slug, TODAY))?.standing.status, slug).toBe(status);
      expect(all.items.find((item) => item.slug === slug)?.certification.status, slug).toBe(status);
      expect((await verifyCertificate(db, cert.verificationCode, TODAY))?.status, slug).toBe(status);
    }
    expect((await listed("valid")).slugs).toEqual([lastDay.slug, warned.slug, notYet.slug].sort());
    expect((await counts()).overview.products).toBe(3);
    const stats = await getCatalogueStats(db, TODAY);
    expect(stats.certifiedProducts).toBe(3);
    expect(stats.expiring.count).toBe(2);
    expect(stats.expiring.items.map((item) => item.productSlug).sort()).toEqual([lastDay.slug, warned.slug].sort());
  });

  it("a suspended producer's products leave every public list and come back when it is approved again", async () => {
    const suspended = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Mường Động" });
    const wine = await makeProduct(db, suspended.id, { nameVi: "Rượu Mường Động", productSetId: 14 });
    const honey = await makeProduct(db, suspended.id, { nameVi: "Mật ong Mường Động", productSetId: 4 });
    const control = await makeProducer(db, provinceId, { legalName: "Hợp tác xã Cam Cao Phong" });
    const orange = await makeProduct(db, control.id, { nameVi: "Cam Cao Phong" });

    const wineCert = await certify(db, wine.id, { stars: 4, signedOn: "2025-10-01", decisionNumber: "801/QĐ-UBND" });
    // 2023-03-01 → valid through 2026-02-28: expired on TODAY, so listed only with status=all.
    const honeyCert = await certify(db, honey.id, { stars: 3, signedOn: "2023-03-01", decisionNumber: "802/QĐ-UBND" });
    await certify(db, orange.id, { stars: 3, signedOn: "2025-08-01", decisionNumber: "803/QĐ-UBND" });

    const everything = async () => {
      const sitemap = await buildSitemap(db, ORIGIN);
      const inSitemap = (path: string) => sitemap.includes(`<loc>${ORIGIN}${path}</loc>`) && sitemap.includes(`<loc>${ORIGIN}/en${path}</loc>`);
      const producers = await searchProducers(db, { q: "", page: 1 }, TODAY);
      const profile = await getProducerProfile(db, suspended.slug, TODAY);
      return {
        valid: (await listed("valid")).slugs,
        all: (await listed("all")).slugs,
        byProducer: (await searchCatalogue(db, query({ status: "all", producer: suspended.slug }), TODAY)).total,
        pages: [Boolean(await getProductPage(db, wine.slug, TODAY)), Boolean(await getProductPage(db, honey.slug, TODAY))],
        sitemap: [
          inSitemap(`/products/${wine.slug}`),
          inSitemap(`/products/${honey.slug}`),
          inSitemap(`/producers/${suspended.slug}`),
          inSitemap(`/products/${orange.slug}`),
          inSitemap(`/producers/${control.slug}`),
        ],
        producers: { total: producers.total, slugs: producers.items.map((item) => item.slug).sort() },
        profile: profile ? { productTotal: profile.productTotal, certifiedProducts: profile.certifiedProducts } : null,
        counts: await counts(),
      };
    };

    const before = {
      valid: [orange.slug, wine.slug].sort(),
      all: [honey.slug, orange.slug, wine.slug].sort(),
      byProducer: 2,
      pages: [true, true],
      sitemap: [true, true, true, true, true],
      producers: { total: 2, slugs: [control.slug, suspended.slug].sort() },
      profile: { productTotal: 2, certifiedProducts: 1 },
      counts: {
        overview: { products: 2, producers: 2, byStars: { 3: 1, 4: 1, 5: 0 } },
        stats: { products: 2, producers: 2, byStars: { 3: 1, 4: 1, 5: 0 } },
      },
    };
    expect(await everything()).toEqual(before);

    // A suspension must say why.
    await expect(changeProducerStatus(db, SYSTEM_ACTOR, suspended.id, { status: "SUSPENDED" })).rejects.toThrow();
    await expect(changeProducerStatus(db, SYSTEM_ACTOR, suspended.id, { status: "SUSPENDED", reason: "   " })).rejects.toThrow();
    expect(await everything()).toEqual(before);

    await changeProducerStatus(db, SYSTEM_ACTOR, suspended.id, { status: "SUSPENDED", reason: "Tạm dừng do vi phạm an toàn thực phẩm" });
    expect(await everything()).toEqual({
      valid: [orange.slug],
      all: [orange.slug],
      byProducer: 0,
      pages: [false, false],
      sitemap: [false, false, false, true, true],
      producers: { total: 1, slugs: [control.slug] },
      profile: null,
      counts: {
        overview: { products: 1, producers: 1, byStars: { 3: 1, 4: 0, 5: 0 } },
        stats: { products: 1, producers: 1, byStars: { 3: 1, 4: 0, 5: 0 } },
      },
    });

    // The QR codes still answer, with the certificate's own status, and say the product is not listed.
    expect(await verifyCertificate(db, wineCert.verificationCode, TODAY)).toMatchObject({
      status: "valid",
      listing: "producer_not_public",
      product: { slug: wine.slug },
    });
    expect(await verifyCertificate(db, honeyCert.verificationCode, TODAY)).toMatchObject({
      status: "expired",
      listing: "producer_not_public",
      product: { slug: honey.slug },
    });

    await changeProducerStatus(db, SYSTEM_ACTOR, suspended.id, { status: "APPROVED" });
    expect(await everything()).toEqual(before);
    expect(await verifyCertificate(db, wineCert.verificationCode, TODAY)).toMatchObject({ status: "valid", listing: "public" });
  });
});
