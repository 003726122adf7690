// Producer sign-up in Vietnamese with JavaScript off: a refused step keeps
// what was typed, going back keeps every step, the province's communes come
// from the "update" button, the scan is kept between steps, and the sign-up
// ends on the "check your mail" page. The confirmation link is read from the
// outbox (the test server has no SMTP): its page only shows a button, which
// confirms and signs in. Every page met is axe-clean. Signing up writes, hence
// @writes.
import { expect, test, type Page } from "@playwright/test";
import { wcagViolations } from "./support/axe";
import { en } from "../app/i18n/en";
import { vi } from "../app/i18n/vi";
import { readDemoDatabase } from "./oracle";

test.use({ javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });

const fields = vi.admin.producers.fields;
const words = vi.register;

/**
 * axe runs inside the page, which JavaScript being off forbids: the page as
 * the server rendered it (its scripts left out) is checked in a second page
 * of the same origin that may run scripts.
 */
async function expectNoViolations(page: Page) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const context = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: true });
  try {
    const checker = await context.newPage();
    await checker.goto("/healthz");
    await checker.setContent(html, { waitUntil: "load" });
    expect(await wcagViolations(checker), page.url()).toEqual([]);
  } finally {
    await context.close();
  }
}

/** A field by its label (required ones end with " *"). */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`));

const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

/** A province of the demo data with communes, and one of them. */
function somePlace(): { provinceId: number; communeId: number; communeName: string } {
  return readDemoDatabase(
    (sqlite) =>
      sqlite
        .prepare(`SELECT c.provinceId AS provinceId, c.id AS communeId, c.nameVi AS communeName FROM Commune c ORDER BY c.provinceId, c.id LIMIT 1`)
        .get() as { provinceId: number; communeId: number; communeName: string },
  );
}

/** The link in the newest mail of `kind` to `email`, as the recipient reads it. */
function mailLink(email: string, kind: string, path: string): string {
  const row = readDemoDatabase(
    (sqlite) => sqlite.prepare(`SELECT text FROM OutboxMessage WHERE toAddress = ? AND kind = ? ORDER BY id DESC LIMIT 1`).get(email, kind) as { text: string } | undefined,
  );
  const link = new RegExp(`https?://\\S+${path}\\?token=[\\w-]{43}`).exec(row?.text ?? "")?.[0];
  if (!link) throw new Error(`no ${kind} mail to ${email}`);
  return link;
}

const confirmationLink = (email: string) => mailLink(email, "confirm_email", "/register/confirm");

