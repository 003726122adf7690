// CSV import through the admin page, in Vietnamese and in English: the
// template downloads with the page's headers; a products file with one bad
// row imports nothing and the page names the row; the corrected file imports
// every row (through the confirm step and the progress page); a certificates
// file then puts the new products in the public catalogue; the product
// list's export imports again with nothing to change, and so does the
// certificates file. Names carry a random suffix, so
// reruns never collide.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { en } from "../app/i18n/en";
import { vi, type Messages } from "../app/i18n/vi";
import { headerRow, type ImportKind } from "../app/modules/imports/columns";
import { readDemoDatabase } from "./oracle";

const EDITOR = { email: "editor@ocop.example", password: "demo-editor-2026" };

const LANGUAGES = [
  { language: "vi", prefix: "", messages: vi },
  { language: "en", prefix: "/en", messages: en },
] as const;

async function signIn(page: Page, prefix: string, messages: Messages) {
  await page.goto(`${prefix}/login`);
  const form = page.locator("form#sign-in");
  await form.getByLabel(new RegExp(`^${messages.admin.signIn.email}`)).fill(EDITOR.email);
  await form.getByLabel(new RegExp(`^${messages.admin.signIn.password}`)).fill(EDITOR.password);
  await form.getByRole("button", { name: messages.admin.signIn.submit, exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** Uploads `csv` as `kind` for the dry run; returns the result section. */
async function check(page: Page, messages: Messages, kind: ImportKind, name: string, csv: string) {
  await page.getByLabel(messages.admin.imports.kind).selectOption(kind);
  await page.locator("#import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`, "utf8") });
  await page.getByRole("button", { name: messages.admin.imports.check, exact: true }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toBeVisible();
  await expect(result.getByRole("heading")).toContainText(name);
  return result;
}

/** Confirms the checked import and waits for its finished page. */
async function confirm(page: Page) {
  await page.getByTestId("import-confirm").getByRole("button").click();
  const done = page.getByTestId("import-done");
  await expect(done).toHaveAttribute("data-status", "applied", { timeout: 20_000 });
  return done;
}

/** An approved producer of the demo with its tax code. */
function demoProducer() {
  return readDemoDatabase(
    (sqlite) => sqlite.prepare(`SELECT id, taxCode FROM Producer WHERE status = 'APPROVED' ORDER BY id LIMIT 1`).get() as { id: number; taxCode: string },
  );
}

const productsWithSlug = (slug: string) =>
  readDemoDatabase((sqlite) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM Product WHERE slug LIKE ?`).get(`${slug}%`) as { n: number }).n);

for (const { language, prefix, messages } of LANGUAGES) {
  const imports = messages.admin.imports;

  test.describe(`CSV import (${language}) @writes`, () => {
    test.describe.configure({ mode: "serial" });
    const suffix = `${language}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const slug = `e2e-nhap-${suffix}`;
    let page: Page;

    test.beforeAll(async ({ browser }) => {
      page = await browser.newPage();
      await signIn(page, prefix, messages);
    });
    test.afterAll(async () => page.context().close());

    test("the import page is in the navigation and its template downloads with this language's headers", async () => {
      await page.getByRole("navigation", { name: messages.admin.shell.navLabel }).getByRole("link", { name: messages.admin.shell.imports }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(imports.title);
      await expect(page.getByText(imports.excelNote)).toBeVisible();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: imports.template_certifications }).click()]);
      expect(download.suggestedFilename()).toBe("ocop-certifications-template.csv");
      const text = await readFile((await download.path())!, "utf8");
      expect(text.startsWith("\uFEFF")).toBe(true);
      const [header, example] = text.slice(1).trim().split(/\r?\n/);
      expect(header).toBe(headerRow("certifications", language).join(","));
      expect(example).toContain("1032/QĐ-UBND");
    });

    const producer = demoProducer();
    const productsCsv = (productSet: string) =>
      [
        "producer_tax_code,slug,name_vi,name_en,product_set,status",
        `${producer.taxCode},${slug}-1,Trà shan tuyết nhập thử ${suffix},Shan tuyet tea ${suffix},1,PUBLISHED`,
        `${producer.taxCode},${slug}-2,Mật ong nhập thử ${suffix},,${productSet},PUBLISHED`,
      ].join("\r\n");

    test("a file with one bad row imports nothing, and the page names the row", async () => {
      const result = await check(page, messages, "products", "san-pham-loi.csv", productsCsv("99"));
      await expect(result).toHaveAttribute("data-errors", "1");
      await expect(result.getByTestId("import-has-errors")).toHaveText(imports.hasErrors_one.replace("{{count}}", "1"));
      const bad = result.locator('[data-testid="import-row"][data-action="error"]');
      await expect(bad).toHaveCount(1);
      await expect(bad).toHaveAttribute("data-row", "3");
      await expect(bad.getByRole("rowheader")).toHaveText("3");
      await expect(bad).toContainText(messages.forms.unknownProductSet);
      await expect(result.getByTestId("import-confirm")).toHaveCount(0);
      expect(productsWithSlug(slug)).toBe(0);
    });

    test("the corrected file imports every row, and certificates put the products in the public catalogue", async () => {
      let result = await check(page, messages, "products", "san-pham.csv", productsCsv("4"));
      await expect(result).toHaveAttribute("data-create", "2");
      await confirm(page);
      expect(productsWithSlug(slug)).toBe(2);

      await page.goto(`${prefix}/admin/import`);
      result = await check(page, messages, "certifications", "chung-nhan.csv", certificationsCsv());
      await expect(result).toHaveAttribute("data-create", "2");
      const done = await confirm(page);
      await expect(done.getByRole("link", { name: imports.auditLink })).toBeVisible();

      await page.goto(`${prefix}/products/${slug}-1`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(language === "vi" ? `Trà shan tuyết nhập thử ${suffix}` : `Shan tuyet tea ${suffix}`);
    });

    const certificationsCsv = () =>
      [
        "Mã số thuế chủ thể;Mã sản phẩm (slug);Số quyết định;Số sao;Điểm;Ngày ký;Hiệu lực đến;Cấp công nhận;Cơ quan công nhận",
        `${producer.taxCode};${slug}-1;${suffix}-1/QĐ-UBND;4;78;01/09/2025;;Tỉnh;UBND tỉnh Phú Thọ`,
        `${producer.taxCode};${slug}-2;${suffix}-2/QĐ-UBND;3;;2025-09-01;;PROVINCE;UBND tỉnh Phú Thọ`,
      ].join("\r\n");

    test("the product list's export, in the template's columns, imports again with nothing to change", async () => {
      await page.goto(`${prefix}/admin/products?q=${suffix}`);
      await expect(page.locator('[data-testid="product-row"]')).toHaveCount(2);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
      const text = await readFile((await download.path())!, "utf8");
      expect(text.startsWith("\uFEFF")).toBe(true);
      const lines = text.slice(1).trim().split(/\r?\n/);
      expect(lines[0]).toBe(headerRow("products", language).join(","));
      expect(lines.slice(1).map((line) => line.split(",")[1]).sort()).toEqual([`${slug}-1`, `${slug}-2`]);
      await page.goto(`${prefix}/admin/import`);
      const result = await check(page, messages, "products", download.suggestedFilename(), text.slice(1));
      await expect(result).toHaveAttribute("data-unchanged", "2");
      await expect(result.getByTestId("import-nothing")).toHaveText(imports.nothingToChange);
    });

    test("importing the same file again reports nothing to change", async () => {
      await page.goto(`${prefix}/admin/import`);
      const result = await check(page, messages, "certifications", "chung-nhan.csv", certificationsCsv());
      await expect(result).toHaveAttribute("data-unchanged", "2");
      await expect(result).toHaveAttribute("data-create", "0");
      await expect(result).toHaveAttribute("data-update", "0");
      await expect(result.getByTestId("import-nothing")).toHaveText(imports.nothingToChange);
      await expect(result.getByTestId("import-confirm")).toHaveCount(0);
    });
  });
}
