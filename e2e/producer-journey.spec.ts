// The whole producer journey of issue #9, in a real browser against a
// production server of its own, whose mail goes over SMTP to a server this
// test starts (so the confirmation link is read from the mail that arrived):
// a cooperative registers, confirms its address, staff ask for a change, the
// producer fixes it and resubmits, staff approve; then (in Vietnamese) the
// producer proposes a product with an image and an existing 4★ certificate,
// staff approve both, and the product is found in the public catalogue by an
// unaccented search, its certificate shown as valid. The English journey runs
// up to the first approval.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { en } from "../app/i18n/en";
import { vi, type Messages } from "../app/i18n/vi";
import { addDays, formatDate, vietnamToday } from "../app/lib/dates";
import { plainPng } from "../tests/helpers/images";
import { startSmtp, textOf, waitForMail, type TestSmtp } from "../tests/helpers/smtp-server";
import { migrateAndSeed, startServer, stopAllServers, waitUntilHealthy, type ServerProcess } from "./support/server-processes";

const PORT = 3196;
const FOLDER = path.resolve(`e2e/.tmp/journey-${PORT}`);
const DATABASE_URL = `file:${FOLDER}/journey.db`;
const MEDIA_DIR = `${FOLDER}/media`;
const ADMIN = { email: "admin@ocop.example", password: "demo-admin-2026" };
const PDF = { name: "giay-dang-ky.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") };

test.describe.configure({ mode: "serial", timeout: 180_000 });
test.use({ actionTimeout: 15_000, navigationTimeout: 30_000 });

let smtp: TestSmtp;
let server: ServerProcess;

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  rmSync(FOLDER, { recursive: true, force: true });
  mkdirSync(FOLDER, { recursive: true });
  smtp = await startSmtp();
  await migrateAndSeed(DATABASE_URL, { demoAccounts: true, mediaDir: MEDIA_DIR });
  server = startServer("journey", PORT, DATABASE_URL, { SMTP_URL: smtp.url, MAIL_POLL_MS: "200", MEDIA_DIR });
  await waitUntilHealthy(request, server);
});

test.afterAll(async () => {
  await stopAllServers();
  await smtp?.close();
  rmSync(FOLDER, { recursive: true, force: true });
});

type Language = "vi" | "en";
const messagesOf = (language: Language): Messages => (language === "vi" ? vi : en);
const prefixOf = (language: Language) => (language === "vi" ? "" : "/en");
const origin = () => `http://127.0.0.1:${PORT}`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A form field by its whole label (a required field's label ends with " *"). */
const field = (page: Page | Locator, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));

/** A page of its own (its own cookies) on the journey's server. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin() });
  return context.newPage();
}

/** The first link in a mail's plain-text part that goes to `path` on the journey's server. */
function linkIn(text: string, pathname: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((candidate) => new URL(candidate).pathname.endsWith(pathname));
  if (!link) throw new Error(`no link to ${pathname} in:\n${text}`);
  return link;
}

type Cooperative = { legalName: string; taxCode: string; email: string; password: string };

function cooperative(language: Language): Cooperative {
  const tag = `${language}${Date.now().toString(36)}`;
  return {
    legalName: language === "vi" ? `Hợp tác xã Nông sản Mường Động ${tag}` : `Mai Chau Weaving Cooperative ${tag}`,
    taxCode: `54${String(Date.now()).slice(-8)}`,
    email: `hoptacxa.${tag}@journey.example`,
    password: "mật khẩu hợp tác xã 2026",
  };
}

async function register(page: Page, language: Language, coop: Cooperative) {
  const t = messagesOf(language);
  const fields = t.admin.producers.fields;
  const next = () => page.getByRole("button", { name: t.register.next, exact: true }).click();
  await page.goto(`${prefixOf(language)}/register`);
  await expect(page.locator("h1")).toHaveText(t.register.title);

  // 1. The organisation.
  await page.getByLabel(fields.type).selectOption("COOPERATIVE");
  await page.getByLabel(fields.legalName).fill(coop.legalName);
  await page.getByLabel(fields.taxCode).fill(coop.taxCode);
  await page.getByLabel(fields.legalRepName).fill("Bùi Văn Thắng");
  await next();

  // 2. The address (province, then commune: no district) and contacts.
  await page.getByLabel(fields.provinceId).selectOption({ label: language === "vi" ? "Phú Thọ" : "Phu Tho" });
  const commune = page.getByLabel(fields.communeId);
  await expect(commune.locator("option")).not.toHaveCount(1);
  await commune.selectOption({ index: 1 });
  await page.getByLabel(fields.street).fill("Xóm Vó Mái");
  await page.getByLabel(fields.phone).fill("0218 3851 234");
  await next();

  // 3. The description and the business registration scan.
  await page.getByLabel(fields.descriptionVi).fill("Hợp tác xã thu mua và chế biến nông sản của bà con xã Mường Động.");
  await page.getByLabel(t.register.fields.scan).setInputFiles(PDF);
  await next();

  // 4. The account, then send.
  await field(page, t.register.fields.accountName).fill("Bùi Thị Lan");
  await field(page, t.register.fields.accountEmail).fill(coop.email);
  await field(page, t.register.fields.password).fill(coop.password);
  await field(page, t.register.fields.confirmPassword).fill(coop.password);
  await page.getByRole("button", { name: t.register.submit, exact: true }).click();
  await expect(page.locator("h1")).toHaveText(t.register.sent.title);
}

