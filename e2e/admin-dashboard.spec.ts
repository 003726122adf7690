// The dashboard (/admin), in Vietnamese and in English: an editor enters,
// through the admin forms, a product waiting for review and a certificate
// for it ending in 5 days (dates counted from today, so the test does not
// depend on the calendar). The dashboard lists the certificate among those
// expiring within 30 days, the CSV of them contains it, the waiting-review
// count links to the filtered product list, which shows the product, and
// the recent activity shows the certificate just entered. axe finds no
// WCAG 2.1 A/AA violation on the filled-in dashboard.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { en } from "../app/i18n/en";
import { vi, type Messages } from "../app/i18n/vi";
import { readDemoDatabase } from "./oracle";

const EDITOR = { email: "editor@ocop.example", password: "demo-editor-2026" };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));

/** The day `days` from now (negative: ago), as YYYY-MM-DD. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

async function signIn(page: Page, prefix: string, messages: Messages) {
  await page.goto(`${prefix}/login`);
  const form = page.locator("form#sign-in");
  await field(form, messages.admin.signIn.email).fill(EDITOR.email);
  await field(form, messages.admin.signIn.password).fill(EDITOR.password);
  await form.getByRole("button", { name: messages.admin.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^[^?]*${prefix}/admin$`));
}

/** An approved demo producer to put the product under. */
const approvedProducerId = () =>
  readDemoDatabase((sqlite) => (sqlite.prepare(`SELECT id FROM Producer WHERE status = 'APPROVED' ORDER BY id LIMIT 1`).get() as { id: number }).id);

const LANGUAGES = [
  { language: "vi", prefix: "", messages: vi },
  { language: "en", prefix: "/en", messages: en },
] as const;

// The two languages' runs count the same waiting products: one after the other, never beside another writer.
test.describe.configure({ mode: "serial" });

for (const { language, prefix, messages } of LANGUAGES) {
  const admin = messages.admin;
  const dashboard = admin.dashboard;

  test(`the dashboard lists a certificate expiring in 30 days, its CSV, the review queue and recent activity (${language}) @writes @counts`, async ({ page }) => {
    test.setTimeout(90_000);
    const suffix = `${language}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const productName = `Mật ong bạc hà sắp hết hạn ${suffix}`;
    const decision = `77/QĐ-UBND-${suffix}`;
    await signIn(page, prefix, messages);

    // A product waiting for review, under a demo producer.
    await page.goto(`${prefix}/admin/products/new`);
    await field(page, admin.products.fields.nameVi).fill(productName);
    await field(page, admin.products.fields.producerId).fill(String(approvedProducerId()));
    await field(page, admin.products.fields.productSetId).selectOption("4");
    await field(page, admin.products.fields.status).selectOption("PENDING_REVIEW");
    await page.getByRole("button", { name: admin.products.createSubmit, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${prefix}/admin/products/\\d+$`));
    const productId = Number(/\/admin\/products\/(\d+)$/.exec(page.url())![1]);

    // Its certificate, signed three years ago, with its last valid day 5 days from now.
    await page.goto(`${prefix}/admin/certifications/new?productId=${productId}`);
    await field(page, admin.certifications.field_decisionNumber).fill(decision);
    await field(page, admin.certifications.field_signedOn).fill(dayFromNow(-1000));
    await field(page, admin.certifications.field_validUntil).fill(dayFromNow(5));
    await field(page, admin.certifications.field_stars).selectOption("4");
    await field(page, admin.certifications.field_issuerLevel).selectOption("PROVINCE");
    await field(page, admin.certifications.field_issuerName).fill("UBND tỉnh Phú Thọ");
    await field(page, admin.certifications.field_evaluationKind).selectOption("NEW");
    await page.getByRole("button", { name: admin.certifications.save, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${prefix}/admin/certifications/\\d+$`));
    await expect(page.getByTestId("certification-status").locator("[data-status]")).toHaveAttribute("data-status", "expiring");

    // The dashboard: within 30 days (and so within 90), 4 or 5 days left (Vietnam's day may be ahead of UTC's).
    await page.goto(`${prefix}/admin`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(admin.shell.dashboard);
    await expect(page.getByRole("heading", { level: 2, name: dashboard.expiringTitle })).toBeVisible();
    const within30 = page.getByTestId("expiring-30");
    await expect(within30.getByRole("table")).toHaveAccessibleName(new RegExp(escapeRegExp(dashboard.expiringCaption.replace("{{days}}", "30"))));
    // Soonest first, ten shown: the demo has only a few certificates ending within 5 days, so ours is among them.
    const row = within30.getByTestId("expiring-row").filter({ hasText: productName });
    await expect(row).toContainText(decision);
    await expect(row.locator("td.numeric")).toHaveText(/^[45]$/);
    await expect(row.getByRole("link", { name: productName })).toHaveAttribute("href", `${prefix}/admin/products/${productId}`);

    // The CSV of the 30 days: UTF-8 with a BOM, our certificate in it; the 90 days' CSV has it too.
    for (const days of [30, 90]) {
      const link = page.getByTestId(`expiring-csv-${days}`);
      await expect(link).toHaveText(dashboard.expiringCsv.replace("{{days}}", String(days)));
      const response = await page.request.get((await link.getAttribute("href"))!);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("text/csv");
      const body = await response.body();
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const line = body.toString("utf8").split("\n").find((text) => text.includes(decision));
      expect(line, `${days}-day CSV`).toBeDefined();
      expect(line).toContain(productName);
      expect(line).toMatch(/,[45]\r?$/);
    }

    // Waiting for review: the count links to the filtered list, which shows the product.
    const productsLink = page.getByTestId("review-products-link");
    await expect(productsLink).toHaveAttribute("href", `${prefix}/admin/products?review=pending`);
    await expect(page.getByTestId("review-producers-link")).toHaveAttribute("href", `${prefix}/admin/producers?review=pending`);
    const waiting = Number(/\d+/.exec((await productsLink.textContent()) ?? "")?.[0]);
    expect(waiting).toBeGreaterThan(0);

    // Recent activity: the certificate just entered, by this editor.
    const activity = page.getByTestId("recent-activity");
    await expect(activity.getByRole("heading", { level: 2 })).toHaveText(dashboard.activityTitle);
    const event = activity.getByTestId("audit-row").filter({ hasText: decision });
    await expect(event.first()).toHaveAttribute("data-entity", "certification");
    await expect(event.first()).toHaveAttribute("data-action", "create");
    await expect(event.first()).toContainText(EDITOR.email);
    await expect(activity.getByRole("link", { name: new RegExp(escapeRegExp(dashboard.activitySeeAll.split("(")[0]!.trim())) })).toHaveAttribute("href", `${prefix}/admin/audit`);

    await expectNoViolations(page);

    await productsLink.click();
    await expect(page).toHaveURL(new RegExp(`${prefix}/admin/products\\?review=pending$`));
    await expect(page.getByTestId("result-count")).toContainText(String(waiting));
    await expect(page.getByTestId("product-row").filter({ hasText: productName })).toHaveAttribute("data-status", "PENDING_REVIEW");
  });
}
