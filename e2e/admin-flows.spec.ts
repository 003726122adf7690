// The admin area from end to end, in Vietnamese and in English: an editor
// signs in through the form, creates a producer, a product and a certificate
// through the admin forms; the public catalogue finds the product by an
// unaccented search; revoking the certificate reaches /verify and takes the
// product out of the default list; a conflicting edit by a second person is
// refused; and the audit trail lists every step with who did it.
// Each language's flow is one serial chain (later steps use the records the
// first one made); names carry a random suffix, so reruns never collide.
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { en } from "../app/i18n/en";
import { vi, type Messages } from "../app/i18n/vi";
import { foldText } from "../app/modules/text/vietnamese.server";
import { readDemoDatabase } from "./oracle";

const EDITOR = { email: "editor@ocop.example", password: "demo-editor-2026" };
const ADMIN = { email: "admin@ocop.example", password: "demo-admin-2026" };

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A field by its label's exact words, followed or not by the required mark (" *"). */
const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));

/** Signs in through the sign-in form and lands on the admin overview. */
async function signIn(page: Page, prefix: string, messages: Messages, account: { email: string; password: string }) {
  await page.goto(`${prefix}/login`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.admin.signIn.title);
  const form = page.locator("form#sign-in");
  await field(form, messages.admin.signIn.email).fill(account.email);
  await field(form, messages.admin.signIn.password).fill(account.password);
  await form.getByRole("button", { name: messages.admin.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^[^?]*${prefix}/admin$`));
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The day `days` ago, as YYYY-MM-DD. */
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** A new page in a context holding `state` (a session made through the sign-in form). */
async function signedInPage(browser: Browser, state: StorageState): Promise<Page> {
  const context = await browser.newContext({ storageState: state });
  return context.newPage();
}

/** Each row of a record's history table, as [action, the row's text]. */
async function historyRows(page: Page): Promise<Array<[string, string]>> {
  const rows = page.getByTestId("record-history").getByTestId("history-row");
  return rows.evaluateAll((elements) => elements.map((row) => [row.getAttribute("data-action") ?? "", row.textContent ?? ""] as [string, string]));
}

/** Phú Thọ's id and one of its communes, from the demo database. */
function phuThoAndCommune() {
  return readDemoDatabase(
    (sqlite) =>
      sqlite
        .prepare(`SELECT p.id AS id, MIN(c.id) AS communeId FROM Province p JOIN Commune c ON c.provinceId = p.id WHERE p.slug = 'phu-tho' GROUP BY p.id`)
        .get() as { id: number; communeId: number },
  );
}

const LANGUAGES = [
  { language: "vi", prefix: "", messages: vi },
  { language: "en", prefix: "/en", messages: en },
] as const;

for (const { language, prefix, messages } of LANGUAGES) {
  const admin = messages.admin;

  test.describe(`the admin area from sign-in to audit trail (${language})`, () => {
    test.describe.configure({ mode: "serial" });

    const suffix = `${language}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const names = {
      producer: `HTX Trà hoa vàng Đồng Hỷ ${suffix}`,
      productVi: `Trà hoa vàng Đồng Hỷ ${suffix}`,
      productEn: `Dong Hy golden camellia tea ${suffix}`,
      decision: `123/QĐ-UBND-${suffix}`,
    };
    // 10 digits, unique enough across runs (tax codes are unique).
    const taxCode = String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999));
    const made = { producerId: 0, productId: 0, certificationId: 0, slug: "", verifyPath: "", signedInAt: 0, editorState: undefined as StorageState | undefined };

    test(`an editor signs in through the form and creates a producer, a product and a 4★ certificate (${language}) @writes`, async ({ page }) => {
      test.setTimeout(60_000);
      made.signedInAt = Date.now();
      await signIn(page, prefix, messages, EDITOR);
      made.editorState = await page.context().storageState();

      // A producer, approved at once, in Phú Thọ.
      const phuTho = phuThoAndCommune();
      await page.goto(`${prefix}/admin/producers/new`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(admin.producers.newTitle);
      await field(page, admin.producers.fields.type).selectOption("COOPERATIVE");
      await field(page, admin.producers.fields.legalName).fill(names.producer);
      await field(page, admin.producers.fields.taxCode).fill(taxCode);
      await field(page, admin.producers.fields.legalRepName).fill("Nguyễn Thị Hoa");
      await field(page, admin.producers.fields.phone).fill("0210 3812 345");
      await field(page, admin.producers.fields.provinceId).selectOption(String(phuTho.id));
      // The province's communes load when it is chosen; selectOption waits for the option.
      await field(page, admin.producers.fields.communeId).selectOption(String(phuTho.communeId));
      await field(page, admin.producers.fields.street).fill("Xóm Đồng Hỷ");
      await field(page, admin.producers.fields.descriptionVi).fill("Hợp tác xã trồng và chế biến trà hoa vàng.");
      await field(page, admin.producers.createStatus).selectOption("APPROVED");
      await page.getByRole("button", { name: admin.producers.createSubmit, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/admin/producers/\\d+$`));
      await expect(page.getByTestId("toast")).toContainText(admin.shell.toastCreated);
      made.producerId = Number(/\/admin\/producers\/(\d+)$/.exec(page.url())![1]);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(names.producer);
      await expect(page.getByTestId("producer-status")).toHaveText(admin.producers.status_APPROVED);

      // A product under it, published.
      await page.goto(`${prefix}/admin/products/new`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(admin.products.newTitle);
      await field(page, admin.products.fields.nameVi).fill(names.productVi);
      await field(page, admin.products.fields.nameEn).fill(names.productEn);
      await field(page, admin.products.fields.descriptionVi).fill("Trà hoa vàng sấy khô, hái tại Đồng Hỷ.");
      await field(page, admin.products.fields.producerId).fill(String(made.producerId));
      await field(page, admin.products.fields.productSetId).selectOption("12");
      await field(page, admin.products.fields.packagingVi).fill("Hộp 100 g");
      await field(page, admin.products.fields.unit).fill("hộp");
      await field(page, admin.products.fields.status).selectOption("PUBLISHED");
      await page.getByRole("button", { name: admin.products.createSubmit, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/admin/products/\\d+$`));
      await expect(page.getByTestId("toast")).toContainText(admin.shell.toastCreated);
      made.productId = Number(/\/admin\/products\/(\d+)$/.exec(page.url())![1]);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(names.productVi);
      await expect(page.getByTestId("product-status")).toHaveText(admin.products.status_PUBLISHED);
      await expect(page.getByTestId("product-certifications")).toContainText(admin.products.noStanding);

      // A 4★ certificate for it, signed a few months ago by the province.
      await page.goto(`${prefix}/admin/certifications/new?productId=${made.productId}`);
      await expect(page.getByTestId("entry-product")).toContainText(names.productVi);
      await field(page, admin.certifications.field_decisionNumber).fill(names.decision);
      await field(page, admin.certifications.field_signedOn).fill(daysAgo(100));
      await field(page, admin.certifications.field_stars).selectOption("4");
      await field(page, admin.certifications.field_score).fill("78");
      await field(page, admin.certifications.field_issuerLevel).selectOption("PROVINCE");
      await field(page, admin.certifications.field_issuerName).fill("UBND tỉnh Phú Thọ");
      await field(page, admin.certifications.field_evaluationKind).selectOption("NEW");
      await page.getByRole("button", { name: admin.certifications.save, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/admin/certifications/\\d+$`));
      await expect(page.getByTestId("toast")).toContainText(admin.shell.toastCreated);
      made.certificationId = Number(/\/admin\/certifications\/(\d+)$/.exec(page.url())![1]);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(admin.certifications.editTitle.replace("{{decision}}", names.decision));
      await expect(page.getByTestId("certification-status").locator("[data-status]")).toHaveAttribute("data-status", "valid");

      // The verification link the page shows: the code the product's QR code carries.
      const verifyLink = page.getByTestId("verify-link");
      const code = (await verifyLink.textContent())?.trim() ?? "";
      expect(code).toMatch(/^[0-9A-Z]+$/);
      made.verifyPath = new URL((await verifyLink.getAttribute("href")) ?? "", page.url()).pathname;
      expect(made.verifyPath).toBe(`${prefix}/verify/${code}`);

      made.slug = readDemoDatabase((sqlite) => (sqlite.prepare(`SELECT slug FROM Product WHERE id = ?`).get(made.productId) as { slug: string }).slug);
    });

    test(`the new product is found by an unaccented search, its certificate valid (${language}) @writes`, async ({ page }) => {
      test.skip(!made.slug, "the records were not created");
      const folded = foldText(names.productVi);
      expect(folded, "the name has accents, so the search has to fold them").not.toBe(names.productVi.toLowerCase());
      const card = page.getByTestId("product-card").filter({ has: page.locator(`a[href$="/products/${made.slug}"]`) });
      // A write reaches every cache within a quarter of a second; allow a few reloads.
      await expect(async () => {
        await page.goto(`${prefix}/products?q=${encodeURIComponent(folded)}`);
        await expect(card).toHaveCount(1, { timeout: 500 });
      }).toPass({ intervals: [250, 500, 1000], timeout: 5_000 });
      await expect(card).toContainText(language === "en" ? names.productEn : names.productVi);
      await expect(card).toContainText(names.producer);
      await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "valid");
      await expect(card).toContainText(messages.certification.status_valid);
    });

    test(`revoking the certificate shows it revoked on /verify and takes the product out of the list (${language}) @writes`, async ({ browser }) => {
      test.skip(!made.editorState, "the editor did not sign in");
      const page = await signedInPage(browser, made.editorState!);
      await page.goto(`${prefix}/admin/certifications/${made.certificationId}`);
      const revokeSection = page.locator("section", { has: page.getByRole("heading", { name: admin.certifications.revokeTitle }) });
      const revokedOn = field(revokeSection, admin.certifications.field_revokedOn);
      const reason = field(revokeSection, admin.certifications.field_reason);
      const submit = revokeSection.getByRole("button", { name: admin.certifications.revokeSubmit, exact: true });

      // The date and the reason are required: without them nothing is revoked.
      await revokedOn.fill("");
      await reason.fill("");
      await submit.click();
      await expect(revokedOn).toHaveAttribute("aria-invalid", "true");
      await expect(reason).toHaveAttribute("aria-invalid", "true");
      await expect(revokeSection).toContainText(messages.forms.required);
      await page.reload();
      await expect(page.getByTestId("certification-status").locator("[data-status]")).toHaveAttribute("data-status", "valid");

      await revokedOn.fill(daysAgo(0));
      await reason.fill("Sản phẩm không còn đáp ứng tiêu chí OCOP khi kiểm tra");
      await field(revokeSection, admin.certifications.field_decision).fill(`45/QĐ-UBND-${suffix}`);
      await submit.click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/admin/certifications/${made.certificationId}$`));
      await expect(page.getByTestId("toast")).toContainText(admin.shell.toastRevoked);
      await expect(page.getByTestId("certification-status").locator("[data-status]")).toHaveAttribute("data-status", "revoked");

      // The public check the QR code opens says revoked.
      await expect(async () => {
        await page.goto(made.verifyPath);
        await expect(page.getByTestId("verify")).toHaveAttribute("data-status", "revoked", { timeout: 500 });
      }).toPass({ intervals: [250, 500, 1000], timeout: 5_000 });
      await expect(page.getByTestId("verify")).toContainText(names.decision);

      // The default list shows only products with a certificate in force; status=all shows it revoked.
      const folded = encodeURIComponent(foldText(names.productVi));
      const link = page.locator(`a[href$="/products/${made.slug}"]`);
      await page.goto(`${prefix}/products?q=${folded}`);
      await expect(link).toHaveCount(0);
      await page.goto(`${prefix}/products?status=all&q=${folded}`);
      const card = page.getByTestId("product-card").filter({ has: link });
      await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "revoked");
      await page.context().close();
    });

    test(`a conflicting edit by a second person is refused and keeps what they typed (${language}) @writes`, async ({ browser }) => {
      test.skip(!made.editorState, "the editor did not sign in");
      test.setTimeout(45_000);
      const editorPage = await signedInPage(browser, made.editorState!);
      const adminPage = await (await browser.newContext()).newPage();
      await signIn(adminPage, prefix, messages, ADMIN);

      const editPath = `${prefix}/admin/products/${made.productId}`;
      await Promise.all([editorPage.goto(editPath), adminPage.goto(editPath)]);
      const editorValue = `Hộp 50 g, ${suffix}`;
      const adminValue = `Túi 200 g, ${suffix}`;
      const packaging = (page: Page) => field(page, admin.products.fields.packagingVi);
      const save = (page: Page) => page.getByRole("button", { name: admin.shell.save, exact: true });
      await packaging(editorPage).fill(editorValue);
      await packaging(adminPage).fill(adminValue);

      await save(editorPage).click();
      await expect(editorPage.getByTestId("toast")).toContainText(admin.shell.toastSaved);
      await expect(editorPage).toHaveURL(new RegExp(`${editPath}$`));

      await save(adminPage).click();
      const conflict = adminPage.getByTestId("conflict");
      await expect(conflict).toBeVisible();
      await expect(conflict).toContainText(admin.shell.conflictTitle);
      await expect(conflict).toContainText(EDITOR.email);
      const rows = conflict.locator("tbody tr");
      await expect(rows).toHaveCount(1);
      await expect(rows.first().locator("th")).toHaveText(admin.products.fields.packagingVi);
      await expect(rows.first().locator("td").nth(0)).toHaveText(editorValue);
      await expect(rows.first().locator("td").nth(1)).toHaveText(adminValue);
      await expect(adminPage.getByTestId("toast")).toHaveCount(0);
      // What the admin typed is still in the field; the button now says it would overwrite.
      await expect(packaging(adminPage)).toHaveValue(adminValue);
      await expect(adminPage.getByRole("button", { name: admin.shell.conflictOverwrite, exact: true })).toBeVisible();

      // The stored record kept the editor's value.
      await editorPage.reload();
      await expect(packaging(editorPage)).toHaveValue(editorValue);
      await adminPage.goto(editPath);
      await expect(packaging(adminPage)).toHaveValue(editorValue);
      const stored = readDemoDatabase((sqlite) => sqlite.prepare(`SELECT packagingVi FROM Product WHERE id = ?`).get(made.productId) as { packagingVi: string });
      expect(stored.packagingVi).toBe(editorValue);

      await editorPage.context().close();
      await adminPage.context().close();
    });

    test(`the audit trail lists each step with the editor's email (${language}) @writes`, async ({ browser }) => {
      test.skip(!made.editorState, "the editor did not sign in");
      test.setTimeout(45_000);
      const page = await signedInPage(browser, made.editorState!);

      // Each record's own history table.
      const expectHistory = async (path: string, actions: string[]) => {
        await page.goto(`${prefix}${path}`);
        const rows = await historyRows(page);
        expect(rows.map(([action]) => action).sort(), path).toEqual([...actions].sort());
        for (const [, text] of rows) expect(text, path).toContain(EDITOR.email);
      };
      await expectHistory(`/admin/producers/${made.producerId}`, ["create"]);
      // One update: the admin's refused save wrote nothing.
      await expectHistory(`/admin/products/${made.productId}`, ["create", "update"]);
      await expectHistory(`/admin/certifications/${made.certificationId}`, ["create", "revoke"]);

      // The global trail, filtered through its form by record type and number.
      const audit = admin.audit;
      const filter = async (choices: { entity?: string; action?: string; who?: string; record?: number }) => {
        await page.goto(`${prefix}/admin/audit`);
        const form = page.locator("form", { has: field(page, audit.whoLabel) });
        await field(form, audit.entityType).selectOption(choices.entity ?? "");
        await field(form, audit.action).selectOption(choices.action ?? "");
        await field(form, audit.whoLabel).fill(choices.who ?? "");
        await field(form, audit.recordId).fill(choices.record ? String(choices.record) : "");
        await form.getByRole("button", { name: audit.apply, exact: true }).click();
        await expect(page).toHaveURL(new RegExp(`${prefix}/admin/audit\\?`));
        return page.getByTestId("audit-list").getByTestId("audit-row");
      };
      const expectTrail = async (entity: string, record: number, actions: string[]) => {
        const rows = await filter({ entity, record });
        await expect(rows).toHaveCount(actions.length);
        const found = await rows.evaluateAll((elements) => elements.map((row) => [row.getAttribute("data-action"), row.getAttribute("data-entity"), row.textContent ?? ""] as const));
        expect(found.map(([action]) => action).sort(), `${entity} ${record}`).toEqual([...actions].sort());
        for (const [, type, text] of found) {
          expect(type).toBe(entity);
          expect(text).toContain(EDITOR.email);
        }
      };
      await expectTrail("producer", made.producerId, ["create"]);
      await expectTrail("product", made.productId, ["create", "update"]);
      await expectTrail("certification", made.certificationId, ["create", "revoke"]);

      // The update names the field and both values.
      const updates = await filter({ entity: "product", action: "update", record: made.productId });
      await expect(updates).toHaveCount(1);
      await expect(updates.first()).toContainText(admin.products.fields.packagingVi);
      await expect(updates.first()).toContainText("Hộp 100 g");
      await expect(updates.first()).toContainText(`Hộp 50 g, ${suffix}`);

      // The sign-in through the form, by who.
      const signIns = await filter({ action: "sign_in", who: EDITOR.email });
      await expect(signIns.first()).toBeVisible();
      const times = await signIns.evaluateAll((elements) =>
        elements.map((row) => ({ at: row.querySelector("time")?.getAttribute("datetime") ?? "", text: row.textContent ?? "", entity: row.getAttribute("data-entity") })),
      );
      const ours = times.filter((row) => Date.parse(row.at) >= made.signedInAt - 2_000);
      expect(ours.length, `a sign-in at or after ${new Date(made.signedInAt).toISOString()} in ${JSON.stringify(times.slice(0, 3))}`).toBeGreaterThan(0);
      for (const row of ours) {
        expect(row.entity).toBe("user");
        expect(row.text).toContain(EDITOR.email);
        expect(row.text).toContain(audit.action_sign_in);
      }
      await page.context().close();
    });
  });
}

test("a producer can be created without choosing a commune, an optional field @writes", async ({ page }) => {
  // A regression test: an empty optional field once reached the service as "" and was refused.
  const suffix = `nocommune${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await signIn(page, "", vi, EDITOR);
  await page.goto("/admin/producers/new");
  await field(page, vi.admin.producers.fields.type).selectOption("HOUSEHOLD_BUSINESS");
  await field(page, vi.admin.producers.fields.legalName).fill(`Hộ kinh doanh Mật ong Đồng Hỷ ${suffix}`);
  await field(page, vi.admin.producers.fields.taxCode).fill(String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)));
  await field(page, vi.admin.producers.fields.provinceId).selectOption(String(phuThoAndCommune().id));
  await expect(field(page, vi.admin.producers.fields.communeId)).toHaveValue("");
  await page.getByRole("button", { name: vi.admin.producers.createSubmit, exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/producers\/\d+$/);
  await expect(page.getByTestId("toast")).toContainText(vi.admin.shell.toastCreated);
});