test("a cooperative signs up in Vietnamese without JavaScript, keeping what it typed through errors and going back @writes", async ({ page }) => {
  // A whole journey (sign-up, confirmation, password reset): more than the default 30 s on a busy CI machine.
  test.setTimeout(180_000);
  const unique = `${Date.now()}`.slice(-10);
  const taxCode = unique.padStart(10, "4");
  const email = `htx.${unique}@example.vn`;
  const place = somePlace();

  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();
  await expectNoViolations(page);

  // Step 1, with a tax code of the wrong form: the message, and everything typed kept.
  await field(page, fields.type).selectOption("COOPERATIVE");
  await field(page, fields.legalName).fill("Hợp tác xã Mật ong Bản Lác");
  await field(page, fields.taxCode).fill("12345");
  await field(page, fields.legalRepName).fill("Hà Văn Tâm");
  await field(page, fields.legalRepTitle).fill("Giám đốc");
  await button(page, words.next).click();
  await expect(page.getByText(vi.forms.taxCodeFormat)).toBeVisible();
  await expect(field(page, fields.legalName)).toHaveValue("Hợp tác xã Mật ong Bản Lác");
  await expect(field(page, fields.legalRepName)).toHaveValue("Hà Văn Tâm");
  await expect(field(page, fields.type)).toHaveValue("COOPERATIVE");
  await expect(field(page, fields.taxCode)).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page);

  await field(page, fields.taxCode).fill(taxCode);
  await button(page, words.next).click();

  // Step 2: the province, then its communes by the update button.
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(words.step_address) })).toBeVisible();
  await field(page, fields.provinceId).selectOption(String(place.provinceId));
  await field(page, fields.street).fill("Bản Lác");
  await button(page, words.updateCommunes).click();
  await expect(field(page, fields.provinceId)).toHaveValue(String(place.provinceId));
  await expect(field(page, fields.street)).toHaveValue("Bản Lác");
  await field(page, fields.communeId).selectOption(String(place.communeId));
  await field(page, fields.phone).fill("0218 3867 123");
  await expectNoViolations(page);
  await button(page, words.next).click();

  // Step 3: a description and the scan.
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(words.step_about) })).toBeVisible();
  await field(page, fields.descriptionVi).fill("Mật ong rừng Mai Châu, thu hoạch theo mùa hoa.");
  await page.getByLabel(words.fields.scan).setInputFiles({
    name: "giay-dang-ky.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  });
  await expectNoViolations(page);

  // Back from step 3 to step 1: every step keeps its values, the scan too.
  await button(page, words.back).click();
  await expect(field(page, fields.communeId)).toHaveValue(String(place.communeId));
  await expect(field(page, fields.phone)).toHaveValue("0218 3867 123");
  await button(page, words.back).click();
  await expect(field(page, fields.legalName)).toHaveValue("Hợp tác xã Mật ong Bản Lác");
  await expect(field(page, fields.taxCode)).toHaveValue(taxCode);
  await expect(field(page, fields.legalRepTitle)).toHaveValue("Giám đốc");
  await button(page, words.next).click();
  await button(page, words.next).click();
  await expect(field(page, fields.descriptionVi)).toHaveValue("Mật ong rừng Mai Châu, thu hoạch theo mùa hoa.");
  await expect(page.getByTestId("scan-kept")).toContainText("giay-dang-ky.pdf");
  await button(page, words.next).click();

  // Step 4: the account and the summary.
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(words.step_account) })).toBeVisible();
  await expect(page.getByText(place.communeName, { exact: true })).toBeVisible();
  await expect(page.getByText("giay-dang-ky.pdf", { exact: true })).toBeVisible();
  await field(page, words.fields.accountName).fill("Hà Văn Tâm");
  await field(page, words.fields.accountEmail).fill(email);
  await field(page, words.fields.password).fill("mật khẩu đủ dài 2026");
  await field(page, words.fields.confirmPassword).fill("mật khẩu khác hẳn");
  await button(page, words.submit).click();
  await expect(page.getByText(vi.forms.passwordsDiffer)).toBeVisible();
  // The password is never sent back to the browser.
  await expect(field(page, words.fields.password)).toHaveValue("");
  await expect(field(page, words.fields.accountEmail)).toHaveValue(email);
  await expectNoViolations(page);
  await field(page, words.fields.password).fill("mật khẩu đủ dài 2026");
  await field(page, words.fields.confirmPassword).fill("mật khẩu đủ dài 2026");
  await button(page, words.submit).click();

  await expect(page).toHaveURL(/\/register\/sent$/);
  await expect(page.getByRole("heading", { level: 1, name: words.sent.title })).toBeVisible();
  await expectNoViolations(page);

  // Signing in before confirming is refused with its own message.
  await page.goto("/login");
  await field(page, vi.admin.signIn.email).fill(email);
  await field(page, vi.admin.signIn.password).fill("mật khẩu đủ dài 2026");
  await button(page, vi.admin.signIn.submit).click();
  await expect(page.getByText(words.signInPage.unconfirmed)).toBeVisible();
  await expect(button(page, words.signInPage.resend)).toBeVisible();
  await expectNoViolations(page);

  // The mail's link only shows a button; the button confirms and signs in.
  const link = new URL(confirmationLink(email));
  expect(link.pathname).toBe("/register/confirm");
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole("heading", { level: 1, name: words.confirm.title })).toBeVisible();
  await expectNoViolations(page);
  await button(page, words.confirm.button).click();
  await expect(page).toHaveURL(/\/portal$/);

  // The link works once.
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole("heading", { level: 1, name: words.confirm.usedTitle })).toBeVisible();

  // A forgotten password: the link from the mail, a new password, every session ended, sign in again.
  await page.context().clearCookies();
  await page.goto("/forgot-password");
  await field(page, words.forgot.email).fill(email);
  await button(page, words.forgot.submit).click();
  await expect(page.getByTestId("reset-sent")).toBeVisible();
  const reset = new URL(mailLink(email, "reset_password", "/reset-password"));
  await page.goto(reset.pathname + reset.search);
  await expectNoViolations(page);
  await field(page, words.reset.password).fill("mật khẩu mới đủ dài");
  await field(page, words.reset.confirmPassword).fill("mật khẩu mới đủ dài");
  await button(page, words.reset.submit).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId("sign-in-toast")).toHaveText(words.reset.done);
  await field(page, vi.admin.signIn.email).fill(email);
  await field(page, vi.admin.signIn.password).fill("mật khẩu mới đủ dài");
  await button(page, vi.admin.signIn.submit).click();
  await expect(page).toHaveURL(/\/portal$/);
  // Signed in, a producer who opens the sign-in page goes to the portal.
  await page.goto("/login");
  await expect(page).toHaveURL(/\/portal$/);

  // The reset link does not work twice.
  await page.goto(reset.pathname + reset.search);
  await expect(page.getByTestId("reset-used")).toContainText(words.reset.used);
});

