import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { certifiedProductWhere } from "../../app/modules/catalogue/visibility.server";
import { revokeCertification } from "../../app/modules/certifications/service.server";
import { parseDate } from "../../app/lib/dates";
import {
  PRODUCER_PAGE_SIZE,
  getProducerProfile,
  parseProducerDirectoryQuery,
  searchProducers,
} from "../../app/modules/producers/directory.server";
import { changeProducerStatus, createProducer, updateProducer } from "../../app/modules/producers/service.server";
import { foldText } from "../../app/modules/text/vietnamese.server";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { certifierFor, loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";

const TODAY = parseDate("2026-11-23");

const certify = certifierFor(TODAY);

const directory = (db: Database, qs: string) => searchProducers(db, parseProducerDirectoryQuery(new URLSearchParams(qs)).query, TODAY);
const names = (result: Awaited<ReturnType<typeof directory>>) => result.items.map((item) => item.legalName);
const counts = <V extends string>(options: Array<{ value: V; count: number }>) => Object.fromEntries(options.map((o) => [o.value, o.count]));

describe("producer directory query parsing", () => {
  it("drops invalid values and names them, never throws", () => {
    const { query, ignored } = parseProducerDirectoryQuery(new URLSearchParams("type=FARM&page=-2&province=Bad%20Slug!&q=cam&other=1"));
    expect(query).toEqual({ q: "cam", province: undefined, type: undefined, page: 1 });
    expect(ignored.sort()).toEqual(["page", "province", "type"]);
  });

  it("accepts a type in any case and normalizes the text query", () => {
    const { query, ignored } = parseProducerDirectoryQuery(new URLSearchParams(`type=household_business&q=${encodeURIComponent("  Bưởi   đỏ ".normalize("NFD"))}&page=3`));
    expect(ignored).toEqual([]);
    expect(query).toEqual({ q: "Bưởi đỏ", province: undefined, type: "HOUSEHOLD_BUSINESS", page: 3 });
  });
});

describe.each(testProviders())("producer directory on %s", (provider) => {
  let test: TestDatabase;
  let db: Database;
  let ids: Record<string, number>;

  beforeEach(async () => {
    test = await freshDatabase(provider);
    db = test.db;
    const { province, commune } = await loadMinimalReference(db);
    const haNoi = await db.province.create({
      data: { slug: "ha-noi", nameVi: "Hà Nội", nameEn: "Ha Noi", formedFromVi: "Hà Nội", searchKey: foldText("Hà Nội") },
    });
    const tanLac = await makeProducer(db, province.id, {
      legalName: "Hợp tác xã Bưởi đỏ Tân Lạc",
      communeId: commune.id,
      street: "Xóm Bương",
      formerDistrict: "huyện Tân Lạc",
      formerProvince: "tỉnh Hòa Bình",
      phone: "0912 345 678",
      zalo: "0912 345 678",
      descriptionVi: "Trồng bưởi đỏ trên đất Tân Lạc.",
    });
    const caoPhong = await makeProducer(db, province.id, { legalName: "Hợp tác xã 3T Cao Phong" });
    const honey = await makeProducer(db, haNoi.id, { type: "ENTERPRISE", legalName: "Công ty TNHH Mật ong 100% Hà Nội" });
    const household = await makeProducer(db, province.id, { type: "HOUSEHOLD_BUSINESS", legalName: "Hộ kinh doanh Đinh Văn Đức" });
    const group = await makeProducer(db, haNoi.id, { type: "COOPERATIVE_GROUP", legalName: "Tổ hợp tác chè_xanh" });
    const pending = await createProducer(db, SYSTEM_ACTOR,
      { type: "HOUSEHOLD_BUSINESS", legalName: "Hộ kinh doanh Bưởi đỏ chờ duyệt", taxCode: nextTaxCode(), provinceId: province.id },
      { status: "PENDING" },
    );
    const suspended = await makeProducer(db, province.id, { type: "COOPERATIVE", legalName: "Hợp tác xã Bưởi đỏ đình chỉ" });
    ids = { tanLac: tanLac.id, caoPhong: caoPhong.id, honey: honey.id, household: household.id, group: group.id, pending: pending.id, suspended: suspended.id };

    // Tân Lạc: 4★ in force, 3★ expired, and a certified draft that is not public.
    await certify(db, (await makeProduct(db, tanLac.id, { nameVi: "Bưởi đỏ Tân Lạc" })).id, 3, "2022-01-10");
    const buoi = await db.product.findFirstOrThrow({ where: { nameVi: "Bưởi đỏ Tân Lạc" } });
    await certify(db, buoi.id, 4, "2024-05-02");
    await certify(db, (await makeProduct(db, tanLac.id, { nameVi: "Bưởi đỏ sấy dẻo" })).id, 3, "2020-03-01");
    await certify(db, (await makeProduct(db, tanLac.id, { nameVi: "Bưởi đỏ nháp", status: "DRAFT" })).id, 5, "2025-01-15");
    // Cao Phong: 5★ and 3★ in force, one revoked 4★.
    await certify(db, (await makeProduct(db, caoPhong.id, { nameVi: "Cam Cao Phong" })).id, 5, "2025-01-15");
    await certify(db, (await makeProduct(db, caoPhong.id, { nameVi: "Rượu cam Cao Phong", productSetId: 14 })).id, 3, "2025-02-01");
    const revoked = await certify(db, (await makeProduct(db, caoPhong.id, { nameVi: "Cam sành Cao Phong" })).id, 4, "2025-03-01");
    await revokeCertification(db, SYSTEM_ACTOR, revoked.id, { revokedOn: "2025-09-01", reason: "Vi phạm an toàn thực phẩm" }, TODAY);
    // Honey enterprise: one 3★ in force.
    await certify(db, (await makeProduct(db, honey.id, { nameVi: "Mật ong hoa nhãn", productSetId: 4 })).id, 3, "2024-06-01");
    // Producers that are not approved keep products with certificates in force.
    await certify(db, (await makeProduct(db, pending.id, { nameVi: "Bưởi chờ duyệt" })).id, 4, "2025-01-01");
    await certify(db, (await makeProduct(db, suspended.id, { nameVi: "Bưởi đình chỉ" })).id, 4, "2025-01-01");
    await db.producer.update({ where: { id: suspended.id }, data: { status: "SUSPENDED", statusReason: "Tạm dừng" } });
  });

  afterEach(async () => test.dispose());

  it("lists approved producers only, sorted by folded name", async () => {
    const result = await directory(db, "");
    expect(result.total).toBe(5);
    expect(result.pageCount).toBe(1);
    expect(names(result)).toEqual([
      "Công ty TNHH Mật ong 100% Hà Nội",
      "Hộ kinh doanh Đinh Văn Đức",
      "Hợp tác xã 3T Cao Phong",
      "Hợp tác xã Bưởi đỏ Tân Lạc",
      "Tổ hợp tác chè_xanh",
    ]);
    expect(counts(result.facets.types)).toEqual({ COOPERATIVE: 2, COOPERATIVE_GROUP: 1, ENTERPRISE: 1, HOUSEHOLD_BUSINESS: 1 });
    expect(counts(result.facets.provinces)).toEqual({ "phu-tho": 3, "ha-noi": 2 });
  });

  it("counts certified products and their best current stars as certifiedProductWhere does", async () => {
    const result = await directory(db, "");
    const bySlug = Object.fromEntries(result.items.map((item) => [item.legalName, [item.certifiedProducts, item.bestStars]]));
    expect(bySlug).toEqual({
      "Công ty TNHH Mật ong 100% Hà Nội": [1, 3],
      "Hộ kinh doanh Đinh Văn Đức": [0, null],
      "Hợp tác xã 3T Cao Phong": [2, 5],
      "Hợp tác xã Bưởi đỏ Tân Lạc": [1, 4],
      "Tổ hợp tác chè_xanh": [0, null],
    });
    for (const item of result.items) {
      const expected = await db.product.count({ where: { ...certifiedProductWhere(TODAY), producerId: item.id } });
      expect(item.certifiedProducts, item.legalName).toBe(expected);
    }
    const tanLac = result.items.find((item) => item.id === ids.tanLac);
    expect(tanLac?.commune?.nameVi).toBe("Tân Lạc");
    expect(tanLac?.province.slug).toBe("phu-tho");
    expect(tanLac?.formerDistrict).toBe("huyện Tân Lạc");
  });

  it("filters by type and province, counting each facet under the other filters", async () => {
    const cooperatives = await directory(db, "type=COOPERATIVE");
    expect(names(cooperatives)).toEqual(["Hợp tác xã 3T Cao Phong", "Hợp tác xã Bưởi đỏ Tân Lạc"]);
    expect(counts(cooperatives.facets.types)).toEqual({ COOPERATIVE: 2, COOPERATIVE_GROUP: 1, ENTERPRISE: 1, HOUSEHOLD_BUSINESS: 1 });
    expect(counts(cooperatives.facets.provinces)).toEqual({ "phu-tho": 2 });
    expect(cooperatives.facets.types.find((o) => o.value === "COOPERATIVE")?.selected).toBe(true);

    const haNoi = await directory(db, "province=ha-noi");
    expect(names(haNoi)).toEqual(["Công ty TNHH Mật ong 100% Hà Nội", "Tổ hợp tác chè_xanh"]);
    expect(counts(haNoi.facets.types)).toEqual({ COOPERATIVE: 0, COOPERATIVE_GROUP: 1, ENTERPRISE: 1, HOUSEHOLD_BUSINESS: 0 });
    expect(counts(haNoi.facets.provinces)).toEqual({ "phu-tho": 3, "ha-noi": 2 });

    const both = await directory(db, "province=ha-noi&type=ENTERPRISE");
    expect(names(both)).toEqual(["Công ty TNHH Mật ong 100% Hà Nội"]);
    expect(both.total).toBe(1);

    const none = await directory(db, "province=ha-noi&type=COOPERATIVE");
    expect(none.total).toBe(0);
    expect(none.items).toEqual([]);
    // A selected province stays in the list even with nothing to count.
    expect(none.facets.provinces.find((o) => o.value === "ha-noi")).toMatchObject({ count: 0, selected: true });

    expect((await directory(db, "province=khong-co")).total).toBe(0);
  });

  it("finds producers from unaccented, mixed-case and NFD text, on names and places", async () => {
    for (const q of ["buoi do", "BUOI DO", "bưởi đỏ", "bưởi đỏ".normalize("NFD"), "Bưởi Đỏ"]) {
      expect(names(await directory(db, `q=${encodeURIComponent(q)}`)), q).toEqual(["Hợp tác xã Bưởi đỏ Tân Lạc"]);
    }
    expect(names(await directory(db, "q=dinh+van+duc"))).toEqual(["Hộ kinh doanh Đinh Văn Đức"]);
    expect(names(await directory(db, "q=huyen+tan+lac"))).toEqual(["Hợp tác xã Bưởi đỏ Tân Lạc"]); // former district
    expect(names(await directory(db, "q=hoa+binh"))).toEqual(["Hợp tác xã Bưởi đỏ Tân Lạc"]); // former province
    expect(names(await directory(db, "q=ha+noi"))).toEqual(["Công ty TNHH Mật ong 100% Hà Nội", "Tổ hợp tác chè_xanh"]);
    const withFilter = await directory(db, "q=hop+tac&type=COOPERATIVE_GROUP");
    expect(names(withFilter)).toEqual(["Tổ hợp tác chè_xanh"]);
    expect(counts(withFilter.facets.types)).toEqual({ COOPERATIVE: 2, COOPERATIVE_GROUP: 1, ENTERPRISE: 0, HOUSEHOLD_BUSINESS: 0 });
  });

  it("treats %, _, quotes and SQL as text", async () => {
    expect(names(await directory(db, "q=%25"))).toEqual(["Công ty TNHH Mật ong 100% Hà Nội"]);
    expect(names(await directory(db, "q=_"))).toEqual(["Tổ hợp tác chè_xanh"]);
    expect(names(await directory(db, "q=che_xanh"))).toEqual(["Tổ hợp tác chè_xanh"]);
    expect((await directory(db, "q=che%25xanh")).total).toBe(0);
    expect((await directory(db, `q=${encodeURIComponent("\\")}`)).total).toBe(0);
    expect((await directory(db, `q=${encodeURIComponent("' OR 1=1 --")}`)).total).toBe(0);
    expect((await directory(db, `q=${encodeURIComponent('"; DROP TABLE "Producer"; --')}`)).total).toBe(0);
    expect(await db.producer.count()).toBe(7);
  });

  it("pages 24 at a time in a stable order", async () => {
    const province = await db.province.findUniqueOrThrow({ where: { slug: "phu-tho" }, select: { id: true } });
    for (let i = 1; i <= 25; i++) {
      await makeProducer(db, province.id, { type: "HOUSEHOLD_BUSINESS", legalName: `Hộ kinh doanh số ${String(i).padStart(2, "0")}` });
    }
    const first = await directory(db, "");
    const second = await directory(db, "page=2");
    expect(first.total).toBe(30);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(PRODUCER_PAGE_SIZE);
    expect(second.items).toHaveLength(30 - PRODUCER_PAGE_SIZE);
    const all = [...names(first), ...names(second)];
    expect(new Set(all).size).toBe(30);
    const keys = all.map((name) => foldText(name));
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await directory(db, "page=3")).items).toEqual([]);
  });

  it("shows a status change or a rename through the services at once, in name order and in the counts", async () => {
    const before = await directory(db, "");
    expect(before.total).toBe(5);

    await changeProducerStatus(db, SYSTEM_ACTOR, ids.pending!, { status: "APPROVED" });
    await changeProducerStatus(db, SYSTEM_ACTOR, ids.honey!, { status: "SUSPENDED", reason: "Tạm dừng để kiểm tra" });
    const current = await db.producer.findUniqueOrThrow({ where: { id: ids.household } });
    await updateProducer(db, SYSTEM_ACTOR, ids.household!, {
      type: "ENTERPRISE",
      legalName: "Công ty Anh Đào",
      taxCode: current.taxCode,
      provinceId: current.provinceId,
      version: current.version,
    });

    const after = await directory(db, "");
    expect(names(after)).toEqual([
      "Công ty Anh Đào",
      "Hộ kinh doanh Bưởi đỏ chờ duyệt",
      "Hợp tác xã 3T Cao Phong",
      "Hợp tác xã Bưởi đỏ Tân Lạc",
      "Tổ hợp tác chè_xanh",
    ]);
    expect(counts(after.facets.types)).toEqual({ COOPERATIVE: 2, COOPERATIVE_GROUP: 1, ENTERPRISE: 1, HOUSEHOLD_BUSINESS: 1 });
    expect(counts(after.facets.provinces)).toEqual({ "phu-tho": 4, "ha-noi": 1 });
    expect(names(await directory(db, "q=anh+dao"))).toEqual(["Công ty Anh Đào"]);
    expect(names(await directory(db, "q=buoi+do&type=HOUSEHOLD_BUSINESS"))).toEqual(["Hộ kinh doanh Bưởi đỏ chờ duyệt"]);
    expect((await directory(db, "q=mat+ong")).total).toBe(0);
  });

  it("shows a profile for an approved producer only, with its products and their statuses", async () => {
    const tanLac = await getProducerProfile(db, "hop-tac-xa-buoi-do-tan-lac", TODAY);
    expect(tanLac?.producer.legalName).toBe("Hợp tác xã Bưởi đỏ Tân Lạc");
    expect(tanLac?.producer.commune?.nameVi).toBe("Tân Lạc");
    expect(tanLac?.certifiedProducts).toBe(1);
    expect(tanLac?.bestStars).toBe(4);
    // Published products with their standing certification; the draft is left out.
    expect(tanLac?.products.map((card) => [card.nameVi, card.certification.stars, card.certification.status])).toEqual([
      ["Bưởi đỏ Tân Lạc", 4, "valid"],
      ["Bưởi đỏ sấy dẻo", 3, "expired"],
    ]);
    expect(tanLac?.productTotal).toBe(2);

    const caoPhong = await getProducerProfile(db, "hop-tac-xa-3t-cao-phong", TODAY);
    expect(caoPhong?.products.map((card) => [card.nameVi, card.certification.status])).toEqual([
      ["Cam Cao Phong", "valid"],
      ["Rượu cam Cao Phong", "valid"],
      ["Cam sành Cao Phong", "revoked"],
    ]);
    expect(caoPhong?.bestStars).toBe(5);

    const household = await getProducerProfile(db, "ho-kinh-doanh-dinh-van-duc", TODAY);
    expect(household?.products).toEqual([]);
    expect(household?.certifiedProducts).toBe(0);
    expect(household?.bestStars).toBeNull();

    const pending = await db.producer.findUniqueOrThrow({ where: { id: ids.pending } });
    const suspended = await db.producer.findUniqueOrThrow({ where: { id: ids.suspended } });
    expect(await getProducerProfile(db, pending.slug, TODAY)).toBeNull();
    expect(await getProducerProfile(db, suspended.slug, TODAY)).toBeNull();
    expect(await getProducerProfile(db, "khong-ton-tai", TODAY)).toBeNull();
    expect(await getProducerProfile(db, "' OR 1=1 --", TODAY)).toBeNull();
  });
});
