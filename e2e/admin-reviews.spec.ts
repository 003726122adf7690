// Staff review in the browser, as the demo admin (a session written by the
// fixtures, e2e/support/review-fixtures.ts): the queue lists what producers
// sent; a revision shows side by side with the live product and goes back to
// the producer with a message; a product proposal is approved and its
// certificate verified, after which the product is public. Queue and review
// pages are axe-clean. The fixtures live in Hà Nội and are removed afterwards.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { vi } from "../app/i18n/vi";
import { en } from "../app/i18n/en";
import { E2E_DATABASE, E2E_PORT } from "../playwright.config";
import { readDemoDatabase } from "./oracle";
import type { ReviewFixtures } from "./support/review-fixtures";

const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
const DATABASE_URL = `file:./${E2E_DATABASE}`;
const reviews = vi.admin.reviews;

function runFixtures(command: "create" | "remove", argument: string): string {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "e2e/support/review-fixtures.ts", command, argument], {
    env: { ...process.env, DATABASE_URL },
    encoding: "utf8",
  });
}


const row = <T>(sql: string, ...params: unknown[]) => readDemoDatabase((sqlite) => sqlite.prepare(sql).get(...params) as T);

// One worker, in order: each step builds on the one before.
test.describe.configure({ mode: "serial" });

