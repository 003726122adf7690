/**
 * CSV import and export on every provider: files as spreadsheet programs
 * write them are read (BOM, `;`, CRLF, quoted line breaks, `sep=`, Excel's
 * text forcing) and non-UTF-8 is refused; the dry run says what each row
 * would do; one bad row imports nothing and is named; the corrected file
 * imports everything in one transaction with its audit rows; importing it
 * again changes nothing; updates bump versions and are audited; a province's
 * editor imports only their province; an export imported again changes
 * nothing. Expected values come from the files written here.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IncomingMessage } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkRequest, MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES } from "../../app/lib/request-guard.server";
import { MAX_CSV_BYTES } from "../../app/modules/imports/parse.server";
import type { Database } from "../../app/db.server";
import { parseDate } from "../../app/lib/dates";
import { createCertification } from "../../app/modules/certifications/service.server";
import { exportCsv } from "../../app/modules/imports/export.server";
import { type CsvFileError, parseCsv } from "../../app/modules/imports/parse.server";
import { checkUpload, dryRunImport, importCsv, startApplyingUpload } from "../../app/modules/imports/service.server";
import { importState } from "../../app/modules/imports/progress.server";
import { refreshCatalogueEntries } from "../../app/modules/catalogue/entries.server";
import { foldText } from "../../app/modules/text/vietnamese.server";
import { parseAdminProductQuery } from "../../app/modules/products/admin-list.server";
import { parseAdminProducerQuery } from "../../app/modules/producers/admin-list.server";
import { parseCertificationListQuery } from "../../app/modules/certifications/admin-list.server";
import { adminActor, auditRowsAfter, editorActor, lastAuditId, refusal, rowCounts } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-06-15");
const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading CSV files as spreadsheets write them", () => {
  const header = "Mã số thuế;Tên chủ thể;Loại hình;Tỉnh/thành";
  it("reads a BOM, `;`, CRLF, quoted line breaks and padded cells", () => {
    const file = parseCsv(bytes(`\uFEFF${header}\r\n 5400000001 ;"HTX ""Bưởi""\r\nTân Lạc";Hợp tác xã;Phú Thọ\r\n;;;\r\n`), "producers");
    expect(file.delimiter).toBe(";");
    expect(file.rows).toEqual([{ row: 2, cells: { tax_code: "5400000001", legal_name: 'HTX "Bưởi"\r\nTân Lạc', type: "Hợp tác xã", province: "Phú Thọ" } }]);
  });

  it("takes the separator from a `sep=` line, and English or key headers", () => {
    const file = parseCsv(bytes(`sep=,\ntax_code,Legal name,TYPE,province,,\n5400000001,HTX A,COOPERATIVE,phu-tho,,\n`), "producers");
    expect(file.delimiter).toBe(",");
    expect(file.rows[0]).toEqual({ row: 2, cells: { tax_code: "5400000001", legal_name: "HTX A", type: "COOPERATIVE", province: "phu-tho" } });
  });

  it('removes Excel\'s ="…" and leading apostrophe text forcing', () => {
    const file = parseCsv(bytes(`tax_code,legal_name,type,province\n="0100000001",'=HTX B,COOPERATIVE,'01\n`), "producers");
    expect(file.rows[0]!.cells).toMatchObject({ tax_code: "0100000001", legal_name: "=HTX B", province: "01" });
  });

  it("numbers rows as the spreadsheet shows them, empty rows included", () => {
    const file = parseCsv(bytes(`tax_code,legal_name,type,province\n1,a,b,c\n,,,\n2,a,b,c\n`), "producers");
    expect(file.rows.map((row) => row.row)).toEqual([2, 4]);
  });

  it("refuses Windows-1258/1252 bytes, a missing column and a file of another kind", () => {
    // "Hợp tác xã" saved by Excel as "CSV" in a Vietnamese locale: not UTF-8.
    const legacy = Uint8Array.from([...bytes("tax_code,legal_name,type,province\n1,H"), 0xf2, 0xde, ...bytes("p,b,c\n")]);
    expect(() => parseCsv(legacy, "producers")).toThrowError(expect.objectContaining({ key: "notUtf8" }) as CsvFileError);
    expect(() => parseCsv(bytes("tax_code,legal_name\n1,a\n"), "producers")).toThrowError(expect.objectContaining({ key: "missingColumns" }) as CsvFileError);
    expect(() => parseCsv(bytes("producer_tax_code,name_vi,product_set\n1,a,1\n"), "producers")).toThrowError(
      expect.objectContaining({ key: "wrongKind", values: { kind: "products" } }) as CsvFileError,
    );
  });
});

describe("the import page's body limit", () => {
  const post = (url: string, size: number) =>
    checkRequest({ method: "POST", url, headers: { host: "ocop.example.vn", "content-length": String(size) } } as unknown as IncomingMessage, {
      trustProxy: false,
      publicOrigin: "https://ocop.example.vn",
    });
  it("takes a CSV of up to MAX_CSV_BYTES on the import page only (either language, its data URL too)", () => {
    expect(MAX_IMPORT_BODY_BYTES).toBeGreaterThan(MAX_CSV_BYTES);
    for (const url of ["/admin/import?index", "/en/admin/import", "/admin/import.data?index", "/en/admin/import.data"]) {
      expect(post(url, MAX_IMPORT_BODY_BYTES), url).toBeNull();
      expect(post(url, MAX_IMPORT_BODY_BYTES + 1)?.status, url).toBe(413);
    }
    for (const url of ["/admin/import/progress", "/admin/importx", "/admin/products/new"]) expect(post(url, MAX_BODY_BYTES + 1)?.status, url).toBe(413);
  });
});

describe.each(testProviders())("CSV import on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let phuTho: number;
  let haNoi: number;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    phuTho = (await loadMinimalReference(db)).province.id;
    haNoi = (await db.province.create({ data: { slug: "ha-noi", code: "01", nameVi: "Hà Nội", nameEn: "Hanoi", formedFromVi: "Hà Nội", searchKey: foldText("Hà Nội") } })).id;
    await db.commune.create({ data: { provinceId: haNoi, kind: "COMMUNE", nameVi: "Ba Vì", slug: "ba-vi", searchKey: foldText("Ba Vì") } });
  });

  afterEach(async () => handle.dispose());

  const PRODUCERS = [
    "Mã số thuế;Tên chủ thể;Loại hình;Tỉnh/thành;Xã/phường;Điện thoại;Trạng thái",
    "5400000001;Hợp tác xã Mật ong Mai Châu;Hợp tác xã;Phú Thọ;Tân Lạc;0912 345 678;Đã duyệt",
    "0100000002;Công ty Sữa Ba Vì;ENTERPRISE;Hà Nội;Xã Ba Vì;;APPROVED",
  ];

  it("dry run: create, update with the changed columns, unchanged, and errors by row and column", async () => {
    const admin = adminActor();
    const existing = await makeProducer(db, phuTho, { taxCode: "5400000001", legalName: "HTX Mật ong Mai Châu", type: "COOPERATIVE" });
    const before = await rowCounts(db);
    const file = [...PRODUCERS, "5400000003;Hộ kinh doanh Trà;Hộ gia đình;Phú Thọ;;;", "5400000001;Trùng;COOPERATIVE;Phú Thọ;;;"].join("\n");
    const result = await dryRunImport(db, admin, bytes(file), "producers", TODAY);
    if (!result.ok) throw new Error(result.problem.key);
    expect(result.summary.counts).toEqual({ create: 1, update: 1, unchanged: 0, error: 2 });
    const byRow = Object.fromEntries(result.summary.outcomes.map((outcome) => [outcome.row, outcome]));
    expect(byRow[2]).toMatchObject({ action: "update", key: "5400000001", changed: ["legal_name", "phone", "commune"] });
    expect(byRow[3]).toMatchObject({ action: "create", key: "0100000002" });
    expect(byRow[4]).toMatchObject({ action: "error", issues: [{ column: "type", message: "admin.imports.unknownValue" }] });
    expect(byRow[5]).toMatchObject({ action: "error", issues: [{ column: "tax_code", message: "admin.imports.duplicateInFile", values: { row: 2 } }] });
    // A dry run writes nothing.
    expect(await rowCounts(db)).toEqual(before);
    expect((await db.producer.findUniqueOrThrow({ where: { id: existing.id } })).legalName).toBe("HTX Mật ong Mai Châu");
  });

  it("one bad row imports nothing and is named; the corrected file imports everything once; again it changes nothing", async () => {
    const admin = adminActor();
    const before = await rowCounts(db);
    const bad = [...PRODUCERS, "54000000;HTX sai mã;COOPERATIVE;Phú Thọ;;;"].join("\r\n");
    const refused = await importCsv(db, admin, bytes(bad), { kind: "producers", fileName: "sai.csv" }, TODAY);
    expect(refused.status).toBe("invalid");
    if (refused.status !== "invalid") return;
    expect(refused.summary.outcomes.filter((outcome) => outcome.action === "error")).toEqual([
      expect.objectContaining({ row: 4, issues: [{ column: "tax_code", message: "forms.taxCodeFormat" }] }),
    ]);
    expect(await rowCounts(db)).toEqual(before);

    const mark = await lastAuditId(db);
    const good = [...PRODUCERS, "5400000004;HTX Chè Shan tuyết;COOPERATIVE;Phú Thọ;;;"].join("\r\n");
    const applied = await importCsv(db, admin, bytes(good), { kind: "producers", fileName: "dung.csv" }, TODAY);
    expect(applied).toMatchObject({ status: "applied", summary: { counts: { create: 3, update: 0, unchanged: 0, error: 0 } } });
    const after = await rowCounts(db);
    expect(after).toMatchObject({ producers: before.producers + 3, auditEvents: before.auditEvents + 4, catalogueVersion: before.catalogueVersion + 1 });
    const milk = await db.producer.findUniqueOrThrow({ where: { taxCode: "0100000002" }, include: { commune: true } });
    expect(milk).toMatchObject({ legalName: "Công ty Sữa Ba Vì", type: "ENTERPRISE", provinceId: haNoi, status: "APPROVED", version: 1, slug: "cong-ty-sua-ba-vi" });
    expect(milk.commune?.nameVi).toBe("Ba Vì");
    const audit = await auditRowsAfter(db, mark);
    expect(audit.map((row) => [row.action, row.entityType])).toEqual([
      ["create", "producer"],
      ["create", "producer"],
      ["create", "producer"],
      ["import", "producer"],
    ]);
    expect(audit.find((row) => row.entityId === milk.id)?.changes).toMatchObject({ legalName: [null, "Công ty Sữa Ba Vì"], status: [null, "APPROVED"] });
    expect(audit[3]!.changes).toMatchObject({ file: [null, "dung.csv"], created: [null, 3], updated: [null, 0] });

    const again = await importCsv(db, admin, bytes(good), { kind: "producers", fileName: "dung.csv" }, TODAY);
    expect(again).toMatchObject({ status: "unchanged", summary: { counts: { create: 0, update: 0, unchanged: 3, error: 0 } } });
    expect(await rowCounts(db)).toEqual(after);
  });

  it("updates bump the version and are audited with only the changed fields", async () => {
    const admin = adminActor();
    const producer = await makeProducer(db, phuTho, { taxCode: "5400000001" });
    const product = await makeProduct(db, producer.id, { nameVi: "Mật ong bạc hà", productSetId: 4, status: "DRAFT" });
    const mark = await lastAuditId(db);
    const file = `producer_tax_code,slug,name_vi,product_set,status,unit\n5400000001,${product.slug},Mật ong bạc hà,4,PUBLISHED,chai\n5400000001,,Mật ong hoa rừng,4,DRAFT,\n`;
    const applied = await importCsv(db, admin, bytes(file), { kind: "products", fileName: "sp.csv" }, TODAY);
    expect(applied).toMatchObject({ status: "applied", summary: { counts: { create: 1, update: 1, unchanged: 0, error: 0 } } });
    const updated = await db.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(updated).toMatchObject({ version: 2, status: "PUBLISHED", unit: "chai" });
    expect(updated.publishedAt).not.toBeNull();
    const created = await db.product.findFirstOrThrow({ where: { producerId: producer.id, nameVi: "Mật ong hoa rừng" } });
    expect(created).toMatchObject({ slug: "mat-ong-hoa-rung", version: 1, nameFolded: "mat ong hoa rung" });
    const audit = await auditRowsAfter(db, mark);
    expect(audit.find((row) => row.entityId === product.id && row.action === "update")?.changes).toEqual({ status: ["DRAFT", "PUBLISHED"], unit: [null, "chai"] });
    // New products of the same name by other producers get the next free slugs, as the products service gives them.
    await makeProducer(db, phuTho, { taxCode: "5400000011" });
    await makeProducer(db, phuTho, { taxCode: "5400000012" });
    const others = `producer_tax_code,name_vi,product_set\n5400000011,Mật ong bạc hà,4\n5400000012,Mật ong bạc hà,4\n`;
    expect((await importCsv(db, admin, bytes(others), { kind: "products", fileName: "khac.csv" }, TODAY)).status).toBe("applied");
    expect((await db.product.findMany({ where: { nameVi: "Mật ong bạc hà" }, orderBy: { id: "asc" }, select: { slug: true } })).map((row) => row.slug)).toEqual([
      product.slug,
      `${product.slug}-2`,
      `${product.slug}-3`,
    ]);
    // The slug-less row is matched by producer and name next time: nothing new.
    const counts = await rowCounts(db);
    const again = await importCsv(db, admin, bytes(file), { kind: "products", fileName: "sp.csv" }, TODAY);
    expect(again.status).toBe("unchanged");
    expect(await db.product.count({ where: { producerId: producer.id } })).toBe(2);
    // Nothing written: no version bumps, no audit rows, no catalogue change.
    expect((await db.product.findMany({ where: { producerId: producer.id }, orderBy: { id: "asc" }, select: { version: true } })).map((row) => row.version)).toEqual([2, 1]);
    expect(await rowCounts(db)).toEqual(counts);
  });

  it("certifications: created, standing and listed in the catalogue; an edit updates; rules and scope apply", async () => {
    const admin = adminActor();
    const producer = await makeProducer(db, phuTho, { taxCode: "5400000001" });
    const product = await makeProduct(db, producer.id, { nameVi: "Bưởi đỏ", status: "PUBLISHED" });
    const header = "producer_tax_code,product_slug,decision_number,stars,score,signed_on,valid_until,issuer_level,issuer_name";
    const good = `${header}\n5400000001,${product.slug},1032/QĐ-UBND,4,75,18/07/2025,,Tỉnh,UBND tỉnh Phú Thọ\n`;
    const bad = `${good}5400000001,${product.slug},1040/QĐ-UBND,5,95,2025-08-01,,PROVINCE,UBND tỉnh Phú Thọ\n`;
    const refused = await importCsv(db, admin, bytes(bad), { kind: "certifications", fileName: "c.csv" }, TODAY);
    expect(refused).toMatchObject({ status: "invalid" });
    if (refused.status === "invalid") {
      expect(refused.summary.outcomes[1]).toMatchObject({ row: 3, action: "error", issues: [{ column: "issuer_level", message: "forms.fiveStarsAreCentral" }] });
    }
    expect(await db.certification.count()).toBe(0);

    const applied = await importCsv(db, admin, bytes(good), { kind: "certifications", fileName: "c.csv" }, TODAY);
    expect(applied.status).toBe("applied");
    const cert = await db.certification.findFirstOrThrow({ where: { productId: product.id } });
    expect(cert).toMatchObject({ stars: 4, score: 75, decisionNumber: "1032/QĐ-UBND", issuerLevel: "PROVINCE", version: 1 });
    expect(cert.validUntil.toISOString().slice(0, 10)).toBe("2028-07-17");
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).standingCertificationId).toBe(cert.id);
    expect(await db.catalogueEntry.findUnique({ where: { productId: product.id } })).toMatchObject({ certificationId: cert.id, stars: 4 });

    const edited = good.replace(",75,", ",80,");
    const update = await importCsv(db, admin, bytes(edited), { kind: "certifications", fileName: "c2.csv" }, TODAY);
    expect(update).toMatchObject({ status: "applied", summary: { counts: { update: 1, create: 0 } } });
    expect(await db.certification.findUniqueOrThrow({ where: { id: cert.id } })).toMatchObject({ score: 80, version: 2 });

    // A province's editor: another province's rows are row errors.
    const hanoiProducer = await makeProducer(db, haNoi, { taxCode: "0100000009", legalName: "HTX Hà Nội" });
    const hanoiProduct = await makeProduct(db, hanoiProducer.id, { nameVi: "Sữa chua" });
    const editor = editorActor(phuTho);
    const mixed = `${header}\n0100000009,${hanoiProduct.slug},77/QĐ-UBND,3,60,2025-08-01,,PROVINCE,UBND TP Hà Nội\n5400000001,${product.slug},1050/QĐ-UBND,4,,2025-09-01,,PROVINCE,UBND tỉnh Phú Thọ\n`;
    const scoped = await importCsv(db, editor, bytes(mixed), { kind: "certifications", fileName: "m.csv" }, TODAY);
    expect(scoped).toMatchObject({ status: "invalid" });
    if (scoped.status === "invalid") expect(scoped.summary.outcomes[0]).toMatchObject({ row: 2, issues: [{ column: "producer_tax_code", message: "forms.outsideYourProvince" }] });
    expect(await db.certification.count()).toBe(1);
  });

  it("the certification service refuses a product's second certificate with the same decision number as a field error", async () => {
    const producer = await makeProducer(db, phuTho);
    const product = await makeProduct(db, producer.id);
    const input = { productId: product.id, stars: 4, decisionNumber: "1032/QĐ-UBND", signedOn: "2025-07-18", issuerLevel: "PROVINCE", issuerName: "UBND tỉnh Phú Thọ" };
    await createCertification(db, adminActor(), input, TODAY);
    const again = await refusal(() => createCertification(db, adminActor(), { ...input, signedOn: "2025-08-01", confirmDuplicate: true }, TODAY));
    expect(again.fieldErrors).toEqual({ decisionNumber: ["forms.decisionNumberTaken"] });
    expect(await db.certification.count()).toBe(1);
  });

  it("a checked upload is kept for its owner, applied in the background with its progress, then removed", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ocop-imports-"));
    try {
      const editor = editorActor(null);
      const file = bytes(PRODUCERS.join("\n"));
      const checked = await checkUpload(db, editor, file, { kind: "producers", fileName: "lo-1.csv" }, TODAY, dir);
      if (!checked.ok || !checked.upload) throw new Error("expected a kept upload");
      expect(checked.summary.counts).toMatchObject({ create: 2, error: 0 });
      expect(existsSync(path.join(dir, `${checked.upload.id}.csv`))).toBe(true);
      // Nothing is written by the check, and another user cannot apply the upload.
      expect(await db.producer.count({ where: { taxCode: { in: ["5400000001", "0100000002"] } } })).toBe(0);
      expect(await startApplyingUpload(db, editorActor(null), checked.upload.id, TODAY, dir)).toBe(false);

      expect(await startApplyingUpload(db, editor, checked.upload.id, TODAY, dir)).toBe(true);
      expect(importState(checked.upload.id, editor.userId)).toMatchObject({ state: "running" });
      for (let waited = 0; importState(checked.upload.id, editor.userId)?.state === "running" && waited < 10_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const finished = importState(checked.upload.id, editor.userId);
      expect(finished).toMatchObject({ state: "done", done: 2, total: 2, outcome: { status: "applied", summary: { counts: { create: 2 } } } });
      expect(importState(checked.upload.id, editor.userId! + 1)).toBeNull();
      expect(await db.producer.count({ where: { taxCode: { in: ["5400000001", "0100000002"] } } })).toBe(2);
      expect(existsSync(path.join(dir, `${checked.upload.id}.csv`))).toBe(false);
      expect(await startApplyingUpload(db, editor, checked.upload.id, TODAY, dir)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the export streams every matching row past one batch, and only the actor's province for a province editor", async () => {
    const lines = ["tax_code,legal_name,type,province"];
    for (let i = 1; i <= 1200; i++) lines.push(`54${String(i).padStart(8, "0")},HTX số ${i},COOPERATIVE,${i % 3 ? "phu-tho" : "01"}`);
    expect((await importCsv(db, adminActor(), bytes(lines.join("\n")), { kind: "producers", fileName: "1200.csv" }, TODAY)).status).toBe("applied");
    const all = await exportCsv(db, adminActor(), "producers", parseAdminProducerQuery(new URLSearchParams()).query, "en", TODAY);
    expect(all.trim().split(/\r?\n/)).toHaveLength(1201);
    const filtered = await exportCsv(db, adminActor(), "producers", parseAdminProducerQuery(new URLSearchParams({ province: String(haNoi) })).query, "en", TODAY);
    expect(filtered.trim().split(/\r?\n/)).toHaveLength(401);
    const scoped = await exportCsv(db, editorActor(phuTho), "producers", parseAdminProducerQuery(new URLSearchParams()).query, "vi", TODAY);
    expect(scoped.trim().split(/\r?\n/)).toHaveLength(801);
    expect(scoped).not.toContain("Hà Nội");
  });

  it("export → import round-trips: the exported files change nothing", async () => {
    const admin = adminActor();
    const producer = await makeProducer(db, phuTho, { taxCode: "5400000001", phone: "+84 912 345 678", street: "Xóm Mới" });
    const product = await makeProduct(db, producer.id, { nameVi: "Bưởi đỏ", nameEn: "Red pomelo", unit: "kg" });
    await createCertification(db, admin, { productId: product.id, stars: 3, score: 60, decisionNumber: "55/QĐ-UBND", signedOn: "2024-03-01", issuerLevel: "DISTRICT", issuerName: "UBND huyện Tân Lạc" }, TODAY);
    await refreshCatalogueEntries(db, "all");
    const before = await rowCounts(db);
    for (const [kind, language, query] of [
      ["producers", "vi", parseAdminProducerQuery(new URLSearchParams()).query],
      ["products", "en", parseAdminProductQuery(new URLSearchParams()).query],
      ["certifications", "vi", parseCertificationListQuery(new URLSearchParams()).query],
    ] as const) {
      const csv = await exportCsv(db, admin, kind, query as never, language, TODAY);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv.trim().split(/\r?\n/)).toHaveLength(2);
      const result = await importCsv(db, admin, bytes(csv), { kind, fileName: `${kind}.csv` }, TODAY);
      expect(result, `${kind}: ${JSON.stringify(result)}`).toMatchObject({ status: "unchanged", summary: { counts: { create: 0, update: 0, error: 0 } } });
    }
    expect(await rowCounts(db)).toEqual(before);
  });
});
