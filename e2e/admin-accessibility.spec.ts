// Every admin page, in Vietnamese and English, has no WCAG 2.1 A/AA violation
// axe can find, signed in as the admin; so has the sign-in page. An admin
// page on a phone scrolls sideways only inside its tables.
// Signing in writes (a session and an audit row), hence @writes: these run
// after the read-only tests. The admin signs in once per worker, through the
// form, and every test reuses that session.
import { test as base, devices, expect, type BrowserContext } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { vi } from "../app/i18n/vi";
import { readDemoDatabase } from "./oracle";

const ADMIN = { email: "admin@ocop.example", password: "demo-admin-2026" };

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

const test = base.extend<object, { adminSession: StorageState }>({
  adminSession: [
    async ({ browser }, provide, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const page = await context.newPage();
      await page.goto("/login");
      const form = page.locator("form#sign-in");
      // The labels end with the required mark (" *").
      await form.getByLabel(new RegExp(`^${vi.admin.signIn.email}( \\*)?$`)).fill(ADMIN.email);
      await form.getByLabel(new RegExp(`^${vi.admin.signIn.password}( \\*)?$`)).fill(ADMIN.password);
      await form.getByRole("button", { name: vi.admin.signIn.submit, exact: true }).click();
      await expect(page).toHaveURL(/\/admin$/);
      const state = await context.storageState();
      await context.close();
      await provide(state);
    },
    { scope: "worker" },
  ],
  storageState: async ({ adminSession }, provide) => provide(adminSession),
});

type RecordIds = { producer: number; product: number; certification: number; account: number };

/** One record of each kind from the demo database (read only): the first seeded ones, and the national editor's account. */
function recordIds(): RecordIds {
  return readDemoDatabase((sqlite) => {
    const one = (sql: string) => {
      const row = sqlite.prepare(sql).get() as { id: number } | undefined;
      if (!row) throw new Error(`no row for ${sql}`);
      return row.id;
    };
    return {
      producer: one(`SELECT id FROM Producer ORDER BY id LIMIT 1`),
      product: one(`SELECT id FROM Product ORDER BY id LIMIT 1`),
      certification: one(`SELECT id FROM Certification ORDER BY id LIMIT 1`),
      account: one(`SELECT id FROM User WHERE email = 'editor@ocop.example'`),
    };
  });
}

const ADMIN_PAGES = [
  "/admin",
  "/admin/producers",
  "/admin/producers/new",
  "/admin/producers/:producer",
  "/admin/products",
  "/admin/products/new",
  "/admin/products/:product",
  "/admin/certifications",
  "/admin/certifications/new",
  "/admin/certifications/:certification",
  "/admin/audit",
  "/admin/accounts",
  "/admin/accounts/new",
  "/admin/accounts/:account",
  "/admin/account",
  // e2e/admin-reviews.spec.ts checks /admin/reviews in both languages; admin-outbox.spec.ts the outbox only filtered, in Vietnamese.
  "/admin/outbox",
];

const withIds = (path: string, ids: RecordIds) => path.replace(/:(producer|product|certification|account)\b/, (_match, kind: keyof RecordIds) => String(ids[kind]));


for (const prefix of ["", "/en"]) {
  for (const template of ADMIN_PAGES) {
    test(`no WCAG 2.1 AA violations on ${prefix}${template}, signed in as the admin @writes`, async ({ page }) => {
      const path = `${prefix}${withIds(template, recordIds())}`;
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      // Still signed in (not sent to the sign-in page), and the page is the one asked for.
      expect(new URL(page.url()).pathname).toBe(path.split("?")[0]);
      await expect(page.getByTestId("signed-in-as")).toBeVisible();
      await expectNoViolations(page);
    });
  }
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const path of ["/login", "/en/login", "/login?redirectTo=%2Fadmin%2Fproducts"]) {
    test(`no WCAG 2.1 AA violations on ${path} @writes`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator("form#sign-in")).toBeVisible();
      await expectNoViolations(page);
    });
  }
});

test.describe("on a phone", () => {
  // Pixel 7's viewport, touch and user agent (the browser is the project's).
  const { defaultBrowserType: _browser, ...pixel7 } = devices["Pixel 7"];
  test.use(pixel7);

  for (const template of ["/admin/products", "/en/admin/audit", "/admin/certifications/:certification"]) {
    test(`${template} does not scroll sideways except inside its tables @writes`, async ({ page }) => {
      await page.goto(withIds(template, recordIds()));
      await expect(page.getByTestId("signed-in-as")).toBeVisible();
      const layout = await page.evaluate(() => {
        window.scrollTo(0, 0);
        const width = document.documentElement.clientWidth;
        const describe = (element: Element) =>
          `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.classList.length ? `.${[...element.classList].join(".")}` : ""} (right edge ${Math.round(element.getBoundingClientRect().right)})`;
        const offenders = [...document.body.querySelectorAll("*")]
          .filter((element) => !element.closest(".admin-table-wrap"))
          .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.right > width + 1;
          })
          .map(describe);
        return { width, scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 10) };
      });
      expect(layout.width).toBeLessThan(500);
      expect(layout.offenders, "elements wider than the screen outside .admin-table-wrap").toEqual([]);
      expect(layout.scrollWidth, "the page's own width").toBeLessThanOrEqual(layout.width);
    });
  }
});