test.describe("staff review @writes", () => {
  let fixtures: ReviewFixtures;

  test.beforeAll(() => {
    fixtures = JSON.parse(runFixtures("create", `r${Date.now().toString(36)}`).trim().split("\n").pop()!) as ReviewFixtures;
  });

  test.afterAll(() => {
    if (fixtures) runFixtures("remove", JSON.stringify(fixtures));
  });

  test.beforeEach(async ({ context }) => {
    const [name, ...value] = fixtures.adminCookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: ORIGIN }]);
  });

  test("the queue lists the product proposal, its certificate and the revision, in both languages, axe-clean @writes", async ({ page }) => {
    for (const [prefix, messages] of [["", vi], ["/en", en]] as const) {
      const response = await page.goto(`${prefix}/admin/reviews`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.admin.reviews.title);
      const waiting = page.getByTestId("review-waiting");
      const itemRow = (kind: string, id: number) => waiting.locator(`[data-testid="review-row"][data-kind="${kind}"][data-id="${id}"]`);
      await expect(itemRow("product", fixtures.proposal.productId)).toContainText(fixtures.proposal.nameVi);
      await expect(itemRow("certification", fixtures.proposal.certificationId)).toContainText(fixtures.proposal.decisionNumber);
      await expect(itemRow("revision", fixtures.live.revisionId)).toContainText(fixtures.live.nameVi);
      await expect(itemRow("revision", fixtures.live.revisionId)).toContainText(messages.admin.reviews.kind_revision);
      const count = Number(await page.getByTestId("review-count-product").getAttribute("data-count"));
      expect(count).toBeGreaterThanOrEqual(1);
      await expectNoViolations(page);
    }
  });

  test("a revision shows the live product beside the proposal; staff request changes with a message @writes", async ({ page }) => {
    await page.goto("/admin/reviews");
    await page.getByTestId("review-waiting").locator(`[data-kind="revision"][data-id="${fixtures.live.revisionId}"] a`).click();
    await expect(page).toHaveURL(new RegExp(`/admin/reviews/revisions/${fixtures.live.revisionId}$`));
    const table = page.getByTestId("revision-comparison");
    await expect(table.getByRole("columnheader")).toHaveText([reviews.colField, reviews.colLive, reviews.colProposed, reviews.colChanged]);
    const packaging = table.locator('[data-field="packagingVi"]');
    await expect(packaging).toHaveAttribute("data-changed", "true");
    await expect(packaging.getByRole("cell")).toHaveText(["Chai 500 ml", "Chai 1 lít", reviews.changedYes]);
    await expect(packaging.locator("mark")).toHaveText("Chai 1 lít");
    await expect(table.locator('[data-field="nameEn"]')).toHaveAttribute("data-changed", "true");
    const name = table.locator('[data-field="nameVi"]');
    await expect(name).toHaveAttribute("data-changed", "false");
    await expect(name.getByRole("cell")).toHaveText([fixtures.live.nameVi, fixtures.live.nameVi, reviews.changedNo]);
    await expect(table.locator('[data-field="productSetId"] td').first()).toContainText("Mật ong");
    await expectNoViolations(page);

    // A message is required: the form says so and nothing changes.
    const form = page.getByTestId("review-request_changes");
    await form.getByRole("button", { name: reviews.request_changes }).click();
    await expect(form.getByText(reviews.messageRequired)).toBeVisible();
    expect(row<{ status: string }>(`SELECT status FROM Revision WHERE id = ?`, fixtures.live.revisionId).status).toBe("PENDING");

    const message = "Xin gửi kèm ảnh chai 1 lít mới.";
    await form.getByLabel(reviews.changesMessage).fill(message);
    await form.getByRole("button", { name: reviews.request_changes }).click();
    await expect(page).toHaveURL(/\/admin\/reviews$/);
    await expect(page.getByTestId("toast")).toContainText(vi.admin.shell.toastStatus);
    expect(row<{ status: string }>(`SELECT status FROM Revision WHERE id = ?`, fixtures.live.revisionId).status).toBe("CHANGES_REQUESTED");
    expect(row<{ body: string }>(`SELECT body FROM ReviewMessage WHERE entityType = 'revision' AND entityId = ? AND fromStaff = 1`, fixtures.live.revisionId).body).toBe(message);
    expect(row<{ n: number }>(`SELECT COUNT(*) AS n FROM OutboxMessage WHERE toAddress = ? AND kind = 'review_decision'`, fixtures.accountEmail).n).toBe(1);
    // The live product kept its values; the revision now waits for the producer.
    expect(row<{ packagingVi: string }>(`SELECT packagingVi FROM Product WHERE id = ?`, fixtures.live.productId).packagingVi).toBe("Chai 500 ml");
    await expect(page.getByTestId("review-waiting").locator(`[data-kind="revision"][data-id="${fixtures.live.revisionId}"]`)).toHaveCount(0);
    await page.getByTestId("review-with-producer").locator("summary").click();
    await expect(page.getByTestId("review-sent-back").locator(`[data-kind="revision"][data-id="${fixtures.live.revisionId}"]`)).toBeVisible();
  });

  test("staff approve the product proposal and verify its certificate: the product is public @writes", async ({ page }) => {
    const productPage = `/admin/reviews/products/${fixtures.proposal.productId}`;
    await page.goto(productPage);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(reviews.productTitle.replace("{{name}}", fixtures.proposal.nameVi));
    await expect(page.getByTestId("product-certificates")).toContainText(fixtures.proposal.decisionNumber);
    await expect(page.getByTestId("product-completeness")).toContainText(reviews.certificate_pending);
    await expectNoViolations(page);
    await page.getByTestId("review-approve").getByRole("button", { name: reviews.approve }).click();
    await expect(page).toHaveURL(/\/admin\/reviews$/);
    expect(row<{ status: string }>(`SELECT status FROM Product WHERE id = ?`, fixtures.proposal.productId).status).toBe("PUBLISHED");
    // Not public yet: its only certificate waits for verification.
    expect((await page.request.get(`/products/${fixtures.proposal.slug}`)).status()).toBe(404);

    await page.goto(productPage);
    await expect(page.getByTestId("review-not-waiting")).toBeVisible();
    await page.getByRole("link", { name: reviews.reviewCertificate }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/reviews/certifications/${fixtures.proposal.certificationId}$`));
    await expect(page.getByTestId("certificate-facts")).toContainText(fixtures.proposal.decisionNumber);
    await expect(page.getByTestId("certificate-rules").locator('[data-fits="false"]')).toHaveCount(0);
    await expectNoViolations(page);
    await page.getByTestId("review-approve").getByRole("button", { name: reviews.approve }).click();
    await expect(page).toHaveURL(/\/admin\/reviews$/);
    expect(row<{ reviewStatus: string }>(`SELECT reviewStatus FROM Certification WHERE id = ?`, fixtures.proposal.certificationId).reviewStatus).toBe("APPROVED");

    const publicPage = await page.goto(`/products/${fixtures.proposal.slug}`);
    expect(publicPage?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fixtures.proposal.nameVi);
    expect(row<{ n: number }>(`SELECT COUNT(*) AS n FROM OutboxMessage WHERE toAddress = ? AND kind = 'review_decision'`, fixtures.accountEmail).n).toBe(3);
  });
});
