import { expect, test } from "@playwright/test";
import { expectedOverview } from "./oracle";

test.describe("a newcomer's first visit", () => {
  test("the home page shows the demo catalogue's counts by stars and by group @mobile", async ({ page }) => {
    const expected = expectedOverview();
    expect(expected.total, "the demo seed should certify products").toBeGreaterThan(100);

    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Danh mục sản phẩm OCOP/);
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByTestId("certified-total")).toContainText(`${expected.total} sản phẩm`);

    for (const stars of [3, 4, 5]) {
      await expect(page.getByTestId(`stars-${stars}`).locator(".star-count__number")).toHaveText(
        String(expected.byStars[stars]),
      );
    }
    for (const [code, count] of Object.entries(expected.byGroup)) {
      await expect(page.getByTestId(`group-${code}`).locator("td")).toHaveText(String(count));
    }
    await expect(page.getByRole("note")).toContainText("Dữ liệu minh họa");
  });

  test("the numbers are rendered on the server, before any script runs", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const expected = expectedOverview();
    await page.goto("/");
    await expect(page.getByTestId("stars-4").locator(".star-count__number")).toHaveText(String(expected.byStars[4]));
    await context.close();
  });

  test("English lives under /en and the language switch stays on the page", async ({ page }) => {
    const expected = expectedOverview();
    await page.goto("/");
    await page.getByRole("link", { name: "Xem trang này bằng tiếng Anh" }).click();
    await expect(page).toHaveURL(/\/en$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("OCOP product catalogue");
    await expect(page.getByTestId("certified-total")).toContainText(`${expected.total} products with a valid certificate`);
    await expect(page.getByTestId("group-II").locator("th")).toContainText("Beverages");
    await page.getByRole("link", { name: "View this page in Vietnamese" }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("unknown pages get a 404 page in the page's language", async ({ page }) => {
    const vi = await page.goto("/khong-co-trang-nay");
    expect(vi?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
    const en = await page.goto("/en/no-such-page");
    expect(en?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page).toHaveTitle(/Page not found/);
  });
});

test("healthz reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "sqlite" });
  expect(response.headers()["cache-control"]).toBe("no-store");
});

test("fingerprinted assets are cached for a year and pages are compressed", async ({ page, request }) => {
  await page.goto("/");
  const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
  expect(stylesheet).toMatch(/^\/assets\/.+-[\w-]{8}\.css$/);
  const asset = await request.get(stylesheet!);
  expect(asset.headers()["cache-control"]).toContain("max-age=31536000");
  expect(asset.headers()["cache-control"]).toContain("immutable");
  const html = await request.get("/", { headers: { "Accept-Encoding": "gzip" } });
  expect(html.headers()["content-encoding"]).toBe("gzip");
});