for (const [prefix, messages] of [
  ["", vi],
  ["/en", en],
] as const) {
  test(`the account pages in ${prefix || "/"} are axe-clean and answer a bad link clearly @writes`, async ({ page }) => {
    await page.goto(`${prefix}/login`);
    await page.getByRole("link", { name: messages.register.signInPage.forgot }).click();
    await expect(page).toHaveURL(new RegExp(`${prefix}/forgot-password$`));
    await expectNoViolations(page);
    await field(page, messages.register.forgot.email).fill(`nobody.${Date.now()}@example.vn`);
    await button(page, messages.register.forgot.submit).click();
    await expect(page.getByTestId("reset-sent")).toHaveText(messages.register.forgot.sent);

    await page.goto(`${prefix}/reset-password?token=${"x".repeat(43)}`);
    await expect(page.getByTestId("reset-invalid")).toContainText(messages.register.reset.invalid);
    await expect(page.getByRole("link", { name: messages.register.reset.askAgain })).toBeVisible();
    await expectNoViolations(page);

    await page.goto(`${prefix}/register/confirm?token=${"x".repeat(43)}`);
    await expect(page.getByRole("heading", { level: 1, name: messages.register.confirm.invalidTitle })).toBeVisible();
    await expectNoViolations(page);

    await page.goto(`${prefix}/`);
    await page.getByRole("link", { name: messages.register.chromeLink }).click();
    await expect(page).toHaveURL(new RegExp(`${prefix}/register$`));
    await expect(page.getByRole("heading", { level: 1, name: messages.register.title })).toBeVisible();
  });
}

test.describe("with JavaScript", () => {
  test.use({ javaScriptEnabled: true });

  test("a company signs up in English: the communes follow the province, back skips the checks, Enter goes forward @writes", async ({ page }) => {
    const unique = `${Date.now()}`.slice(-10);
    const email = `company.${unique}@example.vn`;
    const place = somePlace();
    const words = en.register;
    const labels = en.admin.producers.fields;

    await page.goto("/en/register");
    await field(page, labels.type).selectOption("ENTERPRISE");
    await field(page, labels.legalName).fill("Cong ty Che Shan Tuyet");
    await field(page, labels.taxCode).fill(unique.padStart(10, "6"));
    await field(page, labels.legalRepName).fill("Sung A Lu");
    // Enter in a field moves on (the step's own button, not "back").
    await field(page, labels.legalRepName).press("Enter");
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(words.step_address) })).toBeVisible();

    // Choosing the province loads its communes at once.
    await field(page, labels.provinceId).selectOption(String(place.provinceId));
    await expect(field(page, labels.communeId).locator(`option[value="${place.communeId}"]`)).toHaveCount(1);
    await field(page, labels.communeId).selectOption(String(place.communeId));
    // A wrong phone number is refused in the browser already.
    await field(page, labels.phone).fill("12");
    await button(page, words.next).click();
    await expect(page.getByText(en.forms.phoneFormat)).toBeVisible();
    // "Back" is not held up by it, and keeps step 1.
    await button(page, words.back).click();
    await expect(field(page, labels.legalName)).toHaveValue("Cong ty Che Shan Tuyet");
    await button(page, words.next).click();
    await expect(field(page, labels.communeId)).toHaveValue(String(place.communeId));
    await field(page, labels.phone).fill("0912 345 678");
    await button(page, words.next).click();
    await button(page, words.next).click();

    await field(page, words.fields.accountName).fill("Sung A Lu");
    await field(page, words.fields.accountEmail).fill(email);
    await field(page, words.fields.password).fill("a long enough password");
    await field(page, words.fields.confirmPassword).fill("a long enough password");
    await button(page, words.submit).click();
    await expect(page).toHaveURL(/\/en\/register\/sent$/);
    await expect(page.getByRole("heading", { level: 1, name: words.sent.title })).toBeVisible();
    expect(new URL(confirmationLink(email)).pathname).toBe("/en/register/confirm");
  });
});
