import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "../../app/db.server";
import { parseDate } from "../../app/lib/dates";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { bestMatchingProductIds, searchCatalogue } from "../../app/modules/catalogue/search.server";
import { SUGGESTED_PRODUCERS, SUGGESTED_PRODUCTS, suggest } from "../../app/modules/catalogue/suggest.server";
import { revokeCertification } from "../../app/modules/certifications/service.server";
import { changeProducerStatus, updateProducer } from "../../app/modules/producers/service.server";
import { updateProduct } from "../../app/modules/products/service.server";
import { foldText } from "../../app/modules/text/vietnamese.server";
import { lowerWithAccents } from "../../app/modules/catalogue/search-keys.server";
import { queryWords } from "../../app/modules/catalogue/search-sql.server";
import { MIN_SUGGEST_LENGTH } from "../../app/modules/catalogue/query";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-11-23");
const certify = certifierFor(TODAY);

type Listing = { nameVi: string; nameEn?: string; stars: 3 | 4 | 5; signedOn: string; productSetId?: number; status?: "DRAFT"; revoke?: true };

/**
 * Products whose names, producers and places overlap, on top of those of beforeEach: accented and
 * unaccented names, words only in a producer's name or place, expired, revoked and unlisted products.
 */
async function overlappingCatalogue(db: Database) {
  const phuTho = await db.province.findFirstOrThrow({ where: { slug: "phu-tho" } });
  const tanLac = await db.commune.findFirstOrThrow({ where: { slug: "tan-lac" } });
  const hoaBinh = await db.province.create({
    data: { slug: "hoa-binh", nameVi: "Hòa Bình", nameEn: "Hoa Binh", formedFromVi: "Hòa Bình", searchKey: foldText("Hòa Bình") },
  });
  const maiChau = await db.commune.create({
    data: { provinceId: hoaBinh.id, kind: "COMMUNE", nameVi: "Mai Châu", slug: "mai-chau", searchKey: foldText("Mai Châu") },
  });
  const producers = {
    nongSan: await makeProducer(db, phuTho.id, { legalName: "Hợp tác xã Nông sản Tân Lạc", communeId: tanLac.id }),
    bacHa: await makeProducer(db, hoaBinh.id, { legalName: "Công ty TNHH Mật ong Bạc Hà", communeId: maiChau.id }),
    shan: await makeProducer(db, hoaBinh.id, { legalName: "Hộ kinh doanh Trà Shan tuyết", formerDistrict: "Cao Phong" }),
    plain: await makeProducer(db, phuTho.id, { legalName: "HTX Buoi Do Ha Noi" }),
    water: await makeProducer(db, hoaBinh.id, { legalName: "Cơ sở H2O Ba Vì" }),
    upper: await makeProducer(db, phuTho.id, { legalName: "CÔNG TY CỔ PHẦN 3T ĐỎ" }),
  };
  const listings: Record<keyof typeof producers, Listing[]> = {
    nongSan: [
      { nameVi: "Bưởi đỏ loại 1", nameEn: "Red pomelo grade 1", stars: 5, signedOn: "2025-06-01" },
      { nameVi: "Bưởi đỏ loại 2", stars: 4, signedOn: "2025-06-01" },
      { nameVi: "BƯỞI ĐỎ HỮU CƠ", stars: 4, signedOn: "2024-01-10" },
      { nameVi: "Nước ép bưởi đỏ", stars: 3, signedOn: "2025-02-02" },
      { nameVi: "Trà bưởi", stars: 3, signedOn: "2024-11-11" },
      { nameVi: "Kẹo bưởi", stars: 3, signedOn: "2024-11-11" },
      { nameVi: "Bột bưởi", stars: 4, signedOn: "2023-12-31" },
      { nameVi: "Bưới Phúc Trạch", stars: 4, signedOn: "2025-01-01" },
      { nameVi: "Vỏ bưởi sấy", stars: 3, signedOn: "2021-05-01" }, // expired
      { nameVi: "Tinh dầu bưởi", stars: 4, signedOn: "2025-04-04", revoke: true },
      { nameVi: "Cam đỏ", stars: 3, signedOn: "2025-03-03" },
      { nameVi: "Cam sành Tân Lạc", stars: 4, signedOn: "2025-03-03" },
      { nameVi: "Đỗ đen xanh lòng", stars: 3, signedOn: "2024-09-09" },
    ],
    bacHa: [
      { nameVi: "Mật ong bạc hà", nameEn: "Mint honey", stars: 5, signedOn: "2025-07-07", productSetId: 4 },
      { nameVi: "Mật ong hoa bưởi", nameEn: "Pomelo blossom honey", stars: 4, signedOn: "2025-07-07", productSetId: 4 },
      { nameVi: "Mật ong rừng", stars: 3, signedOn: "2022-01-01", productSetId: 4 }, // expired
      { nameVi: "Mật mía", stars: 3, signedOn: "2025-08-08", productSetId: 4 },
      { nameVi: "Mắm tôm", stars: 3, signedOn: "2025-08-08" },
      { nameVi: "Mâm xôi", stars: 4, signedOn: "2025-08-08" },
      { nameVi: "Rượu ngô men lá", stars: 4, signedOn: "2024-10-10", productSetId: 14 },
      { nameVi: "Rượu nếp cẩm 100%", stars: 3, signedOn: "2024-10-10", productSetId: 14 },
      { nameVi: "Ô mai mơ", stars: 3, signedOn: "2025-01-20" },
      { nameVi: "Ổi Đông Dư", stars: 4, signedOn: "2025-01-20" },
    ],
    shan: [
      { nameVi: "Trà Shan tuyết cổ thụ", stars: 5, signedOn: "2025-05-05" },
      { nameVi: "Trà xanh", stars: 3, signedOn: "2025-05-05" },
      { nameVi: "Trà ô long", stars: 4, signedOn: "2024-02-02" },
      { nameVi: "Chè Ô Long", stars: 4, signedOn: "2024-02-02" },
      { nameVi: "Hồng trà", stars: 3, signedOn: "2023-06-06" }, // expired
    ],
    plain: [
      { nameVi: "Buoi do Ha Noi", stars: 3, signedOn: "2025-09-09" },
      { nameVi: "Buoi da xanh", stars: 4, signedOn: "2025-09-09" },
      { nameVi: "Bánh đa đỏ", stars: 3, signedOn: "2025-09-09" },
      { nameVi: "Na dai", stars: 3, signedOn: "2025-10-10" },
      { nameVi: "Nà Hang trà", stars: 4, signedOn: "2025-10-10" },
    ],
    water: [
      { nameVi: "Nước khoáng H2O", stars: 4, signedOn: "2025-03-03", productSetId: 14 },
      { nameVi: "Nước uống 3T", stars: 3, signedOn: "2025-03-03" },
      { nameVi: "Nước mắm Phú Quốc", stars: 5, signedOn: "2024-04-04" },
      { nameVi: "Nước cốt dừa", stars: 3, signedOn: "2024-04-04" },
      { nameVi: "Dưa hấu", stars: 3, signedOn: "2024-04-04" },
    ],
    upper: [
      { nameVi: "Gạo ST25", stars: 5, signedOn: "2025-02-02" },
      { nameVi: "Gạo nếp cái hoa vàng", stars: 4, signedOn: "2025-02-02" },
      { nameVi: "Gạo tẻ", stars: 3, signedOn: "2025-02-02" },
      { nameVi: "Xoài cát", stars: 3, signedOn: "2024-08-08" },
      { nameVi: "Cà phê Arabica", nameEn: "Arabica coffee", stars: 4, signedOn: "2024-08-08" },
      { nameVi: "Dừa sáp", stars: 4, signedOn: "2024-08-08", status: "DRAFT" }, // never listed
      { nameVi: "Quýt đường", stars: 3, signedOn: "2025-11-01" },
    ],
  };
  const products = new Map<string, { id: number; version: number; producerId: number; productSetId: number }>();
  const certificates = new Map<string, number>();
  for (const [key, list] of Object.entries(listings) as Array<[keyof typeof producers, Listing[]]>) {
    for (const { nameVi, nameEn, stars, signedOn, productSetId = 1, status, revoke } of list) {
      const product = await makeProduct(db, producers[key].id, { nameVi, nameEn, productSetId, ...(status ? { status } : {}) });
      products.set(nameVi, product);
      // An older certificate first: the standing one (the newest) decides the stars.
      if (stars === 5) await certify(db, product.id, 3, "2021-01-01");
      const certificate = await certify(db, product.id, stars, signedOn);
      certificates.set(nameVi, certificate.id);
      if (revoke) await revokeCertification(db, SYSTEM_ACTOR, certificate.id, { revokedOn: "2025-09-01", reason: "Vi phạm" }, TODAY);
    }
  }
  return { producers, products, certificates, provinces: { phuTho, hoaBinh }, communes: { tanLac, maiChau } };
}

