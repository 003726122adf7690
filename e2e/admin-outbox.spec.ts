// The admin outbox on the demo server, which has no SMTP: a mail the app
// queues is KEPT by the server's sender, and an admin reads it (its link,
// its plain-text part, its HTML part as escaped source), in Vietnamese and
// English, axe-clean, and puts it back in the queue (audited). The mail is
// queued through the app's own queueMail, in a process of its own.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { en } from "../app/i18n/en";
import { vi } from "../app/i18n/vi";
import { E2E_DATABASE, E2E_PORT } from "../playwright.config";
import { readDemoDatabase } from "./oracle";

const DATABASE_URL = `file:./${E2E_DATABASE}`;
const ADMIN = { email: "admin@ocop.example", password: "demo-admin-2026" };

/** Queues a Vietnamese confirmation mail with `link`; returns its outbox id. */
function queueFixtureMail(to: string, link: string): number {
  // tsx --eval compiles to CommonJS: no top-level await.
  const script = `
    import { createDatabase } from "./app/db.server";
    import { queueMail } from "./app/modules/mail/outbox.server";
    void (async () => {
      const db = createDatabase(process.env.DATABASE_URL!);
      const id = await queueMail(db, ${JSON.stringify(to)}, "vi", { kind: "confirm_email", name: "Nguyễn Thị Hoa", organisation: "HTX Chè Tân Cương", url: ${JSON.stringify(link)}, hours: 48 });
      await db.$disconnect();
      process.stdout.write("ID:" + id + "\\n");
    })();`;
  const output = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--eval", script], { env: { ...process.env, DATABASE_URL }, encoding: "utf8" });
  return Number(/ID:(\d+)/.exec(output)?.[1]);
}

const mailStatus = (id: number) => readDemoDatabase((sqlite) => (sqlite.prepare(`SELECT status FROM OutboxMessage WHERE id = ?`).get(id) as { status: string }).status);


test("a mail queued without SMTP is kept, read by an admin with its link, and queued again @writes", async ({ page }) => {
  test.setTimeout(90_000);
  const tag = `${Date.now()}`;
  const to = `hoa.${tag}@e2e.example`;
  const link = `http://127.0.0.1:${E2E_PORT}/xac-nhan-email?token=e2e-${tag}`;
  const id = queueFixtureMail(to, link);
  expect(id).toBeGreaterThan(0);
  // The server's sender runs every 5 s; without SMTP it keeps the mail.
  await expect.poll(() => mailStatus(id), { timeout: 30_000 }).toBe("KEPT");

  await page.goto("/login");
  const form = page.locator("form#sign-in");
  await form.getByLabel(new RegExp(`^${vi.admin.signIn.email}( \\*)?$`)).fill(ADMIN.email);
  await form.getByLabel(new RegExp(`^${vi.admin.signIn.password}( \\*)?$`)).fill(ADMIN.password);
  await form.getByRole("button", { name: vi.admin.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);

  await page.goto(`/admin/outbox?to=${encodeURIComponent(to)}`);
  await expect(page.getByTestId("outbox-no-smtp")).toBeVisible();
  const row = page.getByTestId("outbox-row");
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-status", "KEPT");
  await expect(row).toContainText(to);
  await expect(row).toContainText(vi.admin.outbox.status_KEPT);
  await expectNoViolations(page);

  await row.getByRole("link", { name: vi.mail.confirmEmail.subject }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/outbox/${id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(vi.mail.confirmEmail.subject);
  await expect(page.getByTestId("mail-links").getByRole("link", { name: link })).toHaveAttribute("href", link);
  await expect(page.getByTestId("mail-text")).toContainText(link);
  // The HTML part is shown as its source, escaped: its link is text, not a link of the page.
  await page.getByText(vi.admin.outbox.htmlSource).click();
  await expect(page.getByTestId("mail-html")).toContainText(`<a href="${link}">${vi.mail.confirmEmail.action}</a>`);
  await expectNoViolations(page);

  await page.getByRole("button", { name: vi.admin.outbox.retry }).click();
  await expect(page.getByTestId("toast")).toContainText(vi.admin.shell.toastStatus);
  const audited = readDemoDatabase(
    (sqlite) => sqlite.prepare(`SELECT COUNT(*) AS n FROM AuditEvent WHERE action = 'mail_retry' AND entityType = 'mail' AND entityId = ?`).get(id) as { n: number },
  );
  expect(audited.n).toBe(1);
  // Back in the queue, the sender (nudged by the retry) keeps it again: still no SMTP.
  await expect.poll(() => mailStatus(id), { timeout: 30_000 }).toBe("KEPT");

  await page.goto(`/en/admin/outbox/${id}`);
  await expect(page.getByRole("heading", { name: en.admin.outbox.textPart })).toBeVisible();
  await expect(page.getByTestId("mail-status")).toHaveText(en.admin.outbox.status_KEPT);
  await expectNoViolations(page);
});