/** Opens the confirmation link of the mail that arrived, confirms, and lands in the portal. */
async function confirmFromMail(page: Page, language: Language, coop: Cooperative) {
  const t = messagesOf(language);
  const mail = await waitForMail(smtp, coop.email, new RegExp(t.mail.confirmEmail.subject));
  expect(mail.headers.get("content-language")).toBe(language);
  await page.goto(linkIn(textOf(mail), "/register/confirm"));
  await page.getByRole("button", { name: t.register.confirm.button }).click();
  await expect(page).toHaveURL(new RegExp(`${prefixOf(language)}/portal$`));
}

async function signInAsAdmin(page: Page, language: Language) {
  const t = messagesOf(language);
  await page.goto(`${prefixOf(language)}/login`);
  await page.getByLabel(t.admin.signIn.email).fill(ADMIN.email);
  await page.getByLabel(t.admin.signIn.password).fill(ADMIN.password);
  await page.getByRole("button", { name: t.admin.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${prefixOf(language)}/admin$`));
}

/** Staff open an item from the review queue by the name it is listed under. */
async function openFromQueue(staff: Page, language: Language, name: string) {
  await staff.goto(`${prefixOf(language)}/admin/reviews`);
  await staff.getByRole("main").getByRole("link", { name }).first().click();
  await expect(staff.getByTestId("review-decisions")).toBeVisible();
}

async function decide(staff: Page, language: Language, decision: "approve" | "request_changes", message?: string) {
  const t = messagesOf(language);
  const form = staff.getByTestId(`review-${decision}`);
  if (message) await form.getByLabel(t.admin.reviews.changesMessage).fill(message);
  await form.getByRole("button", { name: t.admin.reviews[decision], exact: true }).click();
  await expect(staff).toHaveURL(new RegExp(`${prefixOf(language)}/admin/reviews$`));
}

/** Registration to the first approval, in `language`; returns the producer's signed-in page. */
async function registerUntilApproved(browser: Browser, language: Language, coop: Cooperative): Promise<Page> {
  const t = messagesOf(language);
  const producer = await newPage(browser);
  await register(producer, language, coop);
  await confirmFromMail(producer, language, coop);
  await expect(producer.getByTestId("producer-status")).toContainText(t.admin.producers.status_PENDING);

  // Staff ask for a change; the producer is told by mail and in the portal.
  const staff = await newPage(browser);
  await signInAsAdmin(staff, language);
  const request = language === "vi" ? "Vui lòng bổ sung tên tiếng Anh của hợp tác xã trong phần giới thiệu." : "Please add an English description of the cooperative.";
  await openFromQueue(staff, language, coop.legalName);
  await decide(staff, language, "request_changes", request);
  const asked = await waitForMail(smtp, coop.email, new RegExp(t.mail.reviewDecision.subject_changes_requested.replace("{{item}}", ".*")));
  expect(textOf(asked)).toContain(request);

  // The producer fixes its profile and sends it back.
  await producer.goto(`${prefixOf(language)}/portal`);
  await expect(producer.getByTestId("producer-status")).toContainText(request);
  await producer.goto(`${prefixOf(language)}/portal/profile`);
  await producer.getByLabel(t.admin.producers.fields.descriptionEn).fill("A cooperative that buys and processes the farm produce of Muong Dong commune.");
  await producer.getByRole("button", { name: t.portal.profile.save, exact: true }).click();
  await producer.goto(`${prefixOf(language)}/portal`);
  await producer.getByLabel(t.portal.status.resubmitMessage).fill(language === "vi" ? "Đã bổ sung phần giới thiệu tiếng Anh." : "Added the English description.");
  await producer.getByRole("button", { name: t.portal.status.resubmit, exact: true }).click();
  await expect(producer.getByTestId("producer-status")).toContainText(t.admin.producers.status_PENDING);

  // Staff approve; the producer is told.
  await openFromQueue(staff, language, coop.legalName);
  await expect(staff.getByText("A cooperative that buys and processes")).toBeVisible();
  await decide(staff, language, "approve");
  await waitForMail(smtp, coop.email, new RegExp(t.mail.reviewDecision.subject_approved.replace("{{item}}", ".*")));
  await producer.goto(`${prefixOf(language)}/portal`);
  await expect(producer.getByTestId("producer-status")).toContainText(t.admin.producers.status_APPROVED);
  await staff.context().close();
  return producer;
}

test("in Vietnamese: a cooperative registers, is approved after a requested change, and its product with a 4★ certificate reaches the catalogue", async ({ browser }) => {
  const t = vi;
  const coop = cooperative("vi");
  const producer = await registerUntilApproved(browser, "vi", coop);

  // The producer proposes a product, with an image and the certificate it already holds.
  const productName = `Mận hậu Mường Động sấy dẻo ${Date.now().toString(36)}`;
  await producer.goto("/portal/products/new");
  await producer.getByLabel(t.admin.products.fields.nameVi).fill(productName);
  await producer.getByLabel(t.admin.products.fields.productSetId).selectOption("4");
  await producer.getByRole("button", { name: t.portal.product.proposeSubmit }).click();
  await expect(producer).toHaveURL(/\/portal\/products\/\d+$/);
  const productPath = new URL(producer.url()).pathname;

  await producer.goto(`${productPath}/images`);
  const image = await plainPng();
  const upload = producer.locator("form#image-upload");
  await upload.locator('input[type="file"]').setInputFiles({ name: "man-hau.png", mimeType: image.type, buffer: image.bytes });
  await field(upload, t.admin.media.altVi).fill("Mận hậu sấy dẻo trong túi giấy");
  await upload.getByRole("button", { name: t.admin.media.upload, exact: true }).click();
  await expect(producer.getByTestId("image-item")).toHaveCount(1);

  await producer.goto(productPath);
  await producer.getByRole("link", { name: t.portal.certificates.add }).click();
  const decisionNumber = `${Date.now() % 10_000}/QĐ-UBND`;
  const certification = t.admin.certifications;
  await producer.getByLabel(certification.field_decisionNumber).fill(decisionNumber);
  await producer.getByLabel(certification.field_signedOn).fill(formatDate(addDays(vietnamToday(), -60)));
  await producer.getByLabel(certification.field_stars).selectOption("4");
  await producer.getByLabel(certification.field_issuerLevel).selectOption("PROVINCE");
  await producer.getByLabel(certification.field_issuerName).fill("UBND tỉnh Phú Thọ");
  await producer.getByLabel(t.portal.certificates.scan).setInputFiles({ ...PDF, name: "quyet-dinh.pdf" });
  await producer.getByRole("button", { name: t.portal.certificates.submit }).click();
  await expect(producer).toHaveURL(new RegExp(`${productPath}$`));
  await expect(producer.getByTestId("product-certificates")).toContainText(t.portal.certificates.review_PENDING);

  // Not public yet.
  const visitor = await newPage(browser);
  await visitor.goto(`/products?q=${encodeURIComponent("man hau muong dong say deo")}`);
  await expect(visitor.getByRole("link", { name: productName })).toHaveCount(0);

  // Staff approve the product and verify its certificate.
  const staff = await newPage(browser);
  await signInAsAdmin(staff, "vi");
  await openFromQueue(staff, "vi", productName);
  await decide(staff, "vi", "approve");
  await openFromQueue(staff, "vi", decisionNumber);
  await decide(staff, "vi", "approve");

  // The public finds it without accents, with its certificate valid.
  await visitor.goto(`/products?q=${encodeURIComponent("man hau muong dong say deo")}`);
  await visitor.getByRole("link", { name: productName }).first().click();
  await expect(visitor.locator("h1")).toHaveText(productName);
  await expect(visitor.getByText(t.certification.status_valid).first()).toBeVisible();
  await expect(visitor.getByText(decisionNumber).first()).toBeVisible();
});

test("in English: a cooperative registers, confirms its address, and is approved after a requested change", async ({ browser }) => {
  const producer = await registerUntilApproved(browser, "en", cooperative("en"));
  await expect(producer.getByTestId("producer-status")).toContainText(en.admin.producers.status_APPROVED);
});