/** The first `limit` products of the catalogue search for `q`, in force, by relevance. */
async function searchedIds(db: Database, q: string, limit = SUGGESTED_PRODUCTS): Promise<number[]> {
  const result = await searchCatalogue(db, { q, stars: [], status: "valid", sort: "relevance", page: 1 }, TODAY);
  return result.items.slice(0, limit).map((item) => item.id);
}

/** What a suggestion should show of each product, read from the database. */
async function storedSuggestions(db: Database, ids: number[]) {
  const rows = await db.product.findMany({ where: { id: { in: ids } }, include: { producer: true, standingCertification: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id)!;
    return { slug: row.slug, nameVi: row.nameVi, nameEn: row.nameEn, producer: row.producer.legalName, stars: row.standingCertification!.stars };
  });
}

const AGREEMENT_QUERIES = [
  // Accents as typed, without, upper case, NFD input, a zero-width space inside or beside a word.
  "bưởi", "buoi", "BƯỞI", "Bưởi", "bưởi đỏ", "buoi do", "BUOI DO", "đỏ bưởi", "bưới", "bươi",
  "bưởi".normalize("NFD"), "BƯỞI ĐỎ".normalize("NFD"), "mật ong".normalize("NFD"), "bư\u200bởi", "bưởi\u200b đỏ", "\u200bcam",
  "b\u00adưởi", "  bưởi   đỏ  ", "bưởi\tđỏ", "bưởi\nđỏ", "đỏ", "ĐỎ", "Ðỏ", "do", "đỗ", "Đỗ đen", "da", "đa",
  // In a producer's name or a place only, or in both the name and the place.
  "cam", "ca", "cam tân lạc", "tân lạc", "tan lac", "mai châu", "mai chau", "hòa bình", "binh", "cao phong", "phong",
  "phú thọ", "phu tho cam", "hợp tác xã", "htx", "xã", "công ty", "cổ phần", "ba vì", "3t đỏ",
  // Names, English names and product sets.
  "mật ong", "mat ong", "mật", "mat", "ong", "mâ", "mắm", "mam", "honey", "pomelo", "Mint Honey", "rau", "quả",
  "ô", "ô long", "o long", "ô mai", "ổi", "oi", "trà", "tra", "chè", "che", "shan", "tuyết",
  "na", "nà", "nà hang", "dừa", "dua", "dưa", "quýt", "xoài cát", "gạo nếp", "nếp", "rượu", "ruou nep",
  // Digits and punctuation.
  "h2o", "H2O", "3t", "3T", "100%", "%", "st25", "ST", "st 25", "loại 1", "loại", "1", "2", "l", "vi", "a b",
  "bưởi, đỏ", "(cam)", "cam-", "-", "|", "bưởi | đỏ", ",",
  // Nothing, or more than eight words (the ninth is not searched).
  "zzz", "bưởi zzz", "q", "bưởi đỏ loại 1 nông sản tân lạc zzz",
];

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

  it("suggests the producers whose names start with the query first, then those that hold every word, in name order, as a ranking by hand gives them", async () => {
    await overlappingCatalogue(db);
    const province = await db.province.findFirstOrThrow();
    // Names that start with the query come late in name order, behind more that only hold its words.
    for (const legalName of ["Hợp tác xã Mật ong 1", "Hợp tác xã Mật ong 2", "Hợp tác xã Mật ong 3", "Hợp tác xã Mật ong 4", "Hợp tác xã Mật ong 5", "Mật ong Yên Bái", "Ong mật Tây Bắc"]) {
      await makeProducer(db, province.id, { legalName });
    }
    const listed = (await db.producer.findMany({ where: { status: "APPROVED" }, select: { id: true, legalName: true, searchKey: true } })).sort(
      (a, b) => (a.searchKey < b.searchKey ? -1 : a.searchKey > b.searchKey ? 1 : a.id - b.id),
    );
    let startingFirst = 0;
    for (const q of [...AGREEMENT_QUERIES, "mat ong", "Mật ong", "ong mat", "hop tac xa mat", "tay bac", "ong", "hợp tác xã mật ong 4"]) {
      const folded = foldText(q);
      const words = queryWords(q);
      const holdsEvery = (name: string) => words.length > 0 && words.every((word) => foldText(name).includes(word));
      const starting = listed.filter((producer) => holdsEvery(producer.legalName) && foldText(producer.legalName).startsWith(folded));
      const containing = listed.filter((producer) => holdsEvery(producer.legalName) && !foldText(producer.legalName).startsWith(folded));
      const expected = [...starting, ...containing].slice(0, SUGGESTED_PRODUCERS).map((producer) => producer.legalName);
      const suggested = foldText(q).replace(/\s/g, "").length < MIN_SUGGEST_LENGTH ? [] : expected;
      expect((await suggest(db, q, TODAY)).producers.map((producer) => producer.legalName), q).toEqual(suggested);
      if (starting.length && containing.length && suggested.length) startingFirst++;
    }
    // Several queries have both kinds, so the order between them is compared.
    expect(startingFirst).toBeGreaterThan(3);
  });

  it("puts a name that starts with the query first even when it comes last by stars, behind a full list of names that contain it", async () => {
    const herbs = await makeProducer(db, (await db.province.findFirstOrThrow()).id, { legalName: "Hợp tác xã Thảo mộc" });
    for (let n = 1; n <= SUGGESTED_PRODUCTS + 1; n++) await certify(db, (await makeProduct(db, herbs.id, { nameVi: `Tinh dầu sả số ${n}` })).id, 5, "2025-04-01");
    const lemongrass = await makeProduct(db, herbs.id, { nameVi: "Sả chanh" });
    await certify(db, lemongrass.id, 3, "2024-01-01");
    for (const q of ["sả", "Sả", "sa", "sả chanh"]) {
      const { products } = await suggest(db, q, TODAY);
      expect(products[0]?.nameVi, q).toBe("Sả chanh");
      expect(products, q).toHaveLength(q === "sả chanh" ? 1 : SUGGESTED_PRODUCTS);
      expect((await searchedIds(db, q, 1))[0], q).toBe(lemongrass.id);
    }
    // The search lists it first too, then the names that contain the query as typed (same stars and day: newest product first).
    const searched = await searchCatalogue(db, { q: "sả", stars: [], status: "valid", sort: "relevance", page: 1 }, TODAY);
    expect(searched.items.slice(0, SUGGESTED_PRODUCTS + 2).map((item) => item.nameVi)).toEqual(["Sả chanh", ...Array.from({ length: SUGGESTED_PRODUCTS + 1 }, (_, i) => `Tinh dầu sả số ${SUGGESTED_PRODUCTS + 1 - i}`)]);
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

  it("suggests the first products of the catalogue search for the same query", async () => {
    await overlappingCatalogue(db);
    const disagreements: Array<{ q: string; suggested: number[]; searched: number[] }> = [];
    let listed = 0;
    for (const q of AGREEMENT_QUERIES) {
      const suggested = (await bestMatchingProductIds(db, q, TODAY, SUGGESTED_PRODUCTS)).ids;
      const searched = await searchedIds(db, q);
      if (JSON.stringify(suggested) !== JSON.stringify(searched)) disagreements.push({ q, suggested, searched });
      if (searched.length === SUGGESTED_PRODUCTS) listed++;
    }
    expect(disagreements).toEqual([]);
    // Many queries fill the list, so the cut at eight is compared too.
    expect(listed).toBeGreaterThan(20);
    // Other limits.
    for (const q of ["bưởi", "buoi", "cam", "mật ong", "a"]) {
      for (const limit of [1, 3, 24]) {
        expect((await bestMatchingProductIds(db, q, TODAY, limit)).ids, `${q} ${limit}`).toEqual(await searchedIds(db, q, limit));
      }
    }
  });

  it("orders every page of a search by the relevance rule, as a ranking of all the matches by hand gives it", async () => {
    await overlappingCatalogue(db);
    const entries = new Map(
      (await db.catalogueEntry.findMany({ select: { productId: true, nameLower: true, nameFolded: true, stars: true, signedOn: true } })).map((entry) => [entry.productId, entry]),
    );
    let ordered = 0;
    for (const q of AGREEMENT_QUERIES) {
      const listed: number[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const result = await searchCatalogue(db, { q, stars: [], status: "all", sort: "relevance", page }, TODAY);
        listed.push(...result.items.map((item) => item.id));
        total = result.total;
        if (page >= result.pageCount) break;
      }
      // Every match once, on one of the pages.
      expect(new Set(listed).size, q).toBe(total);
      expect(listed.length, q).toBe(total);
      const typed = lowerWithAccents(q);
      const folded = foldText(q);
      const tier = (id: number) => {
        const { nameLower, nameFolded } = entries.get(id)!;
        if (nameLower.startsWith(typed)) return 0;
        if (nameLower.includes(typed)) return 1;
        if (nameFolded.startsWith(folded)) return 2;
        return nameFolded.includes(folded) ? 3 : 4;
      };
      const rank = (id: number) => entries.get(id)!;
      const byRule = [...listed].sort(
        (a, b) => tier(a) - tier(b) || rank(b).stars - rank(a).stars || rank(b).signedOn.getTime() - rank(a).signedOn.getTime() || b - a,
      );
      expect(listed, q).toEqual(byRule);
      if (new Set(listed.map(tier)).size > 2) ordered++;
    }
    // Many queries mix three tiers or more, so the order between tiers is compared, not only within one.
    expect(ordered).toBeGreaterThan(10);
  });

  it("suggests nothing for a query with no words, where the search lists the whole catalogue", async () => {
    await overlappingCatalogue(db);
    for (const q of ["", " ", "\u200b", "\u0301"]) {
      expect((await bestMatchingProductIds(db, q, TODAY, SUGGESTED_PRODUCTS)).ids, JSON.stringify(q)).toEqual([]);
      expect((await searchedIds(db, q)).length, JSON.stringify(q)).toBe(SUGGESTED_PRODUCTS);
    }
  });

  it("agrees with the search on words of letters outside Vietnamese (astral characters, letters with case variants)", async () => {
    const { producers } = await overlappingCatalogue(db);
    for (const nameVi of ["Meſſe ſalt", "ΟΔΟΣ cổ", "Thuốc 10µg", "Mật 🐝🐝 ong", "Trà 绿茶叶 xanh", "Bánh 🍵茶 dẻo", "Straße"]) {
      await certify(db, (await makeProduct(db, producers.plain.id, { nameVi })).id, 3, "2025-01-01");
    }
    const answers = async (q: string) => ({ q, suggested: (await bestMatchingProductIds(db, q, TODAY, SUGGESTED_PRODUCTS)).ids, searched: await searchedIds(db, q) });
    const queries = ["ſal", "ΟΔΟΣ", "οδος", "0µg", "🐝", "🐝🐝", "g🐝🐝", "绿茶", "绿茶叶", "🍵茶", "🍵茶 dẻo", "straß", "ss"];
    const all = await Promise.all(queries.map(answers));
    expect(all.filter(({ suggested, searched }) => JSON.stringify(suggested) !== JSON.stringify(searched))).toEqual([]);
    // Letters whose Unicode case folding differs from lower case ("ſ" and "s", final "ς" and "σ", "µ" and "μ"):
    // SQLite's FTS5 folds them together, a substring (LIKE on PostgreSQL, the word index) does not.
    const folding = await Promise.all(["mes", "messe", "οδοσ", "0μg"].map(answers));
    for (const { q, suggested, searched } of folding) {
      expect(suggested, q).toEqual([]);
      expect(searched.length, q).toBe(provider === "sqlite" ? 1 : 0);
    }
  });

  it("shows each suggested product's slug, names, producer and stars as the database holds them", async () => {
    await overlappingCatalogue(db);
    for (const q of ["bưởi", "buoi do", "mật ong", "honey", "cà phê", "trà", "gạo", "nước"]) {
      const { ids } = await bestMatchingProductIds(db, q, TODAY, SUGGESTED_PRODUCTS);
      expect(ids.length, q).toBeGreaterThan(0);
      expect((await suggest(db, q, TODAY)).products, q).toEqual(await storedSuggestions(db, ids));
    }
    const [withEnglish] = (await suggest(db, "bưởi đỏ loại 1", TODAY)).products;
    expect(withEnglish).toMatchObject({ nameVi: "Bưởi đỏ loại 1", nameEn: "Red pomelo grade 1", producer: "Hợp tác xã Nông sản Tân Lạc", stars: 5 });
    expect((await suggest(db, "cà phê", TODAY)).products[0]).toMatchObject({ nameEn: "Arabica coffee", producer: "CÔNG TY CỔ PHẦN 3T ĐỎ", stars: 4 });
  });

  it("shows a write made through a service in the very next suggestion", async () => {
    const { producers, products, certificates, communes } = await overlappingCatalogue(db);
    const names = async (q: string) => (await suggest(db, q, TODAY)).products.map((product) => product.nameVi);
    // The clock stands still, so only the write itself can make the columns read the catalogue again.
    const clock = vi.spyOn(performance, "now").mockReturnValue(performance.now());
    try {
      expect(await names("bưởi đỏ")).toContain("Bưởi đỏ loại 2");
      await revokeCertification(db, SYSTEM_ACTOR, certificates.get("Bưởi đỏ loại 2")!, { revokedOn: "2026-11-20", reason: "Vi phạm" }, TODAY);
      expect(await names("bưởi đỏ")).not.toContain("Bưởi đỏ loại 2");

      const keo = products.get("Kẹo bưởi")!;
      expect(await names("kẹo")).toEqual(["Kẹo bưởi"]);
      await updateProduct(db, SYSTEM_ACTOR, keo.id, { version: keo.version, nameVi: "Kẹo gừng", productSetId: keo.productSetId, producerId: keo.producerId, status: "PUBLISHED" });
      expect(await names("kẹo")).toEqual(["Kẹo gừng"]);
      expect(await names("bưởi")).not.toContain("Kẹo bưởi");

      const nongSan = producers.nongSan;
      await updateProducer(db, SYSTEM_ACTOR, nongSan.id, {
        version: nongSan.version,
        type: "COOPERATIVE",
        legalName: "Hợp tác xã Xanh Tân Lạc",
        taxCode: nongSan.taxCode,
        provinceId: nongSan.provinceId,
        communeId: communes.tanLac.id,
      });
      const renamed = await suggest(db, "bưởi đỏ loại 1", TODAY);
      expect(renamed.products[0]).toMatchObject({ nameVi: "Bưởi đỏ loại 1", producer: "Hợp tác xã Xanh Tân Lạc" });
      expect((await suggest(db, "nông sản", TODAY)).producers).toEqual([]);
      expect((await suggest(db, "xanh tân", TODAY)).producers.map((producer) => producer.legalName)).toEqual(["Hợp tác xã Xanh Tân Lạc"]);
      expect(clock).toHaveBeenCalled();
    } finally {
      clock.mockRestore();
    }
  });
});
